"""Where PLOVER codes a violent or forceful act by who does it and how, not by its verb.

- cyber attacks are COERCE "cyber", not ASSAULT;
- a raid or search by police or other authorities is COERCE "seize";
- violence by protesters or rioters is PROTEST "riot"; a labour walkout ("teachers voted
  to strike") is PROTEST "strike"; protesters blocking or occupying a place is PROTEST
  "obstruct".
"""

from __future__ import annotations

from .lexicon import EventCode, EventLexicon

# Trigger types these readings may change.
READ_BY_PARTICIPANTS = frozenset({"ASSAULT", "COERCE"})
_CYBER_WORDS = frozenset({"cyber", "cyberspace", "malware", "ransomware", "hacker", "ddos",
                          "phishing", "computer", "online", "internet", "digital", "virus"})
_LAW_ENFORCEMENT = frozenset({"police", "policeman", "officer", "authority", "agent",
                              "investigator", "prosecutor", "detective", "customs",
                              "inspector", "tax"})
_RAIDS = frozenset({"raid", "search"})
_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob", "crowd",
                         "marcher", "activist"})
_OBSTRUCTING = frozenset({"block", "barricade", "occupy", "blockade"})
# Words around "strike" that make it a walkout, not a military strike.
LABOUR_WORDS = frozenset({"worker", "teacher", "union", "employee", "staff", "labor", "labour",
                          "general", "nationwide", "doctor", "nurse", "driver", "miner",
                          "wildcat", "pay", "wage"})


def reading_by_participants(view, i: int, lexicon: EventLexicon) -> EventCode | None:
    """The PLOVER reading of an ASSAULT or COERCE trigger at token `i` that its doers or
    its means decide, or None where the lexicon's reading stands."""
    around = _doers_and_means(view, i)
    lemma = view.lemma[i]
    if around & _CYBER_WORDS or "-".join(view.lower[j] for j in (i - 2, i - 1)
                                          if j >= 0).startswith("cyber"):
        return lexicon.code("170", "cyber", "COERCE")
    if lemma in _RAIDS and around & _LAW_ENFORCEMENT:
        return lexicon.code("171", "seize")
    if lemma == "strike" and view.pos[i] == "VERB" and labour_sentence(view, i):
        return lexicon.code("143", "strike")
    if around & _PROTESTERS:
        if lemma in _OBSTRUCTING:
            return lexicon.code("144", "obstruct")
        return lexicon.code("145", "riot")
    return None


def labour_sentence(view, i: int) -> bool:
    start, end = view.sentences[view.sentence[i]]
    return any(view.lemma[j] in LABOUR_WORDS for j in range(start, end))


def _doers_and_means(view, i: int) -> set[str]:
    """Lemmas of the trigger's subject, modifiers and "by" agent."""
    around = {view.lemma[c].lower() for c in view.children[i]
              if view.dep[c] in ("compound", "amod", "nmod", "poss", "nsubj")}
    for child in view.children[i]:
        if view.dep[child] in ("agent", "prep") and view.lower[child] == "by":
            around.update(view.lemma[g].lower() for g in view.children[child]
                          if view.dep[g] == "pobj")
    return around
