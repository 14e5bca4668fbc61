"""Claims matched across the articles of one story: the same claim told by several
outlets (similar content from the same or a compatible speaker), and denials against
the claims of other articles they deny.

A claim is a set of stemmed content words ("~neg" marks a negated one, so "will leave"
and "will not leave" never match; "#6" a number it gives, so "by 6 points" and "by 4
points" do not); words are weighted by their rarity over the claims seen so far
(`claim_weights`; the store counts them in `claim_df`). Two claims match when they share at
least four words, the shared words are most of the shorter one's weight and a fair
part of the longer one's, neither is negated where the other is not, and their speakers
are compatible: the same actor, or one of them unnamed (anonymous, a group, an outlet).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .denials import Reader, called_false_at, denied_words, denies
from .stance_features import NEGATION
from .tfidf import idf

NEGATED = "~neg"
NUMBER = "#"  # "#46": a number the claim gives; two claims giving different ones differ
MIN_SHARED = 4
MIN_SHORTER_SHARE = 0.6
MIN_LONGER_SHARE = 0.4
# A denial and the claim it denies: most of the denial's words, at least two.
MIN_DENIED_SHARE = 0.5
MIN_DENIED_SHARED = 2
OPEN_SPEAKER_TYPES = frozenset({"MEDIA", "GROUP"})


@dataclass
class ClaimFacts:
    key: str
    id: str
    stems: frozenset[str]
    denial: bool
    speaker_actor: str | None
    open_speaker: bool  # anonymous, unresolved, a group or an outlet
    start: int

    @cached_property
    def numbers(self) -> frozenset[str]:
        return frozenset(_numbers(self.stems))


def claim_facts(analysis: dict, doc_hash: str, actors: dict[str, str],
                entity_types: dict[str, str]) -> list[ClaimFacts]:
    text = (analysis.get("document") or {}).get("text") or ""
    reader = Reader(text)
    called_false = called_false_at(reader)
    facts = []
    for claim in analysis.get("claims") or []:
        if not isinstance(claim, dict) or not claim.get("id"):
            continue
        denial = denies(reader, claim, called_false)
        words = (denied_words(reader, claim) if denial
                 else reader.content_words(claim.get("content")))
        stems = set(reader.stems(words)) | {NUMBER + w for w in words if w.isdigit()}
        if not denial and any(w in NEGATION or w.endswith("n't") for w in words):
            stems.add(NEGATED)
        speaker = claim.get("speaker")
        open_speaker = bool(claim.get("anonymous") or speaker not in actors
                            or entity_types.get(speaker) in OPEN_SPEAKER_TYPES)
        spans = [s for s in claim.get("content") or () if isinstance(s, list) and s]
        facts.append(ClaimFacts(f"{doc_hash}/{claim['id']}", claim["id"], frozenset(stems),
                                denial, actors.get(speaker), open_speaker,
                                min((s[0] for s in spans), default=0)))
    return facts


@dataclass
class Candidate:
    key: str
    document: str
    group: str
    stems: frozenset[str]
    denial: bool
    speaker_actor: str | None
    open_speaker: bool

    @cached_property
    def numbers(self) -> frozenset[str]:
        """Its number words, read once: a candidate meets every claim of later articles."""
        return frozenset(_numbers(self.stems))


def claim_weights(frequencies: Mapping[str, int], claims: int) -> dict[str, float]:
    """Inverse frequency of each word among `claims` claims: "presumptive nominee", said
    of the same person in a hundred claims, tells two claims apart less than the words of
    what was said."""
    return {s: idf(claims, n) for s, n in frequencies.items()}


def shared_words(facts: list[ClaimFacts], candidates: list[Candidate]) -> list[dict[int, int]]:
    """For each claim, the candidates (by index) sharing at least the fewest words either
    comparison needs (same claim, denial), and how many. A story's recent articles
    hold thousands of claims, and most share no word with a given one."""
    postings: dict[str, list[int]] = {}
    for index, candidate in enumerate(candidates):
        for stem_ in candidate.stems:
            if stem_ != NEGATED:
                postings.setdefault(stem_, []).append(index)
    fewest = min(MIN_SHARED, MIN_DENIED_SHARED)
    overlaps = []
    for fact in facts:
        counts: dict[int, int] = {}
        for stem_ in fact.stems:
            for index in postings.get(stem_, ()):
                counts[index] = counts.get(index, 0) + 1
        overlaps.append({index: n for index, n in sorted(counts.items()) if n >= fewest})
    return overlaps


def _weight(stems, weights) -> float:
    # fsum: a set's order changes with the hash seed, and a plain sum's last bits with
    # it, which broke exact ties (the same claim told twice) differently in each process.
    return math.fsum(weights.get(s, 0.0) for s in stems if s != NEGATED)


def _numbers(stems) -> set[str]:
    return {s for s in stems if s.startswith(NUMBER)}


def compatible(a_actor, a_open, b_actor, b_open) -> bool:
    return a_open or b_open or a_actor == b_actor


def best_match(claim: ClaimFacts, candidates: list[Candidate], overlap: dict[int, int],
               weights: dict) -> Candidate | None:
    """The candidate that is the same claim, the best score above 0 among those sharing at
    least MIN_SHARED words (`overlap`: candidate index -> words shared, from
    shared_words); None: a claim of its own."""
    best, best_score = None, 0.0
    for index, shared in overlap.items():
        if shared < MIN_SHARED:
            continue
        score = same_claim_score(claim, candidates[index], weights)
        if score > best_score:
            best, best_score = candidates[index], score
    return best


def same_claim_score(claim: ClaimFacts, other: Candidate, weights: dict) -> float:
    """How well two claims match (0 when they do not)."""
    if claim.denial != other.denial or (NEGATED in claim.stems) != (NEGATED in other.stems):
        return 0.0
    if not compatible(claim.speaker_actor, claim.open_speaker, other.speaker_actor,
                      other.open_speaker):
        return 0.0
    numbers, other_numbers = claim.numbers, other.numbers
    if numbers and other_numbers and not numbers & other_numbers:
        return 0.0  # "leads by 6 points" and "by 4 points" are two polls, not one claim
    shared = (claim.stems & other.stems) - {NEGATED}
    if len(shared) < MIN_SHARED:
        return 0.0
    mine, theirs, both = _weight(claim.stems, weights), _weight(other.stems, weights), \
        _weight(shared, weights)
    shorter, longer = sorted((mine, theirs))
    if not shorter or both / shorter < MIN_SHORTER_SHARE or both / longer < MIN_LONGER_SHARE:
        return 0.0
    return both / longer


def denial_score(denied: frozenset[str], denier: str | None, claim_stems: frozenset[str],
                 speaker: str | None, weights: dict) -> float:
    """How well a denial's words point at a claim (0 when it does not deny it): a speaker
    does not deny its own claim."""
    if denier and speaker and denier == speaker:
        return 0.0
    shared = (denied & claim_stems) - {NEGATED}
    total = _weight(denied, weights)
    if len(shared) < MIN_DENIED_SHARED or not total:
        return 0.0
    share = _weight(shared, weights) / total
    return share if share >= MIN_DENIED_SHARE else 0.0
