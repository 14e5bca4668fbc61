"""Denials inside one article, from its analysis dict (the contract).

A denial is a claim whose cue is a denial verb ("denied", "dismissed", "rejected",
"refuted", "disputed") or whose content calls something false ("is false", "fake news").
It contradicts the claim or event it denies: the most similar other claim (or
unattributed event) of the article, by words weighted by their rarity in the article,
with a preference for what was reported (anonymous sources, outlets, "reports") and,
when the denial points at something without naming it ("denied any change"), for claims
that tell of an action. A speaker's own claims are never what it denies.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..items import Link
from .text import STOP_WORDS, WORD, shorten, span_text, stem
from .tfidf import idf

# Cue words that deny: "denied", "dismisses", "rejected", "refuting", "disputed".
DENIAL_CUE = re.compile(r"\b(?:den(?:y|ie|ial)|dismiss|reject|refut|rebut|disput|debunk|"
                        r"contradict|disavow|repudiat)")
# A denial that is only possible or asked for is not one: "could deny", "refused to deny".
HYPOTHETICAL_CUE = re.compile(r"\b(?:could|would|may|might|can|should|must|to|not|never)\s+"
                              r"(?:\w+\s+)?(?:den|dismiss|reject|refut|rebut|disput|debunk|"
                              r"contradict|disavow|repudiat)")
CONDITION = re.compile(r"\b(?:if|whether|unless|should)\b")
# "denied class-action status to the employees", "rejected his appeal": a refusal to
# grant something, not a denial of what was said.
REFUSED_THING = re.compile(
    r"^(?:the |a |an |his |her |their |its |any )?(?:[\w'-]+ ){0,2}?(?:status|access|entry|"
    r"bail|permission|requests?|visas?|applications?|appeals?|petitions?|motions?|"
    r"benefits?|coverage|credit|tenure|parole|asylum|admission|licen[cs]es?|certification|"
    r"waivers?|bids?|offers?|nominations?|confirmation)\b")
# Content that calls something untrue: "is false", "are not true", "fake news".
CALLED_FALSE = re.compile(
    r"\b(?:is|are|was|were|be|been|as|called?|calling)\s+(?:completely\s+|totally\s+|"
    r"entirely\s+|simply\s+|absolutely\s+)?(?:false|untrue|not\s+true|baseless|unfounded|"
    r"fabricated|fake|bogus|nonsense|incorrect|inaccurate)\b|\bfake\s+news\b|\bno\s+truth\b",
    re.IGNORECASE)
# Words with which a denial points at something without naming it ("denied any change",
# "the reports are false"); the denied claim then tells of an action.
POINTING_STEMS = frozenset(stem(w) for w in (
    "change", "changes", "move", "moves", "plan", "plans", "decision", "report", "reports",
    "claim", "claims", "allegation", "allegations", "story", "stories", "rumor", "rumour",
    "speculation", "shift", "suggestion"))
# Actions that a pointing denial can be about: changes of course, moves, decisions.
ACTION_STEMS = frozenset(stem(w) for w in (
    "withdraw", "withdrawal", "withdrawing", "pullout", "pull", "leave", "leaving", "exit",
    "quit", "resign", "resignation", "fire", "fired", "cut", "cuts", "close", "closing",
    "closure", "cancel", "cancelled", "ban", "deploy", "deployment", "send", "sending",
    "launch", "attack", "strike", "invade", "invasion", "sell", "sale", "buy", "merge",
    "merger", "acquire", "acquisition", "plan", "planning", "decide", "decision", "end",
    "ending", "halt", "suspend", "suspension", "stop", "raise", "increase", "reduce",
    "reduction", "move", "replace", "appoint", "nominate", "arrest", "charge", "sign",
    "agree", "agreement", "deal", "change"))
REPORT_STEMS = frozenset(stem(w) for w in ("report", "reports", "reported", "reportedly"))
REPORTED_CUE_STEMS = frozenset(stem(w) for w in ("told", "report", "reported", "according",
                                                   "reportedly", "leaked", "citing"))

MIN_DENIAL_SCORE = 0.35
# Share of the denial's words (weighted by rarity) that a candidate must repeat, unless
# the denial only points ("denied any change") and the candidate tells of an action.
MIN_OVERLAP = 0.2


class Reader:
    """The article's text, lower-cased once, with the stems of its words memoised for
    the length of one call (an article repeats its words)."""

    def __init__(self, text: str):
        self.text = text
        self.lowered = text.lower().replace("’", "'")
        self._stems: dict[str, str] = {}

    def span(self, span) -> str:
        return span_text(self.text, span)

    def words(self, span) -> list[str]:
        return WORD.findall(span_text(self.lowered, span))

    def content_words(self, spans) -> list[str]:
        return [w for span in spans or () for w in self.words(span)]

    def stems(self, words_: list[str]) -> set[str]:
        memo = self._stems
        out = set()
        for word in words_:
            if word in STOP_WORDS or len(word) < 2:
                continue
            stemmed = memo.get(word)
            if stemmed is None:
                stemmed = memo[word] = stem(word)
            out.add(stemmed)
        return out


def _claim_content(text: str, claim: dict) -> str:
    return " ".join(span_text(text, span) for span in claim.get("content") or [])


# Words without which CALLED_FALSE cannot match: looked for first with str.find (much
# faster than a regex over the whole text), and the pattern is tried only around them.
FALSE_WORDS = ("false", "untrue", "true", "baseless", "unfounded", "fabricated", "fake",
               "bogus", "nonsense", "incorrect", "inaccurate", "truth")


def called_false_at(reader: Reader) -> list[int]:
    """Offsets where the text calls something untrue."""
    lowered = reader.lowered
    offsets = []
    for word in FALSE_WORDS:
        at = lowered.find(word)
        while at >= 0:
            if CALLED_FALSE.search(lowered, max(0, at - 40), at + len(word) + 1):
                offsets.append(at)
            at = lowered.find(word, at + 1)
    return offsets


def denies(reader: Reader, claim: dict, called_false: list[int]) -> bool:
    """Whether a claim of the reader's text denies something (`called_false`: the
    text's called_false_at, found once for all its claims)."""
    cue = span_text(reader.lowered, claim.get("cue"))
    if DENIAL_CUE.search(cue):
        content = span_text(reader.lowered, (claim.get("content") or [None])[0])
        return not (HYPOTHETICAL_CUE.search(cue) or _in_condition(reader, claim["cue"])
                    or REFUSED_THING.search(content))
    return any(span_text(reader.text, span) and span[0] <= at < span[1]
               for at in called_false for span in claim.get("content") or ())


