"""Normalizers for calendar expressions: explicit dates, months, years, decades,
centuries, quarters, holidays and clock times. Each takes the regex match and the
document's Context and gives (TIMEX3 type, value), or None when the match is no time."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .context import Context
from .lexicon import CENTURY_ORDINALS, DECADE_WORDS, MONTHS, ORDINALS, WEEKDAYS

Result = tuple[str, str] | None
# "April 24" (and 25), "Dec. 3" (to 5): a month and day just before a conjunction
_MONTH_DAY_BEFORE = re.compile(r"\b[A-Z][a-z]{2,8}\.?\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                               r"\s+$")


def _month(m) -> int:
    return MONTHS[m.group("month").lower().rstrip(".")]


def date_full(m, ctx: Context) -> Result:
    d = cal.safe_date(int(m.group("year")), _month(m), int(m.group("day")))
    return ("DATE", d.isoformat()) if d else None


def date_numeric(m, ctx: Context) -> Result:
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    d = cal.safe_date(y, int(m.group("m")), int(m.group("d")))
    return ("DATE", d.isoformat()) if d else None


def date_month_day(m, ctx: Context) -> Result:
    rel = (m.groupdict().get("rel") or "").lower()
    if rel:  # "last Oct. 23", "next March 6" say which side of publication
        tense = cal.PAST if rel in ("last", "this past") else cal.FUTURE
    elif ctx.forward_looking(m.start()):
        tense = cal.FUTURE
    else:
        tense = ctx.tense(m.start())
    value = cal.day_of_month(ctx.anchor, _month(m), int(m.group("day")), tense)
    if m.groupdict().get("weekof") and value[:4].isdigit():
        value = cal.week(date.fromisoformat(value))  # "the week of March 6"
    return "DATE", value


def month_year(m, ctx: Context) -> Result:
    y = m.group("year") or spelled_year_value(m.group("spelled"))
    return "DATE", cal.month(int(y), _month(m))


def month_alone(m, ctx: Context) -> Result:
    word = m.group("month").rstrip(".")
    if not m.group("rel") and not m.group("yrel") and not ctx.is_proper_noun(m.start("month")):
        return None  # "may" the modal, "march" the verb
    if ctx.preceded_by(m.start(), ("the", "annual")) and ctx.text.startswith(
            (" of ", " for "), m.end()):
        return None  # "the annual March for Life": a march, named
    if word.lower() in ("jan", "mar", "apr", "jun", "jul", "sep", "oct", "nov", "dec") \
            and not m.group(0).endswith("."):
        return None
    number = _month(m)
    if m.group("yrel"):
        shift = {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
        y = ctx.anchor.year + shift if ctx.anchor else None
        return "DATE", cal.month(y, number)
    rel = (m.group("rel") or "").lower()
    shift = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else 0
    if rel == "this" and ctx.anchor:
        return "DATE", cal.month(ctx.anchor.year, number)
    tense = cal.FUTURE if ctx.forward_looking(m.start()) else ctx.tense(m.start())
    return "DATE", cal.month_year(ctx.anchor, number, tense, shift)


def year(m, ctx: Context) -> Result:
    if not m.group("fiscal") and not ctx.year_like(m.start("year"), m.end("year")):
        return None
    return "DATE", m.group("year")


def decade(m, ctx: Context) -> Result:
    if m.group("decade"):
        return "DATE", m.group("decade")[:3]
    digit = int(m.group("short")[0]) if m.group("short") else DECADE_WORDS[m.group("word").lower()]
    century = ctx.anchor.year // 100 if ctx.anchor else None
    if century is None:
        return "DATE", f"XX{digit}"
    if ctx.anchor and digit * 10 > ctx.anchor.year % 100 + 5:
        century -= 1  # "the '90s" written in 2018
    return "DATE", f"{century}{digit}"


def century(m, ctx: Context) -> Result:
    nth = m.group("nth").lower()
    number = int(nth[:-2]) if nth[:1].isdigit() else CENTURY_ORDINALS[nth]
    return ("DATE", f"{number - 1:02d}") if number >= 1 else None


def quarter(m, ctx: Context) -> Result:
    number = ORDINALS[m.group("ordinal").lower()]
    part = m.group("part").lower()
    if part == "period" and number > 4:
        return None
    y = m.group("year") or m.group("year2")
    if y is None and m.group("yrel"):
        shift = {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
        y = str(ctx.anchor.year + shift) if ctx.anchor else None
    if y is None:
        y = _quarter_year(ctx, number)
    if part == "half":
        return "DATE", f"{y}-H{min(number, 2)}"
    value = f"{y}-Q{number}"
    ctx.note_quarter(value, m.start())
    return "DATE", value


def quarter_code(m, ctx: Context) -> Result:
    """ "Q1 2018", "H2 2019": the analysts' shorthand."""
    if m.group("q"):
        value = f"{m.group('year')}-Q{m.group('q')}"
        ctx.note_quarter(value, m.start())
        return "DATE", value
    return "DATE", f"{m.group('year')}-H{m.group('h')}"


