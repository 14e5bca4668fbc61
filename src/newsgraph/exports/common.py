"""What both event formats read from an analysis: items by id, the sentence of a span."""

from __future__ import annotations

import re

# PLOVER quad categories (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict), as the PLOVER manual groups the types.
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n+")


def by_id(analysis: dict, kind: str) -> dict[str, dict]:
    return {item["id"]: item for item in analysis.get(kind, []) if "id" in item}


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end): from the last sentence end before it to the next."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.start() + 1 if after else len(text)
    return text[begin:stop].strip()
