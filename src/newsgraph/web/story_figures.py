"""What a story page draws, read from the derived tables the writer keeps (story_documents,
claim_groups, claim_sources, cross_links) and the items of the story's articles: the
reports on a time axis, who relayed whom, which claims rest on how many independent
sources, which outlet carried or denied which claim, the contradictions with the sentences
they stand on, and the numbers each outlet gave over time.

Every query is bounded (LIMIT), so a 200-article story costs a page what a 20-article one
does, give or take the rows it reads by index.
"""

from __future__ import annotations

import json
import re
import sqlite3

from ..stories.origins import outlet_key

MAX_ARTICLES = 500  # rows of story_documents a page reads
MAX_CLAIMS = 5_000  # rows of claim_sources
MAX_MATRIX_CLAIMS = 20  # claims (matched groups) in the claims-by-outlet table
MAX_MATRIX_OUTLETS = 12
MAX_QUANTITIES = 2_000
MAX_UNITS = 3  # units charted: the ones with the most values
EVIDENCE_CHARS = 400
UNKNOWN_OUTLET = "unknown outlet"  # the origin the writer gives an article's own claims
# when the article names no outlet  # characters read either side of a claim to find its sentence


def articles(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    rows = conn.execute(
        "SELECT sd.document AS hash, d.id, d.title, sd.outlet, sd.published, sd.stance, "
        "sd.relays FROM story_documents sd JOIN documents d ON d.hash = sd.document "
        "WHERE sd.story = ? ORDER BY sd.position LIMIT ?", (story_id, MAX_ARTICLES))
    return [{**dict(r), "relays": json.loads(r["relays"] or "[]")} for r in rows]


def claim_rows(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT cs.claim, cs.grp, cs.document, cs.denial, cs.origin, cs.independent, "
        "d.outlet, d.published FROM claim_sources cs JOIN documents d ON d.hash = cs.document "
        "WHERE cs.story = ? ORDER BY cs.position LIMIT ?", (story_id, MAX_CLAIMS))]


def timeline_marks(docs: list[dict], claims: list[dict]) -> list[dict]:
    """One mark per article: a denial when it denies a claim of the story (or its stance
    does), the first report when it is the first to carry a claim others repeat (or opens
    the story), a repeat when what it carries was reported before, else a report."""
    first_of: dict[str, str] = {}
    groups_of: dict[str, set[str]] = {}
    denies: set[str] = set()
    spread: dict[str, set[str]] = {}
    for claim in claims:
        first_of.setdefault(claim["grp"], claim["document"])
        groups_of.setdefault(claim["document"], set()).add(claim["grp"])
        spread.setdefault(claim["grp"], set()).add(claim["document"])
        if claim["denial"]:
            denies.add(claim["document"])
    opening = min((d for d in docs if d["published"]), key=lambda d: d["published"],
                  default=None)
    marks = []
    for doc in docs:
        groups = groups_of.get(doc["hash"], set())
        if doc["hash"] in denies or doc["stance"] == "denies":
            kind = "denial"
        elif (opening is not None and doc["hash"] == opening["hash"]) or any(
                first_of[g] == doc["hash"] and len(spread[g]) > 1 for g in groups):
            kind = "first"
        elif any(first_of[g] != doc["hash"] for g in groups):
            kind = "repeat"
        else:
            kind = "article"
        marks.append({"date": doc["published"], "lane": doc["outlet"] or "unknown outlet",
                      "kind": kind, "label": doc["title"] or doc["id"],
                      "href": f"/articles/{doc['hash']}"})
    return marks


def relay_edges(docs: list[dict], claims: list[dict]) -> list[dict]:
    """source -> outlet: a wire an article credits (relay), and claims an outlet carried
    that came from another outlet or agency (their origin: "told CNN", a wire)."""
    edges: dict[tuple, int] = {}
    for doc in docs:
        for wire in doc["relays"]:
            key = (wire, doc["outlet"] or "unknown outlet", "relay")
            edges[key] = edges.get(key, 0) + 1
    shown = {outlet_key(d["outlet"]): d["outlet"] for d in docs if d["outlet"]}
    for claim in claims:
        outlet = claim["outlet"] or "unknown outlet"
        own = outlet_key(claim["outlet"]) if claim["outlet"] else UNKNOWN_OUTLET
        if claim["origin"] and claim["origin"] != own:
            key = (shown.get(claim["origin"]) or _shown_origin(claim["origin"]), outlet, "claim")
            edges[key] = edges.get(key, 0) + 1
    return [{"source": s, "outlet": o, "kind": k, "count": n}
            for (s, o, k), n in sorted(edges.items())]


