"""Normalizers for expressions relative to the publication date ("yesterday", "last
week", "two years ago", "Wednesday"), durations, sets and the vague references
(PRESENT_REF, PAST_REF, FUTURE_REF)."""

from __future__ import annotations

from datetime import date, timedelta

from . import calendar as cal
from .context import Context
from .dates import spelled_year_value
from .lexicon import (ADVERB_SETS, AGE_NOUNS, MONTHS, PARTS_OF_DAY, SEASONS, UNIT_WORDS, WEEKDAYS,
                      number_value)

Result = tuple[str, str] | None
_SHIFT = {"this": 0, "the current": 0, "the same": 0, "current": 0, "last": -1, "the past": -1,
          "the last": -1, "the previous": -1, "this past": -1, "next": 1, "the coming": 1,
          "the following": 1, "the next": 1, "this coming": 1}


def today(m, ctx: Context) -> Result:
    if m.group("word")[0].isupper() and ctx.in_name(m.start("word")):
        return None  # "USA Today", "Today show"
    word = m.group("word").lower()
    if word in ("today", "tomorrow") and _age_noun_follows(ctx.text, m.end()):
        return None  # "today's youth", "the people of tomorrow's world": an age, no day
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    d = cal.day(ctx.anchor + timedelta(days=offset) if ctx.anchor else None)
    pod = PARTS_OF_DAY.get((m.group("pod") or "").lower())
    if word == "tonight":
        pod = "NI"
    return ("TIME", f"{d}T{pod}") if pod else ("DATE", d)


def _age_noun_follows(text: str, end: int) -> bool:
    if not text.startswith(("'s ", "\u2019s "), end):
        return False
    following = text[end + 3:end + 40].split(maxsplit=1)
    return bool(following) and following[0].lower().strip(".,;:") in AGE_NOUNS


def last_night(m, ctx: Context) -> Result:
    return "TIME", cal.day(ctx.anchor - timedelta(days=1) if ctx.anchor else None) + "TNI"


def this_pod(m, ctx: Context) -> Result:
    return "TIME", f"{cal.day(ctx.anchor)}T{PARTS_OF_DAY[m.group('pod').lower()]}"


def part_of_day(m, ctx: Context) -> Result:
    pod = PARTS_OF_DAY[(m.group("pod") or m.group("pod2")).lower()]
    if m.group("word"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("word").lower()]
        day = cal.day(ctx.anchor + timedelta(days=offset) if ctx.anchor else None)
    else:
        day = ctx.focus_day(m.start()) or cal.day(ctx.anchor)
    return "TIME", f"{day}T{pod}"


def weekday(m, ctx: Context) -> Result:
    number = WEEKDAYS[m.group("weekday").lower()]
    pod = PARTS_OF_DAY.get((m.group("pod") or "").lower())
    suffix = f"T{pod}" if pod else ""
    if m.group("plural") or m.group("pods"):
        return "SET", f"XXXX-WXX-{number}{suffix}"
    rel = " ".join((m.group("rel") or "").lower().split())
    # "down 4.5% from the previous Friday": the words name their reference, the day in
    # focus, however far back the text named it
    focus = ctx.focus_day(m.start(), near=False) if rel in ("the previous", "the following") else ""
    if focus:  # "down 4.5% from the previous Friday": the one before the day in focus
        day = cal.weekday_date(date.fromisoformat(focus), number, cal.PAST if rel ==
                               "the previous" else cal.FUTURE, -1 if rel == "the previous" else 1)
        return ("TIME" if pod else "DATE"), day + suffix
    shift = -1 if rel in ("last", "this past", "the previous") else 1 if rel in (
        "next", "this coming", "the following") else 0
    if ctx.text.startswith(("'s", "\u2019s"), m.end()) and not shift and ctx.anchor:
        # "Wednesday's ruling", "Monday night's debate": the day of a noun, not of the
        # verb, so the nearest such day either side of publication
        return ("TIME" if pod else "DATE"), cal.nearest_weekday(ctx.anchor, number) + suffix
    if ctx.forward_looking(m.start()):
        tense = cal.FUTURE
    else:
        tense = ctx.tense(m.start())
    value = cal.weekday_date(ctx.anchor, number, tense, shift)
    return ("TIME" if pod else "DATE"), value + suffix


def relative_unit(m, ctx: Context) -> Result:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    shift = _SHIFT[rel]
    if unit == "fiscal year":
        unit = "year"
    if rel in ("the past", "the last", "the coming", "the next") and unit != "year":
        # "the past week": the seven days before; "the past decade": ten years
        return "DURATION", cal.duration(1, UNIT_WORDS[unit])
    if unit == "weekend":
        return "DATE", _weekend(ctx, m.start(), shift)
    return "DATE", cal.shifted(ctx.anchor, UNIT_WORDS[unit], shift)


