"""Whether an event happened: asserted, planned, threatened, hypothetical, negated, denied.

Read from the trigger's own dependents (negation, modal auxiliaries, "if") and from the
words it hangs under ("is planning a withdrawal", "denied attacking", "a withdrawal would").
"""

from __future__ import annotations

PLANNING = {"plan", "intend", "prepare", "decide", "schedule", "propose", "aim", "mull",
            "weigh", "consider", "decision", "proposal", "intention", "expect", "announce",
            "seek", "want", "try", "attempt", "hope", "plot", "agree", "promise", "pledge",
            "vow", "offer", "commit"}
DENIAL = {"deny"}
THREATS = {"threaten", "warn", "threat", "warning"}
FUTURE = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL = {"would", "could", "might", "may", "'d"}
CONDITIONS = {"if", "unless", "whether"}
REPORTING = {"say", "announce", "tell", "state", "declare", "add", "report", "confirm", "insist",
             "pledge", "promise", "vow", "agree", "decide"}
NEGATIONS = {"no", "never", "without"}
# How a trigger hangs under the words that govern what it reports.
_GOVERNED = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "attr", "nsubjpass"}
_NOMINAL_ARGUMENT = {"dobj", "nsubj", "nsubjpass", "attr"}


def governors(view, token: int, limit: int = 4) -> list[int]:
    """The words above `token` whose complement it is, nearest first."""
    chain, current = [], token
    while len(chain) < limit and view.dep[current] in _GOVERNED:
        head = view.head[current]
        if head == current:
            break
        chain.append(head)
        current = head
    return chain


def clause_verb(view, token: int, nominal: bool) -> int | None:
    """The verb whose auxiliaries say whether the event happened: the trigger itself,
    or the verb a nominal trigger is subject or object of."""
    if not nominal:
        return token
    if view.dep[token] in _NOMINAL_ARGUMENT and view.pos[view.head[token]] in ("VERB", "AUX"):
        return view.head[token]
    return None


def status_of(view, token: int, nominal: bool) -> str:
    chain = governors(view, token)
    verb = clause_verb(view, token, nominal)
    if _negated(view, token, verb):
        return "negated"
    lemmas = [view.lemma[i] for i in chain]
    if any(lemma in DENIAL for lemma in lemmas):
        return "denied"
    if any(lemma in THREATS for lemma in lemmas):
        return "threatened"
    auxiliaries = _auxiliaries(view, verb) if verb is not None else set()
    reported = verb is not None and view.dep[verb] == "ccomp" and \
        view.lemma[view.head[verb]] in REPORTING
    if auxiliaries & HYPOTHETICAL and not reported:
        return "hypothetical"
    if any(_conditional(view, i) for i in [token, *chain] + ([verb] if verb else [])):
        return "hypothetical"
    if (any(lemma in PLANNING for lemma in lemmas) and not _done(view, verb, auxiliaries)) or \
            auxiliaries & (FUTURE | HYPOTHETICAL):
        return "planned"
    if verb is not None and _going_to(view, verb):
        return "planned"
    return "asserted"


def _negated(view, token: int, verb: int | None) -> bool:
    for child in view.children[token]:
        if view.dep[child] == "neg" or (view.dep[child] == "det" and
                                         view.lower[child] in NEGATIONS):
            return True
    if verb is not None and verb != token and any(
            view.dep[c] == "neg" for c in view.children[verb]):
        return True
    # "do not want to pull out": negation of the verb an infinitive hangs from
    head = view.head[verb] if verb is not None else None
    return head is not None and view.dep[verb] == "xcomp" and any(
        view.dep[c] == "neg" for c in view.children[head])


def _done(view, verb: int | None, auxiliaries: set[str]) -> bool:
    """"announced they had withdrawn": a past or perfect verb under a planning word
    ("announce", "decide") reports what happened, not a plan."""
    if verb is None:
        return False
    return view.tag[verb] == "VBD" or (view.tag[verb] == "VBN" and
                                       bool(auxiliaries & {"have", "has", "had", "'ve", "'d"}))


def _auxiliaries(view, verb: int) -> set[str]:
    return {view.lower[c] for c in view.children[verb] if view.dep[c] in ("aux", "auxpass")}


def _conditional(view, token: int) -> bool:
    return any(view.dep[c] == "mark" and view.lower[c] in CONDITIONS
               for c in view.children[token])


def _going_to(view, verb: int) -> bool:
    """"is going to withdraw": the event verb is the complement of a progressive "go"."""
    head = view.head[verb]
    return view.dep[verb] == "xcomp" and view.lemma[head] == "go" and view.tag[head] == "VBG"


def conditional_threat(view, token: int, nominal: bool) -> bool:
    """"would go on strike if the board does not settle", "will invade unless...": a harm
    announced under a condition the other side must meet is a threat (PLOVER THREATEN).
    The condition hangs from the event's clause; "If forces were to cross" (the event is
    the condition itself) stays hypothetical."""
    verb = clause_verb(view, token, nominal)
    if verb is None and nominal and view.dep[token] == "pobj":  # "would go on strike"
        verb = view.head[view.head[token]] if view.dep[view.head[token]] == "prep" else None
    if verb is None or not _auxiliaries(view, verb) & (FUTURE | {"would"}):
        return False
    return any(view.dep[c] == "advcl" and _conditional(view, c) for c in view.children[verb])
