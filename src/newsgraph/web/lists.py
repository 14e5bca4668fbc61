"""Every list the UI and the API show: one parameterised SQL statement per kind of item,
filters that use the store's indexes, and limit/offset pages.

A list row always carries the document's `hash` (the key of the article page) and the
document's own id, so every row links back to the article it comes from.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field

from ..errors import BadFilter
from ..store.query import DATE_RE, ITEM_DAY, Filter

MAX_LIMIT = 500  # one page
MAX_EXPORT = 10_000  # one CSV or JSON export
COUNT_CAP = 10_000  # totals past this read "10000+" (counting every row costs a scan)


@dataclass
class Page:
    columns: list[str]
    rows: list[dict]
    total: int
    limit: int
    offset: int

    @property
    def capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def next_offset(self) -> int | None:
        end = self.offset + len(self.rows)
        if self.capped:  # past the counted rows: another page while this one is full
            return end if len(self.rows) == self.limit else None
        return end if end < self.total else None


@dataclass(frozen=True)
class Spec:
    """One list: its SELECT (with joins), its filters (name -> SQL condition with one
    parameter) and its order."""

    title: str
    select: str  # SELECT columns FROM tables: the count keeps only the FROM part
    filters: dict[str, str]
    order: str
    dates: str | None = None  # the expression `since` and `until` bound
    hidden: tuple[str, ...] = ("hash",)  # columns the pages do not show as cells
    upper: tuple[str, ...] = field(default=())  # filters compared in upper case
    # Columns of entity ids (JSON arrays) shown as names, resolved for the page's rows
    # only: a correlated subquery would run for every row the sort reads.
    names: tuple[str, ...] = ()
    # With this filter, the order its index gives (newest first without a sort).
    orders: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The FROM part of the select (from its main table on): counting rows does not
        evaluate the columns' correlated subqueries (counts, via names)."""
        return self.select[self.select.rindex(f" FROM {self.main}"):]

    main: str = ""  # the main table and its alias ("claims c"), where the FROM part starts


DOC = "JOIN documents d ON d.hash = {t}.document"


def _ref(alias: str, table: str, column: str, owner: str) -> str:
    return (f"LEFT JOIN {table} {alias} ON {alias}.document = {owner}.document "
            f"AND {alias}.id = {owner}.{column}")



