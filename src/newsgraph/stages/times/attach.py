"""When a claim was made: the date or time attached to its cue ("said Wednesday",
"On Tuesday, X told reporters"), read from the parse of the cue's sentence."""

from __future__ import annotations

from ...stage import AnalysisState
from ..anchoring import governs, time_head, time_verb, token_at

_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_NEAR_TOKENS = 3  # "said late Wednesday": a time this close to the cue is its time


def claim_times(state: AnalysisState) -> None:
    if not state.claims or not state.times:
        return
    view = state.tokens
    located = [(t, time_head(state, t.span), token_at(state, t.span[0]),
                token_at(state, t.span[1] - 1))
               for t in state.times if t.type in ("DATE", "TIME") and t.value not in _REFS]
    for claim in state.claims:
        if claim.cue is None or claim.time is not None:
            continue
        first, last = token_at(state, claim.cue[0]), token_at(state, claim.cue[1] - 1)
        cue_tokens = set(range(first, last + 1))
        sentence = view.sentence[first]
        best = None
        for time, head, t_first, t_last in located:
            if view.sentence[head] != sentence:
                continue
            # "told reporters this weekend he would ...": the cue's own time, though the
            # parse hangs it on the reported clause (and the claim's content may begin at it)
            own = time_verb(view, head) in cue_tokens
            if _inside(time.span, claim.content) and not own:
                continue
            distance = t_first - last if t_first > last else first - t_last
            if own or governs(view, cue_tokens, head) or 0 < distance <= _NEAR_TOKENS:
                if best is None or distance < best[0]:
                    best = (distance, time.id)
        if best is not None:
            claim.time = best[1]


def _inside(span, content) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in content)
