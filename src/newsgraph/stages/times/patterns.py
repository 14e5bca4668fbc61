"""The regular expressions that find temporal expressions, compiled once per stage.

Each rule is a named pattern; a group called `span`, where present, is the expression's
extent (the rest is context such as a preposition). Month names are matched
case-sensitively ("May", "March" are also words) and checked against the tagger.
"""

from __future__ import annotations

import re

from .lexicon import (ADVERB_SETS, CENTURY_ORDINALS, DECADE_WORDS, MONTHS, ORDINALS,
                      PARTS_OF_DAY, SEASONS, SMALL_NUMBERS, TENS, UNIT_WORDS, WEEKDAYS,
                      alternation)

_MONTH_NAMES = alternation(name.capitalize() for name in MONTHS)
_FULL_MONTHS = alternation(name.capitalize() for name in MONTHS if len(name) > 4 or name == "may")
_SHORT_MONTHS = alternation(name.capitalize() for name in MONTHS
                            if len(name) <= 4 and name != "may")
# A period follows only an abbreviation: "in April." ends a sentence, "Dec." is the month.
MONTH = (rf"\b(?-i:(?P<month>(?:{_FULL_MONTHS}|{_FULL_MONTHS.upper()})\b"
         rf"|(?:{_SHORT_MONTHS}|{_SHORT_MONTHS.upper()})\b\.?))")
WEEKDAY = rf"\b(?P<weekday>{alternation(WEEKDAYS)})"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NUMBER_WORDS = alternation([*SMALL_NUMBERS, *TENS, "a few", "few", "several", "some",
                             "many", "numerous"])
_COMPOUND = rf"(?:{alternation(TENS)})(?:[- ](?:{alternation(SMALL_NUMBERS)}))?"
# "two thousand years", "three hundred days": a count of hundreds or thousands
_MULTIPLE = rf"(?:{alternation(w for w in SMALL_NUMBERS if w not in ('a', 'an'))})\s+(?:hundred|thousand)"
NUM = (rf"\b(?P<num>\d+(?:[.,]\d+)?(?:\s+1/2)?|{_MULTIPLE}|{_COMPOUND}|{_NUMBER_WORDS})"
       r"(?:\s+and\s+a\s+half(?P<half>))?")
UNIT = rf"(?P<unit>{alternation(UNIT_WORDS)})"
UNIT_HALF = r"(?:\s+and\s+a\s+half(?P<unit_half>\b))?"  # "a minute and a half"
ORDINAL = rf"(?P<ordinal>{alternation(ORDINALS)})"
POD = rf"(?P<pod>{alternation(PARTS_OF_DAY)})"
SEASON = rf"(?P<season>{alternation(SEASONS)})"
# "nineteen ninety-seven" (broadcast transcripts spell years out)
SPELLED_YEAR = (r"(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                r"ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|"
                r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b")
CLOCK = (r"(?:(?P<early>early|late)\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*"
         r"(?P<ampm>[ap]\.m\.|[ap]m\b|[ap]\.m\b|o'clock"
         r"|in\s+the\s+(?:morning|afternoon|evening)\b|at\s+night\b)"
         r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|ET|PT)\b)?")
MODIFIER = (r"\b(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|"
            r"fewer than|at least|at most|up to|over(?!\s+the)|under|just|only|another|"
            r"an additional|"
            r"barely|well over|the better part of)")

