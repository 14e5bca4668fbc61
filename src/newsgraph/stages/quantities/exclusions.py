"""Numbers that are not quantities: dates and years, clock times, ordinals and ranks,
phone numbers, numbers inside names ("G7", "F-16", "Boeing 737", "Voyager 2") and ages
("a 45-year-old", "aged 45", "John Smith, 45,"): an age describes a person, it is not a
figure the article reports about the situation."""

from __future__ import annotations

import re

from .modifiers import previous_word
from .numbers import Number

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
           r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH_STEMS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
_MONTH_BEFORE = re.compile(_MONTHS + r"\.?,?[ \u00a0]+(?:the[ ]+)?$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?[ \u00a0]+(?:of[ ]+)?" + _MONTHS + r"\b")
_CLOCK_AFTER = re.compile(r"[ \u00a0]?(?:[ap]\.?m\b\.?|[AP]\.?M\b\.?|o'clock|GMT|UTC|"
                          r"[ECMP][SD]?T\b|hrs?\b(?= local))")
_CLOCK_OR_SCORE = re.compile(r":\d")
_DATE_LIKE = re.compile(r"\d{1,4}([/.-])\d{1,2}\1\d{2,4}\b|\d{4}[-–]\d{2}\b|9/11\b|24/7\b")
_PHONE = re.compile(r"\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|\d{3}-\d{4}\b")
_GLUED_LETTERS_AFTER = re.compile(r"[A-Za-z]")
_AGE_AFTER = re.compile(r"(?:-| )years?(?:-| )old\b|(?:-| )year-olds?\b")
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|by|until|till|from|of|to|before|after|during|"
                          r"early|late|mid|circa|and|through|fiscal|year|spring|summer|"
                          r"autumn|fall|winter)[ \u00a0-]+|'|’)$", re.IGNORECASE)
# Entity types whose numbers are part of a name.
NAME_ENTITIES = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "ORG"})


def glued_to_name(text: str, start: int, end: int) -> bool:
    """A number written into a word: "G7", "F-16", "COVID-19", "i7", "2nd", "1960s", "3D"."""
    before = text[start - 2:start] if start >= 2 else text[:start]
    if before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha()):
        return True
    # the second half of "2013-14", "12/19", "J1149.5+6663": read with the first or not at all
    return before[-1:] in ("-", "/", "–", "+") and before[:1].isdigit()


def is_decade(text: str, number: Number) -> bool:
    """"1960s", "90s": a decade."""
    return bool(number.plain_int) and number.value % 10 == 0 and text[number.end:number.end + 1] == "s" \
        and not text[number.end + 1:number.end + 2].isalpha()


def is_date_or_time(text: str, number: Number) -> bool:
    start, end = number.start, number.end
    if _DATE_LIKE.match(text, start) or _PHONE.match(text, start):
        return True
    if _CLOCK_OR_SCORE.match(text, end) and not number.has_scale:
        return True
    before = previous_word(text, start)
    if (before[:3].lower() in _MONTH_STEMS and _MONTH_BEFORE.search(text, max(0, start - 14), start)) \
            or (before == "the" and _MONTH_BEFORE.search(text, max(0, start - 18), start)) \
            or _MONTH_AFTER.match(text, end):
        return True
    clock = _CLOCK_AFTER.match(text, end)
    if clock and number.value is not None and _looks_like_clock(text[start:end]):
        return True
    return False


def _looks_like_clock(written: str) -> bool:
    """"2", "10", "2.17", "10:30": an hour, with two-digit minutes if any ("2.123 pm" is
    a length in picometres, not a time)."""
    return bool(re.fullmatch(r"(?:[1-9]|1[0-2])(?:[.:][0-5]\d)?|[01]?\d[0-5]\d|2[0-3][0-5]\d",
                             written))


def is_age(text: str, start: int, end: int) -> bool:
    return bool(_AGE_AFTER.match(text, end) or (
        previous_word(text, start).lower() in ("aged", "age", "ages")))


def is_rank(text: str, start: int) -> bool:
    return previous_word(text, start)[-3:] in ("No.", "no.") or text[start - 1:start] == "#" \
        or previous_word(text, start).lower() == "number"


AGO = re.compile(r"[ ,]*(?:ago|earlier|before that|later)\b")
CLOCK_WORDS = re.compile(r" o['’]clock\b")


def is_year_by_context(text: str, number: Number, view, i: int) -> bool:
    """A year-like integer ("2014", "2030") that a preposition or the parser marks as a
    date, or that modifies a singular noun ("Obama's 2008 campaign"): read before any
    range, so "by 2030 to 32 percent" is no range."""
    if not number.plain_int or len(number.plain_int) != 4 or not 1000 <= number.value <= 2100:
        return False
    if view.ent[i] == "DATE" or _YEAR_BEFORE.search(text, max(0, number.start - 10), number.start):
        return True
    following = i + 1
    return following < view.n and view.tag[following] in ("NN", "NNP", "JJ")


def is_year(text: str, number: Number, token_entity: str, has_unit: bool) -> bool:
    """A four-digit integer from 1000 to 2100 that is not counting anything, or that the
    parser or a preposition marks as a date ("in 2014", "since 1979")."""
    if not number.plain_int or len(number.plain_int) != 4 or not 1000 <= number.value <= 2100:
        return False
    if token_entity == "DATE" or _YEAR_BEFORE.search(text, max(0, number.start - 10),
                                                     number.start):
        return True
    return not has_unit


def is_years_after_apostrophe(text: str, start: int) -> bool:
    """"'90s", "’18": a short year."""
    return start > 0 and text[start - 1] in "'’"


def glued_letters_after(text: str, end: int) -> bool:
    return bool(_GLUED_LETTERS_AFTER.match(text, end))


def is_appositive_age(view, i: int) -> bool:
    """"Donna Rawlings, 59, of Ashton": a bare number set off by commas after a person."""
    return (i >= 2 and view.text[i - 1] == "," and view.ent[i - 2] == "PERSON"
            and i + 1 < view.n and view.text[i + 1] in (",", "―", "—", "–", ")", "."))
