"""Build the world map the web UI draws: src/newsgraph/web/static/world-110m.json.

Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped by the
geopandas 0.14 wheel on PyPI (geopandas/datasets/naturalearth_lowres/*.shp, .dbf).
Get it with the ordinary client and point this script at the unpacked folder:

    pip download --no-deps geopandas==0.14.4 -d /tmp/geo
    unzip -o /tmp/geo/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/geo
    .venv/bin/python tools/build_world_map.py /tmp/geo/geopandas/datasets/naturalearth_lowres

The shapefile is read here with struct (polygons and a dBASE table are simple formats),
projected plate carree (x = lon + 180, y = 90 - lat, a 360 x 180 box) and written as one
SVG path per country, coordinates rounded to 0.1 degree: a small file the server inlines.
"""

from __future__ import annotations

import argparse
import json
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "newsgraph" / "web" / "static" / "world-110m.json"
POLYGON = 5


def read_dbf(path: Path) -> list[dict]:
    data = path.read_bytes()
    records, header_size, record_size = struct.unpack("<xxxxIHH", data[:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    rows = []
    for index in range(records):
        start = header_size + index * record_size + 1  # first byte: deletion flag
        row = {}
        for name, size in fields:
            row[name] = data[start:start + size].decode("utf-8", "replace").strip()
            start += size
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings as lists of (lon, lat)."""
    data = path.read_bytes()
    offset, shapes = 100, []
    while offset < len(data):
        _, length = struct.unpack(">ii", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + 2 * length]
        offset += 8 + 2 * length
        if struct.unpack("<i", body[:4])[0] != POLYGON:
            shapes.append([])
            continue
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack(f"<{parts}i", body[44:44 + 4 * parts])) + [points]
        base = 44 + 4 * parts
        coords = [struct.unpack("<dd", body[base + 16 * i:base + 16 * i + 16])
                  for i in range(points)]
        shapes.append([coords[a:b] for a, b in zip(starts, starts[1:])])
    return shapes


def ring_path(ring: list[tuple[float, float]]) -> str:
    points, last = [], None
    for lon, lat in ring:
        point = (round(lon + 180, 1), round(90 - lat, 1))
        if point != last:
            points.append(point)
            last = point
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with naturalearth_lowres.shp/.dbf")
    args = parser.parse_args()
    rows = read_dbf(args.folder / "naturalearth_lowres.dbf")
    shapes = read_polygons(args.folder / "naturalearth_lowres.shp")
    countries = []
    for row, rings in zip(rows, shapes):
        path = "".join(ring_path(ring) for ring in rings)
        if path:
            countries.append({"iso3": row.get("iso_a3"), "name": row.get("name"),
                              "continent": row.get("continent"), "d": path})
    payload = {"source": "Natural Earth 1:110m admin-0 countries (public domain), "
                         "via the geopandas 0.14.4 wheel (naturalearth_lowres)",
               "projection": "plate carree: x = lon + 180, y = 90 - lat",
               "width": 360, "height": 180, "countries": countries}
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n",
                      encoding="utf-8")
    print(f"{len(countries)} countries, {TARGET.stat().st_size:,} bytes -> {TARGET}")


if __name__ == "__main__":
    main()
