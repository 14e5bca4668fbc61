"""Directional regions: "northeastern Syria", "east of the Euphrates", "the north of the
country". Each is a place of kind region with its anchor's country and point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .detect import Toponym, is_strong

_COMPASS = r"(?:north|south)(?:-?(?:east|west))?|east|west"
# "northeastern", "north-western", "southern", "central", "eastern"
DIRECTION_ADJECTIVE = re.compile(rf"^(?:(?:{_COMPASS})(?:ern)?|central|upper|lower)$",
                                 re.IGNORECASE)
# "east of", "the north of"
DIRECTION_NOUNS = frozenset(
    f"{a}{b}" for a in ("north", "south") for b in ("", "east", "west", "-east", "-west")
) | {"east", "west"}
COUNTRY_WORDS = {"country", "nation"}


@dataclass
class Region:
    chars: tuple[int, int]
    text: str
    anchor: Toponym | None  # None: the article's main country ("the country")


def _phrase(text: str, start_char: int, end_char: int) -> tuple[tuple[int, int], str]:
    return (start_char, end_char), text[start_char:end_char]


def find_regions(view, text: str, toponyms: list[Toponym], gazetteer,
                 direction_tokens: list[int]) -> list[Region]:
    """A whole name the gazetteer knows is no direction ("North Korea", "South Africa")."""
    regions = []
    for topo in toponyms:
        region = _inside(view, text, topo, gazetteer) or _before(view, text, topo)
        if region:
            regions.append(region)
    regions.extend(_of_the_country(view, text, direction_tokens))
    return regions


def _inside(view, text, topo: Toponym, gazetteer) -> Region | None:
    """spaCy put the direction inside the entity: "Northern Iraq"."""
    if topo.end - topo.start < 2 or not DIRECTION_ADJECTIVE.match(view.text[topo.start]):
        return None
    if topo.text in gazetteer:
        return None
    anchor_start = topo.start + 1
    chars = (view.idx[anchor_start], topo.chars[1])
    anchor = Toponym(anchor_start, topo.end, chars, text[chars[0]:chars[1]], topo.label)
    if not is_strong(gazetteer.lookup(anchor.text)):
        return None  # "East Bank" is a name, not the east of some hamlet called Bank
    topo.start, topo.chars, topo.text = anchor.start, anchor.chars, anchor.text
    return Region(*_phrase(text, view.idx[anchor_start - 1], anchor.chars[1]), anchor=topo)


def _before(view, text, topo: Toponym) -> Region | None:
    i = topo.start - 1
    if i >= 0 and view.lower[i] == "the":
        i -= 1
    if i < 0:
        return None
    word = view.text[i]
    if DIRECTION_ADJECTIVE.match(word) and i == topo.start - 1 and word.islower():
        return Region(*_phrase(text, view.idx[i], topo.chars[1]), anchor=topo)
    if view.lower[i] == "of" and i >= 1 and view.lower[i - 1] in DIRECTION_NOUNS:
        return Region(*_phrase(text, view.idx[i - 1], topo.chars[1]), anchor=topo)
    return None


def _of_the_country(view, text, direction_tokens: list[int]) -> list[Region]:
    """"the north of the country": anchored on the article's main country."""
    regions = []
    lower = view.lower
    for i in direction_tokens:
        if 1 <= i < view.n - 3 and (lower[i - 1] == "the"
                and view.lower[i + 1] == "of" and view.lower[i + 2] == "the"
                and view.lower[i + 3] in COUNTRY_WORDS):
            end = view.idx[i + 3] + len(view.text[i + 3])
            regions.append(Region(*_phrase(text, view.idx[i - 1], end), anchor=None))
    return regions
