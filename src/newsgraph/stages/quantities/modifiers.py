"""Words around a number that make it approximate or a bound ("about 2,000", "over 5,000",
"as high as 30,000", "up to 4,000 km") and the connectors of ranges ("between 1,500 and
2,000", "8 to 16", "10-15")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Phrases written right before a number: (approximate, bound): bound "low" means the
# number is a floor ("over 5,000"), "high" a ceiling ("up to 4,000"), "both" a point
# value that is also a ceiling ("nearly 2,000").
MODIFIERS = {
    "about": (True, None), "around": (True, None), "roughly": (True, None),
    "approximately": (True, None), "approx.": (True, None), "some": (True, None),
    "an estimated": (True, None), "estimated": (True, None), "close to": (True, None),
    "circa": (True, None), "ca.": (True, None), "more or less": (True, None),
    "somewhere around": (True, None), "on the order of": (True, None),
    "an average of": (True, None), "almost": (True, "both"), "nearly": (True, "both"),
    "up to": (True, "high"), "as many as": (True, "high"), "as much as": (True, "high"),
    "as high as": (True, "high"), "upwards of": (True, "low"),
    "over": (False, "low"), "more than": (False, "low"), "greater than": (False, "low"),
    "above": (False, "low"), "at least": (False, "low"), "in excess of": (False, "low"),
    "exceeding": (False, "low"), "north of": (False, "low"), "no fewer than": (False, "low"),
    "no less than": (False, "low"), "just over": (False, "low"), "well over": (False, "low"),
    "under": (False, "high"), "less than": (False, "high"), "fewer than": (False, "high"),
    "below": (False, "high"), "at most": (False, "high"), "no more than": (False, "high"),
    "just under": (False, "high"), "not more than": (False, "high"),
}
_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(" + "|".join(sorted((re.escape(m) for m in MODIFIERS), key=len,
                                              reverse=True)) + r")[ \u00a0]+$",
    re.IGNORECASE)
# The last word of every modifier: the regex runs only when the word before a number is one.
_LAST_WORDS = frozenset(m.split(" ")[-1] for m in MODIFIERS)
_RANGE_OPENER = re.compile(r"(?:^|(?<=\s))(between|from)[ \u00a0]+$", re.IGNORECASE)
_TO = re.compile(r"-?[ \u00a0]+(?:to|and|through)[ \u00a0]+|[-–—][ ]?(?:to[ ])?|[ ]?[–—][ ]?")
_WINDOW = 40


@dataclass
class Modifier:
    start: int  # where the phrase starts
    approximate: bool
    bound: str | None


def modifiers_before(text: str, pos: int) -> list[Modifier]:
    """The approximation and bound phrases right before `pos`, nearest first
    ("somewhere around", "from about")."""
    found = []
    for _ in range(3):
        if previous_word(text, pos).lower() not in _LAST_WORDS:
            break
        window_start = max(0, pos - _WINDOW)
        match = _BEFORE.search(text, window_start, pos)
        if not match:
            break
        approximate, bound = MODIFIERS[match.group(1).lower()]
        found.append(Modifier(match.start(), approximate, bound))
        pos = match.start()
    return found


def range_opener(text: str, pos: int) -> int | None:
    """Where "between" or "from" starts when it comes right before `pos`."""
    if previous_word(text, pos).lower() not in ("between", "from"):
        return None
    match = _RANGE_OPENER.search(text, max(0, pos - 12), pos)
    return match.start() if match else None


def range_connector(text: str, pos: int, opened_by: str | None) -> int | None:
    """Where the second number of a range starts after a connector at `pos`
    ("to", "-", "–", "and" after "between")."""
    match = _TO.match(text, pos)
    if not match:
        return None
    connector = match.group(0).strip(" -\u00a0").lower()
    if connector == "and" and opened_by != "between":
        return None
    if connector == "through" and opened_by != "from":
        return None
    return match.end()


def previous_word(text: str, pos: int) -> str:
    """The word that ends right before `pos` (spaces skipped): a cheap gate for the
    look-behind patterns."""
    end = pos
    while end > 0 and text[end - 1] in " \u00a0":
        end -= 1
    start = text.rfind(" ", max(0, end - 16), end) + 1
    if start == 0 and end > 16:
        start = end - 16
    return text[start:end]
