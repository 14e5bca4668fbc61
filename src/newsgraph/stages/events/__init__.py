"""The events stage: who did what to whom, coded in PLOVER and CAMEO (the contract's `events`).

| module | does |
|---|---|
| lexicon.py | lemma (+ object word) -> CAMEO code -> PLOVER type and mode, from shipped tables |
| triggers.py | verbs and nouns of the lexicon in the parse, descriptions and names left out |
| participants.py | actor and recipient entities from subjects, objects, modifiers, "between" |
| status.py | asserted, planned, threatened, hypothetical, negated, denied |
| candidate_features.py, retyper.py | a learned re-typer over the rules' events (models/event_typer.npz) |

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
from .candidate_features import candidate_features
from .participants import Participants
from .retyper import EventRetyper
from .status import DENIAL, PLANNING, conditional_threat, governors, status_of
from .triggers import Trigger, find_triggers
from .yielding import CONFLICT, ended_conflicts

# Types whose event is about another event: it takes the embedded one's place.
_ABSORBING = {"THREATEN", "REQUEST", "REJECT"}
# Types whose object is what is given up ("lifted the curfew", "ended the blockade"):
# the object is not an event of its own.
_RELINQUISHING = {"CONCEDE", "RETREAT"}
# THREATEN mode and CAMEO code by the type of what is threatened.
_THREAT_MODES = {"ASSAULT": ("violence", "138"), "MOBILIZE": ("violence", "138"),
                 "COERCE": ("restrict", "132"), "SANCTION": ("relations", "1313"),
                 "PROTEST": ("restrict", "1312")}
# Verbs that finalize what their object names: signing an aid package gives the aid.
_FINALIZING = {"sign", "approve", "ratify", "finalize", "finalise", "unveil", "conclude"}
# Promising verbs: what they promise is a threat when it is harm ("vowed to annex").
_PROMISES = {"vow", "pledge", "promise", "swear"}
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


@dataclass
class Candidate:
    """An event the rules found and what the re-typer reads of it."""

    event: Event
    sentence: int  # the trigger's sentence number
    features: dict[str, float]


class EventStage(Stage):
    name = "events"
    requires = ("doc", "entities", "mention_index", "claim_tokens", "places", "times")
    assigns = ("events",)
    lexicon: EventLexicon
    retyper: EventRetyper

    def load(self) -> None:
        self.load_rules()
        self.retyper = EventRetyper.load()

    def load_rules(self) -> None:
        """The tables the rules read; the re-typer's training needs only these."""
        self.lexicon = EventLexicon()

    def run(self, state: AnalysisState) -> None:
        # The re-typer learned the type of a story's headline event from the first event of
        # its lead sentence: it re-types that one (a sentence alone is its own lead), and
        # leaves every other event to the rules, as it has never been shown one: the
        # second event of a sentence ("went on strike to demand ...") is no headline.
        lead_sentence = _lead_sentence(state.tokens)
        candidates = self.candidates(state, lead_sentence)
        lead = [c for c in candidates if c.sentence == lead_sentence][:1]
        types = self.retyper.choose([c.features for c in lead], [c.event.type for c in lead])
        for candidate, kind in zip(lead, types):
            if kind != candidate.event.type:
                _relabel(candidate.event, kind, self.lexicon)
        state.events = [c.event for c in candidates]

    def candidates(self, state: AnalysisState, sentence: int | None = None) -> list[Candidate]:
        """The rules' events, in text order, each with the features the re-typer reads
        (with `sentence`, only the events of that sentence have them)."""
        view = state.tokens
        triggers = find_triggers(view, self.lexicon)
        triggers = ended_conflicts(view, triggers, self.lexicon)
        found = {t.token: _Found(t, t.code.type, t.code.mode, t.code.cameo) for t in triggers}
        dropped = self._fold_embedded(view, found)
        entities = {entity.id: entity for entity in state.entities}
        countries = {entity.id: entity.country for entity in state.entities}
        participants = Participants(view, state.mention_index, countries,
                                    self.knowledge.sectors)
        kept = []
        for token in sorted(found):
            if token in dropped:
                continue
            item = found[token]
            if item.absorbed is None:
                item.status = status_of(view, _phrase(view, token), item.trigger.nominal)
                if item.type in CONFLICT and item.type != "THREATEN" and conditional_threat(
                        view, _phrase(view, token), item.trigger.nominal):
                    _threaten(item, item.type)
            self._retype(item)
            event = self._event(state, participants, item, len(kept) + 1)
            if item.trigger.code.curated or event.actor or event.recipient:
                kept.append((item, event))
        by_sentence: dict[int, list[str]] = {}
        for item, _ in kept:
            by_sentence.setdefault(view.sentence[item.trigger.token], []).append(item.type)
        found_in = [view.sentence[item.trigger.token] for item, _ in kept]
        return [Candidate(event, number, candidate_features(
                    view, item, entities.get(event.actor), entities.get(event.recipient),
                    by_sentence[number]) if sentence in (None, number) else {})
                for (item, event), number in zip(kept, found_in)]

    @staticmethod
    def _fold_embedded(view, found: dict[int, _Found]) -> set[int]:
        dropped = set()
        for token, item in found.items():
            head = view.head[token]
            if view.dep[token] == "nsubj" and head in found and found[head].type == item.type:
                dropped.add(token)  # "air strikes hit the city": one event, the verb's
                continue
            phrase = _phrase(view, token) if item.trigger.nominal else token
            for head in governors(view, phrase):
                outer = found.get(head)
                if outer is None:
                    continue
                if outer.type == item.type:
                    dropped.add(token)  # "strikes targeting X": one event, said twice
                elif outer.type == "SUPPORT" and view.lemma[head] in _FINALIZING and \
                        item.type in ("AID", "COOPERATE"):
                    dropped.add(head)  # "signed an aid package": the aid is the event
                elif outer.type == "AGREE" and view.lemma[head] in _PROMISES and \
                        item.type in CONFLICT and view.head[phrase] == head:
                    dropped.add(token)  # "vowed to annex the province": a threat
                    _threaten(outer, item.type)
                    outer.inner = item.trigger
                elif view.lemma[head] in DENIAL or (outer.type == "AGREE" and
                                                     view.lemma[head] in PLANNING):
                    # the denied or promised event stands, with status denied or planned
                    # ("agreed to a ceasefire": a declared ceasefire, CONCEDE)
                    dropped.add(head)
                elif outer.type in _ABSORBING or (
                        outer.type in _RELINQUISHING and item.trigger.nominal and
                        _given_up(view, phrase, head)):
                    dropped.add(token)
                    outer.absorbed = outer.absorbed or item.type
                    outer.inner = outer.inner or item.trigger
                break
        for item in found.values():
            if item.absorbed and item.type == "THREATEN":
                _threaten(item, item.absorbed)
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
        recipient = recipient if recipient != actor else None
        if actor is None and item.type == "MOBILIZE" and not item.trigger.nominal:
            actor, recipient = recipient, None  # "soldiers were sent": theirs is the move
        actors, recipients = participants.groups(
            _phrase(view, token) if item.trigger.nominal else token, item.trigger.nominal,
            actor, recipient)
        first = _phrase_start(view, token) if item.trigger.nominal else token
        start, end = view.idx[first], view.idx[token] + len(view.text[token])
        return Event(id=f"V{number}", type=item.type, trigger=(start, end), status=item.status,
                     mode=item.mode, cameo=item.cameo, actor=actor, recipient=recipient,
                     actors=[a for a in actors if a not in recipients],
                     recipients=[r for r in recipients if r not in actors],
                     place=place_near(state, start, end) if state.places else None,
                     time=time_near(state, start, end) if state.times else None,
                     claim=claim_of(state, start, end))


