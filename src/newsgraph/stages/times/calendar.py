"""Dates relative to the publication date, written as TIMEX3 values.

Every function takes the anchor (the publication date) or None; without an anchor a
relative expression stays underspecified ("XXXX-04", "XXXX-WXX-3"), never guessed from
today's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .lexicon import SEASON_START

PAST, PRESENT, FUTURE = "past", "present", "future"


def day(d: date | None) -> str:
    return d.isoformat() if d else "XXXX-XX-XX"


def week(d: date | None) -> str:
    if d is None:
        return "XXXX-WXX"
    year, number, _ = d.isocalendar()
    return f"{year}-W{number:02d}"


def month(year: int | None, number: int) -> str:
    return f"{year if year else 'XXXX'}-{number:02d}"


def year(y: int | None) -> str:
    """Four digits; a year before 1 AD as TIMEX3 writes it ("two thousand years ago" in
    1998 is 3 BC, "BC0003": there is no year 0)."""
    if y is None:
        return "XXXX"
    return f"{y:04d}" if y > 0 else f"BC{1 - y:04d}"


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, 28))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def weekday_date(anchor: date | None, weekday: int, tense: str, shift: int = 0) -> str:
    """The date of a weekday (1 = Monday): the most recent such day (the anchor's own
    day counts) unless the text looks ahead (future tense, "until Tuesday"), then the
    next one; `shift` is -1 for "last Friday", +1 for "next Friday"."""
    if anchor is None:
        return f"XXXX-WXX-{weekday}"
    delta = weekday - anchor.isoweekday()
    if shift < 0 or (shift == 0 and tense != FUTURE):
        delta = delta if delta <= 0 else delta - 7
        if shift < 0 and delta == 0:
            delta = -7
    else:
        delta = delta if delta >= 0 else delta + 7
        if shift > 0 and delta == 0:
            delta = 7
    return (anchor + timedelta(days=delta)).isoformat()


def nearest_weekday(anchor: date, weekday: int) -> str:
    """The date of the weekday (1 = Monday) on or before the anchor, or within the next
    two days: news names imminent days ("Monday night's debate" on a Sunday) but
    mostly days gone ("Thursday's closing price" on a Monday)."""
    delta = (weekday - anchor.isoweekday()) % 7
    return (anchor + timedelta(days=delta if delta <= 2 else delta - 7)).isoformat()


# How far a date named without its year may lie on the "wrong" side of the publication
# date for the tense: "was paid Nov. 10" in a Nov. 2 article is still this November.
_MARGIN = timedelta(days=45)
# Where the tense says nothing (present, or no verb), news tells of what has happened more
# than of what is to come: a date without its year lies at most this far ahead ("in
# March" in an October article is the last March, "in January" in November the next).
_PRESENT_AHEAD_MONTHS = 3
_PRESENT_AHEAD = timedelta(days=92)


def month_year(anchor: date | None, number: int, tense: str, shift: int = 0) -> str:
    """The year-month of a bare month name: the nearest one that fits the tense (not
    well after publication in past-tense text, not well before it in future-tense
    text); "last"/"next" take the previous/next one strictly."""
    if anchor is None:
        return month(None, number)
    here = anchor.year * 12 + anchor.month
    options = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if _fits(y * 12 + number - here, tense, shift)]
    best = min(options, key=lambda y: abs(y * 12 + number - here))
    return month(best, number)


def _fits(months_ahead: int, tense: str, shift: int) -> bool:
    if shift < 0:
        return months_ahead < 0
    if shift > 0:
        return months_ahead > 0
    if tense == PAST:
        return months_ahead <= 1
    if tense == FUTURE:
        return months_ahead >= -1
    return months_ahead <= _PRESENT_AHEAD_MONTHS


def day_of_month(anchor: date | None, m: int, d: int, tense: str = PRESENT) -> str:
    """ "Dec. 19" without a year: the nearest such date that fits the tense."""
    if anchor is None:
        return f"XXXX-{m:02d}-{d:02d}"
    candidates = [safe_date(y, m, d) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return nearest_fitting(anchor, [c for c in candidates if c], tense) or f"XXXX-{m:02d}-{d:02d}"


def nearest_fitting(anchor: date, candidates: list[date], tense: str) -> str:
    """The candidate date nearest the anchor that is not well after it in past-tense text
    nor well before it in future-tense text, nor more than three months ahead where the
    tense says nothing ("" when none is)."""
    fitting = [c for c in candidates
               if not (tense == PAST and c > anchor + _MARGIN)
               and not (tense == FUTURE and c < anchor - _MARGIN)
               and not (tense == PRESENT and c > anchor + _PRESENT_AHEAD)]
    return min(fitting, key=lambda c: abs(c - anchor)).isoformat() if fitting else ""


def shifted(anchor: date | None, unit: str, amount: int) -> str:
    """The anchor moved by `amount` units, written at that unit's granularity
    ("last week" -> 2018-W50, "two years ago" -> 2016)."""
    if unit == "D":
        return day(anchor + timedelta(days=amount) if anchor else None)
    if unit == "W":
        return week(anchor + timedelta(weeks=amount) if anchor else None)
    if unit == "WE":
        return week(anchor + timedelta(weeks=amount) if anchor else None) + "-WE"
    if unit == "M":
        if anchor is None:
            return "XXXX-XX"
        moved = add_months(anchor, amount)
        return month(moved.year, moved.month)
    if unit == "Q":
        if anchor is None:
            return "XXXX-QX"
        moved = add_months(anchor, 3 * amount)
        return f"{moved.year}-Q{(moved.month - 1) // 3 + 1}"
    if unit == "DE":
        return f"{anchor.year // 10 + amount}" if anchor else "XXX"
    if unit == "CE":
        return f"{anchor.year // 100 + amount:02d}" if anchor else "XX"
    return year(anchor.year + amount if anchor else None)


_CALENDAR_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dX])")


def parse_value(value: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of a TIMEX3 calendar value, as far as it names them
    ("1998-10" -> (1998, 10, None); "1998-W43" -> (1998, None, None))."""
    match = _CALENDAR_VALUE.match(value)
    if match is None:
        return None
    y, m, d = (int(g) if g else None for g in match.groups())
    if m is not None and not 1 <= m <= 12 or d is not None and safe_date(y, m, d) is None:
        return None
    return y, m, d


