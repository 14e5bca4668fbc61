"""Build src/newsgraph/knowledge/units.tsv from quantulum3's unit data (MIT licence).

quantulum3 is used only here, at build time: the stage reads the compact table.

    pip download quantulum3==0.10.0 --no-deps -d /tmp/q3 && unzip /tmp/q3/*.whl -d /tmp/q3/x
    python tools/build_unit_table.py /tmp/q3/x/quantulum3 > src/newsgraph/knowledge/units.tsv

Columns: our unit name, quantulum3's unit name, quantulum3's entity (length, mass,
currency, ...), written names (|-separated, singular and plural, matched ignoring
case) and symbols (|-separated, matched with case).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

METRIC_PREFIXES = {
    "Y": "yotta", "Z": "zetta", "E": "exa", "P": "peta", "T": "tera", "G": "giga",
    "M": "mega", "k": "kilo", "h": "hecto", "da": "deca", "d": "deci", "c": "centi",
    "m": "milli", "µ": "micro", "n": "nano", "p": "pico", "f": "femto", "a": "atto",
    "z": "zepto", "y": "yocto",
}
# Symbols that are ordinary words or punctuation in news text: never read as units.
NOT_SYMBOLS = {"'", '"', "″", "”", "′", "c", "C", "d", "d.", "p", "a", "y", "b", "Ct.", "c.",
               "q", "u", "R", "Fr", "FS", "S", "H", "P", "G", "T", "B", "A", "N", "F",
               "in", "at", "am", "pm", "Ha", "Da", "St", "st", "Ba", "sb", "Ly", "Rd", "AT",
               "At", "TR", "CT", "gr", "pt", "den", "rad", "kat", "nt", "cd", "lm", "ac",
               "bu", "fur", "lea", "dz", "doz", "gro", "nibble", "Gal", "tex", "mil",
               "Mb", "Gb", "Pb", "Tb", "Eb", "MP", "BF", "lbm", "ct", "ua", "UA", "ly", "K"}
# Written names that are common words with another sense after a number.
NOT_NAMES = {"real", "won", "rand", "franc", "span", "drop", "pond", "quarter", "shake",
             "turn", "cycle", "circle", "revolution", "set", "pack", "piece", "pair",
             "count", "instance", "time", "unk", "dimensionless", "rad", "bar", "mill",
             "mil", "gal", "galileo", "tex", "nit", "dots", "candle", "gross", "quad",
             "long measure", "centum", "twelfty", "league", "ell", "darcy", "rhe", "henry",
             "gray", "curie", "weber", "tesla", "newton", "pound", "ton", "stere",
             "dalton", "faraday", "maxwell", "franklin", "kilo", "barrie", "bary", "barie"}
# Extra spellings newsgraph needs that quantulum3 lacks.
EXTRA_NAMES = {"percentage": ["per cent", "pc"], "kilometre per hour": ["kmh"],
               "inverse second": [], "pound sterling": ["sterling", "quid"],
               "kilometre": ["klick"]}
EXTRA_SYMBOLS = {"inverse second": ["s-1", "s−1", "/s"], "kilometre per hour": ["km/h", "kph"],
                 "mile per hour": ["mph"], "percentage": ["%"], "kilometre": ["km", "kms"],
                 "kilogram": ["kgs"]}
IRREGULAR_PLURALS = {"foot": "feet", "square foot": "square feet", "cubic foot": "cubic feet",
                     "foot per second": "feet per second", "man": "men"}


def plural(name: str) -> str:
    if name in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[name]
    words = name.split(" ")
    # "kilometre per hour" -> "kilometres per hour": the counted word takes the plural
    at = words.index("per") - 1 if "per" in words[1:] else len(words) - 1
    word = words[at]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        word = word[:-1] + "ies"
    elif word.endswith(("s", "x", "ch", "sh", "z")):
        word = word + "es"
    elif word == "foot":
        word = "feet"
    else:
        word = word + "s"
    words[at] = word
    return " ".join(words)


def our_name(name: str, unit: dict, all_units: dict) -> str:
    """The unit name newsgraph writes: ISO code for money, a short symbol for a
    measurement unit, the word for time spans and counts."""
    entity = unit.get("entity")
    symbols = [s for s in unit.get("symbols", []) if " " not in s and s not in NOT_SYMBOLS]
    if unit.get("currency_code"):
        return unit["currency_code"]
    if name == "dollar":
        return "USD"
    if name == "percentage":
        return "percent"
    if entity in ("time", "currency", "dimensionless") or name.endswith(("year", "annum")):
        return name
    if entity == "temperature":
        degree = [s for s in symbols if "°" in s]
        return degree[0] if degree else name
    if name.startswith(("square ", "cubic ")):
        base = name.split(" ", 1)[1]
        base_symbols = all_units.get(base, {}).get("symbols") or []
        if base_symbols and " " not in base:
            return base_symbols[0] + ("2" if name.startswith("square") else "3")
    if "L" in symbols:
        return "L"
    ascii_symbols = [s for s in symbols if s.isascii() and any(c.isalpha() for c in s)]
    return ascii_symbols[0] if ascii_symbols else name


def expanded(units: dict) -> dict:
    """quantulum3's units with their SI-prefixed forms (kilometre from metre + k)."""
    result: dict = {}
    for name, unit in units.items():
        result.setdefault(name, {}).update(unit)
        for prefix in unit.get("prefixes", []) or []:
            word = METRIC_PREFIXES[prefix]
            result.setdefault(word + name, {}).update({
                "surfaces": [word + s for s in unit.get("surfaces", [])],
                "entity": unit["entity"], "symbols": [prefix + s for s in unit.get("symbols", [])],
            })
    return result


