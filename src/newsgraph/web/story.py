"""A story: the articles about one development, read together.

Stories are the store's own (`newsgraph ingest` clusters each article into a story as it
is stored: tables `stories` and `story_documents`, see newsgraph.stories.store). The view
is a timeline of claims and events in date order, the sources with how independent they
are, the links inside each article, and the store's cross-article report: the same claim
told by several outlets with its count of independent sources, and contradictions
between articles.
"""

from __future__ import annotations

import sqlite3

from ..errors import NotFoundError, StoryNotFound
from ..store import Store
from ..store.lists import SPECS, fetch
from ..stories.across import claim_line
from ..stories.store import story_report
from . import story_figures as figures
from .detail import article
from . import svg

STORY_ARTICLES = 60  # a story page reads at most this many articles, oldest first


def stories(conn: sqlite3.Connection, limit: int = 50, offset: int = 0,
            sort: str | None = None) -> list[dict]:
    """The story list (the store's list spec, as `newsgraph stories` and /api/stories), in
    one of its named orders (size, latest, span)."""
    return fetch(conn, SPECS["stories"], {}, limit=limit, offset=offset, count=False,
                 sort=sort).rows


def story_hashes(conn: sqlite3.Connection, story_id: str) -> list[str]:
    rows = conn.execute("SELECT document FROM story_documents WHERE story = ? "
                        "ORDER BY position LIMIT ?", (story_id, STORY_ARTICLES)).fetchall()
    if not rows:
        raise NotFoundError(f"no story {story_id!r} in this store")
    return [r[0] for r in rows]


def story_of(conn: sqlite3.Connection, doc_hash: str) -> str | None:
    row = conn.execute("SELECT story FROM story_documents WHERE document = ?",
                       (doc_hash,)).fetchone()
    return row[0] if row else None


def across(conn: sqlite3.Connection, story_id: str | None) -> dict | None:
    """The store's cross-article report of a story's first articles (those the page
    reads), without its timeline (the page draws its own from the articles)."""
    if story_id is None:
        return None
    try:
        report = story_report(conn, story_id, timeline=False, articles=STORY_ARTICLES)
    except StoryNotFound:
        return None
    # The page lists each article's own links from its analysis.
    report["contradictions"] = [link for link in report["contradictions"]
                                if link["scope"] != "article"]
    return report


def story_view(store: Store, hashes: list[str], story_id: str | None = None) -> dict:
    analyses = [article(store, h) for h in hashes]
    timeline, sources, links = [], {}, []
    for analysis in analyses:
        doc = analysis["document"]
        text = doc["text"]
        entities = {e["id"]: e for e in analysis["entities"]}
        times = {t["id"]: t.get("value") for t in analysis["times"]}
        item_text = {}
        for claim in analysis["claims"]:
            speaker = entities.get(claim.get("speaker") or "", {}).get("name")
            content = " ... ".join(text[s:e] for s, e in claim.get("content") or [])
            item_text[claim["id"]] = content
            source = speaker or (text[claim["source"][0]:claim["source"][1]]
                                 if claim.get("source") else None)
            cue = text[claim["cue"][0]:claim["cue"][1]] if claim.get("cue") else None
            timeline.append(_entry(analysis, "claim", claim["id"], _date(times, claim, doc),
                                   claim_line(source, content, cue)))
            _count_source(sources, speaker, claim, doc, entities, text)
        for event in analysis["events"]:
            trigger = text[event["trigger"][0]:event["trigger"][1]] if event.get("trigger") else ""
            item_text[event["id"]] = trigger
            actor = entities.get(event.get("actor") or "", {}).get("name") or "?"
            timeline.append(_entry(analysis, "event", event["id"], _date(times, event, doc),
                                   f"{event['type']} ({event.get('status')}): {actor} "
                                   f"\u2014 {trigger}"))
        for quantity in analysis["quantities"]:
            item_text[quantity["id"]] = text[quantity["span"][0]:quantity["span"][1]]
        for link in analysis["links"]:
            links.append({**link, "hash": analysis["hash"], "document": doc["id"],
                          "from_text": item_text.get(link["from"]),
                          "to_text": item_text.get(link["to"])})
    timeline.sort(key=lambda e: (e["date"] or "", e["document"], e["order"]))
    report = across(store.conn, story_id)
    return {"documents": [{"hash": a["hash"], **{k: a["document"][k] for k in
                           ("id", "title", "outlet", "published")}} for a in analyses],
            "timeline": timeline, "sources": _independence(sources),
            "corroborations": [l for l in links if l["type"] == "corroborates"],
            "contradictions": [l for l in links if l["type"] == "contradicts"],
            "other_links": [l for l in links if l["type"] not in ("corroborates", "contradicts")],
            "across": report,
            "figures": story_figures(store.conn, story_id, links, report)}