def _shown_origin(origin: str) -> str:
    """An origin is stored folded ("cnn", "wall street journal"): an acronym's length in
    capitals, a longer name in title case."""
    if origin != origin.lower():
        return origin
    return origin.upper() if len(origin) <= 4 else origin.title()


def _group_texts(conn: sqlite3.Connection, claims: list[dict], groups: list[str]) -> dict:
    """A matched claim's words: its first member's content (or cue)."""
    firsts = {}
    for claim in claims:
        if claim["grp"] in groups:
            firsts.setdefault(claim["grp"], claim["claim"])
    texts = {key: text for key, text in conn.execute(
        "SELECT key, coalesce(content_text, cue_text, '(no content)') FROM claims WHERE key "
        "IN (SELECT value FROM json_each(?))", (json.dumps(sorted(firsts.values())),))}
    return {group: texts.get(key, "(no content)") for group, key in firsts.items()}


def independent_sources(conn: sqlite3.Connection, story_id: str, claims: list[dict]) -> list:
    """The story's claims carried by several articles, most independent sources first."""
    rows = [dict(r) for r in conn.execute(
        "SELECT id, documents, sources, origins FROM claim_groups WHERE story = ? "
        "AND documents > 1 ORDER BY sources DESC, documents DESC, id LIMIT ?",
        (story_id, MAX_MATRIX_CLAIMS))]
    texts = _group_texts(conn, claims, [r["id"] for r in rows])
    return [{"group": r["id"], "label": texts.get(r["id"], "(no content)"),
             "value": r["sources"], "documents": r["documents"],
             "origins": json.loads(r["origins"] or "[]")} for r in rows]


def claims_by_outlet(conn: sqlite3.Connection, story_id: str, claims: list[dict],
                     groups: list[dict]) -> dict:
    """Rows: the story's most carried claims; columns: its outlets; a cell says whether
    the outlet carried the claim, denied it, or both."""
    wanted = {g["group"] for g in groups}
    denied: set[tuple[str, str]] = set()  # (denying article, denied group)
    for row in conn.execute(
            "SELECT l.from_document, cs.grp FROM cross_links l JOIN claim_sources cs "
            "ON cs.claim = l.\"to\" WHERE l.story = ? AND l.type = 'contradicts' "
            "ORDER BY l.position LIMIT ?", (story_id, MAX_CLAIMS)):
        denied.add((row[0], row[1]))
    # Claims another article denies are rows too, whoever else carried them.
    extra = sorted({g for (_, g) in denied if g not in wanted})[:MAX_MATRIX_CLAIMS]
    texts = _group_texts(conn, claims, extra)
    groups = groups + [{"group": g, "label": texts.get(g, "(no content)"),
                        "value": len({c["origin"] for c in claims if c["grp"] == g})}
                       for g in extra]
    wanted |= set(extra)
    outlet_of = {c["document"]: c["outlet"] or "unknown outlet" for c in claims}
    cells: dict[tuple, set[str]] = {}
    counts: dict[str, int] = {}
    for claim in claims:
        outlet = outlet_of[claim["document"]]
        counts[outlet] = counts.get(outlet, 0) + 1
        if claim["grp"] in wanted:
            cells.setdefault((claim["grp"], outlet), set()).add(
                "denies" if claim["denial"] else "carries")
    for document, group in sorted(denied):
        if group in wanted and document in outlet_of:
            cells.setdefault((group, outlet_of[document]), set()).add("denies")
    outlets = sorted(counts, key=lambda o: (-counts[o], o))[:MAX_MATRIX_OUTLETS]
    return {"outlets": outlets,
            "rows": [{"group": g["group"], "label": g["label"], "sources": g["value"],
                      "cells": [sorted(cells.get((g["group"], o), ())) for o in outlets]}
                     for g in groups]}


SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?\s+|\n\s*\n")


