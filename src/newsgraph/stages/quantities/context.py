"""How the words around quantities change their reading: numbers listed together share a
unit ("45 and 50 mg"), a verb of change makes "rose 5% to 41%" a change and a level
rather than a range, and a counted proper noun is made singular ("Americans")."""

from __future__ import annotations

import re


_LIST_JOINER = re.compile(r",? (?:and|or) |, ")


def share_units(text: str, found: list) -> None:
    """"45 and 50 mg", "45 and 50 cases": a bare number takes the unit of the next one
    it is listed with."""
    for before, after in zip(found, found[1:]):
        if not before.unit and after.unit and before.value is not None \
                and _LIST_JOINER.fullmatch(text[before.end:after.start]):
            before.unit = after.unit


# Verbs of change: "rose 5% to 41%" is a change and a level, not a range of 5 to 41.
CHANGE_VERBS = frozenset({"rise", "fall", "increase", "decrease", "drop", "grow", "climb",
                          "jump", "decline", "slip", "gain", "lose", "cut", "reduce", "raise",
                          "shrink", "soar", "plunge", "slide", "sink", "surge", "by"})


def after_change(view, i: int) -> bool:
    """Whether the number at token `i` follows a verb of change or "by"."""
    before = i - 1
    while before >= 0 and view.lower[before] in ("about", "around", "nearly", "almost", "some",
                                                 "roughly", "more", "than", "over", "$", "£", "€"):
        before -= 1
    return before >= 0 and view.lemma[before] in CHANGE_VERBS


def singular(view, noun: int) -> str:
    """The counted noun as a singular lemma: spaCy leaves plural proper nouns
    ("Americans", "Democrats") as they are."""
    lemma = view.lemma[noun]
    if view.tag[noun] == "NNPS" and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma
