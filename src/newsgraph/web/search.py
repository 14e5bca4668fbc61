"""Full-text search over articles and claims (the store's list specs SEARCHES, which
`newsgraph query search` runs too) with filters by actor, outlet, event type and date,
and facets over the matching articles. Without words, the articles list with the same
filters."""

from __future__ import annotations

import json
import re
import sqlite3

from ..errors import BadFilter
from ..store.lists import SEARCHES, SPECS, fetch, hashes

# Facets count over the best this many matching articles: the actor facet groups every
# entity of them, 300 ms for 2,000 articles on a 10,000-article store, 30 ms for 500.
FACET_DOCUMENTS = 500
CLAIMS_SHOWN = 20  # matching claims shown beside the articles (best first)
WORD_RE = re.compile(r"\w+", re.UNICODE)
SEARCH_FILTERS = ("outlet", "actor", "event_type", "since", "until")
# A query's cost grows with its terms, and a prefix term (`a*`) reads every indexed word
# it begins: 200 of them took 4 s. The request's time budget (reading.py) is the backstop.
MAX_TERMS = 32
MAX_PREFIX_TERMS = 8


def plain_query(text: str) -> str:
    """Words of a query as FTS5 phrases: what a person typed with stray punctuation
    (an apostrophe, a hyphen) still searches instead of failing on FTS5 syntax."""
    return " ".join(f'"{w}"' for w in WORD_RE.findall(text))


def bounded(text: str) -> str:
    """The query, or a BadFilter when it has more terms or prefix terms than a search may."""
    terms = text.split()
    if len(terms) > MAX_TERMS:
        raise BadFilter(f"a search has at most {MAX_TERMS} terms, not {len(terms)}")
    prefixes = sum(1 for term in terms if term.rstrip('")').endswith("*"))
    if prefixes > MAX_PREFIX_TERMS:
        raise BadFilter(f"a search has at most {MAX_PREFIX_TERMS} prefix terms (word*), "
                        f"not {prefixes}")
    return text


def _match(conn, fts: str, text: str) -> str:
    """The query FTS5 accepts: as typed, or its words when the syntax is wrong (the CLI,
    where FTS5 syntax is meant, says what is wrong instead)."""
    try:
        conn.execute(f"SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT 1", (text,)).fetchall()
        return text
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise  # the time budget, not the syntax
        plain = plain_query(text)
        if not plain:
            raise BadFilter(f"nothing to search for in {text!r}") from None
        return plain


def search(conn: sqlite3.Connection, values: dict, *, limit: int = 20, offset: int = 0) -> dict:
    """Matching articles (best first), matching claims (best first), and facets."""
    text = bounded((values.get("q") or "").strip())
    filters = {k: values.get(k) for k in SEARCH_FILTERS}
    claims = []
    if text:
        spec = SEARCHES["documents"]
        query = {**filters, "q": _match(conn, spec.match, text)}
        claims = fetch(conn, SEARCHES["claims"], {
            **filters, "q": _match(conn, SEARCHES["claims"].match, text)},
            limit=CLAIMS_SHOWN, count=False).rows
    else:
        spec, query = SPECS["documents"], filters
    page = fetch(conn, spec, query, limit=limit, offset=offset)
    matched = hashes(conn, spec, query, limit=FACET_DOCUMENTS)
    return {"query": text, "documents": page.rows, "total": page.total,
            "total_capped": page.capped, "limit": limit, "offset": offset,
            "claims": claims,
            "facets": _facets(conn, json.dumps(matched))}


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