def _lead_sentence(view) -> int:
    """The number of the text's first sentence with a word in it."""
    for i in range(view.n):
        if not view.text[i].isspace():
            return view.sentence[i]
    return 0


def _relabel(event: Event, kind: str, lexicon: EventLexicon) -> None:
    """The re-typer's type for `event`: the rules' mode and CAMEO code belonged to their
    type, so the event takes the new type's root CAMEO code and no mode."""
    event.type, event.mode = kind, None
    event.cameo = lexicon.root_code(kind) or event.cameo


def _given_up(view, phrase: int, head: int) -> bool:
    """Whether the noun phrase at `phrase` is what `head` gives up: its object ("lifted the
    blockade") or, for a nominal head, its "of" phrase ("the suspension of the strike")."""
    if view.head[phrase] == head:
        return view.dep[phrase] in ("dobj", "nsubjpass")
    prep = view.head[phrase]
    return view.dep[phrase] == "pobj" and view.lower[prep] == "of" and view.head[prep] == head


def _threaten(item: _Found, threatened: str) -> None:
    """`item` becomes the threat of an event of type `threatened`."""
    own = (item.mode, item.cameo) if item.type == "THREATEN" else (None, "130")
    item.type, item.absorbed = "THREATEN", threatened
    item.mode, item.cameo = _THREAT_MODES.get(threatened, own)
    item.status = "threatened"


def _phrase(view, token: int) -> int:
    """The noun phrase a nominal trigger speaks for: "an aid package" is the package."""
    return view.head[token] if view.dep[token] == "compound" else token


def _phrase_start(view, token: int) -> int:
    """The first word of a compound noun trigger ("air strike", "cease-fire")."""
    first = token
    while first > 0 and view.head[first - 1] == token and \
            (view.dep[first - 1] == "compound" or "-" in (view.text[first - 1],
                                                          view.text[first])) and \
            view.pos[first - 1] != "PROPN":
        first -= 1
    return first
