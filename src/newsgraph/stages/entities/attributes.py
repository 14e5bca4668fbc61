"""Name, type, aliases, country and sector of each cluster."""

from __future__ import annotations

from collections import Counter

from ...knowledge import Knowledge, fold
from .clusters import Cluster, is_acronym
from .lexicon import INSTITUTION_WORDS

_CHANNEL_VERBS = {"tell", "say"}  # "told CNN", "said to Reuters"
_CHANNEL_NOUNS = {"interview", "statement", "broadcast", "report"}
_GOVERNMENT_SECTORS = {"GOV", "LEG", "MIL", "JUD", "COP", "SPY"}


def count_channel_uses(doc, cluster: Cluster) -> None:
    """How often the text treats an organisation as a news channel."""
    for mention in cluster.named():
        root = doc[mention.start:mention.end].root
        head = root.head
        if root.dep_ in {"dobj", "dative"} and head.lemma_ == "tell":
            cluster.channel_uses += 1
        elif root.dep_ == "pobj" and head.lower_ in {"to", "with"} and (
                head.head.lemma_ in {"speak", "talk", "say", "tell"}
                or head.head.lemma_ in _CHANNEL_NOUNS):
            cluster.channel_uses += 1
        elif root.dep_ == "nsubj" and head.lemma_ == "report" and head.tag_ in {"VBD", "VBZ", "VBP"}:
            cluster.channel_uses += 1
        elif root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            cluster.channel_uses += 1


def canonical_name(cluster: Cluster, knowledge: Knowledge) -> str:
    if cluster.kind == "STATE":
        state = knowledge.state(cluster.state)
        return state.name if state else cluster.mentions[0].text
    named = cluster.named()
    if cluster.kind == "PERSON":
        persons = [m for m in named if m.label == "PERSON"] or named
        full = [m.text for m in persons if m.end - m.start > 1]
        if full:
            # The form the text uses most ("Hillary Clinton" over a one-off
            # "Crooked Hillary Clinton"), then the longest.
            counts = Counter(full)
            return max(counts, key=lambda text: (counts[text], len(text.split()), len(text)))
        # Only a surname in the text: the full name from what the package knows.
        known = knowledge.actor(persons[0].text)
        if known and len(known.canonical.split()) > 1:
            return known.canonical
        return persons[0].text
    # Organisations: the longest written form that is not an acronym.
    forms = [m.text for m in named if not is_acronym(m.text)] or [m.text for m in named]
    return max(forms, key=lambda text: (len(text.split()), len(text), -forms.index(text)))


def aliases(cluster: Cluster, name: str) -> list[str]:
    seen = {fold(name)}
    result = []
    for mention in cluster.named():
        for surface in (mention.text, mention.full_text):
            if surface and fold(surface) not in seen:
                seen.add(fold(surface))
                result.append(surface)
    for surface in cluster.extra_aliases:
        if fold(surface) not in seen:
            seen.add(fold(surface))
            result.append(surface)
    return result


def entity_type(cluster: Cluster, name: str, knowledge: Knowledge) -> str:
    if cluster.kind == "STATE":
        return "GPE"
    if cluster.kind == "PERSON":
        return "PERSON"
    if cluster.kind == "GROUP":
        return "GROUP"
    if cluster.kind in {"ORG", "COLLECTIVE", "NORP", "FAC", "LOC", "GPE"}:
        surfaces = [name] + [m.text for m in cluster.named()]
        if cluster.kind == "ORG" and (any(knowledge.is_outlet_name(s) for s in surfaces)
                                      or _used_as_channel(cluster, name, knowledge)):
            return "MEDIA"
        return "ORG" if cluster.kind == "COLLECTIVE" else cluster.kind
    return "ORG"


def _used_as_channel(cluster: Cluster, name: str, knowledge: Knowledge) -> bool:
    if cluster.channel_uses == 0:
        return False
    # "told Congress" or "told the Senate Armed Services Committee" is testimony.
    if any(word in INSTITUTION_WORDS for word in name.lower().split()):
        return False
    return knowledge.sector_for(name) not in _GOVERNMENT_SECTORS


def _state_in(text: str, knowledge: Knowledge) -> str | None:
    for word in text.replace("-", " ").split():
        iso3 = knowledge.state_for(word)
        if iso3:
            return iso3
    return knowledge.state_for(text)


# A single word of an organisation's name is taken for a town only if the town is at
# least this large: "Bank", "Central" and "Federal" are towns of 16,000-29,000 people (in
# India, the US, Argentina), and the World Bank or the Federal Reserve are not theirs.
MIN_TOWN_IN_NAME = 50_000


def _place_in(name: str, knowledge: Knowledge) -> str | None:
    """'Gaza Health Ministry' belongs where Gaza is; only capitalised words of two or more
    letters are tried, longest run first."""
    words = [w for w in name.split() if w[:1].isupper() and len(w) > 2]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            run = " ".join(words[i:i + size])
            # a state's own name is the state: the gazetteer's best "Mexico" is a town
            # in the Philippines ("Mexico's government")
            iso3 = knowledge.state_for(run) or knowledge.country_of_place(
                run, min_population=MIN_TOWN_IN_NAME if size == 1 else 0)
            if iso3:
                return iso3
    return None


def country_and_sector(cluster: Cluster, name: str, etype: str, knowledge: Knowledge,
                       published: str | None) -> tuple[str | None, str | None]:
    if etype == "GPE" and cluster.kind == "STATE":
        return cluster.state, None
    country = None
    sector = "MED" if etype == "MEDIA" else None
    for role in cluster.roles:
        country = country or _state_in(role, knowledge)
    for mention in cluster.named():
        country = country or mention.country_hint
    known = None
    for surface in [name] + [m.text for m in cluster.named()]:
        known = knowledge.actor(surface)
        if known:
            break
    if known and etype in {"PERSON", "ORG", "MEDIA", "GROUP"}:
        code = known.code_on(published)
        country = country or (code.country if code.country in knowledge.states else None)
        sector = sector or code.sector
    for role in cluster.roles:
        sector = sector or knowledge.sector_for(role)
    if etype != "GPE":
        sector = sector or knowledge.sector_for(name)
    if etype == "GPE" and not country:
        country = _state_in(name, knowledge) or knowledge.country_of_place(name)
    if etype in {"ORG", "MEDIA"} and not country:
        country = _place_in(name, knowledge)
    return country, sector


def home_state(clusters: list[Cluster], countries: dict[int, str | None]) -> str | None:
    """The state whose people and institutions the article is mostly about."""
    votes = Counter()
    for cluster in clusters:
        country = countries.get(id(cluster))
        if country and cluster.kind in {"PERSON", "ORG", "GROUP"}:
            votes[country] += len(cluster.mentions)
    if not votes:
        states = Counter({c.state: len(c.mentions) for c in clusters if c.kind == "STATE"})
        if not states:
            return None
        votes = states
    ranked = votes.most_common(2)
    if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    return None