def shifted_value(focus: tuple[int, int | None, int | None], unit: str, amount: int) -> str:
    """A date counted from a partly known one at the unit's granularity; what the focus
    leaves open stays open ("that day" after "October 1998" is 1998-10-XX)."""
    y, m, d = focus
    if unit == "Y":
        return year(y + amount)
    if m is None:
        return {"M": f"{y}-XX", "W": f"{y}-WXX"}.get(unit, f"{y}-XX-XX")
    if unit == "M":
        moved = add_months(date(y, m, 1), amount)
        return month(moved.year, moved.month)
    if d is None:
        return f"{y}-WXX" if unit == "W" else f"{y}-{m:02d}-XX"
    return shifted(date(y, m, d), unit, amount)


def season(anchor: date | None, code: str, shift: int) -> str:
    """ "this summer" is the anchor year's; "last fall" the latest one already over;
    "next spring" the first one not yet begun."""
    if anchor is None:
        return f"XXXX-{code}"
    first = SEASON_START[code]
    spans = [(y, date(y, first, 1), add_months(date(y, first, 1), 3))
             for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)]
    if shift < 0:
        y = max(y for y, _, end in spans if end <= anchor)
    elif shift > 0:
        y = min(y for y, begin, _ in spans if begin > anchor)
    else:
        inside = [y for y, begin, end in spans if begin <= anchor < end]
        y = inside[0] if inside else anchor.year
    return f"{y}-{code}"


def duration(amount, unit: str) -> str:
    """A TIMEX3 duration: P3Y, PT24H, PXW; decades and centuries in years."""
    if unit == "WE":
        unit, amount = "D", (2 if amount == 1 else amount)
    if amount == "X":
        code = {"MIN": "M", "DE": "DE", "CE": "CE", "FN": "W"}.get(unit, unit)
        return f"PTX{code}" if unit in ("H", "MIN", "S") else f"PX{code}"
    if unit == "DE":
        unit, amount = "Y", amount * 10
    elif unit == "CE":
        unit, amount = "Y", amount * 100
    elif unit == "FN":
        unit, amount = "W", amount * 2
    if amount != int(amount):
        return _fractional(amount, unit)
    if unit in ("H", "MIN", "S"):
        return f"PT{int(amount)}{'M' if unit == 'MIN' else unit}"
    return f"P{int(amount)}{unit}"


def _fractional(amount: float, unit: str) -> str:
    whole = int(amount)
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24),
               "H": ("MIN", 60), "MIN": ("S", 60), "Q": ("M", 3)}.get(unit)
    if smaller is None:
        return duration(round(amount) or 1, unit)
    small_unit, factor = smaller
    rest = round((amount - whole) * factor)
    if unit == "MIN":  # "a minute and a half": PT1M30S
        return f"PT{whole}M{rest}S" if whole else f"PT{rest}S"
    if small_unit in ("H", "MIN"):
        head = f"P{whole}{unit}T" if whole and unit not in ("H",) else "PT" + (
            f"{whole}H" if whole else "")
        return f"{head}{rest}{'M' if small_unit == 'MIN' else small_unit}"
    return f"P{whole}{unit}{rest}{small_unit}" if whole else f"P{rest}{small_unit}"
