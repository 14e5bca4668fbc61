"""Every list of the store, for the CLI (`newsgraph query`, `newsgraph stories`), the web
pages, the JSON API and its CSV exports alike: one specification per list (its SELECT,
its filters, its order), run by one function, fetch(), with limit/offset pages and a
total of the matching rows.

The same question gives the same rows in the same order everywhere. The order: items
newest stored first; articles by publication date, newest first; actors by their number
of articles, most first, then name; stories by their number of articles, then the latest
date; full-text searches best match first (bm25; past RANK_LIMIT matches, newest stored
first). The row id (a story's position) breaks ties, but between equal bm25 scores,
which keep FTS5's order. A filter on a name or outlet orders by its index: the newest
match first, and its rows newest first.

A row about an article's item always carries the document's `hash` (the key of the
article page) and the document's own id, so every row links back to its article.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field

from ..contract import schema
from ..errors import BadFilter
from .migrations import table_columns
from .query import ITEM_DAY, Filter, date_bounds, order_by_rank

MAX_LIMIT = 500  # one page
MAX_EXPORT = 10_000  # one CSV or JSON export
MAX_OFFSET = 1_000_000_000  # past any store's rows, and far inside SQLite's 64-bit integers
MAX_INTEGER = 2**63 - 1  # SQLite's largest integer: a whole-number filter past it is refused
COUNT_CAP = 10_000  # totals past this read "10000+" (counting every row costs a scan)
MATCH_OPEN, MATCH_CLOSE = "\x02", "\x03"  # what a search's snippet() puts around a match


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

    @property
    def cut(self) -> bool:
        """Whether rows match beyond this page (before or after it)."""
        return self.offset > 0 or self.next_offset is not None

    def shown_total(self) -> str:
        return f"{COUNT_CAP}+" if self.capped else str(self.total)


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
    integers: tuple[str, ...] = ()  # filters that take a whole number
    # Columns of entity ids (JSON arrays) shown as names, resolved for the page's rows
    # only: a correlated subquery would run for every row the sort reads.
    names: tuple[str, ...] = ()
    # With this filter, the order its index gives (newest first without a sort).
    orders: dict[str, str] = field(default_factory=dict)
    main: str = ""  # the main table and its alias ("claims c"), where the FROM part starts
    brief: tuple[str, ...] = ()  # the columns a terminal table shows (all when empty)
    help: dict[str, str] = field(default_factory=dict)  # what a filter takes, where unclear
    # A full-text list: the FTS5 table the `q` filter matches, ranked best first.
    match: str = ""
    snippets: tuple[str, ...] = ()  # columns holding snippet() text with match markers
    # (column, select) for a store older than that column's migration, opened read-only.
    older: tuple[str, str] | None = None
    # Named orders a caller may ask for (`sort`); the first is the default order.
    sorts: dict[str, str] = field(default_factory=dict)
    # Filters over a closed vocabulary (the contract's enums): the pages offer a <select>.
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The FROM part of the select (from its main table on): counting rows does not
        evaluate the columns' correlated subqueries (counts, via names)."""
        return self.select[self.select.rindex(f" FROM {self.main}"):]


DOC = "JOIN documents d ON d.hash = {t}.document"


def _ref(alias: str, table: str, column: str, owner: str) -> str:
    return (f"LEFT JOIN {table} {alias} ON {alias}.document = {owner}.document "
            f"AND {alias}.id = {owner}.{column}")


# Filters on an article as a whole: lists of articles and full-text searches.
ARTICLE_FILTERS = {
    "outlet": "d.outlet = ? COLLATE NOCASE",
    "actor": "EXISTS (SELECT 1 FROM entities e WHERE e.document = d.hash AND "
             "e.name = ? COLLATE NOCASE)",
    "event_type": "EXISTS (SELECT 1 FROM events v WHERE v.document = d.hash AND v.type = ?)"}
ARTICLE_HELP = {"actor": "articles naming this actor", "event_type": "articles with an event "
                "of this PLOVER type"}
ACTOR_HELP = {"type": "PERSON, ORG, GPE, ...", "country": "ISO alpha-3"}
ROLES = ("(SELECT group_concat(value, '; ') FROM (SELECT value FROM actor_attributes "
         "WHERE actor = actors.id AND kind = 'role' ORDER BY documents DESC, value LIMIT 3)"
         ") AS roles")

