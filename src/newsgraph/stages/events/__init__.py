"""The events stage: who did what to whom, coded in PLOVER and CAMEO (the contract's `events`).

| module | does |
|---|---|
| lexicon.py | lemma (+ object word) -> CAMEO code -> PLOVER type and mode, from shipped tables |
| triggers.py | verbs and nouns of the lexicon in the parse, descriptions and names left out |
| participants.py | actor and recipient entities from subjects, objects, modifiers, "between" |
| status.py | asserted, planned, threatened, hypothetical, negated, denied |

An event embedded under another that reports it ("threatened to launch an assault",
"agreed to a ceasefire", "accused X of attacking") is folded into the reporting event,
as PLOVER codes one category; one under a denial keeps its type with status denied.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...items import Event
from ...stage import AnalysisState, Stage
from ..anchoring import claim_of, place_near, time_near
from .lexicon import EventLexicon
from .participants import Participants
from .status import DENIAL, PLANNING, governors, status_of
from .triggers import Trigger, find_triggers

# Types whose event is about another event: it takes the embedded one's place.
_ABSORBING = {"THREATEN", "REQUEST", "REJECT"}
# Types whose object is what is given up ("lifted the curfew", "ended the blockade"):
# the object is not an event of its own.
_RELINQUISHING = {"CONCEDE", "RETREAT"}
# THREATEN mode and CAMEO code by the type of what is threatened.
_THREAT_MODES = {"ASSAULT": ("violence", "138"), "MOBILIZE": ("violence", "138"),
                 "COERCE": ("restrict", "132"), "SANCTION": ("relations", "1313")}
# PLOVER: promised cooperation is AGREE; an announced retreat is CONCEDE.
_PLANNED_TYPES = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
                  "RETREAT": "CONCEDE"}


@dataclass
class _Found:
    trigger: Trigger
    type: str
    mode: str | None
    cameo: str
    status: str = "asserted"
    absorbed: str | None = None  # type of the event folded into this one
    inner: Trigger | None = None  # its trigger: the threatened attack names the target


class EventStage(Stage):
    name = "events"
    requires = ("doc", "mention_index", "claim_tokens", "places", "times")
    assigns = ("events",)
    lexicon: EventLexicon

    def load(self) -> None:
        self.lexicon = EventLexicon()

    def run(self, state: AnalysisState) -> None:
        view = state.tokens
        found = {t.token: _Found(t, t.code.type, t.code.mode, t.code.cameo)
                 for t in find_triggers(view, self.lexicon)}
        dropped = self._fold_embedded(view, found)
        participants = Participants(view, state.mention_index)
        events = []
        for token in sorted(found):
            if token in dropped:
                continue
            item = found[token]
            if item.absorbed is None:
                item.status = status_of(view, _phrase(view, token), item.trigger.nominal)
            self._retype(item)
            event = self._event(state, participants, item, len(events) + 1)
            if item.trigger.code.curated or event.actor or event.recipient:
                events.append(event)
        state.events = events

    @staticmethod
    def _fold_embedded(view, found: dict[int, _Found]) -> set[int]:
        dropped = set()
        for token, item in found.items():
            head = view.head[token]
            if view.dep[token] == "nsubj" and head in found and found[head].type == item.type:
                dropped.add(token)  # "air strikes hit the city": one event, the verb's
                continue
            for head in governors(view, token):
                outer = found.get(head)
                if outer is None:
                    continue
                if outer.type == item.type:
                    dropped.add(token)  # "strikes targeting X": one event, said twice
                elif view.lemma[head] in DENIAL or (outer.type == "AGREE" and
                                                     view.lemma[head] in PLANNING):
                    # the denied or promised event stands, with status denied or planned
                    # ("agreed to a ceasefire": a declared ceasefire, CONCEDE)
                    dropped.add(head)
                elif outer.type in _ABSORBING or (
                        outer.type in _RELINQUISHING and item.trigger.nominal and
                        view.head[token] == head and view.dep[token] in ("dobj", "nsubjpass")):
                    dropped.add(token)
                    outer.absorbed = outer.absorbed or item.type
                    outer.inner = outer.inner or item.trigger
                break
        for item in found.values():
            if item.absorbed and item.type == "THREATEN":
                item.mode, cameo = _THREAT_MODES.get(item.absorbed, (item.mode, item.cameo))
                item.cameo, item.status = cameo, "threatened"
        return dropped

    @staticmethod
    def _retype(item: _Found) -> None:
        if item.status == "planned" and item.type in _PLANNED_TYPES:
            item.type, item.mode = _PLANNED_TYPES[item.type], None

    @staticmethod
    def _event(state, participants: Participants, item: _Found, number: int) -> Event:
        view, token = state.tokens, item.trigger.token
        if item.trigger.nominal:
            actor, recipient = participants.of_noun(_phrase(view, token), item.type)
        else:
            actor, recipient = participants.of_verb(token)
        if recipient is None and item.inner is not None:
            inner = item.inner.token
            recipient = (participants.of_noun(inner, item.absorbed)[1] if item.inner.nominal
                         else participants.of_verb(inner)[1])
        first = _phrase_start(view, token) if item.trigger.nominal else token
        start, end = view.idx[first], view.idx[token] + len(view.text[token])
        return Event(id=f"V{number}", type=item.type, trigger=(start, end), status=item.status,
                     mode=item.mode, cameo=item.cameo, actor=actor,
                     recipient=recipient if recipient != actor else None,
                     place=place_near(state, start, end) if state.places else None,
                     time=time_near(state, start, end) if state.times else None,
                     claim=claim_of(state, start, end))


def _phrase(view, token: int) -> int:
    """The noun phrase a nominal trigger speaks for: "an aid package" is the package."""
    return view.head[token] if view.dep[token] == "compound" else token


def _phrase_start(view, token: int) -> int:
    """The first word of a compound noun trigger ("air strike", "cease-fire")."""
    first = token
    while first > 0 and view.head[first - 1] == token and \
            (view.dep[first - 1] == "compound" or view.text[first - 1] == "-") and \
            view.pos[first - 1] != "PROPN":
        first -= 1
    return first
