"""Actors across documents: every entity of a stored article points at one actor,
keyed by its normalised canonical name, type and country ("Donald Trump" in a hundred
articles is one actor), with the roles, sectors and aliases it was given over time.

An entity without a country joins the actor of that name and type that has one (the
most documents first), and a country seen later completes an actor that had none, so a
person whose country one article leaves out is not split in two; two actors that differ
only by country (a ministry of defence of two states) stay two.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from ..roles import is_role
from ..text import normalized_name


def actor_key(norm: str, type_: str | None, country: str | None) -> str:
    return f"{norm}\t{type_ or ''}\t{country or ''}"


class ActorLinker:
    """Writes the actors of one analysis: called by the writer inside its transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def link(self, analysis: dict, doc_hash: str) -> dict[str, str]:
        """Entity id -> actor id for the analysis' entities, counts and attributes kept."""
        published = (analysis.get("document") or {}).get("published")
        speakers = Counter(c.get("speaker") for c in analysis.get("claims") or [])
        actors: dict[str, str] = {}
        per_actor: dict[str, list[int]] = {}
        for entity in analysis.get("entities") or []:
            if not isinstance(entity, dict) or not entity.get("name") or not entity.get("id"):
                continue
            actor = self._actor_for(entity)
            actors[entity["id"]] = actor
            counts = per_actor.setdefault(actor, [0, 0])
            counts[0] += len(entity.get("mentions") or [])
            counts[1] += speakers[entity["id"]]
            self.conn.execute("INSERT OR IGNORE INTO entity_actors (entity, document, actor) "
                              "VALUES (?, ?, ?)", (f"{doc_hash}/{entity['id']}", doc_hash, actor))
            self._attributes(actor, entity, published)
        for actor, (mentions, claims) in per_actor.items():
            self.conn.execute(
                "UPDATE actors SET documents = documents + 1, mentions = mentions + ?1, "
                "claims = claims + ?2, "
                "first_seen = CASE WHEN first_seen IS NULL OR ?3 < first_seen THEN ?3 "
                "ELSE first_seen END, "
                "last_seen = CASE WHEN last_seen IS NULL OR ?3 > last_seen THEN ?3 "
                "ELSE last_seen END WHERE id = ?4", (mentions, claims, published, actor))
        return actors

    def _actor_for(self, entity: dict) -> str:
        norm = normalized_name(entity["name"])
        type_, country = entity.get("type"), entity.get("country")
        row = self.conn.execute("SELECT id FROM actors WHERE key = ?",
                                (actor_key(norm, type_, country),)).fetchone()
        if row is not None:
            return row[0]
        prefix = actor_key(norm, type_, None)
        if country:
            # An actor of this name known without a country gets this one.
            row = self.conn.execute("SELECT id FROM actors WHERE key = ?", (prefix,)).fetchone()
            if row is not None:
                self.conn.execute("UPDATE actors SET key = ?, country = ? WHERE id = ?",
                                  (actor_key(norm, type_, country), country, row[0]))
                return row[0]
        else:
            row = self.conn.execute(
                "SELECT id FROM actors WHERE key > ? AND key < ? "
                "ORDER BY documents DESC, rowid LIMIT 1",
                (prefix, prefix + "\uffff")).fetchone()
            if row is not None:
                return row[0]
        number = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM actors").fetchone()[0] + 1
        actor = f"A{number}"
        self.conn.execute(
            "INSERT INTO actors (id, key, name, type, country, sector, documents, mentions, "
            "claims) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (actor, actor_key(norm, type_, country), entity["name"], type_, country,
             entity.get("sector")))
        return actor

    def _attributes(self, actor: str, entity: dict, published: str | None) -> None:
        # Only titles and positions: the entity stage's descriptions can be stray noun
        # phrases ("close loopholes"), which are no role of anyone's.
        values = [("role", r) for r in entity.get("roles") or []
                  if isinstance(r, str) and is_role(r)]
        values += [("alias", a) for a in entity.get("aliases") or [] if isinstance(a, str)]
        if entity.get("sector"):
            values.append(("sector", entity["sector"]))
        if entity.get("country"):
            values.append(("country", entity["country"]))
        for kind, value in dict.fromkeys(values):
            self.conn.execute(
                "INSERT INTO actor_attributes (actor, kind, value, documents, first_seen, "
                "last_seen) VALUES (?1, ?2, ?3, 1, ?4, ?4) ON CONFLICT(actor, kind, value) DO "
                "UPDATE SET documents = documents + 1, first_seen = CASE WHEN first_seen IS "
                "NULL OR ?4 < first_seen THEN ?4 ELSE first_seen END, last_seen = CASE WHEN "
                "last_seen IS NULL OR ?4 > last_seen THEN ?4 ELSE last_seen END",
                (actor, kind, value, published))