def _in_condition(reader: Reader, cue) -> bool:
    """Whether the cue's sentence opens with a condition before it: "If X denied ..."."""
    start = max(reader.lowered.rfind(". ", 0, cue[0]), reader.lowered.rfind("\n", 0, cue[0]))
    return bool(CONDITION.search(reader.lowered, start + 1, cue[0]))


def is_denial(text: str, claim: dict) -> bool:
    """Whether a contract claim denies something: by its cue or by calling it false."""
    reader = Reader(text)
    return denies(reader, claim, called_false_at(reader))


class _Candidate:
    __slots__ = ("id", "stems", "start", "reported", "speaker")

    def __init__(self, id_, stems, start, reported, speaker):
        self.id, self.stems, self.start = id_, stems, start
        self.reported, self.speaker = reported, speaker


def denial_links(analysis: dict, reader: Reader) -> list[Link]:
    claims = [c for c in analysis.get("claims") or [] if isinstance(c, dict) and c.get("id")]
    called_false = called_false_at(reader)
    denials = [c for c in claims if denies(reader, c, called_false)]
    if not denials:
        return []
    content_words = {c["id"]: reader.content_words(c.get("content")) for c in claims}
    media = {e.get("id") for e in analysis.get("entities") or []
             if isinstance(e, dict) and e.get("type") == "MEDIA"}
    denial_ids = {c["id"] for c in denials}
    candidates = [_claim_candidate(reader, c, content_words[c["id"]], media)
                  for c in claims if c["id"] not in denial_ids]
    candidates += [_event_candidate(reader, e) for e in analysis.get("events") or []
                   if isinstance(e, dict) and e.get("id") and not e.get("claim")
                   and e.get("status") not in ("denied", "negated")]
    denied_stems = {d["id"]: reader.stems(denied_words(reader, d)) for d in denials}
    weights = _rarity([c.stems for c in candidates] + list(denied_stems.values()))
    links = []
    for denial in denials:
        target = _denied(denial, denied_stems[denial["id"]], candidates, weights)
        if target is not None:
            links.append(Link("contradicts", denial["id"], target.id,
                              _denial_reason(reader.text, denial, target, analysis)))
    return links