RULES: dict[str, str] = {
    # Explicit calendar dates.
    "date_mdy": rf"(?:{WEEKDAY},?\s+)?{MONTH}\s*{DAY},?\s+{YEAR}\b",
    "date_dmy": rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b",
    "date_numeric": r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)\b",
    "date_iso": r"\b(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])\b",
    "date_md": (r"(?:(?P<weekof>the\s+week\s+of)\s+|(?P<rel>last|this past|next|this coming)\s+)?"
                rf"(?:{WEEKDAY},?\s+)?{MONTH}\s*{DAY}\b(?![,.]?\s*\d|:\d)"),
    "second_day": (r"\b(?:and|or|to|through|until)\s+(?P<span>" + DAY
                   + r")\b(?![,.]?\d|\s*%|:\d)"),
    "date_dm": rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?!\s*,?\s*\d)",
    "month_year": rf"{MONTH},?\s+(?:of\s+)?(?:{YEAR}\b|(?P<spelled>{SPELLED_YEAR}))",
    "month": (rf"(?:(?P<rel>last|next|this|this past|this coming)\s+)?{MONTH}"
              r"(?:\s+(?P<yrel>last|this|next)\s+year)?"),
    "year": (rf"(?:(?:early|mid|late|pre|post)-)?(?:(?P<fiscal>fiscal(?:\s+year)?\s+|FY\s*))?"
             rf"(?<![\d$£€.,/])(?<!\d-){YEAR}"
             r"(?![\d/]|,\d|\.\d|-\d|\s*(?:%|percent))"),
    "decade": (r"(?:the\s+)?(?:(?P<mod>early|late|mid)(?:-|\s+))?(?:(?P<decade>1[5-9]\d0|20\d0)'?s"
               rf"|'(?P<short>\d0)s|(?P<word>{alternation(DECADE_WORDS)}))\b"),
    "century": (r"(?:the\s+)?(?:(?:early|late|mid)(?:-|\s+))?(?P<nth>\d{1,2}(?:st|nd|rd|th)|"
                rf"{alternation(CENTURY_ORDINALS)})[-\s]+century\b"),
    "quarter": (r"(?:(?:the|its|this|that|last|next|a)\s+)?"
                rf"(?:(?:{YEAR}|(?P<yrel>this|last|next)\s+year's|fiscal)\s+)?(?:fiscal[-\s]+)?"
                rf"{ORDINAL}[-\s]+(?:fiscal[-\s]+)?(?P<part>quarter|half|period)"
                r"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>1[5-9]\d\d|20\d\d))?"),
    "quarter_code": (r"\b(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s+(?:of\s+)?(?:FY\s*)?"
                     r"(?P<year>1[5-9]\d\d|20\d\d)\b"),
    "quarter_ended": (r"\b(?P<span>(?:the|its|that)\s+(?:fiscal\s+)?quarter)\s+end(?:ed|ing)\s+"
                      rf"{MONTH}\s*{DAY}\b"),
    "this_quarter": (r"\b(?:the|this|that|its)\s+(?P<which>latest|current|most recent|"
                     r"just-ended|recent|same|fiscal|)\s*(?:fiscal\s+)?quarter\b"
                     # "a quarter-century low", "the quarter-to-quarter comparison"
                     r"(?!-(?:century|to-))"
                     r"|\b(?:the|its)\s+(?P<latest>latest|most recent)\s+period\b"),
    "year_period": (rf"\b(?:the|its|their)\s+{YEAR}\s+(?:(?:fiscal|first|second|third|fourth)\s+)?"
                    r"(?P<part>quarter|period|half)\b"),
    "spelled_year": (rf"\b(?:the\s+year\s+)?(?:{SPELLED_YEAR}|(?P<two>two\s+thousand(?:\s+and)?"
                     r"(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b)"),
    "year_ago": (r"(?:(?:the|a)\s+)?(?:comparable\s+|corresponding\s+|same\s+)?"
                 r"(?P<which>year-ago|year-earlier|prior-year|year ago)"
                 r"(?:\s+(?:(?:first|second|third|fourth)\s+)?(?P<part>quarter|period))?"),
    "quarter_year_before": (r"\bthe\s+(?:comparable\s+|corresponding\s+|same\s+)?"
                            r"(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)\b"
                            r"|\blast\s+year's\s+(?:(?:first|second|third|fourth)\s+)?"
                            r"(?:quarter|period)\b"),
    # Relative days and parts of day.
    "today": (r"(?:(?P<mod>early|late|earlier|later)\s+)?"
              r"(?P<word>today|yesterday|tomorrow|tonight)(?:\s+" + POD + ")?"),
    "last_night": r"\blast\s+night\b",
    "this_pod": r"\bthis\s+(?P<pod>morning|afternoon|evening)\b",
    # "by mid-afternoon", "in the morning", "late afternoon yesterday": a part of the day
    # in focus (of publication where the text named none)
    "part_of_day": (r"\b(?:(?:in|during|by)\s+(?P<span>the\s+(?P<pod>morning|afternoon|evening))"
                    r"(?!\s+(?:of|after|before|when)\b)"
                    r"|(?P<mod>early|late|mid)[\s-]*(?P<pod2>morning|afternoon|evening)"
                    r"(?:\s+(?P<word>yesterday|today|tomorrow))?)\b"),
    "weekday": (r"(?:(?P<rel>last|next|this|this past|this coming|the previous|the following)"
                r"\s+)?" + WEEKDAY +
                r"(?P<plural>s)?(?:\s+" + POD + r"(?P<pods>s)?)?\b"),
    "holiday": (r"(?-i:(?P<holiday>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|"
                r"Election Day|Thanksgiving(?: Day)?|Independence Day|Halloween|Valentine's Day"
                r"|Easter(?: [Ww]eek| Sunday)?(?! Island| Rising| [Ee]gg| [Bb]unn)|Holy Week|Good Friday))"),
    # "10:35 a.m. (0735 GMT) Friday": the day after the other zone's time is the clock's
    # day, but an expression of its own (before "clock", which would take it in)
    "clock_zone": (rf"(?P<span>{CLOCK})\s+\([^()]{{1,20}}\),?\s+(?:on\s+)?"
                   rf"(?:{WEEKDAY}|{MONTH}\s*{DAY}\b)"),
    "clock": rf"{CLOCK}(?:,?\s+(?:on\s+)?(?:{WEEKDAY}|{MONTH}\s*{DAY}\b))?",
    "clock_24": r"\b(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)\s*(?P<tz>GMT|UTC)\b",
    "noon": rf"\b(?P<word>noon|midday|midnight)(?:,?\s+(?:on\s+)?{WEEKDAY})?",
    # Weeks, months, years relative to publication.
    "relative_unit": (r"(?P<rel>this|last|next|the past|the last|the coming|the current|"
                      r"the next|this past|this coming)"
                      r"\s+(?P<unit>week|month|year|weekend|decade|century|fiscal year)\b"),
    # Counted from the last date the text named, not from publication (TimeML's
    # temporal focus): "the following year", "that day", "the next morning".
    "anaphoric": (r"\b(?P<rel>that(?:\s+same)?|the\s+same|the\s+following|the\s+previous|"
                  r"the\s+preceding|the\s+next(?=\s+(?:day|morning|afternoon|evening|night)))"
                  r"\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b"
                  r"(?!-|\s+(?:of|that|when|as|before|after|in|to)\b)"),
    "season": (r"(?:(?P<rel>this|last|next|this past|this coming|the|early|late)\s+)?"
               + SEASON + rf"(?:\s+(?:of\s+)?(?:{YEAR}\b|(?P<spelled>{SPELLED_YEAR})))?"),
    "ago": (rf"(?:{MODIFIER}\s+)?{NUM}\s+{UNIT}{UNIT_HALF}(?:\s+or\s+so)?\s+"
            r"(?P<dir>ago|earlier|before|later|from now|hence|back)\b"),
    "duration": (rf"(?:{MODIFIER}\s+)?(?:(?P<det>the|its|their|his|her|this|these|those)\s+)?"
                 r"(?:(?P<dir>past|last|next|first|coming|previous|final|following|initial|"
                 r"latest|remaining|same|full|entire|whole|ensuing|preceding)\s+)?"
                 r"(?:(?:better|best)\s+part\s+of\s+(?:a|the)\s+)?"
                 rf"{NUM}(?:\s+|-)(?:(?:more|additional|straight|consecutive|full|trading|"
                 rf"business|calendar|fiscal)\s+)?{UNIT}\b(?P<adj>-(?:old|long))?{UNIT_HALF}"),
    "recent_units": r"\brecent\s+(?P<unit>months|weeks|days|hours|quarters)\b",
    "the_units": (r"\b(?P<det>the)\s+(?P<dir>past|last|next|coming|previous|first|early|"
                  r"following|ensuing|remaining)\s+(?P<unit>years|months|weeks|days|decades)\b"),
    # "a day-long meeting", "a decades-long battle": how long, as an adjective
    "unit_long": (r"\b(?P<unit>(?:second|minute|hour|day|week|month|year|decade|century)s?"
                  r"|centuries)-long\b"),
    # "live without it for a while": some time of no stated unit (TimeML's PXX)
    "a_while": r"\b(?:for|in|after)\s+(?P<span>a\s+while)\b",
    "bare_units": (r"\b(?:for|over|within|in|after)\s+(?P<span>(?:many\s+)?"
                   r"(?P<unit>years|months|weeks|decades|centuries|hours|days))\b"
                   r"(?!\s+(?:of|ago|before|after|later|earlier|when|since|that))"),
    "the_year": (r"\bthe\s+(?P<full>full\s+)?(?P<fiscal>(?:latest\s+)?fiscal\s+(?=year))?"
                 r"(?P<unit>year|weekend|week|month|day)\b"
                 r"(?!-|\s+(?:before|after|of|in|that|when))"),
    "year_end": r"\b(?:the\s+)?year(?:-|\s+|'s\s+)end\b",
    "every": (r"\b(?:every|each|per)\s+(?:(?:other|single)\s+)?(?:(?P<num>\d+|"
              rf"{alternation(SMALL_NUMBERS)})\s+)?(?:(?P<unit>{alternation(UNIT_WORDS)})|"
              rf"{WEEKDAY}|(?-i:(?P<month>{_MONTH_NAMES}))|{POD}|{SEASON})\b"),
    "times_a": (r"\b(?:(?:once|twice|three times|four times|\d+ times)\s+)?(?P<per>a|an|per)\s+"
                rf"(?P<unit>{alternation(u for u in UNIT_WORDS if not u.endswith('s'))})\b"),
    "adverb_set": rf"\b(?P<word>{alternation(ADVERB_SETS)})\b",
    "present_ref": (r"\b(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present|"
                    r"presently|at\s+the\s+moment|current|the\s+present)\b"),
    "past_ref": (r"\b(?P<span>recently|lately|the\s+past|"
                 r"recent\s+(?:years|times|decades)|"
                 r"(?:the\s+)?past\s+(?:years|decades))\b"),
    "future_ref": (r"\b(?:the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short)\s+term|"
                   r"the\s+coming\s+(?:years|months|weeks|days|decades)|"
                   r"coming\s+(?:years|months|weeks|days|decades|quarters)|"
                   r"the\s+(?:years|months|weeks|days)\s+ahead|future\s+quarters)\b"),
    # "repaid at a later date": a time left open, on one side of now (TimeML's *_REF)
    "later_date": r"\b(?:at|on|to|until|till|for)\s+(?P<span>an?\s+(?P<dir>later|earlier)\s+date)\b",
}


