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


def time_near(state: AnalysisState, start: int, end: int) -> str | None:
    """The time expression nearest to [start, end) in the same sentence."""
    bounds = sentence_chars(state, start)
    return _nearest(((t.id, [t.span]) for t in state.times), start, end, bounds)
