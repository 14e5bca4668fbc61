"""Full-text search over articles and claims (the store's FTS5 indexes) with filters by
actor, outlet, event type and date, and facets over the matching articles."""

from __future__ import annotations

import json
import re
import sqlite3

from ..errors import BadFilter
from ..store.query import DATE_RE, Filter, order_by_rank

FACET_DOCUMENTS = 2000  # facets count over the first this many matching articles
WORD_RE = re.compile(r"\w+", re.UNICODE)


def plain_query(text: str) -> str:
    """Words of a query as FTS5 phrases: what a person typed with stray punctuation
    (an apostrophe, a hyphen) still searches instead of failing on FTS5 syntax."""
    return " ".join(f'"{w}"' for w in WORD_RE.findall(text))


def _filters(values: dict) -> Filter:
    where = Filter()
    if values.get("outlet"):
        where.add("d.outlet = ? COLLATE NOCASE", values["outlet"])
    if values.get("actor"):
        where.add("EXISTS (SELECT 1 FROM entities e WHERE e.document = d.hash AND "
                  "e.name = ? COLLATE NOCASE)", values["actor"])
    if values.get("event_type"):
        where.add("EXISTS (SELECT 1 FROM events v WHERE v.document = d.hash AND v.type = ?)",
                  values["event_type"].upper())
    for bound, op, pad in (("since", ">=", ""), ("until", "<=", "~")):
        value = values.get(bound)
        if value:
            if not DATE_RE.match(value):
                raise BadFilter(f"{bound}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            where.add(f"d.published {op} ?", value + pad)
    return where


def _match(conn, fts: str, text: str) -> str:
    """The query FTS5 accepts: as typed, or its words when the syntax is wrong."""
    try:
        conn.execute(f"SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT 1", (text,)).fetchall()
        return text
    except sqlite3.OperationalError:
        plain = plain_query(text)
        if not plain:
            raise BadFilter(f"nothing to search for in {text!r}") from None
        return plain


def search(conn: sqlite3.Connection, values: dict, *, limit: int = 20, offset: int = 0) -> dict:
    """Matching articles (best first), matching claims, and facets."""
    text = (values.get("q") or "").strip()
    where = _filters(values)
    if text:
        query = _match(conn, "documents_fts", text)
        order = order_by_rank(conn, "documents_fts", query)
        base = ("FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ?" + "".join(f" AND {c}" for c in where.clauses))
        params = [query, *where.params]
        columns = ("d.hash, d.id AS document, d.published, d.outlet, d.title, "
                   "snippet(documents_fts, 1, '\x02', '\x03', ' ... ', 16) AS match")
    else:
        query, order = None, " ORDER BY d.published DESC, d.rowid DESC"
        base = "FROM documents d" + where.sql()
        params = list(where.params)
        columns = "d.hash, d.id AS document, d.published, d.outlet, d.title, NULL AS match"
    rows = [dict(r) for r in conn.execute(f"SELECT {columns} {base}{order} LIMIT ? OFFSET ?",
                                          (*params, limit, offset))]
    # The matching articles' hashes, read once: the total and every facet count over them.
    matched = [r[0] for r in conn.execute(f"SELECT d.hash {base} LIMIT ?",
                                          (*params, FACET_DOCUMENTS + 1))]
    total = len(matched)
    return {"query": text, "documents": rows, "total": total,
            "total_capped": total > FACET_DOCUMENTS, "limit": limit, "offset": offset,
            "claims": _claims(conn, text, values, where) if text else [],
            "facets": _facets(conn, json.dumps(matched[:FACET_DOCUMENTS]))}


def _claims(conn, text: str, values: dict, where: Filter) -> list[dict]:
    query = _match(conn, "claims_fts", text)
    base = ("FROM claims_fts f JOIN claims c ON c.rowid = f.rowid "
            "JOIN documents d ON d.hash = c.document "
            "LEFT JOIN entities s ON s.document = c.document AND s.id = c.speaker "
            "WHERE claims_fts MATCH ?" + "".join(f" AND {c}" for c in where.clauses))
    return [dict(r) for r in conn.execute(
        "SELECT d.hash, d.id AS document, d.published, d.outlet, c.id, s.name AS speaker, "
        "c.cue_text AS cue, snippet(claims_fts, 0, '\x02', '\x03', ' ... ', 24) AS content "
        f"{base} ORDER BY f.rowid DESC LIMIT 20", (query, *where.params))]


def _facets(conn, hashes: str) -> dict:
    matched = "SELECT value AS hash FROM json_each(?)"
    return {
        "outlet": _facet(conn, f"SELECT d.outlet AS value, count(*) AS n FROM ({matched}) m "
                         "JOIN documents d ON d.hash = m.hash GROUP BY d.outlet", hashes),
        "actor": _facet(conn, "SELECT e.name AS value, count(DISTINCT e.document) AS n FROM "
                        f"({matched}) m JOIN entities e ON e.document = m.hash "
                        "WHERE e.type <> 'MEDIA' GROUP BY e.name", hashes),
        "event_type": _facet(conn, "SELECT v.type AS value, count(DISTINCT v.document) AS n "
                             f"FROM ({matched}) m JOIN events v ON v.document = m.hash "
                             "GROUP BY v.type", hashes),
        "month": _facet(conn, "SELECT substr(d.published, 1, 7) AS value, count(*) AS n FROM "
                        f"({matched}) m JOIN documents d ON d.hash = m.hash "
                        "GROUP BY value", hashes),
    }


def _facet(conn, sql: str, hashes: str) -> list[dict]:
    return [{"value": r[0], "count": r[1]} for r in conn.execute(
        f"{sql} ORDER BY n DESC, value LIMIT 12", (hashes,)) if r[0] is not None]
