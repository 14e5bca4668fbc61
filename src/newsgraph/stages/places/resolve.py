"""Choosing among namesakes with the article's context.

One sense per name per article. A namesake's score is its prior (log population or its
stand-in) plus what the article says around it:
- its country is named in the article (as a place, or as an actor's country);
- it lies near the other places the article names (a second pass, once those are known);
- the name is followed by its container: "Alexandria, Louisiana", "Paris, Texas";
- it lies in a state or province the article names ("Paris" in an article on Texas),
  or in the country most of the article's other towns and areas lie in;
- spaCy's label fits its kind (LOC for rivers and regions, GPE for towns and states).
"""

from __future__ import annotations

from collections import Counter

from ...knowledge.gazetteer import GeoEntry, distance_km
from .detect import Toponym

COUNTRY_NAMED = 2.0
COUNTRY_OF_ACTOR = 1.0
NEAR_OTHERS = 2.0  # for each of up to NEAR_COUNTED other places nearby
NEAR_COUNTED = 2
NEAR_KM = 300.0
CONTAINER = 6.0
IN_NAMED_AREA = 3.0
SAME_COUNTRY_AS_OTHERS = 1.0
CITY_OVER_AREA = 100_000
LABEL_FITS = 1.0
DESCRIPTORS = {"province", "governorate", "region", "state", "district", "prefecture",
               "oblast", "municipality"}


def _label_bonus(entry: GeoEntry, label: str) -> float:
    if label == "LOC" and entry.kind in {"feature", "region"}:
        return LABEL_FITS
    if label == "GPE" and entry.kind in {"city", "admin", "country"}:
        return LABEL_FITS
    return 0.0


def _nearby(entry: GeoEntry, others: list[GeoEntry]) -> int:
    """How many of the article's other places lie within NEAR_KM of entry."""
    # A degree of latitude is 111 km: most pairs are ruled out before the haversine.
    return sum(1 for o in others if o is not entry and abs(o.lat - entry.lat) < 3
               and distance_km(entry.lat, entry.lon, o.lat, o.lon) < NEAR_KM)


def _city_over_its_area(best: GeoEntry, entries: list[GeoEntry]) -> GeoEntry:
    """An area named after its large city means the city ("Geneva", "New York")."""
    if best.kind != "admin":
        return best
    for entry in entries:
        if (entry.kind == "city" and entry.country == best.country
                and entry.weight >= CITY_OVER_AREA
                and distance_km(entry.lat, entry.lon, best.lat, best.lon) < 150):
            return entry
    return best


class Resolver:
    def __init__(self, gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, view, toponyms: list[Toponym],
                actor_countries: Counter) -> dict[str, GeoEntry]:
        """Name key -> the chosen namesake, for every name the gazetteer knows."""
        candidates: dict[str, list[GeoEntry]] = {}
        labels: dict[str, str] = {}
        for topo in toponyms:
            key = self.gazetteer.key(topo.text)
            if key not in candidates:
                candidates[key] = self.gazetteer.lookup(topo.text)
            if not candidates[key]:
                candidates[key] = self._without_descriptor(topo.text)
            if topo.label and not labels.get(key):
                labels[key] = topo.label
        containers = self._containers(view, toponyms, candidates)
        named: dict[str, set] = {}  # country -> the names that name it
        for key, entries in candidates.items():
            if entries and entries[0].kind == "country":
                named.setdefault(entries[0].country, set()).add(key)
        first = {key: self._best(key, entries, labels.get(key, ""), named, actor_countries,
                                 containers.get(key, []), [])
                 for key, entries in candidates.items() if entries}
        chosen = {}
        for key, entries in candidates.items():
            if not entries:
                continue
            others = [e for other, e in first.items()
                      if other != key and e.kind in {"city", "admin"}]
            areas = {e.area for other, e in first.items() if other != key and e.kind == "admin"}
            home = Counter(e.country for other, e in first.items()
                           if other != key and e.kind in {"city", "admin"})
            dominant = home.most_common(1)[0][0] if home else None
            chosen[key] = self._best(key, entries, labels.get(key, ""), named,
                                     actor_countries, containers.get(key, []), others, areas,
                                     dominant)
        return chosen

    def _without_descriptor(self, surface: str) -> list[GeoEntry]:
        """"Raqqa province", "Oaxaca State": the name without its descriptor, areas
        first."""
        words = surface.split()
        if len(words) < 2 or words[-1].lower() not in DESCRIPTORS:
            return []
        entries = self.gazetteer.lookup(" ".join(words[:-1]))
        return sorted(entries, key=lambda e: e.kind != "admin")

    def _containers(self, view, toponyms, candidates) -> dict[str, list[GeoEntry]]:
        """"Alexandria, Louisiana": the toponym right after a comma contains this one."""
        found: dict[str, list[GeoEntry]] = {}
        for topo, nxt in zip(toponyms, toponyms[1:]):
            if nxt.start == topo.end + 1 and view.text[topo.end] == ",":
                entries = candidates.get(self.gazetteer.key(nxt.text)) or []
                found.setdefault(self.gazetteer.key(topo.text), []).extend(
                    e for e in entries if e.kind in {"country", "admin"})
        return found

    def _best(self, key, entries, label, named, actor_countries, containers,
              others, areas=frozenset(), dominant=None) -> GeoEntry:
        def score(entry: GeoEntry) -> float:
            value = entry.prior + _label_bonus(entry, label)
            if entry.kind != "country" and entry.country:
                if named.get(entry.country, {key}) - {key}:
                    value += COUNTRY_NAMED
                elif actor_countries.get(entry.country):
                    value += COUNTRY_OF_ACTOR
            if entry.country == dominant and entry.kind != "country":
                value += SAME_COUNTRY_AS_OTHERS
            if entry.kind in {"city", "admin", "feature"}:
                value += NEAR_OTHERS * min(NEAR_COUNTED, _nearby(entry, others))
            if entry.area and entry.area in areas and entry.level != "admin1":
                value += IN_NAMED_AREA
            for container in containers:
                if container.country == entry.country and (
                        container.kind == "country" or container.area == entry.area or
                        distance_km(entry.lat, entry.lon, container.lat, container.lon) < 300):
                    value += CONTAINER
                    break
            return value

        if entries[0].kind == "country" and not containers:
            return self._country_or_state(entries, others)
        return _city_over_its_area(max(entries, key=score), entries)

    @staticmethod
    def _country_or_state(entries: list[GeoEntry], others: list[GeoEntry]) -> GeoEntry:
        """A country's name means the country ("Georgia" with Tbilisi), unless none of
        the article's other places lies in it and some lie near a namesake state or in
        its country ("Georgia" with Atlanta)."""
        country = entries[0]
        if any(o.country == country.country for o in others):
            return country
        for entry in entries[1:]:
            if entry.kind == "admin" and entry.level == "admin1" and (
                    _nearby(entry, others) or any(o.country == entry.country for o in others)):
                return entry
        return country