_DATE_RULES = ("date_mdy", "date_dmy", "date_md", "date_dm", "month_year", "month")
_UNIT_RULES = ("relative_unit", "anaphoric", "ago", "duration", "recent_units", "the_units", "bare_units",
               "unit_long",
               "the_year", "every", "times_a", "year_ago", "year_end")
_NUMBER_PREFIX = {"more", "than", "less", "fewer", "about", "around", "nearly", "almost",
                  "roughly", "approximately", "some", "at", "least", "most", "up", "to",
                  "over", "under", "just", "only", "another", "additional", "barely", "well",
                  "better", "best", "part", "of", "few", "several", "many", "numerous",
                  "couple", "dozen", "half", "and", "or", "so", "1/2"}


def build_triggers() -> dict[str, tuple[str, ...]]:
    """Token (lower case) -> the rules that may match around it. A rule is tried only
    near its trigger words: scanning whole articles with every pattern costs ~40 ms."""
    triggers: dict[str, list[str]] = {}

    def add(words, *rules):
        for word in words:
            triggers.setdefault(word, []).extend(r for r in rules if r not in triggers[word])

    add([*MONTHS, *(m + "." for m in MONTHS)], *_DATE_RULES, "every")
    add([*WEEKDAYS, *(w + "s" for w in WEEKDAYS)], "weekday", "date_mdy", "date_md", "every")
    add([str(y) for y in range(1500, 2100)], "year", "date_iso")
    add([f"{prefix}{y}" for y in range(1500, 2100)
         for prefix in ("fy", "mid-", "early-", "late-", "pre-", "post-")],
        "year")
    add(["fy"], "year")
    add(["q1", "q2", "q3", "q4", "h1", "h2"], "quarter_code")
    # the day number, not the conjunction before it: "and", "to" are in every sentence
    add([str(day) for day in range(1, 32)], "second_day")
    add([f"{prefix}{y}s" for y in range(1500, 2100, 10) for prefix in ("mid-", "early-", "late-")],
        "decade")
    add([f"{y}s" for y in range(1500, 2100, 10)] + [f"{d}0s" for d in range(10)]
        + list(DECADE_WORDS), "decade")
    add(["century", "centuries"], "century", "duration", "bare_units", "every")
    add(["quarter", "quarters", "half", "period"], "quarter", "this_quarter", "year_period",
        "duration", "every", "times_a", "year_ago", "quarter_year_before", "quarter_ended")
    add(list(UNIT_WORDS), *_UNIT_RULES)
    add(["prior"], "year_ago")
    add(["today", "yesterday", "tomorrow", "tonight"], "today")
    add(["night"], "last_night")
    add(list(PARTS_OF_DAY), "this_pod", "every", "anaphoric", "part_of_day", "clock",
        "clock_zone")
    add(["mid-afternoon", "mid-morning", "mid-evening"], "part_of_day")
    add(["christmas", "thanksgiving", "halloween", "independence", "valentine", "new", "election",
         "easter", "holy", "good"],
        "holiday")
    add(["while"], "a_while")
    add(["date"], "later_date")
    add(["a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock"], "clock_zone", "clock")
    add(["gmt", "utc"], "clock_24")
    add(["noon", "midday", "midnight"], "noon")
    add(list(SEASONS), "season", "every")
    add(list(ADVERB_SETS), "adverb_set")
    add(["now", "currently", "nowadays", "presently", "present", "moment", "current", "days"],
        "present_ref")
    add(["recently", "lately", "past"], "past_ref")
    add(["recent"], "past_ref", "recent_units")
    add(["future", "coming", "ahead", "term"], "future_ref")
    add(["years", "months", "weeks", "days"], "future_ref")  # "the weeks ahead"
    add(["nineteen", "eighteen", "thousand"], "spelled_year")
    return {word: tuple(rules) for word, rules in triggers.items()}


