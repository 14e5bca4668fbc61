"""What a number counts and whose and where it is, read from the dependency parse
(state.tokens): "about 2,000 ISIS fighters" counts fighters of ISIS; "hundreds of US
troops" counts troops of the US; "the US has over 5,000 troops" gives the US; "2,000
troops in Syria" and "Iraq, where the US has 5,000 troops" give the place."""

from __future__ import annotations

from ...stage import AnalysisState
from ..anchoring import place_near

_NOUNS = ("NOUN", "PROPN")
_BETWEEN_NUMBER_AND_NOUN = ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "ADV", "VERB")
# Nouns that say "how many" rather than what is counted ("the number of members is 30,000").
COUNT_WORDS = frozenset({"number", "total", "count", "toll", "tally", "figure", "estimate",
                         "estimates", "strength", "size", "population", "amount"})
# Verbs whose subject owns, spends, earns or carries out what the object counts ("the US
# has 2,000 troops", "the coalition carried out hundreds of strikes", "raised $350 million").
HAVING_VERBS = frozenset({"have", "keep", "maintain", "station", "deploy", "field", "send",
                          "own", "possess", "spend", "lose", "employ", "hold", "command",
                          "commit", "contribute", "operate", "control", "house", "count",
                          "carry", "conduct", "launch", "fire", "pay", "earn", "raise",
                          "receive", "win", "get", "owe", "borrow", "invest", "donate", "give",
                          "sell", "buy", "export", "import", "produce", "build"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "across", "throughout", "within", "near",
                                "into", "to"})
_MAX_GAP = 4


def counted_noun(state: AnalysisState, last: int) -> int | None:
    """The noun a number ending at token `last` counts: its head ("2,000 ISIS fighters")
    or the object of a following "of" ("hundreds of strikes", "thousands of local forces")."""
    view = state.tokens
    head = view.head[last]
    if (head > last and head - last <= _MAX_GAP and view.pos[head] in _NOUNS
            and view.dep[last] in ("nummod", "compound", "amod", "quantmod", "nmod", "npadvmod",
                                   "dep", "appos")
            and all(view.pos[k] in _BETWEEN_NUMBER_AND_NOUN for k in range(last + 1, head))
            and view.shape[head] != "U"):
        return head
    following = last + 1
    if following < view.n and view.lower[following] == "of":
        for child in view.children[following]:
            if view.dep[child] == "pobj" and view.pos[child] in _NOUNS:
                return child
    if following < view.n and view.pos[following] == "NOUN" and (
            view.tag[following] == "NNS" or view.dep[last] in ("nummod", "compound")):
        return following
    return None


def noun_of_count_word(state: AnalysisState, token: int) -> int | None:
    """"the number of ISIS members ... is as high as 30,000": the members, for a bare
    number that is the predicate of a count word."""
    view = state.tokens
    verb = token
    for _ in range(4):  # up from "30,000" through "as high as" to the verb
        if view.dep[verb] not in ("attr", "acomp", "pobj", "dobj", "conj", "prep", "advmod"):
            return None
        verb = view.head[verb]
        if view.pos[verb] in ("VERB", "AUX"):
            break
    for child in view.children[verb]:
        if view.dep[child] in ("nsubj", "nsubjpass") and view.lemma[child] in COUNT_WORDS:
            for prep in view.children[child]:
                if view.lower[prep] == "of":
                    for pobj in view.children[prep]:
                        if view.dep[pobj] == "pobj" and view.pos[pobj] in _NOUNS:
                            return pobj
    return None


def owner(state: AnalysisState, noun: int) -> str | None:
    """The entity whose the counted things are."""
    view, mentions = state.tokens, state.mention_index
    for child in view.children[noun]:
        if view.dep[child] in ("poss", "compound", "amod", "nmod") and child in mentions:
            if mentions[child] != mentions.get(noun):
                return mentions[child]
            # "US troops" is a group of its own: the owner is the state the word names
            named = _entity_named(state, view.text[child], mentions[child])
            if named is not None:
                return named
    for child in view.children[noun]:
        if view.lower[child] in ("of", "from"):
            for pobj in view.children[child]:
                if view.dep[pobj] == "pobj" and pobj in mentions:
                    return mentions[pobj]
    verb = view.head[noun]
    if view.dep[noun] in ("dobj", "attr") and view.lemma[verb] in HAVING_VERBS:
        for child in view.children[verb]:
            if view.dep[child] in ("nsubj", "nsubjpass") and child in mentions:
                return mentions[child]
    return None


def _entity_named(state: AnalysisState, written: str, other_than: str) -> str | None:
    for entity in state.entities:
        if entity.id != other_than and (entity.name == written or written in entity.aliases):
            return entity.id
    return None


def place_of(state: AnalysisState, spans: list[tuple[int, int, str]], token: int, start: int,
             end: int) -> str | None:
    """The place a quantity applies to: a place-preposition phrase on the counted noun or
    its verb, the head of a "where" clause, else the nearest place in the sentence."""
    if not state.places:
        return None
    view = state.tokens
    candidates = [token]
    if view.head[token] != token:
        candidates.append(view.head[token])
    for word in candidates:
        for prep in view.children[word]:
            if view.dep[prep] == "prep" and view.lower[prep] in PLACE_PREPOSITIONS:
                for pobj in view.children[prep]:
                    found = _place_covering(state, spans, pobj)
                    if found:
                        return found
    clause = _where_clause_head(state, token)
    if clause is not None:
        found = _place_covering(state, spans, clause)
        if found:
            return found
    return place_near(state, start, end)


def place_spans(state: AnalysisState) -> list[tuple[int, int, str]]:
    return [(s, e, place.id) for place in state.places
            for s, e in place.anchor_mentions()]


def _place_covering(state: AnalysisState, spans, token: int) -> str | None:
    view = state.tokens
    start = view.idx[token]
    end = start + len(view.text[token])
    for s, e, place_id in spans:
        if s < end and start < e:
            return place_id
    # "the town of Hajin": the place may be the object of "of" under the phrase's head.
    for child in view.children[token]:
        if view.lower[child] == "of":
            for pobj in view.children[child]:
                start, end = view.idx[pobj], view.idx[pobj] + len(view.text[pobj])
                for s, e, place_id in spans:
                    if s < end and start < e:
                        return place_id
    return None


def _where_clause_head(state: AnalysisState, token: int) -> int | None:
    """The noun a "where" clause holding `token` describes ("Iraq, where the US has ...")."""
    view = state.tokens
    current = token
    for _ in range(6):
        parent = view.head[current]
        if parent == current:
            return None
        if view.dep[current] == "relcl" and any(view.lower[c] == "where"
                                                for c in view.children[current]):
            return parent
        current = parent
    return None
