"""Units of measurement and money, read from the table built from quantulum3's unit data
(knowledge/units.tsv, see tools/build_unit_table.py).

A unit is looked up right after a number ("2,000 km", "10kg", "4 square kilometers",
"200 kilometres per hour", "$15.4/hour") or, for money, right before it ("$", "£", "€",
"US$", "USD"). Names match ignoring case; symbols match with case ("MB" is not "mb").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...knowledge import read_table


@dataclass(frozen=True)
class Unit:
    name: str  # what newsgraph writes: "km", "USD", "percent", "year"
    reference: str  # quantulum3's name: "kilometre", "dollar", "percentage"
    kind: str  # quantulum3's entity: length, currency, time, ...


@dataclass(frozen=True)
class UnitMatch:
    unit: Unit
    end: int


# Up to four words after a number, each without spaces or brackets.
_WORDS_AFTER = re.compile(r"([ \u00a0]|-|[ ]-[ ]?)?([^\s,;:()\[\]\"“”/]+)(?: ([^\s,;:()\[\]\"“”/]+))?"
                          r"(?: ([^\s,;:()\[\]\"“”/]+))?")
_POWER = re.compile(r"^(.+?)(?:\^?([23])|([²³]))$")
_POWER_WORD = re.compile(r" (squared|cubed)\b")
_PER = re.compile(r"(?: ?/ ?| per | an? )")
_TRAILING = ".,;:!?'’"
# Currency signs written before the number, longest first.
_PREFIX = re.compile(r"(US\$|C\$|A\$|NZ\$|HK\$|S\$|R\$|\$|£|€|¥|₹|₩|₽|₺|₪|₦|"
                     r"(?:USD|EUR|GBP|JPY|CNY|CHF|CAD|AUD|INR|RUB)(?=[ \u00a0]?\d))[ \u00a0]?")
PREFIX_CODES = {"US$": "USD", "$": "USD", "C$": "CAD", "A$": "AUD", "NZ$": "NZD",
                "HK$": "HKD", "S$": "SGD", "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY",
                "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₦": "NGN"}
# Single letters that are units only when glued to the number ("10m", "5g"): spaced
# they are too often words or initials.
_GLUED_ONLY = frozenset("mgslh")
_PER_KINDS = ("time", "mass", "length", "volume", "area", "dimensionless")


class UnitTable:
    """The unit table, loaded once by the stage that owns it."""

    def __init__(self) -> None:
        self.by_name: dict[str, Unit] = {}
        self.by_symbol: dict[str, Unit] = {}
        self.by_reference: dict[str, Unit] = {}
        for name, reference, kind, names, symbols in read_table("units.tsv"):
            unit = Unit(name, reference, kind)
            self.by_reference.setdefault(reference, unit)
            for written in filter(None, names.split("|")):
                self.by_name.setdefault(written, unit)
            for symbol in filter(None, symbols.split("|")):
                self.by_symbol.setdefault(symbol, unit)
        self.currency = {code: self._currency(code) for code in set(PREFIX_CODES.values())}

    def _currency(self, code: str) -> Unit:
        for unit in self.by_reference.values():
            if unit.name == code:
                return unit
        return Unit(code, code, "currency")

    def prefix_at(self, text: str, pos: int) -> tuple[Unit, int] | None:
        """A currency sign starting at `pos`, and where the number after it starts."""
        match = _PREFIX.match(text, pos)
        if not match:
            return None
        sign = match.group(1)
        code = PREFIX_CODES.get(sign, sign)
        return self.currency.get(code) or Unit(code, code, "currency"), match.end()

    def after(self, text: str, pos: int) -> UnitMatch | None:
        """The unit written right after a number ending at `pos`, with "per"/"/" units."""
        first = self._single(text, pos)
        if first is None:
            return None
        rate = self.rate(text, first)
        return self.rate(text, rate) if rate is not first else rate  # "J/m^2 per year"

    def rate(self, text: str, first: UnitMatch) -> UnitMatch:
        """"per hour", "/kg", "a barrel" after a unit make it a rate ("USD/kg")."""
        per = _PER.match(text, first.end)
        if per is None or (per.group(0) in (" a ", " an ") and first.unit.kind not in ("currency", "count")):
            return first
        second = self._single(text, per.end(), spaced=False)
        if second is None or second.unit.kind not in _PER_KINDS:
            return first
        return UnitMatch(compound(first.unit, second.unit), second.end)

    def _single(self, text: str, pos: int, spaced: bool = True) -> UnitMatch | None:
        match = _WORDS_AFTER.match(text, pos)
        if not match or (match.group(1) and not spaced and match.group(1) != " "):
            return None
        glued = not match.group(1)
        groups = [g for g in (2, 3, 4) if match.group(g)]
        for count in range(len(groups), 0, -1):
            written = " ".join(match.group(g) for g in groups[:count])
            end = match.end(groups[count - 1])
            for candidate in (written, written.rstrip(_TRAILING)):
                unit = self._lookup(candidate, glued)
                if unit is not None:
                    found = UnitMatch(unit, end - (len(written) - len(candidate)))
                    return self._with_power_word(text, found)
        return None

    def _lookup(self, written: str, glued: bool) -> Unit | None:
        if not written:
            return None
        unit = self.by_symbol.get(written)
        if unit is not None:
            if len(written) == 1 and written in _GLUED_ONLY and not glued:
                return None
            return unit
        unit = self.by_name.get(written.lower())
        if unit is not None:
            return unit
        power = _POWER.match(written)
        if power:
            base = self.by_symbol.get(power.group(1)) or self.by_name.get(power.group(1).lower())
            if base is not None and base.kind in ("length", "time"):
                return self.raised(base, power.group(2) or ("2" if power.group(3) == "²" else "3"))
        return None

    def _with_power_word(self, text: str, match: UnitMatch) -> UnitMatch:
        power = _POWER_WORD.match(text, match.end)
        if power and match.unit.kind == "length":
            unit = self.raised(match.unit, "2" if power.group(1) == "squared" else "3")
            return UnitMatch(unit, power.end())
        return match

    def raised(self, base: Unit, power: str) -> Unit:
        word = "square " if power == "2" else "cubic "
        known = self.by_reference.get(word + base.reference)
        return known or Unit(base.name + power, word + base.reference, "area" if power == "2" else "volume")


def compound(first: Unit, second: Unit) -> Unit:
    """A rate: "USD/hour" for "$15.4/hour", "km/hour" for "200 kilometres per hour",
    "J/m2/year" for "20 J/m^2 per year"."""
    return Unit(f"{first.name}/{second.name}", f"{first.reference} per {second.reference}",
                "rate")
