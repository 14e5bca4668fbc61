"""Reading stories back: one story's report (articles and their
stance, sources and their independence, timeline of claims and events, corroborated
claims, contradictions), from the tables the writer keeps. Plain dicts, for the CLI,
JSON and scripts alike. The list of stories is the store's list spec
(newsgraph.store.lists.SPECS["stories"]), as every list's."""

from __future__ import annotations

import json
import sqlite3

from ...errors import StoryNotFound
from ...store.query import ITEM_DAY
from ..origins import outlet_key




def story_report(conn: sqlite3.Connection, story_id: str, *, timeline: bool = True,
                 articles: int | None = None) -> dict:
    """A story's articles, sources, matched claims, contradictions and (unless
    timeline=False) its events and claims in date order. `articles`: read only the
    story's first so many articles (the web's story page, whose cost must not grow with
    the story); the story's own counts, and each matched claim's count of independent
    sources, stay the whole story's (the writer keeps them)."""
    row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise StoryNotFound(f"no story {story_id!r} in the store")
    first = ALL_ROWS if articles is None else articles
    members = _articles(conn, story_id, first)
    claims = _claims(conn, story_id, first)
    links = _contradictions(conn, story_id, first)
    denied_by: dict[str, list[dict]] = {}
    for link in links:
        if link["to"]["group"]:
            denied_by.setdefault(link["to"]["group"], []).append(link["from"])
    groups = _groups(claims, denied_by)
    events = _events(conn, story_id, first) if timeline else []
    entries = sorted(groups + events, key=lambda e: (e["date"] or "9999", e["order"]))
    for entry in entries:
        entry.pop("order")
    report = {
        "story": {"id": row["id"], "title": row["title"], "claim": row["claim"],
                  "first": row["first_date"], "last": row["last_date"],
                  "articles": row["documents"], "outlets": row["outlets"]},
        "articles": members,
        "sources": _sources(members, claims),
        "timeline": entries,
        "corroborations": [g for g in groups if g["documents"] > 1],
        "contradictions": links,
    }
    if not timeline:
        del report["timeline"]
    return report


# The story's first articles (bound to the story id and a LIMIT, ALL_ROWS for all of them;
# SQLite's LIMIT -1 is refused by DuckDB, which runs the same report over a dataset).
ALL_ROWS = 2**62
FIRST_ARTICLES = ("(SELECT document, position FROM story_documents WHERE story = ? "
                  "ORDER BY position LIMIT ?)")


def _articles(conn, story_id: str, first: int) -> list[dict]:
    rows = conn.execute(
        "SELECT d.id, sd.outlet, sd.published, sd.headline, sd.stance, sd.stance_probability, "
        "sd.relays, sd.similarity FROM story_documents sd JOIN documents d "
        "ON d.hash = sd.document WHERE sd.story = ? ORDER BY sd.position LIMIT ?",
        (story_id, first))
    return [{"document": r[0], "outlet": r[1], "published": r[2], "headline": r[3],
             "stance": r[4], "stance_probability": r[5], "relays": json.loads(r[6]),
             "independent": not json.loads(r[6]), "similarity": r[7]} for r in rows]


def _claims(conn, story_id: str, first: int) -> list[dict]:
    within = "" if first < 0 else (
        f"AND cs.document IN (SELECT document FROM {FIRST_ARTICLES}) ")
    rows = conn.execute(
        f"SELECT cs.claim, cs.grp, cs.origin, cs.independent, cs.chain, cs.denial, "
        f"d.id AS document, d.outlet, d.published, c.content_text, c.cue_text, "
        f"s.name AS speaker, {ITEM_DAY} AS date, cs.position, g.sources, g.origins "
        f"FROM claim_sources cs JOIN claims c ON c.key = cs.claim "
        f"JOIN claim_groups g ON g.id = cs.grp "
        f"JOIN documents d ON d.hash = cs.document "
        f"LEFT JOIN entities s ON s.document = c.document AND s.id = c.speaker "
        f"LEFT JOIN times t ON t.document = c.document AND t.id = c.time "
        f"WHERE cs.story = ? {within}ORDER BY cs.position",
        (story_id, *(() if first < 0 else (story_id, first))))
    return [{"claim": r["claim"], "group": r["grp"], "origin": r["origin"],
             "independent": bool(r["independent"]), "chain": json.loads(r["chain"]),
             "denial": bool(r["denial"]), "document": r["document"], "outlet": r["outlet"],
             "published": r["published"], "content": r["content_text"], "cue": r["cue_text"],
             "speaker": r["speaker"], "date": r["date"], "order": r["position"],
             "sources": r["sources"], "origins": json.loads(r["origins"])}
            for r in rows]


