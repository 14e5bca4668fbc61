"""Finding toponyms: the spans of an article that name a place.

Three sources, in this order of trust:
1. spaCy's GPE and LOC entities (and FAC ones the gazetteer knows);
2. names spaCy labelled otherwise or missed: a whole ORG or PERSON entity that the
   gazetteer knows as a country, area, feature or large town ("Euphrates" tagged ORG),
   and capitalised proper-noun runs outside any entity that it knows;
3. places embedded in an organisation's name ("University of Tennessee").
Demonyms and peoples ("Syrian", "Kurds") are never places.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ...knowledge.gazetteer import GeoEntry, Gazetteer

PLACE_LABELS = {"GPE", "LOC"}
# Labels whose whole span may be a mislabelled place, and that may embed one.
OTHER_LABELS = {"ORG", "PERSON", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
LEADING_WORDS = {"the", "The"}
DISEASE_WORDS = {"virus", "fever", "flu", "influenza", "encephalitis", "disease"}
COUNTY_WORDS = {"County", "Parish", "Borough", "Shire"}
CAPITAL_DISTRICT = {"D.C.", "DC"}
AREA_DESCRIPTORS = {"province", "governorate", "state", "prefecture", "oblast"}
POSSESSIVE = {"'s", "’s", "'", "’"}
# Words that are gazetteer names somewhere ("South", Iceland; "Centre", France) but in
# English text are directions or common nouns: never a place on their own.
GENERIC_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest central centre center "
    "capital northern southern eastern western middle upper lower university college "
    "city county state district island islands lake river mount valley bay".split())
MAX_RUN = 4
# A town mislabelled as a person or organisation is believed only when it is large.
STRONG_TOWN = 100_000


@dataclass
class Toponym:
    start: int  # first token
    end: int  # token after the last
    chars: tuple[int, int]
    text: str
    label: str  # spaCy's label, or "" when the gazetteer found it


def _chars(view, start: int, end: int) -> tuple[int, int]:
    return view.idx[start], view.idx[end - 1] + len(view.text[end - 1])


def _strip_article(view, start: int, end: int) -> int:
    while start < end - 1 and view.text[start] in LEADING_WORDS:
        start += 1
    return start


def _names_a_disease(view, topo: Toponym) -> bool:
    """"West Nile virus", "Rift Valley fever": a place's name in a disease's name."""
    return topo.end < view.n and view.lower[topo.end] in DISEASE_WORDS


def _with_descriptor(view, text: str, topo: Toponym) -> Toponym:
    """"Benue State", "Idlib province": the descriptor after an area's name is part of the
    name (the resolver reads the name without it), unless a longer name goes on ("Colorado
    State University"). "Washington, D.C." is one name."""
    after = topo.end
    if after + 1 < view.n and view.text[after] == "," and view.text[after + 1] in CAPITAL_DISTRICT:
        chars = _chars(view, topo.start, after + 2)
        return Toponym(topo.start, after + 2, chars, text[chars[0]:chars[1]], topo.label)
    if after >= view.n or view.lower[after] not in AREA_DESCRIPTORS:
        return topo
    if after + 1 < view.n and view.pos[after + 1] == "PROPN":
        return topo
    chars = _chars(view, topo.start, after + 1)
    return Toponym(topo.start, after + 1, chars, text[chars[0]:chars[1]], topo.label)


def _too_short(surface: str) -> bool:
    """A letter or an initial ("D", "J.") is never a place name on its own."""
    return len(surface) < 5 and sum(ch.isalpha() for ch in surface) < 2


def is_strong(entries: list[GeoEntry], min_town: int = STRONG_TOWN) -> bool:
    """A reading good enough to overrule spaCy's label: a country, area, feature or
    region, or a town of at least min_town people."""
    return any(e.kind != "city" or e.weight >= min_town for e in entries)


class ToponymFinder:
    def __init__(self, gazetteer: Gazetteer, knowledge):
        self.gazetteer = gazetteer
        self.knowledge = knowledge
        self._people: dict[str, bool] = {}  # surface -> a demonym, memoised

    def find(self, state, scan) -> list[Toponym]:
        view = state.tokens
        found: list[Toponym] = []
        covered = [False] * view.n
        for ent_start, ent_end in scan.entities:
            covered[ent_start:ent_end] = [True] * (ent_end - ent_start)
            label = view.ent[ent_start]
            if label not in PLACE_LABELS and label not in OTHER_LABELS:
                continue  # dates, numbers, money: never a place
            start = _strip_article(view, ent_start, ent_end)
            end = ent_end - 1 if ent_end - start > 1 and view.text[ent_end - 1] in POSSESSIVE \
                else ent_end
            chars = _chars(view, start, end)
            text = state.document.text[chars[0]:chars[1]]
            if self._is_people(text):
                continue
            if text.lower() in GENERIC_WORDS or _too_short(text):
                continue
            if label in PLACE_LABELS:
                if not self._personal_name(text):
                    found.append(Toponym(start, end, chars, text, label))
            elif label in OTHER_LABELS:
                found.extend(self._mislabelled(view, state, start, end, text, label))
        found.extend(self._unlabelled_runs(view, state.document.text, covered, scan.propn))
        found.extend(self._state_mentions(state, found))
        found = [_with_descriptor(view, state.document.text, t) for t in found
                 if not _names_a_disease(view, t)]
        found = self._joined_country_names(view, state.document.text, found)
        found.sort(key=lambda t: (t.start, -t.end))
        kept: list[Toponym] = []
        for topo in found:  # "D.C." inside "Washington, D.C." once that grew over it
            if not kept or topo.start >= kept[-1].end:
                kept.append(topo)
        return kept

    def _state_mentions(self, state, found: list[Toponym]) -> list[Toponym]:
        """Names of GPE/LOC actors the entity stage found outside spaCy's place spans
        ("US" split off "US State Department")."""
        view, text = state.tokens, state.document.text
        starts = {t.chars[0] for t in found}
        extra = []
        for entity in state.entities:
            if entity.type not in PLACE_LABELS:
                continue
            for s, e in entity.mentions:
                surface = text[s:e]
                if s in starts or not surface[:1].isupper():
                    continue
                if self._is_people(surface) or not self.gazetteer.lookup(surface):
                    continue
                first = bisect_right(view.idx, s) - 1
                last = bisect_right(view.idx, e - 1)
                if first < 0 or view.idx[first] != s:
                    continue  # not on a token boundary
                extra.append(Toponym(first, last, (s, e), surface, "GPE"))
                starts.add(s)
        return extra

    def _personal_name(self, surface: str) -> bool:
        """"Helen Kunz" tagged LOC: a given name first, and no place by that name."""
        words = surface.split()
        return (len(words) > 1 and bool(self.knowledge.gender_of_name(words[0]))
                and surface not in self.gazetteer)

    def _joined_country_names(self, view, text: str, found: list[Toponym]) -> list[Toponym]:
        """"Trinidad and Tobago", "Bosnia and Herzegovina": two names joined by "and"
        that together name a country are one toponym."""
        found = sorted(found, key=lambda t: t.start)
        joined: list[Toponym] = []
        for topo in found:
            if joined:
                last = joined[-1]
                if (topo.start == last.end + 1 and view.lower[last.end] in {"and", "&"}):
                    chars = (last.chars[0], topo.chars[1])
                    surface = text[chars[0]:chars[1]]
                    if any(e.kind == "country" for e in self.gazetteer.lookup(surface)):
                        joined[-1] = Toponym(last.start, topo.end, chars, surface, last.label)
                        continue
            joined.append(topo)
        return joined

    def _is_people(self, text: str) -> bool:
        known = self._people.get(text)
        if known is None:
            if len(self._people) > 100_000:
                self._people.clear()
            known = self._people[text] = (self.knowledge.is_people_word(text)
                                          and text not in self.gazetteer)
        return known

    def _mislabelled(self, view, state, start, end, surface, label) -> list[Toponym]:
        text = state.document.text
        entries = self.gazetteer.lookup(surface)
        if label == "FAC":
            return [Toponym(start, end, _chars(view, start, end), surface, label)]
        if entries and label not in {"NORP"} and self._believable(surface, entries, label) \
                and not self._part_of_person(state, start):
            return [Toponym(start, end, _chars(view, start, end), surface, label)]
        if end - start < 2 or label in {"NORP", "PERSON"}:
            # A person's name holds no place: "Vladimir Putin", "Victoria Vivians".
            return []
        return self._embedded(view, text, start, end, label)

    def _believable(self, surface: str, entries: list[GeoEntry], label: str) -> bool:
        if label == "PERSON":
            first = surface.split()[0]
            if self.knowledge.gender_of_name(first):
                return False  # "Jordan Peterson", "Paris Hilton"
            if len(surface.split()) > 1:  # "Tamil Nadu" tagged PERSON: an area's name
                return any(e.kind != "city" and e.level != "admin2" for e in entries)
            return any(e.kind in {"country", "feature", "region"}
                       or e.weight >= 10 * STRONG_TOWN for e in entries)
        return is_strong(entries)

    @staticmethod
    def _part_of_person(state, token: int) -> bool:
        """A surname the entity stage joined to a full name ("Nelson" of "Bill Nelson")."""
        entity_id = state.mention_index.get(token)
        if entity_id is None:
            return False
        for entity in state.entities:
            if entity.id == entity_id:
                return entity.type == "PERSON" and " " in entity.name
        return False

    def _embedded(self, view, text, start, end, label) -> list[Toponym]:
        """Countries and areas inside a longer name: "University of [Tennessee]"."""
        found = []
        i = start + 1 if view.text[start] in LEADING_WORDS else start
        while i < end:
            match = self._longest_match(view, text, i, end, embedded=True)
            if match:
                found.append(match)
                i = match.end
            else:
                i += 1
        return found

    def _unlabelled_runs(self, view, text, covered, propn: list[int]) -> list[Toponym]:
        found = []
        done = 0  # tokens before this are consumed by a match
        for i in propn:
            if i < done or covered[i] or view.shape[i] not in {"T", "U"}:
                continue
            end = i
            while end < view.n and end - i < MAX_RUN and not covered[end] and (
                    view.pos[end] == "PROPN"):
                end += 1
            match = self._longest_match(view, text, i, end, embedded=False)
            if match:
                found.append(match)
                done = match.end
        return found

    def _longest_match(self, view, text, start, end, embedded) -> Toponym | None:
        if view.shape[start] not in {"T", "U"}:
            return None
        first = view.lower[start].rstrip(".")
        if first.isascii() and first not in self.gazetteer.first_words:
            return None
        for stop in range(min(end, start + MAX_RUN), start, -1):
            chars = _chars(view, start, stop)
            surface = text[chars[0]:chars[1]]
            if surface.lower() in GENERIC_WORDS or len(surface) < 3:
                continue
            entries = self.gazetteer.lookup(surface)
            if not entries or self._is_people(surface):
                continue
            if embedded:
                if any(e.kind in {"country", "admin"} and (
                        e.level != "admin2" or surface.split()[-1] in COUNTY_WORDS)
                       for e in entries):
                    return Toponym(start, stop, chars, surface, "")
                continue
            if is_strong(entries, STRONG_TOWN if stop - start == 1 else 20_000):
                return Toponym(start, stop, chars, surface, "")
        return None
