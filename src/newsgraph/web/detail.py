"""One article and one actor, as the pages and the API show them."""

from __future__ import annotations

import json
import sqlite3

from ..errors import NotFoundError
from ..store import Store
from ..store.ids import HASH_CHARS
from ..store.lists import COUNT_CAP, SPECS
from ..stories.roles import is_role
from . import svg
from .highlight import actor_href, highlight, marks_of

ACTOR_DOCUMENTS = 300  # an actor's page reads its most recent articles, not all of them


def article(store: Store, doc_hash: str) -> dict:
    """The stored analysis of one article, with names resolved for its claim panel."""
    analysis = store.analysis(doc_hash) if len(doc_hash) == HASH_CHARS else None
    if analysis is None:
        raise NotFoundError(f"no article {doc_hash!r} in this store")
    analysis["hash"] = doc_hash
    return analysis


def article_view(analysis: dict) -> dict:
    """What the article page shows beside the text: each claim's source chain, events,
    numbers, places and dates with their references named."""
    entities = {e["id"]: e for e in analysis["entities"]}
    places = {p["id"]: p for p in analysis["places"]}
    times = {t["id"]: t for t in analysis["times"]}
    text = analysis["document"]["text"]

    def name(table: dict, ref) -> str | None:
        return table[ref]["name"] if ref in table else None

    claims = []
    for claim in analysis["claims"]:
        claims.append({
            "id": claim["id"], "kind": claim.get("kind"),
            "source": _words(text, claim.get("source")),
            "speaker": name(entities, claim.get("speaker")),
            "via": [entities[v]["name"] for v in claim.get("via") or [] if v in entities],
            "anonymous": claim.get("anonymous"), "channel": claim.get("channel"),
            "cue": _words(text, claim.get("cue")),
            "content": " ... ".join(text[s:e] for s, e in claim.get("content") or []),
            "time": times.get(claim.get("time") or "", {}).get("value"),
        })
    events = [{**event, "trigger_text": _words(text, event.get("trigger")),
               "actor_name": name(entities, event.get("actor")),
               "recipient_name": name(entities, event.get("recipient")),
               "place_name": name(places, event.get("place")),
               "time_value": times.get(event.get("time") or "", {}).get("value")}
              for event in analysis["events"]]
    quantities = [{**q, "text": _words(text, q.get("span")), "of_name": name(entities, q.get("of")),
                   "place_name": name(places, q.get("place"))} for q in analysis["quantities"]]
    dated = [{**t, "text": _words(text, t.get("span"))} for t in analysis["times"]]
    return {"body": highlight(text, marks_of(analysis)), "claims": claims, "events": events,
            "quantities": quantities, "times": dated, "places": analysis["places"],
            "entities": [{**e, "href": actor_href(e["name"])} for e in analysis["entities"]],
            "links": analysis["links"]}


def _words(text: str, span) -> str | None:
    return text[span[0]:span[1]] if span else None


def actor(conn: sqlite3.Connection, name: str, *, limit: int = 50) -> dict:
    """Who an actor is across the store: identities, roles, what they said, what was said
    about them, their events and the actors they deal with."""
    identities = [dict(r) for r in conn.execute(
        "SELECT name, type, country, documents, mentions, claims FROM actors "
        "WHERE name = ? COLLATE NOCASE ORDER BY documents DESC", (name,))]
    if not identities:
        raise NotFoundError(f"no actor named {name!r} in this store")
    rows = conn.execute(
        "SELECT e.document, e.id, e.roles, e.aliases, e.sector, d.id AS doc_id, d.published, "
        "d.outlet, d.title FROM entities e JOIN documents d ON d.hash = e.document "
        "WHERE e.name = ? COLLATE NOCASE ORDER BY e.rowid DESC LIMIT ?",
        (name, ACTOR_DOCUMENTS)).fetchall()
    roles: dict[str, int] = {}
    aliases: dict[str, int] = {}
    for row in rows:
        for role in json.loads(row["roles"] or "[]"):
            if is_role(role):  # titles and positions, not stray noun phrases
                roles[role] = roles.get(role, 0) + 1
        for alias in json.loads(row["aliases"] or "[]"):
            aliases[alias] = aliases.get(alias, 0) + 1
    mine = [(r["document"], r["id"]) for r in rows]
    return {
        "name": identities[0]["name"], "identities": identities,
        # What each list below holds in all, counted as the list selects (up to
        # COUNT_CAP), so a header and its list never disagree.
        "totals": _totals(conn, name),
        "roles": sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))[:20],
        "aliases": sorted(aliases.items(), key=lambda kv: (-kv[1], kv[0]))[:20],
        "sectors": sorted({r["sector"] for r in rows if r["sector"]}),
        "documents": [{"hash": r["document"], "document": r["doc_id"], "published": r["published"],
                       "outlet": r["outlet"], "title": r["title"]} for r in rows[:limit]],
        "said": _said(conn, name, limit),
        "said_about": _said_about(conn, mine, limit),
        "events": _events(conn, name, limit),
        "relations": _relations(conn, name),
    }