def story_figures(conn: sqlite3.Connection, story_id: str | None, links: list[dict],
                  report: dict | None) -> dict:
    """The data the story page draws (web/story_figures.py): plain values, for the API too.
    Without a story id (an article alone) only its own contradictions."""
    inside = [{"scope": "within one article", "reason": l["reason"],
               "from": {**figures.evidence(conn, f"{l['hash']}/{l['from']}"),
                        "text": l["from_text"]},
               "to": {**figures.evidence(conn, f"{l['hash']}/{l['to']}"), "text": l["to_text"]}}
              for l in links if l["type"] == "contradicts"][:50]
    if story_id is None or report is None:
        return {"articles": [], "undated": [], "marks": [], "relays": [], "independent": [],
                "matrix": {"outlets": [], "rows": []}, "contradictions": inside,
                "numbers": {"units": [], "conflicts": []}}
    docs = figures.articles(conn, story_id)
    claims = figures.claim_rows(conn, story_id)
    groups = figures.independent_sources(conn, story_id, claims)
    between = report["contradictions"]  # across(): those between articles only
    return {"articles": docs, "undated": [d for d in docs if not d["published"]],
            "marks": figures.timeline_marks(docs, claims),
            "relays": figures.relay_edges(docs, claims), "independent": groups,
            "matrix": figures.claims_by_outlet(conn, story_id, claims, groups),
            "contradictions": figures.contradictions(
                conn, between) + inside,
            "numbers": figures.numbers(conn, story_id)}


def drawings(view: dict) -> dict:
    """The story page's SVG figures, drawn from story_figures' data."""
    data = view["figures"]
    return {"timeline": svg.timeline(data["marks"]), "flow": svg.flow(data["relays"]),
            "independent": svg.bars([{"label": g["label"], "value": g["value"]}
                                 for g in data["independent"]]),
            "numbers": [(unit["unit"], svg.number_chart(
                unit["points"], f"{unit['unit']}: values over time by outlet"))
                for unit in data["numbers"]["units"]],
            # The articles in date order (undated last), as the timeline reads.
            "articles": sorted(view["documents"], key=lambda d: (d["published"] or "9999",
                                                                 d["outlet"] or "", d["id"]))}


def _date(times: dict, item: dict, doc: dict) -> str | None:
    value = times.get(item.get("time") or "")
    if value and len(value) >= 4 and value[:4].isdigit():
        return value
    return doc.get("published")


def _entry(analysis: dict, kind: str, ref: str, date, text: str) -> dict:
    return {"date": date, "kind": kind, "ref": ref, "hash": analysis["hash"],
            "document": analysis["document"]["id"], "outlet": analysis["document"]["outlet"],
            "order": int(ref[1:]) if ref[1:].isdigit() else 0, "text": text}


def _count_source(sources: dict, speaker, claim, doc, entities, text) -> None:
    via = tuple(entities[v]["name"] for v in claim.get("via") or [] if v in entities)
    source_words = text[claim["source"][0]:claim["source"][1]] if claim.get("source") else None
    key = speaker or source_words or "unattributed"
    entry = sources.setdefault(key, {"source": key, "resolved": bool(speaker), "claims": 0,
                                     "anonymous": 0, "outlets": set(), "via": set()})
    entry["claims"] += 1
    entry["anonymous"] += 1 if claim.get("anonymous") else 0
    entry["outlets"].add(doc.get("outlet") or "unknown outlet")
    entry["via"].update(via)


def _independence(sources: dict) -> list[dict]:
    """A source reported by several outlets is one voice, not several; a claim relayed
    through another outlet (via) depends on that outlet. Independent = named in its own
    right, not only through a relay."""
    out = []
    for entry in sources.values():
        relayed = bool(entry["via"])
        out.append({**entry, "outlets": sorted(entry["outlets"]), "via": sorted(entry["via"]),
                    "independence": ("relayed via " + ", ".join(sorted(entry["via"])))
                    if relayed else ("anonymous" if entry["anonymous"] == entry["claims"]
                                     else "direct")})
    return sorted(out, key=lambda e: (-e["claims"], e["source"]))