# The stories list's orders: by size (the default), by the latest report, by the days
# between the first and the last report; ties by size, then the order stories were made.
STORY_SORTS = {
    "size": " ORDER BY documents DESC, last_date DESC, position",
    "latest": " ORDER BY last_date IS NULL, last_date DESC, documents DESC, position",
    "span": " ORDER BY coalesce(julianday(last_date) - julianday(first_date), -1) DESC, "
            "documents DESC, position"}


def _enum(definition: str, field_name: str) -> tuple[str, ...]:
    """A closed vocabulary of the analysis contract (its JSON Schema's enum)."""
    values = schema()["$defs"][definition]["properties"][field_name]["enum"]
    return tuple(v for v in values if v is not None)


ENTITY_TYPES = _enum("entity", "type")

SPECS: dict[str, Spec] = {
    "documents": Spec(
        "Articles",
        "SELECT d.hash, d.id AS document, d.published, d.outlet, d.title, "
        "(SELECT count(*) FROM claims c WHERE c.document = d.hash) AS claims, "
        "(SELECT count(*) FROM events v WHERE v.document = d.hash) AS events FROM documents d",
        {**ARTICLE_FILTERS, "id": "d.id = ?"},
        " ORDER BY d.published DESC, d.rowid DESC", dates="d.published", main="documents d",
        upper=("event_type",), orders={"outlet": " ORDER BY d.rowid DESC"},
        help={**ARTICLE_HELP, "id": "the article's own id"}),
    "actors": Spec(
        "Actors",
        "SELECT name, type, country, documents, mentions, claims, first_seen, last_seen, "
        f"{ROLES} FROM actors",
        {"name": "name = ? COLLATE NOCASE", "type": "type = ?", "country": "country = ?"},
        " ORDER BY documents DESC, name, rowid", hidden=(), upper=("type", "country"),
        main="actors",
        help=ACTOR_HELP, choices={"type": ENTITY_TYPES},
        older=("first_seen", "SELECT name, type, country, documents, mentions, claims "
                             "FROM actors")),
    "entities": Spec(
        "Entities (per article)",
        "SELECT d.hash, d.id AS document, d.published, e.id, e.name, e.type, e.country, "
        "e.sector, e.roles, e.aliases, json_array_length(e.mentions) AS mentions "
        f"FROM entities e {DOC.format(t='e')}",
        {"name": "e.name = ? COLLATE NOCASE", "type": "e.type = ?", "country": "e.country = ?",
         "document": "e.document = ?"},
        " ORDER BY e.rowid DESC", dates="d.published", upper=("type", "country"),
        main="entities e", help=ACTOR_HELP, choices={"type": ENTITY_TYPES}),
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
                "outlet": " ORDER BY d.rowid DESC, c.rowid DESC"},
        brief=("document", "published", "outlet", "speaker", "kind", "cue", "content"),
        choices={"kind": _enum("claim", "kind"), "channel": _enum("claim", "channel"),
                 "anonymous": ("true", "false")},
        help={"speaker": "the speaker's canonical name", "anonymous": "true or false",
              "kind": "direct, indirect or mixed",
              "channel": "tweet, statement, report, interview, testimony, document, broadcast"}),
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
                "place": " ORDER BY p.rowid DESC, v.rowid DESC"},
        brief=("document", "date", "type", "mode", "status", "actor", "recipient", "place",
               "trigger"),
        choices={"type": _enum("event", "type"), "status": _enum("event", "status")},
        help={"type": "PLOVER type: ASSAULT, RETREAT, ...",
              "status": "asserted, planned, threatened, hypothetical, negated or denied"}),
    "quantities": Spec(
        "Numbers",
        "SELECT d.hash, d.id AS document, d.published, q.id, q.span_text AS text, q.value, "
        "q.low, q.high, q.approximate, q.unit, o.name AS of, p.name AS place, q.claim "
        f"FROM quantities q {DOC.format(t='q')} {_ref('o', 'entities', 'of', 'q')} "
        f"{_ref('p', 'places', 'place', 'q')}",
        {"unit": "q.unit = ?", "of": "o.name = ? COLLATE NOCASE", "document": "q.document = ?"},
        " ORDER BY q.rowid DESC", dates="d.published", main="quantities q",
        brief=("document", "published", "text", "value", "low", "high", "unit", "of"),
        help={"unit": "singular lemma or code: troop, km, USD",
              "of": "the actor the number counts"}),
    "places": Spec(
        "Places",
        "SELECT d.hash, d.id AS document, d.published, p.id, p.name, p.kind, p.country, "
        "p.lat, p.lon, p.geonameid, json_array_length(p.mentions) AS mentions "
        f"FROM places p {DOC.format(t='p')}",
        {"name": "p.name = ? COLLATE NOCASE", "kind": "p.kind = ?", "country": "p.country = ?",
         "document": "p.document = ?"},
        " ORDER BY p.rowid DESC", dates="d.published", upper=("country",), main="places p",
        choices={"kind": _enum("place", "kind")},
        help={"country": "ISO alpha-2"}),
    "times": Spec(
        "Dates and times",
        "SELECT d.hash, d.id AS document, d.published, t.id, t.span_text AS text, t.type, "
        f"t.value FROM times t {DOC.format(t='t')}",
        {"type": "t.type = ?", "value": "t.value = ?", "document": "t.document = ?"},
        " ORDER BY t.rowid DESC", dates="d.published", upper=("type",), main="times t",
        choices={"type": _enum("time", "type")},
        help={"type": "DATE, TIME, DURATION or SET", "value": "the TIMEX3 value"}),
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
    "stories": Spec(
        "Stories",
        "SELECT id AS story, title, documents, first_date AS first, last_date AS last, "
        "outlets FROM stories",
        {"min_articles": "documents >= ?"},
        " ORDER BY documents DESC, last_date DESC, position", hidden=(), main="stories",
        integers=("min_articles",), help={"min_articles": "stories of at least N articles"},
        sorts=STORY_SORTS),
}