_ANAPHORIC_SHIFT = {"that": 0, "that same": 0, "the same": 0, "the following": 1, "the next": 1,
                    "the previous": -1, "the preceding": -1}


def anaphoric(m, ctx: Context) -> Result:
    """ "the following year", "that day", "the next morning": counted from the focus, the
    last date the text named; at the granularity the focus has ("that same day" after
    "October 1998" is 1998-10-XX). Without a focus, from publication."""
    shift = _ANAPHORIC_SHIFT[" ".join(m.group("rel").lower().split())]
    word = m.group("unit").lower()
    pod = PARTS_OF_DAY.get(word)
    unit = "D" if pod else UNIT_WORDS[word]
    focus = cal.parse_value(ctx.focus) if ctx.focus else None
    if focus is None:
        value = cal.shifted(ctx.anchor, unit, shift)
    else:
        value = cal.shifted_value(focus, unit, shift)
    return ("TIME", f"{value}T{pod}") if pod else ("DATE", value)


def _weekend(ctx: Context, start: int, shift: int) -> str:
    if ctx.anchor is None:
        return "XXXX-WXX-WE"
    if shift == 0:  # "this weekend", "the weekend": the coming one in future text
        shift = 0 if ctx.tense(start) == cal.FUTURE or ctx.anchor.isoweekday() >= 6 else -1
    return cal.week(ctx.anchor + timedelta(weeks=shift)) + "-WE"


def season(m, ctx: Context) -> Result:
    code = SEASONS[m.group("season").lower()]
    if m.group("year") or m.group("spelled"):
        y = m.group("year") or spelled_year_value(m.group("spelled"))
        return "DATE", f"{y}-{code}"
    rel = (m.group("rel") or "").lower()
    if not rel and code in ("FA", "SP"):
        return None  # "fall", "spring" are also verbs and nouns
    shift = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else 0
    return "DATE", cal.season(ctx.anchor, code, shift)


def ago(m, ctx: Context) -> Result:
    amount = _amount(m)
    unit = UNIT_WORDS[m.group("unit").lower()]
    direction = m.group("dir").lower()
    later = direction in ("later", "from now", "hence")
    if direction in ("later", "before", "back") or (
            direction == "earlier" and unit in ("D", "W", "H")):
        return None  # "three days later": counted from another event; the duration rule takes it
    if amount == "X":
        return "DATE", "FUTURE_REF" if later else "PAST_REF"
    if ctx.last_quarter and unit == "Y" and amount == 1 and not later:
        return "DATE", f"{int(ctx.last_quarter[:4]) - 1}{ctx.last_quarter[4:]}"
    steps = int(amount) if amount >= 1 else 0
    if unit in ("H", "MIN", "S"):
        return "DATE", cal.day(ctx.anchor)
    if unit == "FN":
        unit, steps = "W", steps * 2
    return "DATE", cal.shifted(ctx.anchor, unit, steps if later else -steps)


def duration(m, ctx: Context) -> Result:
    amount = _amount(m)
    unit = UNIT_WORDS[m.group("unit").lower()]
    word = m.group("num").lower()
    if word in ("a", "an") and m.group("unit").lower().endswith(("s", "centuries")):
        return None  # "a weeks-long strike": the article is the noun's, no count
    if m.group("unit")[0].isupper() and ctx.in_name(m.start("unit")):
        return None  # "60 Minutes", the programme
    if m.group("adj") == "-old" or ctx.text.startswith((" old", " of age"), m.end()):
        return None  # "a 6-year-old": an age describes a person, it is no time of the story
    if amount != "X" and 1500 <= amount <= 2100 and word.isdigit():
        return None  # "the 1988 quarter": a year, not 1,988 quarters
    if unit == "Q" and amount != "X" and amount <= 3 and (
            "-" in m.group(0) or ctx.text.startswith(" of", m.end())):
        return None  # "three-quarters", "a quarter of voters": fractions
    if word in ("a", "an") and ctx.after_rate_word(m.start("num")):
        return "SET", cal.duration(1, unit)  # "$5 a year", "twice a week"
    if word in ("the", "some") and unit in ("D", "H"):
        return None
    if word == "one" and unit == "D" and not m.group("det") and not m.group("dir") and \
            ctx.verb_follows(m.end()):
        # "Islam will one day be ...": some day, not a day long (TimeML: a *_REF)
        return "DATE", "PAST_REF" if ctx.tense(m.start()) == cal.PAST else "FUTURE_REF"
    if unit == "S" and word in ("a", "an") and ctx.is_adjective(m.start("unit")):
        return None  # "a second group": the ordinal
    if unit == "WE" and amount in (1, "X") and word in ("a", "an", "the", "this"):
        return None
    if unit == "M" and amount in (6, 9) and (m.group("dir") or "").lower() in (
            "first", "latest", "past", "last"):
        ctx.last_quarter = None  # "the first nine months": the year so far is in focus now
    return "DURATION", cal.duration(amount, unit)


