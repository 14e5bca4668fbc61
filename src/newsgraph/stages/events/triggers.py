"""Trigger words: the verbs and nouns of the event lexicon, read off state.tokens.

A trigger is one token. Verbs are looked up with their particle ("pull out") and their
object and prepositional-object lemmas (for the CAMEO dictionary's patterns); nouns only
when they head a phrase (not "attack helicopters") and stand outside a named entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import EventCode, EventLexicon
from .readings import READ_BY_PARTICIPANTS, labour_sentence, reading_by_participants

# Named-entity labels whose words are names, not events ("Operation Desert Storm").
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
_OBJECT_DEPS = {"dobj", "attr", "oprd", "nsubjpass"}

@dataclass(frozen=True)
class Trigger:
    token: int
    code: EventCode
    nominal: bool


def find_triggers(view, lexicon: EventLexicon) -> list[Trigger]:
    found = []
    verbs, nouns = lexicon.verb_lemmas, lexicon.trigger_nouns
    for i, (pos, lemma) in enumerate(zip(view.pos, view.lemma)):
        if pos == "VERB":
            if lemma not in verbs or view.ent[i] in _NAME_LABELS:
                continue
            code = _verb_code(view, i, lexicon)
        elif pos == "NOUN":
            if lemma not in nouns or view.ent[i] in _NAME_LABELS:
                continue
            code = _noun_code(view, i, lexicon)
        else:
            continue
        if code is not None and code.type in READ_BY_PARTICIPANTS:
            code = reading_by_participants(view, i, lexicon) or code
        if code is not None:
            found.append(Trigger(i, code, pos == "NOUN"))
    return found


def _objects(view, i: int) -> list[str]:
    words = []
    for child in view.children[i]:
        dep = view.dep[child]
        if dep in _OBJECT_DEPS or dep in ("prt", "advmod"):
            words.append(view.lemma[child])
        elif dep == "prep":
            words.append(view.lemma[child])
            words.extend(view.lemma[g] for g in view.children[child] if view.dep[g] == "pobj")
    return words


def _verb_code(view, i: int, lexicon: EventLexicon) -> EventCode | None:
    if view.dep[i] in ("amod", "compound") or view.tag[i] == "MD":
        return None  # "US-backed forces", "attack helicopters": descriptions, not events
    lemma = view.lemma[i]
    if i > 1 and view.lower[i - 1] == "-" and view.lower[i - 2] == "test":
        return lexicon.code("150", "weapons")  # "test-fired a missile": PLOVER MOBILIZE
    objects = _objects(view, i)
    for child in view.children[i]:
        if view.dep[child] == "prt":
            code = lexicon.verb(f"{lemma}_{view.lower[child]}", objects)
            if code is not None:
                return code
    return lexicon.verb(lemma, objects)


# Nouns that are the event even as a modifier ("an aid package", "relief supplies").
_AID_WORDS = frozenset({"aid", "relief", "assistance"})


def _noun_code(view, i: int, lexicon: EventLexicon) -> EventCode | None:
    if view.dep[i] == "compound" and view.lemma[i] not in _AID_WORDS:
        return None
    lemma = view.lemma[i]
    children = view.children[i]
    modifiers = {view.lemma[c] for c in children if view.dep[c] in ("compound", "amod", "nmod")}
    preps = {view.lower[c] for c in children if view.dep[c] == "prep"}
    if lemma == "call":
        if modifiers & {"phone", "telephone"} or preps & {"between", "with"}:
            return lexicon.code("041", "phone")
        return lexicon.code("020") if "for" in preps else None
    if lemma == "fire":  # "cease-fire" is three tokens; other fire is no event by itself
        return _ceasefire(view, i, lexicon) if "cease" in modifiers else None
    if lemma == "law":  # "declared martial law"; other laws are no event
        return lexicon.code("1724", "martial-law") if "martial" in modifiers else None
    if lemma in _EXERCISES:
        return _exercise(modifiers, preps, lexicon)
    if lemma == "demand" and modifiers & _MARKET_WORDS:
        return None  # "robust consumer demand": the market's, not a political demand
    if lemma == "threat" and not _threat_act(view, i, preps):
        return None  # "security threats": a danger, not someone threatening
    if lemma == "talk" and view.tag[i] != "NNS":
        return None  # "talk" is chatter; "talks" are negotiations
    if lemma == "strike":
        if "hunger" in modifiers:
            return lexicon.code("142", "hunger")
        if labour_sentence(view, i):
            return lexicon.code("143", "strike")
        return lexicon.code("195" if "air" in modifiers else "190",
                            "aerial" if "air" in modifiers else None)
    if lemma in _NOMINALIZED:  # "the suspension of relations": as "suspend relations"
        objects = [view.lemma[g] for c in children if view.dep[c] == "prep" and
                   view.lower[c] == "of" for g in view.children[c] if view.dep[g] == "pobj"]
        return lexicon.verb(_NOMINALIZED[lemma], objects)
    code = lexicon.noun(lemma)
    if code is not None and code.cameo == CEASEFIRE:
        return _ceasefire(view, i, lexicon)
    return code


# Nouns read as their verb with the "of" object, so the verb's patterns apply.
_NOMINALIZED = {"suspension": "suspend"}
_MARKET_WORDS = frozenset({"consumer", "energy", "oil", "gas", "market", "global", "domestic",
                          "robust", "strong", "weak", "rising", "growing", "falling", "export",
                          "import", "housing", "power", "electricity", "fuel", "food"})
# Military exercises: PLOVER MOBILIZE for one country's, COOPERATE for joint ones.
_EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre"})
_MILITARY_WORDS = frozenset({"military", "naval", "navy", "army", "air", "war", "combat",
                             "live-fire", "missile", "nuclear", "amphibious", "artillery",
                             "defense", "defence", "tank", "joint"})


def _exercise(modifiers: set[str], preps: set[str], lexicon: EventLexicon) -> EventCode | None:
    if not modifiers & _MILITARY_WORDS:
        return None  # "a public relations exercise", "a fire drill"
    if "joint" in modifiers or "with" in preps:
        return lexicon.code("062")
    return lexicon.code("150", "troops")


def _threat_act(view, i: int, preps: set[str]) -> bool:
    """Whether a "threat" is made by someone: it has an author ("Iran's threat", "made a
    threat"), a target or content ("threats against", "threat of sanctions", "threat to
    close"). "A threat to them from India" is a danger."""
    if preps & {"of", "against", "by"}:
        return True
    if any(view.dep[c] in ("poss", "acl") for c in view.children[i]):
        return True
    return view.dep[i] == "dobj" and view.lemma[view.head[i]] in _MAKING_THREATS


_MAKING_THREATS = frozenset({"make", "issue", "repeat", "renew", "carry", "deliver", "voice",
                             "send", "level", "utter", "escalate", "step"})
CEASEFIRE = "0871"
# PLOVER: a declared ceasefire is CONCEDE, one being observed is RETREAT. A ceasefire
# observed is the subject of these verbs ("the truce held", "took effect") ...
_CEASEFIRE_IN_FORCE = frozenset({"hold", "take", "begin", "start", "come", "go", "enter",
                                 "last", "remain"})
# ... or their object ("observed the truce").
_CEASEFIRE_KEPT = frozenset({"observe", "implement", "respect", "honor", "honour", "maintain",
                             "enforce", "monitor"})


def _ceasefire(view, i: int, lexicon: EventLexicon) -> EventCode | None:
    head, dep = view.head[i], view.dep[i]
    kept = (dep == "nsubj" and view.lemma[head] in _CEASEFIRE_IN_FORCE) or \
        (dep in ("dobj", "nsubjpass") and view.lemma[head] in _CEASEFIRE_KEPT)
    return lexicon.code(CEASEFIRE, "ceasefire", None if kept else "CONCEDE")
