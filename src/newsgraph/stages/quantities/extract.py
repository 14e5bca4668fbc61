"""Reading the quantities of a parsed article: where a token looks like a number, read the
number, its money sign or unit, the words that bound it and the noun it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...stage import AnalysisState
from ..anchoring import token_at
from . import exclusions as no
from .attachment import counted_noun, noun_of_count_word
from .context import after_change, share_units, singular
from .modifiers import modifiers_before, range_connector, range_opener
from .numbers import (FRACTIONS, NUMBER_WORDS, START_WORDS, VULGAR, Number, read_digits,
                      read_vague, read_words)
from .units import Unit, UnitMatch, UnitTable

# First characters of a token that may start a number or a sum of money.
_FIRST_CHARS = frozenset("0123456789$£€¥₹₩₽₺₪₦-−.") | frozenset(VULGAR)
# Units that are idioms after "a": "a bit more", "a degree of", "a foot soldier".
_NOT_AFTER_A = frozenset({"bit", "degree", "foot", "yard", "inch", "cup", "point", "line",
                          "pound", "grain", "drop", "ounce", "mile", "gram", "meter", "metre"})
_UNCERTAINTY = re.compile(r" ?(?:\+/-|\+/−|±) ?")
_INCH = re.compile(r" in(?=[ ]*(?:[.;,)]|$|thick|long|wide|tall|high|deep|across|in diameter))")
_SMALL_LENGTH = re.compile(r" ?([ap])m\b")  # "2.123 pm" is picometres when it is no time
_SINGLE_WORDS = frozenset({"a", "an", "one"})
TIME_NOUNS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade",
                        "century", "time", "moment", "night", "morning", "evening"})
_TITLE_BEFORE_OK = frozenset({"US", "U.S.", "UK", "EU", "UN"})


@dataclass
class Found:
    """One quantity before it is given an id: char span, value, bounds and unit."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    unit: str
    token: int  # the counted noun, or the number's last token: where of/place are read
    number_token: int = -1  # the number's last token ("hundreds" in "hundreds of strikes")


