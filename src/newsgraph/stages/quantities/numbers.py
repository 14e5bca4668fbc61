"""Reading a number at a character offset: digits ("2,000", "1.5", "4e14", "2 1/2", "½"),
words ("two", "a hundred and two", "twenty-one", "two thirds"), scale words and
abbreviations ("1.5 million", "$3m", "€10B") and vague counts ("hundreds of",
"tens of thousands", "a few dozen").

Each reader is anchored at a position, so the stage runs them only where a token
looks like a number instead of scanning the whole text with every pattern.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated scales written after a number ("$3m", "4.5bn", "5k", "€10B").
SHORT_SCALES = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9,
                "b": 1e9, "B": 1e9, "tn": 1e12, "trn": 1e12, "T": 1e12}
# Denominators of fractions written as words ("two thirds", "one-half"). "second" is
# left out: after a number it is a time unit.
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
             "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9,
             "ninths": 9, "tenth": 10, "tenths": 10}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4,
          "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625,
          "⅞": 0.875}
# Plural scales read as vague counts: "hundreds" is at least 100 and under 1000.
VAGUE_PLURALS = {"dozens": (24, 99), "scores": (40, 99), "tens": (10, 99),
                 "hundreds": (100, 999), "thousands": (1e3, 9999), "millions": (1e6, 1e9 - 1),
                 "billions": (1e9, 1e12 - 1)}
# Vague multipliers before a scale word ("a few hundred", "several thousand") or a noun.
VAGUE_FEW = {"few": (2, 5), "several": (3, 9)}

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {"dozen"}
# A token that may start a number: its lowercase form, checked before any regex runs.
START_WORDS = (NUMBER_WORDS | frozenset(VAGUE_PLURALS) | {"a", "an", "several", "few", "half"}
               ) - {"hundred", "thousand", "million", "billion", "trillion"}

_DIGITS = re.compile(
    r"(?P<neg>[-−](?=[\d.]))?"
    r"(?P<int>\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+)?"
    r"(?P<dec>\.\d+)?"
    r"(?P<sci>[eE][-+−]?\d+(?![\w])|\s?[x×]\s?10\^?[-−]?\d+|x\d+\^\d+)?"
    r"(?P<frac>/\d+(?![\d/])|[ ]\d+/\d+(?![\d/])|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])?")
_SCALE_AFTER = re.compile(r"(?:[ \u00a0]|-)(hundred|thousand|million|billion|trillion)\b",
                          re.IGNORECASE)
_SHORT_SCALE_AFTER = re.compile(r" ?(bn|mn|mln|trn|tn|[kKmMbBT])(?![A-Za-z0-9])")
_WORD = re.compile(r"(?P<sep>[ \u00a0]+|[ ]?-[ ]?|,[ ]|[ ]&[ ])?(?P<word>[A-Za-z]+)")
_VAGUE = re.compile(
    r"(?:(?P<lead>tens|hundreds|dozens)\s+of\s+)?(?P<plural>dozens|scores|hundreds|thousands|"
    r"millions|billions)\b|(?:a\s+)?(?P<few>few|several)(?:\s+(?P<scale>dozen|hundred|"
    r"thousand|million|billion)\b)?", re.IGNORECASE)


@dataclass
class Number:
    """A number read from the text: [start, end) and its value or vague bounds."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    words: bool = False  # written in words ("two"), not digits
    has_scale: bool = False  # "million", "bn", ... follow the digits
    plain_int: str = ""  # the digits when it is a plain integer ("2014"), for year checks


def read_digits(text: str, pos: int, currency: bool = False) -> Number | None:
    """The number written in digits at `pos` ("2,000", "-1.5", "4e14", "2 1/2")."""
    match = _DIGITS.match(text, pos)
    if not match or not (match.group("int") or match.group("dec")):
        return None
    whole = re.sub(r"[,\s\u00a0\u202f]", "", match.group("int") or "0")
    try:
        value = float(whole + (match.group("dec") or ""))
        value = _apply_exponent(value, match.group("sci"))
        value = _apply_fraction(value, match.group("frac"), match.group("int") is not None)
    except (OverflowError, ValueError):
        return None  # "1e999": no number JSON can hold
    if value is None or not math.isfinite(value):
        return None
    if match.group("neg"):
        value = -value
    number = Number(pos, match.end(), value)
    if not (match.group("dec") or match.group("sci") or match.group("frac") or
            match.group("neg")) and whole.isdigit() and "," not in match.group("int"):
        number.plain_int = whole
    _read_scale(text, number, currency)
    return number


def _apply_exponent(value: float, sci: str | None) -> float:
    if not sci:
        return value
    sci = sci.replace("−", "-").replace(" ", "")
    if sci[0] in "eE":
        return value * 10 ** int(sci[1:])
    if "^" in sci and not sci[1:].startswith("10"):  # 8x2^10
        base, power = sci[1:].split("^")
        return value * int(base) ** int(power)
    return value * 10 ** int(sci.lstrip("x×").replace("10^", "10", 1)[2:])


