"""The places stage: every toponym of an article, resolved and geocoded offline.

detect.py finds the spans, directions.py the directional regions built on them,
resolve.py picks each name's namesake from the article's context, and this module
gathers the mentions of one real location into one Place; locality.py places what the
gazetteer does not know in the article's town.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ...items import Place
from ...knowledge.gazetteer import GeoEntry
from ...stage import AnalysisState, Stage
from .adjectives import adjectival_mentions
from .detect import Toponym, ToponymFinder
from .directions import DIRECTION_NOUNS, Region, find_regions
from .locality import localities
from .resolve import Resolver
from .scan import DocScan, direction_hashes

# The kind of a place the gazetteer does not know, from spaCy's label.
UNKNOWN_KIND = {"LOC": "region", "FAC": "feature"}


class PlaceStage(Stage):
    name = "places"
    requires = ("document", "doc", "entities", "mention_index")
    assigns = ("places",)
    finder: ToponymFinder
    resolver: Resolver
    directions: np.ndarray  # hashes of the direction words, for DocScan
    alpha3_codes: dict[str, str]

    def load(self) -> None:
        gazetteer = self.knowledge.gazetteer
        self.finder = ToponymFinder(gazetteer, self.knowledge)
        self.resolver = Resolver(gazetteer)
        self.directions = direction_hashes(DIRECTION_NOUNS)
        # ISO alpha-2 -> alpha-3, the code entities and events carry, so places join them.
        self.alpha3_codes = {s.iso2: s.iso3 for s in self.knowledge.states.values()}

    def run(self, state: AnalysisState) -> None:
        state.places = []
        if not state.document.text.strip() or state.tokens.n == 0:
            return
        finder, resolver = self.finder, self.resolver
        view, text = state.tokens, state.document.text
        scan = DocScan(state.doc, self.directions)
        entity_types = {entity.id: entity.type for entity in state.entities}
        toponyms = [t for t in finder.find(state, scan)
                    if not self._is_actor(state, t, entity_types)]
        regions = find_regions(view, text, toponyms, finder.gazetteer, scan.directions)
        actor_countries = self._actor_countries(state)
        chosen = resolver.resolve(view, toponyms, actor_countries)
        adjectives = adjectival_mentions(view, text, scan.entities, self.knowledge,
                                         finder.gazetteer)
        state.places = _assemble(state, finder.gazetteer.key, toponyms, regions, chosen,
                                 actor_countries, adjectives)
        for place in state.places:
            place.country_alpha3 = self.alpha3_codes.get(place.country or "")

    def _is_actor(self, state: AnalysisState, topo: Toponym, entity_types: dict) -> bool:
        """A name the gazetteer does not know, that the entity stage resolved to a person
        or organisation ("Mattis" tagged GPE once, PERSON elsewhere)."""
        if topo.text in self.finder.gazetteer:
            return False
        entity_id = state.mention_index.get(topo.start)
        if entity_id is None:
            return False
        return entity_types.get(entity_id) not in {"GPE", "LOC", "FAC", None}

    def _actor_countries(self, state: AnalysisState) -> Counter:
        """ISO alpha-2 of the states the article's actors belong to, by mentions."""
        counts: Counter = Counter()
        for entity in state.entities:
            if entity.country:
                found = self.knowledge.state(entity.country)
                if found:
                    counts[found.iso2] += len(entity.mentions) or 1
        return counts


def _identity(entry: GeoEntry) -> tuple:
    if entry.geonameid is not None:
        return ("id", entry.geonameid)
    return ("name", entry.name, entry.kind, entry.country)


def _assemble(state, key, toponyms: list[Toponym], regions: list[Region],
              chosen: dict[str, GeoEntry], actor_countries: Counter,
              adjectives: list[tuple[tuple[int, int], GeoEntry]]) -> list[Place]:
    groups: dict[tuple, dict] = {}

    def add(identity, make, span, adjectival=False):
        group = groups.setdefault(identity, {"make": make, "mentions": [], "adjectival": []})
        if span not in group["mentions"]:
            group["mentions"].append(span)
            if adjectival:
                group["adjectival"].append(span)

    entries = [chosen.get(key(topo.text)) for topo in toponyms]
    towns = localities(state.tokens, toponyms, entries)
    for index, (topo, entry) in enumerate(zip(toponyms, entries)):
        if entry is not None:
            add(_identity(entry), lambda e=entry: _place_of(e), topo.chars)
        else:
            kind = UNKNOWN_KIND.get(topo.label, "city")
            add(("unknown", key(topo.text)),
                lambda t=topo, k=kind, town=towns.get(index): _unknown_place(t, k, town),
                topo.chars)
    main_country = _main_country(chosen, actor_countries)
    for region in regions:
        anchor = chosen.get(key(region.anchor.text)) if region.anchor else main_country
        add(("region", key(region.text)),
            lambda r=region, a=anchor: _region_of(r, a), region.chars)
    for span, country in adjectives:
        add(_identity(country), lambda e=country: _place_of(e), span, adjectival=True)
    places = []
    for group in groups.values():
        place = group["make"]()
        place.mentions = sorted(group["mentions"])
        place.adjectival = sorted(group["adjectival"])
        places.append(place)
    places.sort(key=lambda p: p.mentions[0])
    for number, place in enumerate(places, 1):
        place.id = f"P{number}"
    return places


def _place_of(entry: GeoEntry) -> Place:
    return Place("", entry.name, entry.kind, entry.country, round(entry.lat, 5),
                 round(entry.lon, 5), entry.geonameid)


def _unknown_place(topo: Toponym, kind: str, town: GeoEntry | None) -> Place:
    """A place the gazetteer does not know, placed in its town when there is one."""
    if town is None:
        return Place("", topo.text, kind)
    return Place("", topo.text, kind, town.country, round(town.lat, 5), round(town.lon, 5))


def _region_of(region: Region, anchor: GeoEntry | None) -> Place:
    if anchor is None:
        return Place("", region.text, "region")
    return Place("", region.text, "region", anchor.country, round(anchor.lat, 5),
                 round(anchor.lon, 5), None)


def _main_country(chosen: dict[str, GeoEntry], actor_countries: Counter) -> GeoEntry | None:
    """The country "the country" means: the one the article names, else its actors'."""
    named = [e for e in chosen.values() if e.kind == "country"]
    if len(named) == 1:
        return named[0]
    return None if not actor_countries else _country_entry(chosen, actor_countries)


def _country_entry(chosen, actor_countries: Counter) -> GeoEntry | None:
    by_code = {e.country: e for e in chosen.values() if e.kind == "country"}
    for code, _ in actor_countries.most_common():
        if code in by_code:
            return by_code[code]
    return None