def _totals(conn, name: str) -> dict:
    def count(sql: str) -> int:
        return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)",
                            (name, COUNT_CAP + 1)).fetchone()[0]

    return {
        "said": count("SELECT 1 FROM entities s JOIN claims c ON c.document = s.document "
                      "AND c.speaker = s.id WHERE s.name = ? COLLATE NOCASE"),
        "documents": count("SELECT DISTINCT document FROM entities WHERE name = ? "
                           "COLLATE NOCASE"),
        "events": count("SELECT 1 FROM entities x JOIN events v ON v.document = x.document "
                        "AND (v.actor = x.id OR v.recipient = x.id) WHERE x.name = ? "
                        "COLLATE NOCASE")}


def network(name: str, relations: dict) -> "svg.Markup":
    """The actor's events with others as a small network: one node per other actor, its
    edge labelled with the PLOVER types between them and their counts."""
    others: dict[str, dict] = {}
    for row in relations["events"]:
        acting = row["actor"].lower() == name.lower()
        other = row["recipient"] if acting else row["actor"]
        if other is None or other.lower() == name.lower():
            continue
        entry = others.setdefault(other, {"name": other, "types": {}, "count": 0,
                                          "directions": set(), "href": actor_href(other)})
        entry["types"][row["type"]] = entry["types"].get(row["type"], 0) + row["n"]
        entry["count"] += row["n"]
        entry["directions"].add("out" if acting else "in")
    links = [{"name": e["name"], "count": e["count"], "href": e["href"],
              "direction": next(iter(e["directions"])) if len(e["directions"]) == 1
              else "both",
              "label": ", ".join(f"{t} \u00d7{n}" for t, n in
                                 sorted(e["types"].items(), key=lambda kv: (-kv[1], kv[0])))}
             for e in others.values()]
    return svg.network(name, links)


CLAIM_ROW = ("SELECT d.hash, d.id AS document, d.published, d.outlet, c.id, s.name AS speaker, "
             "c.anonymous, c.channel, c.cue_text AS cue, c.content_text AS content "
             "FROM claims c JOIN documents d ON d.hash = c.document "
             "LEFT JOIN entities s ON s.document = c.document AND s.id = c.speaker ")


def _said(conn, name: str, limit: int) -> list[dict]:
    return [dict(r) for r in conn.execute(
        CLAIM_ROW + "WHERE s.name = ? COLLATE NOCASE ORDER BY s.rowid DESC, c.rowid LIMIT ?",
        (name, limit))]


def _said_about(conn, mine: list[tuple[str, str]], limit: int) -> list[dict]:
    """Claims by others whose content mentions the actor (a mention inside the content)."""
    found: list[dict] = []
    for doc_hash, entity_id in mine:
        mentions = [(r[0], r[1]) for r in conn.execute(
            "SELECT start, \"end\" FROM mentions WHERE item = ?", (f"{doc_hash}/{entity_id}",))]
        for row in conn.execute(CLAIM_ROW.replace("SELECT ", "SELECT c.content AS spans, ", 1)
                                + "WHERE c.document = ? AND coalesce(c.speaker, '') <> ? "
                                "ORDER BY c.position", (doc_hash, entity_id)):
            spans = json.loads(row["spans"] or "[]")
            if any(s <= ms and me <= e for s, e in spans for ms, me in mentions):
                found.append({k: row[k] for k in row.keys() if k != "spans"})
                if len(found) >= limit:
                    return found
    return found


RECENT_ENTITIES = ("(SELECT document AS xd, id AS xid FROM entities WHERE name = ? "
                   "COLLATE NOCASE ORDER BY rowid DESC LIMIT ?) x")


def _events(conn, name: str, limit: int) -> list[dict]:
    """Events the actor did or underwent, in their most recent articles."""
    cursor = conn.execute(
        f"{SPECS['events'].select} JOIN {RECENT_ENTITIES} ON x.xd = v.document AND "
        "(v.actor = x.xid OR v.recipient = x.xid) ORDER BY v.rowid DESC LIMIT ?",
        (name, ACTOR_DOCUMENTS, limit))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def _relations(conn, name: str) -> dict:
    """Other actors by what links them, over the actor's most recent articles: events
    between them and articles naming both (claims about them: see said_about)."""
    events = [dict(r) for r in conn.execute(
        "SELECT a.name AS actor, v.type, r.name AS recipient, count(*) AS n "
        f"FROM {RECENT_ENTITIES} JOIN events v ON v.document = x.xd AND "
        "(v.actor = x.xid OR v.recipient = x.xid) "
        "JOIN entities a ON a.document = v.document AND a.id = v.actor "
        "JOIN entities r ON r.document = v.document AND r.id = v.recipient "
        "GROUP BY a.name, v.type, r.name ORDER BY n DESC, a.name, v.type, r.name LIMIT 30",
        (name, ACTOR_DOCUMENTS))]
    together = [dict(r) for r in conn.execute(
        "SELECT o.name, o.type, count(DISTINCT o.document) AS documents FROM "
        "(SELECT document FROM entities WHERE name = ? COLLATE NOCASE ORDER BY rowid DESC "
        "LIMIT ?) m JOIN entities o ON o.document = m.document "
        "WHERE o.name <> ? COLLATE NOCASE AND o.type NOT IN ('MEDIA') "
        "GROUP BY o.name, o.type ORDER BY documents DESC, o.name LIMIT 20",
        (name, ACTOR_DOCUMENTS, name))]
    for row in together:
        row["href"] = actor_href(row["name"])
    return {"events": events, "together": together}
