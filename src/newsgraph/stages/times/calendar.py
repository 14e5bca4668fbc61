"""Dates relative to the publication date, written as TIMEX3 values.

Every function takes the anchor (the publication date) or None; without an anchor a
relative expression stays underspecified ("XXXX-04", "XXXX-WXX-3"), never guessed from
today's date.
"""

from __future__ import annotations

from datetime import date, timedelta

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
    return str(y) if y else "XXXX"


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
    """The date of a weekday (1 = Monday): in past-tense text the most recent such day
    (the anchor's own day counts), in future-tense text the next one; `shift` is -1 for
    "last Friday", +1 for "next Friday"."""
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


def month_year(anchor: date | None, number: int, tense: str, shift: int = 0) -> str:
    """The year-month of a bare month name: the most recent one (this month included)
    in past-tense text, the next one in future-tense text, the nearer one when the
    tense does not tell; "last"/"next" force it."""
    if anchor is None:
        return month(None, number)
    y = anchor.year
    if shift == 0 and tense == PRESENT:
        here = anchor.year * 12 + anchor.month
        nearest = min((y - 1, y, y + 1), key=lambda c: abs(c * 12 + number - here))
        return month(nearest, number)
    if shift < 0 or (shift == 0 and tense != FUTURE):
        if number > anchor.month or (shift < 0 and number == anchor.month):
            y -= 1
    elif number < anchor.month or (shift > 0 and number == anchor.month):
        y += 1
    return month(y, number)


def day_of_month(anchor: date | None, m: int, d: int, tense: str = PRESENT) -> str:
    """ "Dec. 19" without a year: the latest such date not after the anchor in past-tense
    text, the first not before it in future-tense text, else the nearest."""
    if anchor is None:
        return f"XXXX-{m:02d}-{d:02d}"
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = safe_date(y, m, d)
        if candidate and tense == PAST and candidate > anchor + timedelta(days=1):
            continue
        if candidate and tense == FUTURE and candidate < anchor - timedelta(days=1):
            continue
        if candidate and (best is None or abs(candidate - anchor) < abs(best - anchor)):
            best = candidate
    return best.isoformat() if best else f"XXXX-{m:02d}-{d:02d}"


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


def season(anchor: date | None, code: str, shift: int) -> str:
    """ "this summer" is the anchor year's; "last fall" the latest one already over;
    "next spring" the first one not yet begun."""
    if anchor is None:
        return f"XXXX-{code}"
    from .lexicon import SEASON_START

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
               "H": ("MIN", 60), "Q": ("M", 3)}.get(unit)
    if smaller is None:
        return duration(round(amount) or 1, unit)
    small_unit, factor = smaller
    rest = round((amount - whole) * factor)
    if small_unit in ("H", "MIN"):
        head = f"P{whole}{unit}T" if whole and unit not in ("H",) else "PT" + (
            f"{whole}H" if whole else "")
        return f"{head}{rest}{'M' if small_unit == 'MIN' else small_unit}"
    return f"P{whole}{unit}{rest}{small_unit}" if whole else f"P{rest}{small_unit}"