SPECS: dict[str, Spec] = {
    "documents": Spec(
        "Articles",
        "SELECT d.hash, d.id AS document, d.published, d.outlet, d.title, "
        "(SELECT count(*) FROM claims c WHERE c.document = d.hash) AS claims, "
        "(SELECT count(*) FROM events v WHERE v.document = d.hash) AS events FROM documents d",
        {"outlet": "d.outlet = ? COLLATE NOCASE", "id": "d.id = ?"},
        " ORDER BY d.published DESC, d.rowid DESC", dates="d.published", main="documents d",
        orders={"outlet": " ORDER BY d.rowid DESC"}),
    "actors": Spec(
        "Actors",
        "SELECT name, type, country, documents, mentions, claims FROM actors",
        {"name": "name = ? COLLATE NOCASE", "type": "type = ?", "country": "country = ?"},
        " ORDER BY documents DESC, name", hidden=(), upper=("type", "country"), main="actors"),
    "entities": Spec(
        "Entities (per article)",
        "SELECT d.hash, d.id AS document, d.published, e.id, e.name, e.type, e.country, "
        "e.sector, e.roles, e.aliases, json_array_length(e.mentions) AS mentions "
        f"FROM entities e {DOC.format(t='e')}",
        {"name": "e.name = ? COLLATE NOCASE", "type": "e.type = ?", "country": "e.country = ?",
         "document": "e.document = ?"},
        " ORDER BY e.rowid DESC", dates="d.published", upper=("type", "country"),
        main="entities e"),
    "claims": Spec(
        "Claims",
        "SELECT d.hash, d.id AS document, d.published, d.outlet, c.id, s.name AS speaker, "
        "c.source_text AS source, c.via, "
        "c.anonymous, c.channel, c.kind, c.cue_text AS cue, c.content_text AS content "
        f"FROM claims c {DOC.format(t='c')} {_ref('s', 'entities', 'speaker', 'c')}",
        {"speaker": "s.name = ? COLLATE NOCASE", "outlet": "d.outlet = ? COLLATE NOCASE",
         "channel": "c.channel = ?", "kind": "c.kind = ?", "anonymous": "c.anonymous = ?",
         "document": "c.document = ?"},
        " ORDER BY c.rowid DESC", dates="d.published", main="claims c", names=("via",),
        orders={"speaker": " ORDER BY s.rowid DESC, c.rowid DESC",
                "outlet": " ORDER BY d.rowid DESC, c.rowid DESC"}),
    "events": Spec(
        "Events",
        f"SELECT d.hash, d.id AS document, {ITEM_DAY} AS date, v.id, v.type, v.mode, "
        "v.cameo, v.status, a.name AS actor, r.name AS recipient, p.name AS place, "
        "v.trigger_text AS trigger, v.claim "
        f"FROM events v {DOC.format(t='v')} {_ref('a', 'entities', 'actor', 'v')} "
        f"{_ref('r', 'entities', 'recipient', 'v')} {_ref('p', 'places', 'place', 'v')} "
        f"{_ref('t', 'times', 'time', 'v')}",
        {"type": "v.type = ?", "actor": "a.name = ? COLLATE NOCASE",
         "recipient": "r.name = ? COLLATE NOCASE", "place": "p.name = ? COLLATE NOCASE",
         "status": "v.status = ?", "outlet": "d.outlet = ? COLLATE NOCASE",
         "document": "v.document = ?"},
        " ORDER BY v.rowid DESC", dates=ITEM_DAY, upper=("type",), main="events v",
        orders={"actor": " ORDER BY a.rowid DESC, v.rowid DESC",
                "recipient": " ORDER BY r.rowid DESC, v.rowid DESC",
                "place": " ORDER BY p.rowid DESC, v.rowid DESC"}),
    "quantities": Spec(
        "Numbers",
        "SELECT d.hash, d.id AS document, d.published, q.id, q.span_text AS text, q.value, "
        "q.low, q.high, q.approximate, q.unit, o.name AS of, p.name AS place, q.claim "
        f"FROM quantities q {DOC.format(t='q')} {_ref('o', 'entities', 'of', 'q')} "
        f"{_ref('p', 'places', 'place', 'q')}",
        {"unit": "q.unit = ?", "of": "o.name = ? COLLATE NOCASE", "document": "q.document = ?"},
        " ORDER BY q.rowid DESC", dates="d.published", main="quantities q"),
    "places": Spec(
        "Places",
        "SELECT d.hash, d.id AS document, d.published, p.id, p.name, p.kind, p.country, "
        "p.lat, p.lon, p.geonameid, json_array_length(p.mentions) AS mentions "
        f"FROM places p {DOC.format(t='p')}",
        {"name": "p.name = ? COLLATE NOCASE", "kind": "p.kind = ?", "country": "p.country = ?",
         "document": "p.document = ?"},
        " ORDER BY p.rowid DESC", dates="d.published", upper=("country",), main="places p"),
    "times": Spec(
        "Dates and times",
        "SELECT d.hash, d.id AS document, d.published, t.id, t.span_text AS text, t.type, "
        f"t.value FROM times t {DOC.format(t='t')}",
        {"type": "t.type = ?", "value": "t.value = ?", "document": "t.document = ?"},
        " ORDER BY t.rowid DESC", dates="d.published", upper=("type",), main="times t"),
    "links": Spec(
        "Links",
        "SELECT d.hash, d.id AS document, d.published, l.type, l.\"from\", l.\"to\", l.reason, "
        "coalesce(cf.content_text, vf.trigger_text, qf.span_text) AS from_text, "
        "coalesce(ct.content_text, vt.trigger_text, qt.span_text) AS to_text "
        f"FROM links l {DOC.format(t='l')} "
        "LEFT JOIN claims cf ON cf.document = l.document AND cf.id = l.\"from\" "
        "LEFT JOIN events vf ON vf.document = l.document AND vf.id = l.\"from\" "
        "LEFT JOIN quantities qf ON qf.document = l.document AND qf.id = l.\"from\" "
        "LEFT JOIN claims ct ON ct.document = l.document AND ct.id = l.\"to\" "
        "LEFT JOIN events vt ON vt.document = l.document AND vt.id = l.\"to\" "
        "LEFT JOIN quantities qt ON qt.document = l.document AND qt.id = l.\"to\"",
        {"type": "l.type = ?", "document": "l.document = ?"},
        " ORDER BY l.rowid DESC", dates="d.published", main="links l"),
}