# Full-text searches (FTS5 syntax: words, "phrases", OR, prefix*): the `q` filter.
SEARCHES: dict[str, Spec] = {
    "claims": Spec(
        "Claims matching",
        "SELECT d.hash, d.id AS document, d.published, d.outlet, c.id, s.name AS speaker, "
        f"c.cue_text AS cue, snippet(claims_fts, 0, '{MATCH_OPEN}', '{MATCH_CLOSE}', ' ... ', "
        "24) AS content FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
        f"{DOC.format(t='c')} {_ref('s', 'entities', 'speaker', 'c')}",
        {"q": "claims_fts MATCH ?", **ARTICLE_FILTERS}, "", dates="d.published",
        upper=("event_type",), main="claims_fts", match="claims_fts", snippets=("content",),
        brief=("document", "published", "outlet", "speaker", "cue", "content"),
        help=ARTICLE_HELP),
    "documents": Spec(
        "Articles matching",
        "SELECT d.hash, d.id AS document, d.published, d.outlet, d.title, "
        f"snippet(documents_fts, 1, '{MATCH_OPEN}', '{MATCH_CLOSE}', ' ... ', 16) AS match "
        "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid",
        {"q": "documents_fts MATCH ?", **ARTICLE_FILTERS}, "", dates="d.published",
        upper=("event_type",), main="documents_fts", match="documents_fts",
        snippets=("match",), help=ARTICLE_HELP),
}

BOOLEAN_FILTERS = {"anonymous"}
FILTER_HELP = {"since": "from this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD",
               "until": "to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD",
               "document": "one article (its hash)",
               "q": 'FTS5 query: words, "a phrase", OR, prefix*'}


def filters_of(spec: Spec) -> list[str]:
    return [*spec.filters, *(["since", "until"] if spec.dates else [])]


def describe(spec: Spec, key: str) -> str:
    """What a filter takes, for the CLI's help and the API's parameters."""
    if key in spec.help or key in FILTER_HELP:
        return spec.help.get(key) or FILTER_HELP[key]
    without_case = "COLLATE NOCASE" in spec.filters.get(key, "") or key in spec.upper
    return f"{key.replace('_', ' ')} (exact{', without case' if without_case else ''})"


def plain_snippet(text: str | None) -> str | None:
    """A snippet's match markers as [brackets], for plain text (CLI, JSON, CSV)."""
    return None if text is None else text.replace(MATCH_OPEN, "[").replace(MATCH_CLOSE, "]")


