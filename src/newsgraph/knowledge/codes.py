"""CAMEO actor codes with PETRARCH date ranges: "USAGOV@090120-170120", ">090120", "<900823"."""

from __future__ import annotations

from dataclasses import dataclass

# Codes that begin with a type, not a state: international and non-state actors.
NON_STATE_PREFIXES = {"IGO", "NGO", "IMG", "MNC", "UAF", "MED", "UIS"}


@dataclass(frozen=True)
class ActorCode:
    country: str | None
    sector: str | None


def _yymmdd(text: str) -> str:
    """PETRARCH writes YYMMDD; years before 30 are in this century."""
    text = text[:6]
    year = int(text[:2])
    century = "20" if year < 30 else "19"
    return f"{century}{text[:2]}-{text[2:4]}-{text[4:6]}"


def _covers(span: str, date: str) -> bool:
    if span.startswith(">"):
        return date >= _yymmdd(span[1:])
    if span.startswith("<"):
        return date < _yymmdd(span[1:])
    if "-" in span:
        start, end = span.split("-", 1)
        return _yymmdd(start) <= date < _yymmdd(end)
    return date >= _yymmdd(span)


def pick_code(codes: tuple[str, ...], date: str | None) -> ActorCode:
    """The code in force on date; without a date, the newest open-ended or undated one."""
    chosen = None
    if date:
        for entry in codes:
            code, _, span = entry.partition("@")
            if span and _covers(span, date):
                chosen = code
    if chosen is None:
        undated = [e for e in codes if "@" not in e]
        open_ended = [e.partition("@")[0] for e in codes if "@>" in e]
        chosen = (open_ended or undated or [codes[-1].partition("@")[0]])[-1] if codes else ""
    return parse_code(chosen)


def parse_code(code: str) -> ActorCode:
    if not code:
        return ActorCode(None, None)
    head = code[:3]
    if head in NON_STATE_PREFIXES:
        sector = "MED" if head == "MED" or code.endswith("MED") else head
        return ActorCode(None, sector)
    rest = code[3:6] or None
    return ActorCode(head, rest)