def _quarter_year(ctx: Context, number: int) -> str:
    """A quarter named without a year is the anchor's, unless it has not begun yet at
    publication: then it is last year's ("the fourth quarter" in January)."""
    if ctx.anchor is None:
        return "XXXX"
    current = (ctx.anchor.month - 1) // 3 + 1
    return str(ctx.anchor.year - 1 if number > current else ctx.anchor.year)


def this_quarter(m, ctx: Context) -> Result:
    which = (m.group("which") or m.group("latest") or "").lower()
    if which == "current" and ctx.anchor:
        value = cal.shifted(ctx.anchor, "Q", 0)
    elif which in ("latest", "most recent", "just-ended", "recent") and ctx.anchor and not (
            ctx.last_quarter and ctx.last_quarter <= cal.shifted(ctx.anchor, "Q", -1)):
        value = cal.shifted(ctx.anchor, "Q", -1)  # the latest one is over, not the current
    elif ctx.last_quarter:
        value = ctx.last_quarter
    elif ctx.anchor:
        value = cal.shifted(ctx.anchor, "Q", -1)  # the quarter just reported
    else:
        value = "XXXX-QX"
    return "DATE", value


def year_period(m, ctx: Context) -> Result:
    """ "the 1988 quarter": that year's quarter of the kind the article is about."""
    y = m.group("year")
    if m.group("part").lower() in ("quarter", "period") and ctx.last_quarter:
        return "DATE", y + ctx.last_quarter[4:]
    return "DATE", y


_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def spelled_year(m, ctx: Context) -> Result:
    """ "nineteen ninety-six", "the year two thousand" (broadcast transcripts)."""
    if m.group("two"):
        if not m.group(0).lower().startswith("the") and ctx.counts_a_noun(m.end()):
            return None  # "two thousand dollars", "two thousand years": a count, no year
        words = m.group("two").lower().replace("and", "").split()[2:]
        return "DATE", str(2000 + sum(_UNITS_WORDS[w] for w in words))
    return "DATE", spelled_year_value(m.group(0).lower().replace("the year", ""))


def spelled_year_value(words: str) -> str:
    """ "nineteen ninety-seven" -> "1997"."""
    century, *rest = words.lower().replace("-", " ").split()
    hundreds = 1900 if century == "nineteen" else 1800
    return str(hundreds + sum(_UNITS_WORDS[w] for w in rest))


def year_ago(m, ctx: Context) -> Result:
    """ "the year-ago quarter", "year-earlier": the same period a year before."""
    if ctx.last_quarter and ctx.last_quarter[:4].isdigit():
        return "DATE", f"{int(ctx.last_quarter[:4]) - 1}{ctx.last_quarter[4:]}"
    return "DATE", cal.shifted(ctx.anchor, "Y", -1)


def quarter_ended(m, ctx: Context) -> Result:
    """ "the quarter ended July 31": the quarter in focus (a fiscal "first quarter" named
    before), else the calendar quarter that holds most of it, the one of its middle month
    (May to July is the second quarter)."""
    if ctx.last_quarter:
        return "DATE", ctx.last_quarter
    end = cal.day_of_month(ctx.anchor, _month(m), int(m.group("day")), cal.PAST)
    if not end[:4].isdigit():
        return "DATE", "XXXX-QX"
    middle = cal.add_months(date.fromisoformat(end), -1)
    ctx.last_quarter = f"{middle.year}-Q{(middle.month - 1) // 3 + 1}"
    return "DATE", ctx.last_quarter


def quarter_year_before(m, ctx: Context) -> Result:
    """ "the quarter a year ago", "last year's quarter": the quarter in focus (the one just
    reported where none was named), a year back."""
    quarter = ctx.last_quarter or cal.shifted(ctx.anchor, "Q", -1)
    if not quarter[:4].isdigit():
        return "DATE", "XXXX-QX"
    return "DATE", f"{int(quarter[:4]) - 1}{quarter[4:]}"