def _value(spec: Spec, name: str, value):
    if name in BOOLEAN_FILTERS:
        if str(value).lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise BadFilter(f"{name}: true or false, not {value!r}")
        return 1 if str(value).lower() in ("true", "1", "yes") else 0
    if name in spec.integers:
        try:
            number = int(value)
        except ValueError:
            raise BadFilter(f"{name}: a whole number, not {value!r}") from None
        if abs(number) > MAX_INTEGER:
            raise BadFilter(f"{name}: a whole number within ±{MAX_INTEGER}, not {value!r}")
        return number
    return str(value).upper() if name in spec.upper else value


def _materialised(conn, spec: Spec) -> dict[str, str]:
    """Expressions of the list that the connection's main table holds as columns (a
    dataset's, newsgraph.dataset.duck: an event's day, a speaker's name and row id):
    filters and orders read those instead of a join. Nothing on a store."""
    found = getattr(conn, "materialised", None)
    return found(spec) if found else {}


def _read_as(text: str, columns: dict[str, str]) -> str:
    for expression, column in columns.items():
        if re.fullmatch(r"\w+\.\w+", expression):  # a column of a joined table
            text = re.sub(rf"\b{re.escape(expression)}\b", column, text)
    return text


def _where(spec: Spec, values: dict, conn=None) -> Filter:
    columns = _materialised(conn, spec)
    where = Filter()
    if spec.match and values.get("q") in (None, ""):
        raise BadFilter("q: nothing to search for")
    for name, clause in spec.filters.items():
        value = values.get(name)
        if value not in (None, ""):
            where.add(_read_as(clause, columns), _value(spec, name, value))
    if spec.dates:
        date_bounds(where, columns.get(spec.dates, spec.dates), values.get("since"),
                    values.get("until"))
    return where


ALIAS_RE = re.compile(r"\b([a-z])\.")
JOIN_RE = re.compile(r"(?<!LEFT) (?=(?:LEFT )?JOIN )")


def _alias(join: str) -> str:
    words = join.split()
    return words[words.index("ON") - 1]


def _count_source(spec: Spec, where: Filter, also: str = "") -> str:
    """The FROM part a count needs: the main table and the joins a filter reads (and
    `also`, an order), with the joins those go through. Every item has its document and
    every full-text row its item, so a join that no filter reads cannot change the count
    (and costs a lookup a row)."""
    main, *joins = JOIN_RE.split(spec.source)
    by_alias = {_alias(join): join for join in joins}
    needed, pending = set(), set(ALIAS_RE.findall(" ".join([*where.clauses, also])))
    while pending:
        alias = pending.pop()
        if alias in by_alias and alias not in needed:
            needed.add(alias)
            pending |= set(ALIAS_RE.findall(by_alias[alias]))
    return main + "".join(f" {join}" for join in joins if _alias(join) in needed)


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


def _order(conn: sqlite3.Connection, spec: Spec, values: dict, sort: str | None = None) -> str:
    if sort:
        if sort not in spec.sorts:
            raise BadFilter(f"sort: one of {', '.join(spec.sorts) or 'nothing'}, not "
                            f"{sort[:40]!r}")
        return spec.sorts[sort]
    if spec.match:
        return order_by_rank(conn, spec.match, values["q"])
    return next((spec.orders[k] for k in spec.orders if values.get(k)), spec.order)


def _select(conn: sqlite3.Connection, spec: Spec) -> str:
    if spec.older and spec.older[0] not in table_columns(conn, spec.main.split()[0]):
        return spec.older[1]
    return spec.select


def hashes(conn: sqlite3.Connection, spec: Spec, values: dict, *, limit: int) -> list[str]:
    """The hashes of the first `limit` articles a list of articles matches, in the order
    the store finds them (for counting over them, as search facets do)."""
    where = _where(spec, values, conn)
    return [row[0] for row in conn.execute(f"SELECT d.hash{spec.source}{where.sql()} LIMIT ?",
                                           (*where.params, limit))]


JOIN_TABLE_RE = re.compile(r"^((?:LEFT )?JOIN )(\w+) (\w+) ON ")


