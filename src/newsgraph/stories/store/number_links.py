"""Conflicting numbers across the stored articles of one story: two quantities of the same
unit and the same scope (the same place by name, the same owner actor) whose values are
far apart, as stories/number_conflicts.py decides inside one article. A different place
or owner is a different quantity; a quantity without both has no scope to compare and is
left alone.
"""

from __future__ import annotations

import sqlite3

from ..number_conflicts import far_apart
from ..text import normalized_name, shorten, span_text


def _scope(quantity: dict, places: dict[str, str], actors: dict[str, str]) -> tuple | None:
    place = places.get(quantity.get("place") or "")
    owner = actors.get(quantity.get("of") or "")
    if not (place and owner):
        return None
    return place, owner


def number_conflicts(conn: sqlite3.Connection, analysis: dict, doc_hash: str, story: str,
                     actors: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(type, from key, to key, reason) for each quantity of this article far from one of
    the same unit and scope in an earlier article of the story (the nearest in value
    order of storing: the first found)."""
    document = analysis.get("document") or {}
    text = document.get("text") or ""
    places = {p["id"]: normalized_name(p.get("name") or "")
              for p in analysis.get("places") or [] if isinstance(p, dict) and p.get("id")}
    links = []
    for quantity in analysis.get("quantities") or []:
        if not isinstance(quantity, dict) or not quantity.get("id") or not quantity.get("unit"):
            continue
        scope = _scope(quantity, places, actors)
        if scope is None:
            continue
        for row in conn.execute(
                "SELECT q.key, q.value, q.low, q.high, q.approximate, q.span_text, p.name, "
                "ea.actor, d.outlet, d.published FROM story_documents sd "
                # CROSS JOIN keeps this order: the story's documents first, then their
                # quantities (by the unit index SQLite scanned every article's quantities).
                "CROSS JOIN quantities q ON q.document = sd.document "
                "JOIN documents d ON d.hash = q.document "
                "LEFT JOIN places p ON p.document = q.document AND p.id = q.place "
                "LEFT JOIN entity_actors ea ON ea.entity = q.document || '/' || q.\"of\" "
                "WHERE sd.story = ? AND q.unit = ? AND q.document != ? "
                "ORDER BY sd.position, q.position", (story, quantity["unit"], doc_hash)):
            other_scope = (normalized_name(row["name"]) if row["name"] else None, row["actor"])
            if other_scope != scope:
                continue
            other = {"value": row["value"], "low": row["low"], "high": row["high"],
                     "approximate": bool(row["approximate"])}
            if not far_apart(quantity, other):
                continue
            where = " and ".join(f"{k} {v}" for k, v in zip(("place", "owner"), scope) if v)
            reason = (f'"{shorten(span_text(text, quantity.get("span") or ()), 40)}" '
                      f'({document.get("outlet") or "?"} {document.get("published") or ""}) vs '
                      f'"{shorten(row["span_text"] or "", 40)}" ({row["outlet"] or "?"} '
                      f'{row["published"] or ""}): {quantity["unit"]} for the same {where}, '
                      "values far apart")
            links.append(("contradicts", f"{doc_hash}/{quantity['id']}", row["key"], reason))
            break
    return links
