"""Numbers for the same quantity inside one article: two quantities of the same unit and
the same scope (place and owner) contradict each other when their values are far apart,
and corroborate each other when two different claims give values that agree; a
different place or owner is a different quantity, neither a conflict nor support, and
a number without both has no scope to compare."""

from __future__ import annotations

import math

from ..items import Link
from .text import shorten, span_text

# Two values of one quantity conflict when the larger is at least this many times the
# smaller (after widening approximate values): "about 2,000" and "2,300" do not.
CONFLICT_RATIO = 1.5
APPROXIMATE_SLACK = 0.25


def quantity_conflicts(quantities: list, text: str) -> list[Link]:
    """contradicts links for values far apart, corroborates links for values that agree
    in two different claims."""
    scoped = [q for q in quantities if isinstance(q, dict) and q.get("id") and q.get("unit")
              and q.get("place") and q.get("of")]
    links = []
    for i, first in enumerate(scoped):
        for second in scoped[i + 1:]:
            if not _same_quantity(first, second):
                continue
            if far_apart(first, second):
                links.append(Link("contradicts", first["id"], second["id"],
                                  _quantity_reason(text, first, second, "values far apart")))
            elif _told_twice(first, second) and _agree(first, second):
                links.append(Link("corroborates", first["id"], second["id"],
                                  _quantity_reason(text, first, second,
                                                   f"told in {first['claim']} and "
                                                   f"{second['claim']}")))
    return links


def _told_twice(a: dict, b: dict) -> bool:
    return bool(a.get("claim") and b.get("claim") and a["claim"] != b["claim"])


def _agree(a: dict, b: dict) -> bool:
    """Both give a point value, and the two are within the slack of an estimate."""
    first, second = a.get("value"), b.get("value")
    if not (isinstance(first, (int, float)) and isinstance(second, (int, float))):
        return False
    if first == second:
        return True
    low, high = sorted((abs(first), abs(second)))
    estimated = bool(a.get("approximate") or b.get("approximate"))
    return estimated and high <= low * (1 + APPROXIMATE_SLACK)


def _same_quantity(a: dict, b: dict) -> bool:
    # The scope is a place and an owner, both known: without a place "2,000 troops" here
    # and "5,000 troops" in the neighbouring country look alike, and without an owner so
    # do two candidates' shares of one state's vote or two courses counted in it.
    return (a.get("unit") == b.get("unit") and a.get("place") is not None
            and a.get("of") is not None
            and a.get("place") == b.get("place") and a.get("of") == b.get("of"))


def _interval(q: dict) -> tuple[float, float] | None:
    """The values a quantity allows, widened when approximate; None when it has none."""
    value, low, high = q.get("value"), q.get("low"), q.get("high")
    if isinstance(value, (int, float)):
        low = high = value
    low = low if isinstance(low, (int, float)) else None
    high = high if isinstance(high, (int, float)) else None
    if low is None and high is None:
        return None
    slack = APPROXIMATE_SLACK if q.get("approximate") else 0.0
    low = low * (1 - slack) if low is not None else -math.inf
    high = high * (1 + slack) if high is not None else math.inf
    return low, high


def far_apart(a: dict, b: dict) -> bool:
    """Whether two values of one quantity are too far apart to both be right."""
    first, second = _interval(a), _interval(b)
    if first is None or second is None:
        return False
    (low_a, high_a), (low_b, high_b) = first, second
    if high_a < low_b:
        return low_b > 0 and high_a >= 0 and low_b >= CONFLICT_RATIO * high_a
    if high_b < low_a:
        return low_a > 0 and high_b >= 0 and low_a >= CONFLICT_RATIO * high_b
    return False


def _quantity_reason(text: str, a: dict, b: dict, why: str) -> str:
    scope = " and ".join(f"{key} {a[key]}" for key in ("place", "of") if a.get(key))
    return (f'"{shorten(span_text(text, a.get("span") or ()), 40)}" vs '
            f'"{shorten(span_text(text, b.get("span") or ()), 40)}": '
            f'{a.get("unit")} for the same {scope}, {why}')