def denied_words(reader: Reader, denial: dict) -> list[str]:
    """The words of a denial's content, and of the words between its pieces that are not
    its source or cue: '"Any reports indicating a change" to the US presence "is false",
    the coalition said' keeps "to the US presence"."""
    spans = [s for s in denial.get("content") or () if span_text(reader.text, s)]
    if not spans:
        return []
    start, end = min(s[0] for s in spans), max(s[1] for s in spans)
    skip = [s for s in (denial.get("source"), denial.get("cue")) if span_text(reader.text, s)]
    pieces, at = [], start
    for s_start, s_end in sorted(skip):
        if s_end <= at or s_start >= end:
            continue
        pieces.append((at, s_start))
        at = s_end
    pieces.append((at, end))
    return [w for a, b in pieces if a < b for w in reader.words((a, b))]


def _first_start(spans) -> int:
    return min((s[0] for s in spans or () if s and isinstance(s[0], int)), default=0)


def _claim_candidate(reader: Reader, claim: dict, content_words: list[str], media: set
                     ) -> _Candidate:
    source = reader.stems(reader.words(claim.get("source")))
    cue = reader.stems(reader.words(claim.get("cue")))
    reported = bool(claim.get("anonymous") or claim.get("via")
                    or claim.get("speaker") in media
                    or not REPORT_STEMS.isdisjoint(source)
                    or not REPORTED_CUE_STEMS.isdisjoint(cue))
    start = _first_start(claim.get("content") or [claim.get("cue")])
    return _Candidate(claim["id"], reader.stems(content_words), start, reported,
                      claim.get("speaker"))


def _event_candidate(reader: Reader, event: dict) -> _Candidate:
    trigger = event.get("trigger") or (0, 0)
    # The trigger's sentence carries what the event is about.
    sentence = _sentence_around(reader.text, trigger)
    return _Candidate(event["id"], reader.stems(reader.words(sentence)), _first_start([trigger]),
                      False, event.get("actor"))


def _sentence_around(text: str, span) -> tuple[int, int]:
    if not span_text(text, span):
        return 0, 0
    s, e = span
    start = max(text.rfind(".", 0, s), text.rfind("\n", 0, s)) + 1
    stops = [i for i in (text.find(".", e), text.find("\n", e)) if i >= 0]
    return start, min(stops) if stops else len(text)


def _rarity(stem_sets: list[set]) -> dict[str, float]:
    """Inverse frequency of each stem among the article's claims: the article's subject
    ("Syria" in an article about Syria) says little about which claim is meant."""
    df = Counter(s for stems in stem_sets for s in stems)
    n = len(stem_sets)
    return {s: idf(n, k) for s, k in df.items()}


def _denied(denial: dict, denied: set[str], candidates: list[_Candidate], weights: dict
            ) -> _Candidate | None:
    denier = denial.get("speaker")
    # fsum: the same total whatever the set's order (it changes with the hash seed).
    total = math.fsum(weights.get(s, 1.0) for s in denied) or 1.0
    pointing = bool(denied & POINTING_STEMS)
    mentions_reports = bool(denied & REPORT_STEMS)
    denial_start = _first_start(denial.get("content"))
    best, best_score = None, MIN_DENIAL_SCORE
    for candidate in candidates:
        if denier and candidate.speaker == denier:
            continue  # a speaker does not deny what it says itself
        shared = denied & candidate.stems
        if not shared:
            continue  # a denial and what it denies always share some word
        score = math.fsum(weights.get(s, 1.0) for s in shared) / total
        acts = pointing and not candidate.stems.isdisjoint(ACTION_STEMS)
        if score < MIN_OVERLAP and not acts:
            continue
        if acts:
            score += 0.3
        if candidate.reported:
            score += 0.3 if mentions_reports else 0.15
        if candidate.start < denial_start:
            score += 0.05  # news tells the report first, then the denial
        if score > best_score:
            best, best_score = candidate, score
    return best


def _denial_reason(text: str, denial: dict, target: _Candidate, analysis: dict) -> str:
    cue = span_text(text, denial.get("cue") or ()) or "called false"
    said = shorten(_claim_content(text, denial))
    about = next((c for c in analysis.get("claims") or [] if c.get("id") == target.id), None)
    if about is not None:
        reported = shorten(_claim_content(text, about))
    else:
        event = next((e for e in analysis.get("events") or [] if e.get("id") == target.id), {})
        reported = shorten(span_text(text, event.get("trigger") or ()))
    return f'denial ({cue}: "{said}") of "{reported}"'
