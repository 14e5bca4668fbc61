"""Where an item sits: which claim, place, time or entity a span of text belongs to.

Later stages (quantities, events) attach their items to what earlier stages found.
All lookups go by character offsets, the currency of the contract.
"""

from __future__ import annotations

from bisect import bisect_right

from ..stage import AnalysisState


def token_at(state: AnalysisState, char: int) -> int:
    """The index of the token that contains (or precedes) character offset `char`."""
    return max(0, bisect_right(state.tokens.idx, char) - 1)


def sentence_chars(state: AnalysisState, char: int) -> tuple[int, int]:
    """Character bounds of the sentence holding `char`."""
    view = state.tokens
    if view.n == 0:
        return (0, 0)
    start, end = view.sentences[view.sentence[token_at(state, char)]]
    last = end - 1
    return view.idx[start], view.idx[last] + len(view.text[last])


def claim_of(state: AnalysisState, start: int, end: int) -> str | None:
    """The claim whose content holds the span [start, end), if it is attributed."""
    first, last = token_at(state, start), token_at(state, max(start, end - 1))
    for i in range(first, last + 1):
        claim = state.claim_tokens.get(i)
        if claim is not None:
            return claim
    return None


def _nearest(spans_by_id, start: int, end: int, bounds: tuple[int, int]) -> str | None:
    best, best_distance = None, None
    low, high = bounds
    for item_id, spans in spans_by_id:
        for s, e in spans:
            if s < low or e > high:
                continue
            distance = s - end if s >= end else start - e if e <= start else 0
            if best_distance is None or distance < best_distance:
                best, best_distance = item_id, distance
    return best


def place_near(state: AnalysisState, start: int, end: int) -> str | None:
    """The place mentioned nearest to [start, end) in the same sentence."""
    bounds = sentence_chars(state, start)
    return _nearest(((p.id, p.anchor_mentions()) for p in state.places), start, end, bounds)


# Words between a time expression and what it dates: "met on Tuesday", "left early Friday".
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during", "late", "early", "earlier", "this",
                               "by"})


def time_near(state: AnalysisState, start: int, end: int) -> str | None:
    """The time expression that dates the words [start, end): the date or time they govern
    ("attacked on Tuesday", "Tuesday's attack"), else a date or time of their clause, else
    the nearest expression in the same sentence."""
    bounds = sentence_chars(state, start)
    candidates = [t for t in state.times if bounds[0] <= t.span[0] and t.span[1] <= bounds[1]]
    points = [t for t in candidates if t.type in ("DATE", "TIME")]
    if len(candidates) > 1 and points:
        view = state.tokens
        words = set(range(token_at(state, start), token_at(state, max(start, end - 1)) + 1))
        heads = {t.id: time_head(state, t.span) for t in points}
        governed = [t for t in points if governs(view, words, heads[t.id])]
        if not governed:
            verbs = {clause_verb(view, i) for i in words}
            governed = [t for t in points if time_verb(view, heads[t.id]) in verbs]
        candidates = governed or candidates
    return _nearest(((t.id, [t.span]) for t in candidates), start, end, bounds)


def time_head(state: AnalysisState, span: tuple[int, int]) -> int:
    """The token of a time expression whose syntactic head lies outside it."""
    view = state.tokens
    first, last = token_at(state, span[0]), token_at(state, span[1] - 1)
    for i in range(last, first - 1, -1):
        if not first <= view.head[i] <= last or view.head[i] == i:
            return i
    return last


def governs(view, words: set[int], token: int) -> bool:
    """The words govern the token directly or through a preposition of time."""
    head = view.head[token]
    return head in words or (view.lower[head] in TIME_PREPOSITIONS and view.head[head] in words)


def clause_verb(view, token: int) -> int:
    """The verb whose clause holds the token (the token itself if it is one)."""
    for _ in range(8):
        if view.pos[token] in ("VERB", "AUX") or view.head[token] == token:
            return token
        token = view.head[token]
    return token


_COMPLEMENTS = ("ccomp", "advcl", "conj", "parataxis")


def time_verb(view, token: int) -> int:
    """The verb whose event a time expression (its head token) dates. The parser may hang
    a time that precedes a complement clause on that clause's verb ("told them this
    weekend he would consider"); a clause begins at its subject, so a time before the
    subject belongs to the verb that takes the clause."""
    verb = clause_verb(view, token)
    head = view.head[verb]
    if token < verb and head < token and view.dep[verb] in _COMPLEMENTS:
        subjects = [k for k in view.children[verb] if view.dep[k] in ("nsubj", "nsubjpass")]
        if subjects and token < min(subjects):
            return clause_verb(view, head)
    return verb
