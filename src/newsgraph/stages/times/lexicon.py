"""Words of time: month and weekday names, number words, units, seasons, parts of day.

Each table maps a lower-case word to what the normalizer needs; the regex alternations
in patterns.py are built from the same tables, so a word added here is both found and
normalized.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
            "saturday": 6, "sunday": 7}

UNITS = {  # singular and plural unit words -> TIMEX3 duration unit
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "weekend": "WE",
}
UNIT_WORDS = {**{word: unit for word, unit in UNITS.items()},
              **{word + "s": unit for word, unit in UNITS.items()}, "centuries": "CE"}

SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "dozen": 12, "a dozen": 12, "couple": 2,
    "a couple of": 2, "couple of": 2, "a couple": 2, "half a": 0.5, "a half": 0.5,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "thousand": 1000}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "the", "numerous")

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
            "3rd": 3, "4th": 4, "last": 4, "final": 4}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # month a season begins

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI"}

ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
               "annually": "P1Y", "hourly": "PT1H", "nightly": "P1D",
               "biweekly": "P2W", "semiannually": "P6M"}

# "today's world", "in today's dollars": the present age, not the day of publication
# (TimeML leaves such generic uses unannotated)
AGE_NOUNS = frozenset({"world", "society", "youth", "generation", "generations", "children",
                       "kids", "economy", "culture", "standards", "terms", "dollars", "prices",
                       "age", "era", "times"})

DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

CENTURY_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
                    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
                    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                    "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def number_value(words: str) -> float | str:
    """The value of a number phrase ("two", "24", "twenty-four", "a few"); "X" when vague."""
    text = " ".join(words.lower().replace(",", "").split())
    if text in SMALL_NUMBERS:
        return SMALL_NUMBERS[text]
    if text in TENS:
        return TENS[text]
    if text in VAGUE_NUMBERS:
        return "X"
    try:
        return float(text)
    except ValueError:
        pass
    total = 0
    for part in text.replace("-", " ").split():
        if part in TENS and TENS[part] >= 100:
            total = max(total, 1) * TENS[part]
        elif part in TENS:
            total += TENS[part]
        elif part in SMALL_NUMBERS:
            total += SMALL_NUMBERS[part]
        elif part not in ("and", "a"):
            return "X"
    return total or "X"


def alternation(words) -> str:
    """A regex alternation of the words, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