# Units quantulum3 derives at run time that news text writes often ("MWh", "GWh").
EXTRA_UNITS = {"watt hour": {"surfaces": ["watt hour", "watt-hour"], "entity": "energy",
                             "symbols": ["Wh"], "prefixes": ["M", "G", "T"]},
               "percentage point": {"surfaces": ["percentage point", "percent point"],
                                    "entity": "dimensionless", "symbols": []}}


def main(root: str) -> None:
    base = Path(root)
    units = json.loads((base / "units.json").read_text(encoding="utf-8"))
    overrides = json.loads((base / "_lang" / "en_US" / "units.json").read_text(encoding="utf-8"))
    for name, extra in overrides.items():
        units.setdefault(name, {}).update(extra)
    for name, extra in EXTRA_UNITS.items():
        units.setdefault(name, extra)
    # "4 percentage points" before "4 percentage": longer names win anyway, but the
    # table keeps quantulum3's order otherwise.
    units = expanded(units)
    print("# Units from quantulum3 0.10.0 (MIT, Copyright (c) 2016 Marco Lagi, 2019 nielstron),")
    print("# built by tools/build_unit_table.py. our name, quantulum3 name, entity, names, symbols")
    for name, unit in units.items():
        if "entity" not in unit:
            continue
        names = [s for s in unit.get("surfaces", []) if s.lower() not in NOT_NAMES]
        names += EXTRA_NAMES.get(name, [])
        written = []
        for surface in names:
            forms = [surface.lower(), plural(surface.lower())]
            head, _, rest = surface.lower().partition(" ")
            if rest and "per" not in rest.split():  # "degrees celsius", "pounds sterling"
                forms.append(plural(head) + " " + rest)
            for form in forms:
                if form not in written and not form.isupper():
                    written.append(form)
        symbols = [s for s in unit.get("symbols", []) + EXTRA_SYMBOLS.get(name, [])
                   if s not in NOT_SYMBOLS]
        symbols = list(dict.fromkeys(symbols))
        print("\t".join([our_name(name, unit, units), name, unit["entity"],
                         "|".join(written), "|".join(symbols)]))


if __name__ == "__main__":
    main(sys.argv[1])