def _apply_fraction(value: float, frac: str | None, has_int: bool) -> float | None:
    if not frac:
        return value
    if frac in VULGAR:
        return value + VULGAR[frac]
    if frac.startswith(" "):  # "2 1/2"
        top, bottom = frac.strip().split("/")
        return None if int(bottom) == 0 or int(top) >= int(bottom) else value + int(top) / int(bottom)
    bottom = int(frac[1:])
    return None if bottom == 0 or not has_int else value / bottom


def _read_scale(text: str, number: Number, currency: bool) -> None:
    """Scale words after the digits: "1.5 million", "$3m", "4.5bn", "5k"."""
    match = _SCALE_AFTER.match(text, number.end)
    if match:
        number.value *= SCALES[match.group(1).lower()]
        number.end, number.has_scale = match.end(), True
        return
    match = _SHORT_SCALE_AFTER.match(text, number.end)
    if not match:
        return
    short = match.group(1)
    glued = match.start(1) == number.end
    # A bare "m" after a number is a metre unless money is being counted ("$3m").
    if short in ("m", "M", "b", "B", "T") and not currency and not (short in "BT" and glued):
        return
    if not glued and not currency:
        return
    number.value *= SHORT_SCALES[short]
    number.end, number.has_scale = match.end(), True


_PART_OF_SCALE = re.compile(r"(?:(?:a|one)[ -])?(half|quarter|third)[ ](?:of[ ])?an?[ ]"
                            r"(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)


def read_words(text: str, pos: int) -> Number | None:
    """A number written in words at `pos`: "two", "a hundred and two", "twenty-one",
    "three million, two hundred & forty", "two and a half", "two thirds", "a dozen",
    "half a million", "a quarter of a billion"."""
    part = _PART_OF_SCALE.match(text, pos)
    if part:
        value = SCALES[part.group(2).lower()] / FRACTIONS[part.group(1).lower()]
        return Number(pos, part.end(), value, words=True, has_scale=True)
    words: list[tuple[str, int, str]] = []  # (word, end, separator before it)
    at = pos
    while True:
        match = _WORD.match(text, at)
        if not match or (at == pos and match.group("sep")):
            break
        word = match.group("word").lower()
        if word not in NUMBER_WORDS and word not in FRACTIONS and word not in ("a", "an", "and"):
            break
        words.append((word, match.end(), match.group("sep") or ""))
        at = match.end()
        if len(words) > 12:
            break
    number = _evaluate(words, pos)
    if number is not None and words[0][0] in ("a", "an") and number.value < 1 \
            and not text.startswith(" of", number.end):
        return None  # "a sixth-grader", "a third term": ordinals; "a third of" is a fraction
    return number


def _evaluate(words: list[tuple[str, int, str]], pos: int) -> Number | None:
    total, current, end, seen_number = 0.0, 0.0, pos, False
    fraction_of_total = False
    i = 0
    while i < len(words):
        word, word_end, sep = words[i]
        following = words[i + 1][0] if i + 1 < len(words) else ""
        if word in ("a", "an"):
            if following in SCALES or following in ("dozen", "half") or following in FRACTIONS:
                current = max(current, 0) + 1 if not seen_number else current
                if seen_number and following in FRACTIONS:  # "two and a half"
                    fraction_of_total = True
                i += 1
                continue
            break
        if word == "and":
            if not seen_number or not following or "," in sep:
                break
            i += 1
            continue
        if "," in sep and word not in UNITS and word not in TENS:
            break
        if word in UNITS or word in TENS:
            current += UNITS.get(word, 0) + TENS.get(word, 0)
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in FRACTIONS:
            if not seen_number and current == 0:
                break
            if fraction_of_total:
                total, current = total + current + 1 / FRACTIONS[word], 0
            else:
                current = (current or 1) / FRACTIONS[word]
            seen_number, end = True, word_end
            break
        seen_number, end = True, word_end
        i += 1
    if not seen_number:
        return None
    return Number(pos, end, total + current, words=True)


def read_vague(text: str, pos: int) -> Number | None:
    """A vague count: "hundreds", "tens of thousands", "a few hundred", "several"."""
    match = _VAGUE.match(text, pos)
    if not match:
        return None
    if match.group("plural"):
        low, high = VAGUE_PLURALS[match.group("plural").lower()]
        lead = match.group("lead")
        if lead:  # "tens of thousands": the lead's bounds times the scale's floor
            lead_low, lead_high = VAGUE_PLURALS[lead.lower()]
            low, high = lead_low * low, (lead_high + 1) * low - 1
        return Number(pos, match.end(), None, low, high, words=True)
    low, high = VAGUE_FEW[match.group("few").lower()]
    scale = match.group("scale")
    if scale:
        factor = 12 if scale.lower() == "dozen" else SCALES[scale.lower()]
        low, high = low * factor, high * factor
    return Number(pos, match.end(), None, low, high, words=True)