def evidence(conn: sqlite3.Connection, key: str) -> dict:
    """The sentence a claim (or number, or event) stands in, read from its article's text
    around its span, with its article's title, outlet and date."""
    doc_hash, item_id = key.split("/", 1)
    table, column = {"Q": ("quantities", "span"), "V": ("events", "trigger")}.get(
        item_id[:1], ("claims", "content"))
    row = conn.execute(f"SELECT i.{column}, i.cue, i.source FROM {table} i WHERE i.key = ?"
                       if table == "claims" else
                       f"SELECT i.{column}, NULL, NULL FROM {table} i WHERE i.key = ?",
                       (key,)).fetchone()
    spans = []
    for value in (row or ()):
        spans += _spans(value)
    document = conn.execute("SELECT id, title, outlet, published FROM documents WHERE hash = ?",
                            (doc_hash,)).fetchone()
    sentence = ""
    if spans:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        begin = max(0, start - EVIDENCE_CHARS)
        window = conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE hash = ?",
                              (begin + 1, end - begin + EVIDENCE_CHARS, doc_hash)).fetchone()
        sentence = _sentence(window[0] or "", start - begin, end - begin) if window else ""
    return {"hash": doc_hash, "document": document["id"] if document else doc_hash,
            "title": (document["title"] if document else None) or "",
            "outlet": (document["outlet"] if document else None) or "",
            "published": (document["published"] if document else None) or "",
            "sentence": sentence}


def _spans(value) -> list[tuple[int, int]]:
    if not value:
        return []
    data = json.loads(value) if isinstance(value, str) else value
    if data and isinstance(data[0], int):
        data = [data]
    return [(int(s), int(e)) for s, e in data if isinstance(s, int) and isinstance(e, int)]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) around [start, end) in a window of text."""
    begin = 0
    for match in SENTENCE_END.finditer(text, 0, max(0, start)):
        begin = match.end()
    after = SENTENCE_END.search(text, max(end - 1, begin))
    return " ".join(text[begin:after.end() if after else len(text)].split())


def contradictions(conn: sqlite3.Connection, links: list[dict]) -> list[dict]:
    """Each contradiction between two articles with both sides' sentences, outlets and
    dates."""
    return [{"reason": link["reason"], "scope": "between articles",
             "from": {**evidence(conn, link["from"]["key"]), "text": link["from"]["text"]},
             "to": {**evidence(conn, link["to"]["key"]), "text": link["to"]["text"]}}
            for link in links[:50]]


def numbers(conn: sqlite3.Connection, story_id: str) -> dict:
    """The values each article gave, per unit (the units with most values first), and
    the conflicting numbers the writer found between articles."""
    rows = [dict(r) for r in conn.execute(
        "SELECT q.key, q.unit, q.value, q.span_text AS label, d.outlet, d.published AS date, "
        "d.hash, d.id AS document FROM story_documents sd JOIN quantities q "
        "ON q.document = sd.document JOIN documents d ON d.hash = sd.document "
        "WHERE sd.story = ? AND q.value IS NOT NULL AND coalesce(q.unit, '') <> '' "
        "ORDER BY sd.position, q.position LIMIT ?", (story_id, MAX_QUANTITIES))]
    by_unit: dict[str, list[dict]] = {}
    for row in rows:
        row["href"] = f"/articles/{row['hash']}"
        by_unit.setdefault(row["unit"], []).append(row)
    # Units more than one outlet counted: the numbers sources can disagree on.
    units = sorted((u for u in by_unit if len({p["outlet"] for p in by_unit[u]}) > 1),
                   key=lambda u: (-len(by_unit[u]), u))[:MAX_UNITS]
    conflicts = [dict(r) for r in conn.execute(
        "SELECT \"from\", \"to\", reason FROM cross_links WHERE story = ? AND "
        "\"from\" LIKE '%/Q%' ORDER BY position LIMIT 50", (story_id,))]
    return {"units": [{"unit": u, "points": by_unit[u],
                       "outlets": len({p["outlet"] for p in by_unit[u]})} for u in units],
            "conflicts": [{"reason": c["reason"], "from": evidence(conn, c["from"]),
                           "to": evidence(conn, c["to"])} for c in conflicts]}

