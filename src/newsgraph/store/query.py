"""The query layer: actors, claims, events, numbers and full-text search over a store.

Each function returns a Result (column names and rows) built from one parameterised SQL
statement, so the CLI, the web UI and scripts share the same queries. Filters use the
indexes the migrations create: names compare case-insensitively and exactly (the NOCASE
index), outlets and dates go through the documents table, text through FTS5.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from ..errors import BadFilter, UsageError
from .migrations import table_columns

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A TIMEX3 value that names a day; other values (P3W, PAST_REF, 2018-W51) fall back to
# the article's publication date.
DAY_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
# The day of an item joined to its time `t` and document `d`.
ITEM_DAY = (f"coalesce(CASE WHEN t.value GLOB '{DAY_GLOB}*' THEN substr(t.value, 1, 10) END, "
            "d.published)")


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


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


def _run(conn: sqlite3.Connection, sql: str, where: Filter, limit: int, tail: str = "") -> Result:
    cursor = conn.execute(f"{sql}{where.sql()}{tail} LIMIT ?", (*where.params, limit))
    return Result([d[0] for d in cursor.description], [tuple(r) for r in cursor.fetchall()])


def _date_bounds(where: Filter, expression: str, since: str | None, until: str | None) -> None:
    """Inclusive bounds; a month or year bound covers the whole month or year."""
    for bound in (since, until):
        if bound is not None and not DATE_RE.match(bound):
            raise BadFilter(f"{bound!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if since:
        where.add(f"{expression} >= ?", since)
    if until:
        where.add(f"{expression} <= ?", until + "~")  # '~' sorts after every date digit


def actors(conn, *, name: str | None = None, type: str | None = None,
           country: str | None = None, limit: int = 20) -> Result:
    """Actors (name, type, country) across documents: articles, mentions, claims, first and
    last seen, their commonest roles; from the running counts the writer keeps (the actors
    and actor_attributes tables)."""
    where = Filter()
    if name:
        where.add("name = ? COLLATE NOCASE", name)
    if type:
        where.add("type = ?", type.upper())
    if country:
        where.add("country = ?", country.upper())
    if "first_seen" not in table_columns(conn, "actors"):
        # A store older than migration 3, opened read-only: its counts only.
        sql = "SELECT name, type, country, documents, mentions, claims FROM actors"
        return _run(conn, sql, where, limit, " ORDER BY documents DESC, name")
    sql = ("SELECT name, type, country, documents, mentions, claims, first_seen, last_seen, "
           "(SELECT group_concat(value, '; ') FROM (SELECT value FROM actor_attributes "
           "WHERE actor = actors.id AND kind = 'role' ORDER BY documents DESC, value LIMIT 3)"
           ") AS roles FROM actors")
    return _run(conn, sql, where, limit, " ORDER BY documents DESC, name")


CLAIM_COLUMNS = ("SELECT d.id AS document, d.published, d.outlet, s.name AS speaker, "
                 "c.kind, c.cue_text AS cue, c.content_text AS content FROM claims c "
                 "JOIN documents d ON d.hash = c.document "
                 "LEFT JOIN entities s ON s.document = c.document AND s.id = c.speaker")


def claims(conn, *, speaker: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 20) -> Result:
    where = Filter()
    if speaker:
        where.add("s.name = ? COLLATE NOCASE", speaker)
    if outlet:
        where.add("d.outlet = ? COLLATE NOCASE", outlet)
    _date_bounds(where, "d.published", since, until)
    # Storage order; with a speaker or outlet, in the order of its index (no sort).
    order = (" ORDER BY s.rowid, c.rowid" if speaker else
             " ORDER BY d.rowid, c.rowid" if outlet else " ORDER BY c.rowid")
    return _run(conn, CLAIM_COLUMNS, where, limit, order)


def events(conn, *, type: str | None = None, actor: str | None = None,
           place: str | None = None, since: str | None = None, until: str | None = None,
           limit: int = 20) -> Result:
    sql = (f"SELECT d.id AS document, {ITEM_DAY} AS date, v.type, v.mode, v.status, "
           "a.name AS actor, r.name AS recipient, p.name AS place, v.trigger_text AS trigger "
           "FROM events v JOIN documents d ON d.hash = v.document "
           "LEFT JOIN entities a ON a.document = v.document AND a.id = v.actor "
           "LEFT JOIN entities r ON r.document = v.document AND r.id = v.recipient "
           "LEFT JOIN places p ON p.document = v.document AND p.id = v.place "
           "LEFT JOIN times t ON t.document = v.document AND t.id = v.time")
    where = Filter()
    if type:
        where.add("v.type = ?", type.upper())
    if actor:
        where.add("a.name = ? COLLATE NOCASE", actor)
    if place:
        where.add("p.name = ? COLLATE NOCASE", place)
    _date_bounds(where, ITEM_DAY, since, until)
    order = (" ORDER BY a.rowid, v.rowid" if actor else
             " ORDER BY p.rowid, v.rowid" if place else " ORDER BY v.rowid")
    return _run(conn, sql, where, limit, order)


def numbers(conn, *, unit: str | None = None, limit: int = 20) -> Result:
    sql = ("SELECT d.id AS document, d.published, q.span_text AS text, q.value, q.low, q.high, "
           "q.unit, o.name AS of FROM quantities q JOIN documents d ON d.hash = q.document "
           "LEFT JOIN entities o ON o.document = q.document AND o.id = q.of")
    where = Filter()
    if unit:
        where.add("q.unit = ?", unit)
    return _run(conn, sql, where, limit, " ORDER BY q.rowid")


# Ranking (bm25) reads every match; past this many, matches come newest-stored first.
RANK_LIMIT = 2000


def order_by_rank(conn, fts: str, text: str) -> str:
    matches = conn.execute(f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} "
                           "MATCH ? LIMIT ?)", (text, RANK_LIMIT + 1)).fetchone()[0]
    return " ORDER BY rank" if matches <= RANK_LIMIT else f" ORDER BY {fts}.rowid DESC"


def search(conn, text: str, *, target: str = "claims", limit: int = 20) -> Result:
    """Full-text search (FTS5 syntax: words, "phrases", OR, prefix*): best matches first,
    or, for a query matching more than RANK_LIMIT rows, the most recently stored first."""
    where = Filter()
    if target == "documents":
        where.add("documents_fts MATCH ?", text)
        sql = ("SELECT d.id AS document, d.published, d.outlet, d.title, "
               "snippet(documents_fts, 1, '[', ']', ' ... ', 12) AS match "
               "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid")
        return _run(conn, sql, where, limit, order_by_rank(conn, "documents_fts", text))
    if target != "claims":
        raise UsageError(f"search target {target!r}: claims or documents")
    where.add("claims_fts MATCH ?", text)
    sql = ("SELECT d.id AS document, d.published, d.outlet, s.name AS speaker, "
           "c.cue_text AS cue, snippet(claims_fts, 0, '[', ']', ' ... ', 16) AS content "
           "FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
           "JOIN documents d ON d.hash = c.document "
           "LEFT JOIN entities s ON s.document = c.document AND s.id = c.speaker")
    return _run(conn, sql, where, limit, order_by_rank(conn, "claims_fts", text))