def _amount(m):
    amount = number_value(m.group("num").replace(" 1/2", ""))
    if amount != "X" and " 1/2" in m.group("num"):
        amount += 0.5
    if amount != "X" and (m.groupdict().get("half") is not None
                          or m.groupdict().get("unit_half") is not None):
        amount += 0.5
    return amount


def the_units(m, ctx: Context) -> Result:
    """"the past few weeks", "for years": a duration of an unknown number of units."""
    return "DURATION", cal.duration("X", UNIT_WORDS[m.group("unit").lower()])


def unit_long(m, ctx: Context) -> Result:
    """ "day-long" lasts a day, "decades-long" some decades (counted in years, as the
    durations of decades are)."""
    word = m.group("unit").lower()
    unit = UNIT_WORDS[word]
    if word.endswith("s"):
        return "DURATION", cal.duration("X", "Y" if unit in ("DE", "CE") else unit)
    return "DURATION", cal.duration(1, unit)


def later_date(m, ctx: Context) -> Result:
    return "DATE", "FUTURE_REF" if m.group("dir").lower() == "later" else "PAST_REF"


def a_while(m, ctx: Context) -> Result:
    return "DURATION", "PXX"


def the_year(m, ctx: Context) -> Result:
    unit = m.group("unit").lower()
    if unit == "year":
        if (m.group("fiscal") or "").startswith("latest") and ctx.anchor:
            return "DATE", cal.year(ctx.anchor.year - 1)  # the last one closed
        if ctx.text.startswith((" ended", " ending"), m.end()) and not m.group("full"):
            return "DURATION", "P1Y"  # "the year ended Sept. 30": twelve months to a date
        # "the end of the year", "For the year, volume was flat": the year in focus
        return "DATE", cal.year(ctx.anchor.year if ctx.anchor else None)
    if unit == "weekend":
        return "DATE", _weekend(ctx, m.start(), 0)
    if unit == "week":
        return "DATE", cal.week(ctx.anchor)
    if unit == "month":
        return "DATE", cal.shifted(ctx.anchor, "M", 0)
    if ctx.preceded_by(m.start(), ("later in", "earlier in")):
        return "DATE", ctx.focus_day(m.start()) or cal.day(ctx.anchor)  # "later in the day"
    return None  # "the day he died": a day the clause names, not a time expression


def year_end(m, ctx: Context) -> Result:
    """ "year-end", "by year's end": the year (TimeML 1.2.1 gives "the end of the year"
    the year's value, its end being a modifier)."""
    return "DATE", cal.year(ctx.anchor.year if ctx.anchor else None)


def every(m, ctx: Context) -> Result:
    if m.group("weekday"):
        return "SET", f"XXXX-WXX-{WEEKDAYS[m.group('weekday').lower()]}"
    if m.group("month"):
        return "SET", f"XXXX-{MONTHS[m.group('month').lower()]:02d}"
    if m.group("pod"):
        return "SET", f"TXX{PARTS_OF_DAY[m.group('pod').lower()]}"
    if m.group("season"):
        return "SET", f"XXXX-{SEASONS[m.group('season').lower()]}"
    amount = number_value(m.group("num")) if m.group("num") else 1
    if amount == "X":
        amount = 1
    if " other " in m.group(0).lower():
        amount *= 2  # "every other week"
    return "SET", cal.duration(amount, UNIT_WORDS[m.group("unit").lower()])


def times_a(m, ctx: Context) -> Result:
    whole = m.group(0).lower()
    if m.group("per").lower() != "per" and not whole.startswith(("once", "twice")) \
            and " times " not in whole and not ctx.after_rate_word(m.start()):
        return None
    return "SET", cal.duration(1, UNIT_WORDS[m.group("unit").lower()])


def adverb_set(m, ctx: Context) -> Result:
    return "SET", ADVERB_SETS[m.group("word").lower()]


def present_ref(m, ctx: Context) -> Result:
    if m.group(0).lower() == "today's":
        return "DATE", cal.day(ctx.anchor)
    if ctx.text[max(0, m.start() - 5):m.start()].lower() in ("then ", "then-"):
        return "DATE", "PAST_REF"  # "the then-current price": current at a past time
    return "DATE", "PRESENT_REF"


def past_ref(m, ctx: Context) -> Result:
    return "DATE", "PAST_REF"


def future_ref(m, ctx: Context) -> Result:
    return "DATE", "FUTURE_REF"
