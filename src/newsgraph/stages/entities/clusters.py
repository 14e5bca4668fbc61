"""Grouping mentions into one cluster per real-world actor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...knowledge import fold
from .mentions import Mention

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")
_BETWEEN_ALIAS = re.compile(r"^\s*(,\s*or|,?\s*\(|,\s*also known as|,\s*known as)\s*$")
_STOP_INITIALS = {"of", "the", "and", "for", "in", "on", "de", "al"}


@dataclass
class Cluster:
    kind: str  # STATE PERSON ORG GPE NORP LOC FAC COLLECTIVE GROUP
    key: str
    mentions: list[Mention] = field(default_factory=list)
    state: str | None = None
    roles: list[str] = field(default_factory=list)
    extra_aliases: list[str] = field(default_factory=list)
    channel_uses: int = 0  # times the text uses it as a news channel ("told X")

    def add(self, mention: Mention) -> None:
        mention.cluster = self
        self.mentions.append(mention)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def named(self) -> list[Mention]:
        return [m for m in self.mentions if m.label not in {"PRONOUN", "TITLE"}]


def initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in _STOP_INITIALS]
    return "".join(w[0] for w in words).upper()


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and any(c.isalpha() for c in text)


def cluster_mentions(doc, mentions: list[Mention]) -> list[Cluster]:
    """Assign every mention to a cluster; returns clusters in order of first mention."""
    mentions.sort(key=lambda m: (m.start, -m.end))
    clusters: dict[tuple[str, str], Cluster] = {}
    people_by_word: dict[str, list[Cluster]] = {}

    def get(kind: str, key: str) -> Cluster:
        cluster = clusters.get((kind, key))
        if cluster is None:
            cluster = clusters[(kind, key)] = Cluster(kind, key)
        return cluster

    # Full names first, longest first, so "Mattis" finds "Jim Mattis" and "Al Thani"
    # finds "Mohammed bin Abdulrahman Al Thani".
    full_names = sorted((m for m in mentions if m.label == "PERSON" and m.end - m.start > 1),
                        key=lambda m: -(m.end - m.start))
    for mention in full_names:
        key = fold(mention.text)
        longer = [c for (kind, k), c in clusters.items()
                  if kind == "PERSON" and k.endswith(" " + key)]
        if len(longer) == 1:
            clusters[("PERSON", key)] = longer[0]
            continue
        cluster = get("PERSON", key)
        # Any later word is a surname form ("Mattis"); the first only when given alone
        # ("Donald has put forth"), and both only if no one else shares them.
        for word in key.split():
            people_by_word.setdefault(word, [])
            if cluster not in people_by_word[word]:
                people_by_word[word].append(cluster)

    # Explicit aliases: "Syrian Democratic Forces, or SDF"; "... (SDF)".
    alias_of: dict[str, str] = {}
    named_orgs = [m for m in mentions if m.label in {"ORG", "COLLECTIVE", "GPE", "NORP"}]
    text = doc.text  # built from the tokens on every access: take it once
    for left, right in zip(named_orgs, named_orgs[1:]):
        between = text[left.char_span(doc)[1]:right.char_span(doc)[0]]
        if is_acronym(right.text) and _BETWEEN_ALIAS.match(between):
            alias_of[right.text] = fold(left.text)

    for mention in mentions:
        if mention.cluster is not None:
            continue
        key = fold(mention.text)
        if mention.label == "STATE":
            cluster = get("STATE", mention.state)
            cluster.state = mention.state
        elif mention.label == "PERSON" or key in people_by_word or ("PERSON", key) in clusters:
            if ("PERSON", key) in clusters:
                cluster = clusters[("PERSON", key)]
            elif key in people_by_word:
                cluster = _nearest(people_by_word[key], mention.start)
            else:
                cluster = get("PERSON", key)
        elif mention.text in alias_of:
            cluster = _org_cluster(clusters, alias_of[mention.text]) or get("ORG", key)
        elif mention.label in {"ORG", "FAC"} and is_acronym(mention.text):
            cluster = _by_initials(clusters, mention.text) or get("ORG", key)
        elif mention.label == "COLLECTIVE":
            cluster = _collective(clusters, mention, get)
        else:
            kind = "ORG" if mention.label == "ORG" else mention.label
            cluster = _org_cluster(clusters, key, mention.country_hint) if kind == "ORG" else None
            if cluster is None and mention.country_hint:
                # Two states' "Foreign Ministry" are two actors.
                key = f"{key}@{mention.country_hint}"
            cluster = cluster or get(kind, key)
        cluster.add(mention)
    # A shorter full name is a second key of its longer cluster: list each cluster once.
    unique = {id(c): c for c in clusters.values() if c.mentions}
    return sorted(unique.values(), key=lambda c: c.first)


def _nearest(candidates: list[Cluster], position: int) -> Cluster:
    """Of several people sharing a surname, the one mentioned last before this point."""
    def last_before(cluster: Cluster) -> int:
        before = [m.start for m in cluster.mentions if m.start < position]
        return max(before) if before else -1
    return max(candidates, key=last_before)


def _org_cluster(clusters: dict, key: str, country: str | None = None) -> Cluster | None:
    for kind in ("ORG", "COLLECTIVE", "GPE", "NORP", "FAC"):
        if (kind, key) in clusters:
            return clusters[(kind, key)]
    if country:
        return clusters.get(("ORG", f"{key}@{country}"))
    # An unqualified "State Department" joins the one qualified earlier, if only one is.
    qualified = [c for (kind, k), c in clusters.items() if kind == "ORG" and k.startswith(key + "@")]
    return qualified[0] if len(qualified) == 1 else None


def merge_bare_descriptions(clusters: list[Cluster]) -> list[Cluster]:
    """'the coalition' or 'the alliance' with no antecedent of its own joins the only
    actor the text names or describes with that noun ("US-led coalition", "an alliance of
    militias known as ..."). Runs after roles are known."""
    kept = []
    for cluster in clusters:
        bare = cluster.kind == "COLLECTIVE" and all(m.text.lower() == (m.head_lemma or "")
                                                    for m in cluster.mentions)
        target = None
        if bare:
            head = cluster.mentions[0].head_lemma
            candidates = [c for c in clusters if c is not cluster and (
                (c.kind == "COLLECTIVE" and any(m.head_lemma == head for m in c.mentions))
                or any(role.lower().split()[0] == head for role in c.roles))]
            if len(candidates) == 1:
                target = candidates[0]
        if target is None:
            kept.append(cluster)
            continue
        for mention in cluster.mentions:
            target.add(mention)
    return kept


def _by_initials(clusters: dict, acronym: str) -> Cluster | None:
    letters = acronym.replace(".", "").replace("-", "").upper()
    for (kind, key), cluster in clusters.items():
        if kind in {"ORG", "COLLECTIVE"} and len(key.split()) > 1 and initials(key) == letters:
            return cluster
    return None


def _collective(clusters: dict, mention: Mention, get) -> Cluster:
    """'the coalition' refers back to the last collective with the same head noun."""
    key = fold(mention.text)
    if key == mention.head_lemma:
        same_head = [c for (kind, _), c in clusters.items()
                     if kind == "COLLECTIVE" and c.mentions
                     and any(m.head_lemma == mention.head_lemma for m in c.mentions)]
        if same_head:
            return _nearest(same_head, mention.start)
    return get("COLLECTIVE", key)