def holiday(m, ctx: Context) -> Result:
    name = m.group("holiday").lower()
    if name.startswith("thanksgiving"):
        if ctx.anchor is None:
            return "DATE", "XXXX-11-XX"
        # the fourth Thursday of November nearest the anchor that fits the tense
        return "DATE", cal.nearest_fitting(
            ctx.anchor, [_thanksgiving(y) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)],
            ctx.tense(m.start()))
    if name.startswith(("easter", "holy week", "good friday")):
        return "DATE", _easter_value(ctx, name, m.start())
    if name == "election day":
        # the United States' general election: the Tuesday after the first Monday of
        # November, the nearest one that fits the tense
        if ctx.anchor is None:
            return "DATE", "XXXX-11-XX"
        return "DATE", cal.nearest_fitting(
            ctx.anchor, [_election_day(y) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)],
            ctx.tense(m.start())) or "XXXX-11-XX"
    month_day = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                 "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                 "independence day": (7, 4), "halloween": (10, 31),
                 "valentine's day": (2, 14)}[name]
    return "DATE", cal.day_of_month(ctx.anchor, *month_day, ctx.tense(m.start()))


def _easter_value(ctx: Context, name: str, char: int) -> str:
    """Easter Sunday, Good Friday two days before it, or the week that ends on Easter
    Sunday ("Easter week", "Holy Week"): the nearest one that fits the tense."""
    week = name.endswith("week")
    if ctx.anchor is None:
        return "XXXX-WXX" if week else "XXXX-XX-XX"
    back = 2 if name == "good friday" else 0
    days = [_easter(y) - timedelta(days=back) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    value = cal.nearest_fitting(ctx.anchor, days, ctx.tense(char))
    if not value:
        return "XXXX-WXX" if week else "XXXX-XX-XX"
    return cal.week(date.fromisoformat(value)) if week else value


def _easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _election_day(y: int) -> date:
    first = date(y, 11, 1)
    first_monday = first + timedelta(days=(WEEKDAYS["monday"] - first.isoweekday()) % 7)
    return first_monday + timedelta(days=1)


def _thanksgiving(y: int) -> date:
    first = date(y, 11, 1)
    return first + timedelta(days=(WEEKDAYS["thursday"] - first.isoweekday()) % 7 + 21)


def clock(m, ctx: Context) -> Result:
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    ampm = " ".join(m.group("ampm").lower().split())
    if (ampm.startswith("p") or ampm in ("in the afternoon", "in the evening", "at night")) \
            and hour < 12:
        hour += 12
    elif (ampm.startswith("a") or ampm == "in the morning") and hour == 12:
        hour = 0
    return "TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}"


def clock_24(m, ctx: Context) -> Result:
    return "TIME", f"{cal.day(ctx.anchor)}T{int(m.group('h')):02d}:{m.group('mi')}"


def noon(m, ctx: Context) -> Result:
    if ctx.preceded_by(m.start(), ("high",)):
        return None  # "high noon": a showdown, no hour
    hour = "24:00" if m.group("word").lower() == "midnight" else "12:00"
    return "TIME", f"{_clock_day(m, ctx)}T{hour}"


def _clock_day(m, ctx: Context) -> str:
    if m.groupdict().get("month"):
        return cal.day_of_month(ctx.anchor, _month(m), int(m.group("day")), ctx.tense(m.start()))
    if m.group("weekday"):
        tense = cal.FUTURE if ctx.forward_looking(m.start()) else ctx.tense(m.start())
        return cal.weekday_date(ctx.anchor, WEEKDAYS[m.group("weekday").lower()], tense)
    # "was shot at 10 p.m.": a clock time without its day is on the day in focus
    # (TimeML 1.2.1, 2.2.3), the publication date when the text named none.
    return ctx.focus_day(m.start()) or cal.day(ctx.anchor)


def second_day(m, ctx: Context) -> Result:
    """ "on April 24 and 25", "March 3 to 5": the bare day after a month and day is a
    day of the same month."""
    if not _MONTH_DAY_BEFORE.search(ctx.text, max(0, m.start() - 24), m.start()):
        return None
    if ctx.counts_a_noun(m.end("span")):
        return None  # "rose on April 24 to 30 units": a number of things
    focus = cal.parse_value(ctx.focus) if ctx.focus else None
    day = int(m.group("day"))
    if focus is None or focus[1] is None:
        return None
    d = cal.safe_date(focus[0], focus[1], day)
    return ("DATE", d.isoformat()) if d else None