def build_prefix_words() -> frozenset[str]:
    """Words an expression may begin with before its trigger ("the past few weeks",
    "more than two years ago", "Saturday, April 25"); digits are allowed as well."""
    words = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those",
             "last", "next", "past", "coming", "previous", "following", "first", "second",
             "third", "fourth", "final", "initial", "latest", "remaining", "same", "full",
             "entire", "whole", "ensuing", "preceding", "early", "late", "mid", "earlier",
             "later", "for", "within", "in", "after", "every", "each", "per", "once", "twice",
             "times", "other", "single", "fiscal", "year", "'s", "comparable", "corresponding",
             "prior", "right", "current", "recent", "straight", "consecutive", "trading",
             "business", "calendar", "-", ",", "on", "1st", "2nd", "3rd", "4th", "'",
             "most", "just-ended", "two", "week", "near", "short", "distant", "full"}
    words |= _NUMBER_PREFIX | set(SMALL_NUMBERS) | set(TENS) | set(WEEKDAYS)
    words |= {w.split()[-1] for w in SMALL_NUMBERS} | set(MONTHS) | {m + "." for m in MONTHS}
    return frozenset(words)


def compile_rules() -> dict[str, re.Pattern]:
    return {name: re.compile(pattern, re.IGNORECASE) for name, pattern in RULES.items()}
