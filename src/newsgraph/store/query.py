"""What every list of the store is built from (newsgraph.store.lists): WHERE clauses added
one condition at a time, date bounds, the day of an item, and the full-text ranking order.
A filter value a list cannot use is a BadFilter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import BadFilter

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A TIMEX3 value that names a day; other values (P3W, PAST_REF, 2018-W51) fall back to
# the article's publication date.
DAY_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
# The day of an item joined to its time `t` and document `d`.
ITEM_DAY = (f"coalesce(CASE WHEN t.value GLOB '{DAY_GLOB}*' THEN substr(t.value, 1, 10) END, "
            "d.published)")


@dataclass
class Filter:
    """WHERE clauses and their parameters, added one condition at a time."""

    clauses: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def date_bounds(where: Filter, expression: str, since: str | None, until: str | None) -> None:
    """Inclusive bounds on `expression`; a month or year bound covers the whole month or
    year."""
    for name, bound, op, pad in (("since", since, ">=", ""), ("until", until, "<=", "~")):
        if bound in (None, ""):
            continue
        if not DATE_RE.match(bound):
            raise BadFilter(f"{name}: {bound!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        where.add(f"{expression} {op} ?", bound + pad)  # '~' sorts after every date digit


# Ranking (bm25) reads every match; past this many, matches come newest-stored first.
RANK_LIMIT = 2000


def order_by_rank(conn, fts: str, text: str) -> str:
    matches = conn.execute(f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} "
                           "MATCH ? LIMIT ?)", (text, RANK_LIMIT + 1)).fetchone()[0]
    return " ORDER BY rank" if matches <= RANK_LIMIT else f" ORDER BY {fts}.rowid DESC"