def _keyed_rows(conn, spec: Spec, where: Filter, order: str, limit: int, offset: int,
                count: bool):
    """A page in two steps, for DuckDB over a large dataset (a connection with
    `keyed_pages`): the page's row ids in the list's order, reading only the joins its
    filters and order read; then its columns, every joined table read for the page's
    documents only. DuckDB would otherwise build a hash table of each joined table (every
    entity of a million articles, twice for an event's actor and recipient) before the
    sort keeps 20 rows. The orders end on a row id, so both steps agree on the page.
    Within the counted rows the first step reads the ids of all of them (up to
    COUNT_CAP + 1) when its filters read a join, which gives the total without a second
    pass over the joins (without one, counting the main table's rows is cheaper than
    sorting 10,001 of them). Returns (cursor, rows, total or None)."""
    table, alias = spec.main.split()
    key = "hash" if table == "documents" else "document"
    joined = JOIN_RE.search(_count_source(spec, where)) is not None
    counted = count and joined and offset + limit <= COUNT_CAP + 1
    window = (COUNT_CAP + 1, 0) if counted else (limit, offset)
    source = _count_source(spec, where, order)
    picked = conn.execute(f"SELECT {alias}.rowid, {alias}.{key}{source}{where.sql()}{order} "
                          "LIMIT ? OFFSET ?", (*where.params, *window)).fetchall()
    total = len(picked) if counted else None
    if counted:
        picked = picked[offset:offset + limit]
    if not picked:
        cursor = conn.execute(f"{spec.select} WHERE false")
        return cursor, [], total
    rowids = [row[0] for row in picked]
    documents = sorted({row[1] for row in picked})
    marks = ", ".join("?" * len(documents))
    # The page's columns the main table holds (a dataset's names, an event's day) need
    # no join: only the joins the other columns read (every join's ON reads the main
    # table only, so none needs another).
    materialised = _materialised(conn, spec)
    head = _read_as(spec.select[:len(spec.select) - len(spec.source)], materialised)
    for expression, column in materialised.items():
        head = head.replace(expression, column)  # the date expression, whole
    main, *joins = JOIN_RE.split(spec.source)
    joins = [join for join in joins if re.search(rf"\b{_alias(join)}\.", head + order)]
    parts = [f" FROM (SELECT * FROM {table} WHERE rowid IN ({', '.join('?' * len(rowids))})) "
             f"{alias}"]
    params: list = list(rowids)
    for join in joins:
        match = JOIN_TABLE_RE.match(join)
        joined_key = "hash" if match[2] == "documents" else "document"
        parts.append(f" {match[1]}(SELECT * FROM {match[2]} WHERE {joined_key} IN ({marks})) "
                     f"{match[3]} ON {join[match.end():]}")
        params += documents
    cursor = conn.execute(f"{head}{''.join(parts)}{order}", params)
    return cursor, cursor.fetchall(), total


def fetch(conn: sqlite3.Connection, spec: Spec, values: dict, *, limit: int = 50,
          offset: int = 0, count: bool = True, sort: str | None = None) -> Page:
    """One page of a list, with the number of rows matching (capped at COUNT_CAP; without
    `count`, only what this page shows), in the list's order or one of its named `sorts`."""
    where = _where(spec, values, conn)
    try:
        order = _read_as(_order(conn, spec, values, sort), _materialised(conn, spec))
        total = None
        if getattr(conn, "keyed_pages", False) and " " in spec.main and not spec.match:
            cursor, found, total = _keyed_rows(conn, spec, where, order, limit, offset, count)
        else:
            cursor = conn.execute(f"{_select(conn, spec)}{where.sql()}{order} LIMIT ? OFFSET ?",
                                  (*where.params, limit, offset))
            found = cursor.fetchall()
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row)) for row in found]
    except sqlite3.OperationalError as exc:
        if not spec.match or "interrupted" in str(exc):  # a caller's time budget stopped it
            raise
        raise BadFilter(f"q: FTS5 cannot read {values['q']!r}: {exc}") from None
    for column in spec.names:
        _resolve_names(conn, rows, column)
    if total is not None:
        return Page(columns, rows, total, limit, offset)
    total = offset + len(rows)
    if count and (offset or len(rows) == limit):
        total = conn.execute(f"SELECT count(*) FROM (SELECT 1{_count_source(spec, where)}"
                             f"{where.sql()} LIMIT ?)",
                             (*where.params, COUNT_CAP + 1)).fetchone()[0]
    return Page(columns, rows, total, limit, offset)
