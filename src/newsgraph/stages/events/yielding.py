"""Ending a conflict is a concession: "agreed to halt hostilities", "stopped fighting",
"called off the strike".

PLOVER codes the end of an attack, a protest or a restriction as the yielding side's act:
RETREAT when it is carried out ("the rebels stopped fighting": a ceasefire observed),
CONCEDE when it is declared or promised (the stage turns a planned RETREAT into CONCEDE),
and CONCEDE for ending protests, strikes, sanctions and restrictions (CAMEO 08 YIELD).
The ending verb becomes the trigger and the ended event is not coded on its own.
"""

from __future__ import annotations

from .lexicon import EventLexicon
from .triggers import Trigger

# Verbs that end or suspend what their object or complement names.
ENDING = frozenset({"stop", "halt", "cease", "end", "suspend", "call_off", "abandon",
                    "freeze", "renounce", "lift", "scale_back", "wind_down"})
# Types whose end is a concession.
CONFLICT = frozenset({"ASSAULT", "PROTEST", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
_ENDED = frozenset({"dobj", "xcomp", "nsubjpass", "pcomp"})


def ended_conflicts(view, triggers: list[Trigger], lexicon: EventLexicon) -> list[Trigger]:
    """`triggers` with each conflict event that an ending verb governs replaced by the
    ending verb as a yielding trigger. A verb the project's own words code already keeps
    its code ("suspended its sanctions"); one only the broad CAMEO dictionary knows takes
    the yielding code."""
    by_token = {t.token: t for t in triggers}
    for trigger in triggers:
        verb = _ending_verb(view, trigger.token)
        if verb is None or trigger.code.type not in CONFLICT:
            continue
        del by_token[trigger.token]
        if verb in by_token and by_token[verb].code.curated:
            continue
        if trigger.code.type == "ASSAULT":
            code = lexicon.code("0871", "ceasefire", "RETREAT")
        else:
            code = lexicon.code("080", None, "CONCEDE")
        by_token[verb] = Trigger(verb, code, False)
    return [by_token[token] for token in sorted(by_token)]


def _ending_verb(view, token: int) -> int | None:
    token = _planned_by(view, token)
    if view.dep[token] not in _ENDED:
        return None
    head = view.head[token]
    if view.pos[head] != "VERB":
        return None
    lemma = view.lemma[head]
    particle = next((view.lower[c] for c in view.children[head] if view.dep[c] == "prt"), None)
    if lemma in ENDING or (particle and f"{lemma}_{particle}" in ENDING):
        return head
    return None


def _planned_by(view, token: int) -> int:
    """"abandoned plans for demonstrations": what is ended is the plan of the event."""
    prep = view.head[token]
    if view.dep[token] == "pobj" and view.lower[prep] in ("for", "of") and \
            view.lemma[view.head[prep]] in _PLANS:
        return view.head[prep]
    return token


_PLANS = frozenset({"plan", "threat", "campaign", "call", "program", "programme"})