class QuantityReader:
    def __init__(self, table: UnitTable):
        self.table = table
        # Words after "a"/"an"/"one" that make it a number: "a hundred", "a few", "a gallon".
        self._after_a = (NUMBER_WORDS | FRACTIONS.keys() | {"few", "baker"} | table.by_name.keys()
                         | {name.split(" ")[0] for name in table.by_name})

    def read(self, state: AnalysisState) -> list[Found]:
        view, text = state.tokens, state.document.text  # Doc.text rebuilds the string
        found: list[Found] = []
        resume = 0
        lower, idx, after_a = view.lower, view.idx, self._after_a
        for i, word in enumerate(lower):
            first = word[0]
            if first not in _FIRST_CHARS and word not in START_WORDS:
                continue
            if first in "-−." and not word[1:2].isdigit():
                continue
            pos = idx[i]
            if pos < resume:
                continue
            if word in _SINGLE_WORDS and i + 1 < view.n and lower[i + 1] not in after_a and not (
                    lower[i + 1] == "-" and i + 2 < view.n and lower[i + 2] in after_a):
                continue  # "a" is only a number before a scale, a fraction or a unit
            item = self._read_at(state, text, i, pos)
            if item is not None:
                found.append(item)
                resume = item.end
        share_units(text, found)
        return found

    def _read_at(self, state: AnalysisState, text: str, i: int, pos: int) -> Found | None:
        currency, at = None, pos
        prefix = self.table.prefix_at(text, pos)
        if prefix is not None:
            currency, at = prefix
        number = self._number(text, at, currency is not None)
        if number is None or self._excluded_before_unit(text, number, currency, i, state):
            return None
        uncertainty = _UNCERTAINTY.match(text, number.end)
        if uncertainty and number.value is not None:  # "9.83e-3 +/- 1e-5 km/s2": the margin
            margin = read_digits(text, uncertainty.end())
            if margin is not None:
                number.end = margin.end
        unit, end = self._unit(text, number, currency)
        if unit is not None and unit.name == "m" and end == number.end + 1 \
                and self._counts_follow(state, end):  # "3m people": millions, not metres
            number.value, number.end, number.has_scale, unit = number.value * 1e6, end, True, None
        if unit is None and no.glued_letters_after(text, number.end):
            return None
        low = high = None
        opener = range_opener(text, pos)
        second = None
        if opener is not None or not after_change(state.tokens, i):
            second = self._second_of_range(text, end if unit else number.end, opener, currency,
                                           unit, number.value)
        if second is not None:
            other, other_unit, end = second
            unit = other_unit or unit
            low, high = sorted((number.value, other.value))
        view = state.tokens
        last = token_at(state, end - 1)
        noun_name, token = "", last
        if unit is None:
            noun = counted_noun(state, last)
            if noun is not None and view.lower[noun] in self.table.by_name \
                    and self.table.by_name[view.lower[noun]].kind in ("currency", "mass", "area",
                                                                      "length", "volume"):
                unit = self.table.by_name[view.lower[noun]]  # "millions of dollars"
                token, end = noun, max(end, view.idx[noun] + len(view.text[noun]))
                noun = None
            if noun is not None:
                noun_name, token = singular(view, noun), noun
                end = max(end, view.idx[noun] + len(view.text[noun]))
                rate = self.table.rate(text, UnitMatch(Unit(noun_name, noun_name, "count"), end))
                if rate.end > end:  # "four times per week"
                    noun_name, end = rate.unit.name, rate.end
            else:
                noun = noun_of_count_word(state, last)
                if noun is not None:  # "the number of ISIS members ... is 30,000"
                    noun_name, token = singular(view, noun), noun
        if self._excluded_after_unit(text, number, unit, noun_name, view, i, end):
            return None
        if currency is not None and text[pos - 1:pos] == "(" and text[end:end + 1] == ")" \
                and number.value > 0:
            number.value = -number.value  # "($99.99)": a loss, in accountants' brackets
        found = self._assemble(text, pos if currency else number.start, end, number, low, high,
                               opener if second is not None else None,
                               unit.name if unit else noun_name, token)
        found.number_token = last
        return found

    @staticmethod
    def _counts_follow(state: AnalysisState, end: int) -> bool:
        """Whether a plural noun comes right after `end` ("3m people", not "3m high")."""
        view = state.tokens
        following = token_at(state, end + 1)
        return view.idx[following] > end and view.tag[following] in ("NNS", "NNPS")

    def _number(self, text: str, at: int, currency: bool) -> Number | None:
        if at >= len(text):
            return None
        first = text[at]
        if first in VULGAR:
            return Number(at, at + 1, VULGAR[first])
        if first in "-−" and at > 0 and text[at - 1].isalnum():
            return None  # a hyphen after a word or number is no minus sign
        if first.isdigit() or (first in "-−." and at + 1 < len(text) and text[at + 1].isdigit()):
            return read_digits(text, at, currency)
        if not first.isalpha():
            return None
        number = read_vague(text, at) or read_words(text, at)
        if number is None and text[at:at + 2].lower() in ("a ", "an"):
            return self._article_unit(text, at)
        return number

    def _article_unit(self, text: str, at: int) -> Number | None:
        """"a gallon", "a penny": one of a unit of measure (not "a day": that is a time)."""
        space = text.find(" ", at)
        if space < 0 or space - at > 2:
            return None
        match = self.table.after(text, space)
        if match is None or match.unit.kind in ("time", "dimensionless", "rate") \
                or text[space + 1:match.end].lower() in _NOT_AFTER_A:
            return None
        return Number(at, space, 1.0, words=True)

    def _excluded_before_unit(self, text, number: Number, currency, i, state) -> bool:
        if currency is not None:
            return False
        start = number.start
        view = state.tokens
        if number.words:  # "three o'clock"; "Zero Hedge", "Three Mile Island": names
            return bool(no.CLOCK_WORDS.match(text, number.end)) or (
                view.shape[i] == "T" and not view.sent_start[i] and view.text[i - 1] not in "\"“‘'(")
        if no.is_year_by_context(text, number, state.tokens, i):
            return True
        return (no.glued_to_name(text, start, number.end) or no.is_date_or_time(text, number)
                or no.is_age(text, start, number.end) or no.is_rank(text, start)
                or no.is_decade(text, number)
                or no.is_years_after_apostrophe(text, start))

    def _unit(self, text: str, number: Number, currency: Unit | None) -> tuple[Unit | None, int]:
        if currency is not None:
            match = self.table.rate(text, UnitMatch(currency, number.end))
            return match.unit, match.end
        match = self.table.after(text, number.end)
        if match is not None:
            unit = match.unit
            if unit.reference == "pound-mass" and number.has_scale:  # "20 million pounds"
                unit = self.table.currency["GBP"]
            return unit, match.end
        inch = _INCH.match(text, number.end)
        if inch and not number.words:
            return self.table.by_reference["inch"], inch.end()
        if number.words and number.value == 0 and text[max(0, number.start - 9):number.start] \
                .lower() == "absolute ":
            return self.table.by_reference["kelvin"], number.end
        small = _SMALL_LENGTH.match(text, number.end)
        if small and "." in text[number.start:number.end]:  # a clock time was excluded before
            return self.table.by_reference["picometre" if small.group(1) == "p" else "attometre"], \
                small.end()
        return None, number.end

    def _second_of_range(self, text, pos, opener, currency, unit, first_value):
        opened_by = text[opener:opener + 7].split()[0].lower() if opener is not None else None
        at = range_connector(text, pos, opened_by)
        if at is None:
            return None
        prefix = self.table.prefix_at(text, at)
        if prefix is not None:
            if currency is None or prefix[0] != currency:
                return None
            at = prefix[1]
        other = self._number(text, at, currency is not None)
        if other is None or other.value is None:
            return None
        other_unit, end = self._unit(text, other, currency)
        if unit is not None and other_unit is not None and other_unit != unit \
                and other_unit.name.split("/")[0] != unit.name:  # "$30,000 to $60,000 a year"
            return None
        if first_value is None or (text[pos] in "-–—" and other.value <= first_value):
            return None  # "52-48" is a score, not a range
        return other, other_unit, end

    def _excluded_after_unit(self, text, number: Number, unit, noun_name, view, i,
                             end: int) -> bool:
        word = view.lower[i]
        if number.value is None and word in ("few", "several", "a") and (
                (unit is None and not noun_name) or noun_name in TIME_NOUNS
                or (unit is not None and unit.kind == "time")):
            return True  # "a few" and "several" count only with a noun; "a few weeks" is a time
        if number.words and number.value == 1 and unit is not None and unit.kind == "time":
            return True  # "one day", "a year": a time, not an amount
        if unit is not None:  # "two years ago" is a date
            return unit.name in TIME_NOUNS and bool(no.AGO.match(text, end))
        if no.is_year(text, number, view.ent[i], bool(noun_name)):
            return True
        if not noun_name and no.is_appositive_age(view, i):
            return True
        if number.words and number.value == 1 and word in _SINGLE_WORDS and not noun_name:
            return True  # "one of them", "no one", "that one"
        if not noun_name and view.ent[i] in no.NAME_ENTITIES:
            return True
        if not noun_name and not number.words and i > 0 and not view.sent_start[i - 1] \
                and view.pos[i - 1] == "PROPN" and view.text[i - 1] not in _TITLE_BEFORE_OK:
            return True  # "Boeing 737", "Voyager 2", "Article 5"
        return False

    def _assemble(self, text, start, end, number: Number, low, high, opener, unit, token):
        approximate = False
        value = number.value
        if number.value is None:  # vague: "hundreds"
            low, high, approximate = number.low, number.high, True
        if low is not None and number.value is not None:
            value = None  # a range: its bounds say it
        if opener is not None:
            start = min(start, opener)
        for modifier in modifiers_before(text, start):
            start = modifier.start
            approximate = approximate or modifier.approximate
            if value is not None and modifier.bound == "low":
                low, value = value, None
            elif value is not None and modifier.bound == "high":
                high, value = value, None
            elif value is not None and modifier.bound == "both":
                high = value
        return Found(start, end, value, low, high, approximate, unit, token)