BOOLEAN_FILTERS = {"anonymous"}


def filters_of(name: str) -> list[str]:
    spec = SPECS[name]
    return [*spec.filters, *(["since", "until"] if spec.dates else [])]


def _where(spec: Spec, values: dict) -> Filter:
    where = Filter()
    for name, clause in spec.filters.items():
        value = values.get(name)
        if value in (None, ""):
            continue
        if name in BOOLEAN_FILTERS:
            if str(value).lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise BadFilter(f"{name}: true or false, not {value!r}")
            value = 1 if str(value).lower() in ("true", "1", "yes") else 0
        elif name in spec.upper:
            value = str(value).upper()
        where.add(clause, value)
    if spec.dates:
        for bound, op, pad in (("since", ">=", ""), ("until", "<=", "~")):
            value = values.get(bound)
            if value in (None, ""):
                continue
            if not DATE_RE.match(value):
                raise BadFilter(f"{bound}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            where.add(f"{spec.dates} {op} ?", value + pad)
    return where


ALIAS_RE = re.compile(r"\b([a-z])\.")


def _count_source(spec: Spec, where: Filter) -> str:
    """The FROM part a count needs: the main table and its document, unless a filter
    reads a joined table (the store's indexes make the other joins pointless to count)."""
    alias = spec.main.split()[-1] if " " in spec.main else ""
    used = set(ALIAS_RE.findall(" ".join(where.clauses)))
    if not alias or alias == "d" or not used <= {alias, "d"}:
        return spec.source
    return f" FROM {spec.main} JOIN documents d ON d.hash = {alias}.document"


def _resolve_names(conn: sqlite3.Connection, rows: list[dict], column: str) -> None:
    """A JSON array of entity ids in each row -> their names, '; '-joined (None if empty)."""
    documents = json.dumps(sorted({row["hash"] for row in rows}))
    names = {(document, id_): name for document, id_, name in conn.execute(
        "SELECT document, id, name FROM entities WHERE document IN "
        "(SELECT value FROM json_each(?))", (documents,))}
    for row in rows:
        ids = json.loads(row[column] or "[]")
        row[column] = "; ".join(names[(row["hash"], ref)] for ref in ids
                                if (row["hash"], ref) in names) or None


def fetch(conn: sqlite3.Connection, name: str, values: dict, *, limit: int = 50,
          offset: int = 0, count: bool = True) -> Page:
    """One page of a list, with the number of rows matching (capped at COUNT_CAP)."""
    spec = SPECS[name]
    where = _where(spec, values)
    order = next((spec.orders[k] for k in spec.orders if values.get(k)), spec.order)
    cursor = conn.execute(f"{spec.select}{where.sql()}{order} LIMIT ? OFFSET ?",
                          (*where.params, limit, offset))
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row)) for row in cursor.fetchall()]
    for column in spec.names:
        _resolve_names(conn, rows, column)
    total = offset + len(rows)
    if count and (offset or len(rows) == limit):
        total = conn.execute(f"SELECT count(*) FROM (SELECT 1{_count_source(spec, where)}"
                             f"{where.sql()} LIMIT ?)",
                             (*where.params, COUNT_CAP + 1)).fetchone()[0]
    return Page(columns, rows, total, limit, offset)
