"""The map of places and events: countries from the bundled Natural Earth shapes, shaded
by how many articles name them, and a marker per geocoded place with its events.

Coordinates are plate carree in a 360 x 180 box (x = lon + 180, y = 90 - lat), the
projection tools/build_world_map.py drew the shapes in.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cached_property
from pathlib import Path

import pycountry

SHAPES = Path(__file__).with_name("static") / "world-110m.json"
MAX_PLACES = 500


class WorldShapes:
    """The country outlines, read once on first use."""

    @cached_property
    def countries(self) -> list[dict]:
        return json.loads(SHAPES.read_text(encoding="utf-8"))["countries"]


def map_data(conn: sqlite3.Connection, document: str | None = None) -> dict:
    """Countries (ISO alpha-3 -> articles naming them, through actors and places) and
    places with coordinates (articles, events), for the whole store or one article."""
    scope = " AND {t}.document = ?" if document else ""
    params = (document,) if document else ()
    # Places carry ISO alpha-2, actors alpha-3: a VALUES table maps one to the other so
    # that SQL counts each article once per country.
    iso = ", ".join(f"('{c.alpha_2}', '{c.alpha_3}')" for c in pycountry.countries)
    counts = dict(conn.execute(
        f"WITH iso(a2, a3) AS (VALUES {iso}) SELECT iso3, count(DISTINCT document) FROM ("
        "SELECT e.country AS iso3, e.document FROM entities e WHERE e.type IN ('GPE', 'LOC') "
        "AND e.country IS NOT NULL" + scope.format(t="e") + " UNION ALL "
        "SELECT iso.a3, p.document FROM places p JOIN iso ON iso.a2 = p.country"
        + scope.format(t="p").replace(" AND", " WHERE", 1) + ") GROUP BY iso3 ORDER BY iso3",
        params * 2).fetchall())
    places = []
    cursor = conn.execute(
        # min(): one value per group that SQLite and DuckDB agree on (a bare column is
        # any row's in SQLite and refused by DuckDB).
        "SELECT p.name, min(p.kind) AS kind, min(p.country) AS country, round(p.lat, 2) AS lat, "
        "round(p.lon, 2) AS lon, "
        "count(DISTINCT p.document) AS documents, sum((SELECT count(*) FROM events v WHERE "
        "v.document = p.document AND v.place = p.id)) AS events FROM places p "
        "WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL" + scope.format(t="p") +
        " GROUP BY p.name, round(p.lat, 2), round(p.lon, 2) ORDER BY documents DESC, p.name, "
        "lat, lon LIMIT ?", (*params, MAX_PLACES))
    names = [d[0] for d in cursor.description]
    for row in cursor:
        place = dict(zip(names, row))
        place["x"] = round(place["lon"] + 180, 2)
        place["y"] = round(90 - place["lat"], 2)
        places.append(place)
    return {"countries": counts, "places": places}


def shaded(shapes: WorldShapes, counts: dict[str, int]) -> list[dict]:
    """Each country outline with its count and a shade class (0 none .. 4 most)."""
    top = max(counts.values(), default=0)
    out = []
    for country in shapes.countries:
        n = counts.get(country["iso3"], 0)
        level = 0 if not n else 1 + min(3, int(3 * n / top)) if top else 0
        out.append({**country, "count": n, "level": level})
    return out
