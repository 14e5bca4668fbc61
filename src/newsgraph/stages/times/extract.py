"""Find and normalize every temporal expression of a text: all rules run, the leftmost
longest match that normalizes wins, and modifiers ("early", "the end of") join the span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates, relative
from .context import Context
from .patterns import build_prefix_words, build_triggers, compile_rules

HANDLERS = {
    "date_mdy": dates.date_full, "date_dmy": dates.date_full,
    "date_numeric": dates.date_numeric, "date_iso": dates.date_numeric,
    "date_md": dates.date_month_day, "date_dm": dates.date_month_day,
    "second_day": dates.second_day,
    "month_year": dates.month_year, "month": dates.month_alone, "year": dates.year,
    "decade": dates.decade, "century": dates.century, "quarter": dates.quarter,
    "this_quarter": dates.this_quarter, "quarter_code": dates.quarter_code,
    "year_ago": dates.year_ago, "quarter_year_before": dates.quarter_year_before,
    "quarter_ended": dates.quarter_ended,
    "holiday": dates.holiday, "clock": dates.clock, "clock_zone": dates.clock, "clock_24": dates.clock_24,
    "noon": dates.noon, "year_period": dates.year_period,
    "spelled_year": dates.spelled_year, "recent_units": relative.the_units,
    "today": relative.today, "last_night": relative.last_night, "this_pod": relative.this_pod,
    "part_of_day": relative.part_of_day,
    "weekday": relative.weekday, "relative_unit": relative.relative_unit,
    "season": relative.season, "ago": relative.ago, "duration": relative.duration,
    "the_units": relative.the_units, "bare_units": relative.the_units,
    "unit_long": relative.unit_long, "a_while": relative.a_while,
    "later_date": relative.later_date,
    "the_year": relative.the_year, "anaphoric": relative.anaphoric,
    "year_end": relative.year_end, "every": relative.every,
    "times_a": relative.times_a, "adverb_set": relative.adverb_set,
    "present_ref": relative.present_ref, "past_ref": relative.past_ref,
    "future_ref": relative.future_ref,
}
_PREFIX = re.compile(r"(?:\b(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn)"
                     r"\s+of\s+"
                     r"|\b(?:early|late|mid|earlier|later|as early as)(?:\s+|-))$", re.IGNORECASE)
_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_OPENING_QUOTES = ('"', "``", "''", "\u201c", "'")
# From the expression to the closing quote: capitalized words only ("60 Minutes,''",
# "This Week With David Brinkley\"")
_TITLE_REST = re.compile(r"(?:[\s,.:;&-]*(?:[A-Z0-9][\w'.-]*))*[\s,.:;]*(?:\"|''|\u201d|')")


def _quoted_title(text: str, start: int, end: int) -> int:
    """Where the quoted title the expression opens ends, or 0: capitalized words, two or
    more, quoted after a word ("ABC's \"This Week,\"", "CBS's ''60 Minutes''"), a
    programme or a work, no time of the story. A quoted sentence has lower-case words
    ("\"Now we see ...") or opens a sentence ("He said: \"Next Monday.\"")."""
    before = text[max(0, start - 2):start]
    if not before.endswith(_OPENING_QUOTES):
        return 0
    lead = text[max(0, start - 4):start].rstrip("\"'`\u201c ")
    if not lead or not (lead[-1].isalnum() or lead[-1] in "'\u2019"):
        return 0
    rest = _TITLE_REST.match(text, start, start + 80)
    if rest is None or rest.end() <= end:
        return 0
    words = re.findall(r"[\w'.-]+", text[start:rest.end()].strip("\"'\u201d,.:; "))
    if len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in words):
        return rest.end()
    return 0


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    type: str
    value: str


class TimeExtractor:
    """Holds the compiled rules and their trigger words; one per stage, reused for every
    document. A rule is tried only at the token starts just before one of its trigger
    words (back over words an expression may begin with), never over the whole text."""

    _BACK = 7  # the most tokens an expression reaches back before its trigger word

    def __init__(self):
        patterns = compile_rules()
        self.rules = {name: (patterns[name], HANDLERS[name]) for name in patterns}
        self.order = {name: number for number, name in enumerate(patterns)}
        self.triggers = build_triggers()
        self.prefix_words = build_prefix_words()

    def candidates(self, context: Context) -> list[tuple]:
        text, view = context.text, context.tokens
        lower, idx = view.lower, view.idx
        triggers, prefix = self.triggers, self.prefix_words
        done_until: dict[str, int] = {}  # rule -> last token start it was tried at
        found = []
        hits = [i for i, word in enumerate(lower) if word in triggers]  # ~50 µs per article
        for i in hits:
            first = i
            while first > 0 and i - first < self._BACK and (
                    lower[first - 1] in prefix or lower[first - 1][:1].isdigit()):
                first -= 1
            for name in triggers[lower[i]]:
                pattern, handler = self.rules[name]
                for k in range(max(first, done_until.get(name, -1) + 1), i + 1):
                    match = pattern.match(text, idx[k])
                    if match is not None:
                        found.append(self._candidate(name, match, handler))
                done_until[name] = i
        if "/" in text:  # "12/19/2018" is one token, not worth a trigger table
            pattern, handler = self.rules["date_numeric"]
            found.extend(self._candidate("date_numeric", m, handler)
                         for m in pattern.finditer(text))
        found.sort(key=lambda c: (c[0], c[1], c[2]))
        return found

    def _candidate(self, name, match, handler) -> tuple:
        spanned = "span" in match.re.groupindex and match.start("span") >= 0
        start, end = match.span("span") if spanned else match.span()
        return (start, -end, self.order[name], handler, match)

    def extract(self, context: Context) -> list[Found]:
        text = context.text
        results: list[Found] = []
        taken_until = 0
        for start, negative_end, _, handler, match in self.candidates(context):
            if start < taken_until:
                continue
            try:
                normalized = handler(match, context)
            except (OverflowError, ValueError):
                continue  # "1000000 days ago": beyond the calendar, so no time value
            if normalized is None:  # the words matched but are no time ("may", an age)
                continue
            kind, value = normalized
            end = -negative_end
            title_end = _quoted_title(text, start, end)
            if title_end:
                taken_until = title_end  # nor a shorter expression inside the title
                continue
            start = self._with_modifier(text, start, kind, value, taken_until)
            results.append(Found(start, end, kind, value))
            if kind in ("DATE", "TIME"):
                context.note(value, start)
            taken_until = end
        return results

    @staticmethod
    def _with_modifier(text: str, start: int, kind: str, value: str, floor: int) -> int:
        if kind not in ("DATE", "TIME") or value in _REFS:
            return start
        prefix = _PREFIX.search(text, max(floor, start - 30), start)
        return prefix.start() if prefix else start