def _groups(claims: list[dict], denied_by: dict[str, list[dict]]) -> list[dict]:
    """One timeline entry per matched claim: when and where it first appeared, who
    repeated it later (and from which source), who denied it."""
    groups: dict[str, list[dict]] = {}
    for claim in claims:
        groups.setdefault(claim["group"], []).append(claim)
    entries = []
    for group, members in groups.items():
        first = min(members, key=lambda m: (m["date"] or "9999", m["order"]))
        entries.append({
            "kind": "denial" if first["denial"] else "claim", "group": group,
            "date": first["date"], "order": first["order"], "speaker": first["speaker"],
            "content": first["content"], "cue": first["cue"],
            "first": {k: first[k] for k in ("document", "outlet", "published", "chain")},
            "repeated_by": [{k: m[k] for k in ("document", "outlet", "date", "origin",
                                                "independent", "chain")}
                            for m in members if m is not first],
            "denied_by": denied_by.get(group, []),
            "documents": len({m["document"] for m in members}),
            "sources": first["sources"], "origins": first["origins"]})
    return entries


def _events(conn, story_id: str, first: int) -> list[dict]:
    rows = conn.execute(
        f"SELECT e.type, e.mode, e.status, e.trigger_text, a.name AS actor, p.name AS place, "
        f"d.id AS document, d.outlet, {ITEM_DAY} AS date, "
        f"sd.position * 100000 + e.position AS ord FROM events e "
        f"JOIN {FIRST_ARTICLES} sd ON sd.document = e.document "
        f"JOIN documents d ON d.hash = e.document "
        f"LEFT JOIN entities a ON a.document = e.document AND a.id = e.actor "
        f"LEFT JOIN places p ON p.document = e.document AND p.id = e.place "
        f"LEFT JOIN times t ON t.document = e.document AND t.id = e.time "
        f"ORDER BY sd.position, e.position", (story_id, first))
    return [{"kind": "event", "date": r["date"], "order": r["ord"], "type": r["type"],
             "mode": r["mode"], "status": r["status"], "trigger": r["trigger_text"],
             "actor": r["actor"], "place": r["place"], "document": r["document"],
             "outlet": r["outlet"]} for r in rows]


def _sources(articles: list[dict], claims: list[dict]) -> list[dict]:
    """Each origin the story's claims come from: how many claims it is the independent
    source of, and the outlets that carried them."""
    # An origin that is an article's own outlet is shown as the outlet writes its name.
    shown = {outlet_key(a["outlet"]): a["outlet"] for a in articles if a["outlet"]}
    by_origin: dict[str, dict] = {}
    for claim in claims:
        name = shown.get(claim["origin"], claim["origin"])
        entry = by_origin.setdefault(claim["origin"], {"origin": name,
                                                       "claims": 0, "independent": 0,
                                                       "outlets": set()})
        entry["claims"] += 1
        entry["independent"] += int(claim["independent"])
        entry["outlets"].add(claim["outlet"] or "?")
    return sorted(({**e, "outlets": sorted(e["outlets"])} for e in by_origin.values()),
                  key=lambda e: (-e["claims"], e["origin"]))


def _contradictions(conn, story_id: str, first: int) -> list[dict]:
    """Contradicts links inside each of the story's articles (the link stage's), then
    those between its articles (the writer's)."""
    links = []
    for row in conn.execute(
            "SELECT l.key, l.document, l.type, l.\"from\", l.\"to\", l.reason FROM "
            f"{FIRST_ARTICLES} sd JOIN links l ON l.document = sd.document "
            "WHERE l.type = 'contradicts' ORDER BY sd.position, l.position",
            (story_id, first)):
        links.append({"id": row["key"], "type": row["type"], "reason": row["reason"],
                      "scope": "article",
                      "from": _item(conn, f"{row['document']}/{row['from']}"),
                      "to": _item(conn, f"{row['document']}/{row['to']}")})
    within = "" if first < 0 else (
        f"AND from_document IN (SELECT document FROM {FIRST_ARTICLES}) "
        f"AND to_document IN (SELECT document FROM {FIRST_ARTICLES}) ")
    for row in conn.execute(f"SELECT * FROM cross_links WHERE story = ? {within}"
                            "ORDER BY position",
                            (story_id, *(() if first < 0 else (story_id, first) * 2))):
        links.append({"id": row["id"], "type": row["type"], "reason": row["reason"],
                      "scope": "across articles",
                      "from": _item(conn, row["from"]), "to": _item(conn, row["to"])})
    return links


# The table and text column of an item, by the first letter of its id.
ITEM_TEXT = {"C": ("claims", "content_text"), "Q": ("quantities", "span_text"),
             "V": ("events", "trigger_text")}


def _item(conn, key: str) -> dict:
    doc_hash, item_id = key.split("/", 1)
    document = conn.execute("SELECT id, outlet, published FROM documents WHERE hash = ?",
                            (doc_hash,)).fetchone()
    table, column = ITEM_TEXT.get(item_id[:1], ("claims", "content_text"))
    text = conn.execute(f"SELECT {column} FROM {table} WHERE key = ?", (key,)).fetchone()
    group = conn.execute("SELECT grp FROM claim_sources WHERE claim = ?", (key,)).fetchone()
    return {"key": key, "document": document["id"], "outlet": document["outlet"],
            "published": document["published"], "text": text[0] if text else None,
            "group": group[0] if group else None}
