"""Checking an analysis against an analyst's reference file (../shared/reference/*.json).

The reference is a floor: each item names an anchor text that a matching item must
cover. These checks read the reference generically; nothing here knows its contents.
"""

from __future__ import annotations


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def anchor_spans(text: str, anchor: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(anchor)
    while start >= 0:
        spans.append((start, start + len(anchor)))
        start = text.find(anchor, start + 1)
    return spans


def _covers(mention, anchor) -> bool:
    """A mention matches an anchor when one lies inside the other."""
    (ms, me), (a_s, a_e) = mention, anchor
    return (ms <= a_s and a_e <= me) or (a_s <= ms and me <= a_e)


def find_entity(analysis: dict, name: str) -> dict | None:
    wanted = _fold(name)
    for entity in analysis["entities"]:
        if _fold(entity["name"]) == wanted:
            return entity
    for entity in analysis["entities"]:
        if wanted in {_fold(a) for a in entity["aliases"]}:
            return entity
    return None


def entity_problems(analysis: dict, expected: dict) -> list[str]:
    """Every way the analysis falls short of one reference entity."""
    text = analysis["document"]["text"]
    entity = find_entity(analysis, expected["name"])
    if entity is None:
        return [f"{expected['name']}: no entity with that name or alias"]
    problems = []
    label = expected["name"]
    if "type" in expected and entity["type"] != expected["type"]:
        problems.append(f"{label}: type {entity['type']} != {expected['type']}")
    if "country" in expected and entity["country"] != expected["country"]:
        problems.append(f"{label}: country {entity['country']} != {expected['country']}")
    names = {_fold(a) for a in entity["aliases"]} | {_fold(entity["name"])}
    if expected.get("aliases_any") and not names & {_fold(a) for a in expected["aliases_any"]}:
        problems.append(f"{label}: none of the aliases {expected['aliases_any']} in {entity['aliases']}")
    roles = {_fold(r) for r in entity["roles"]}
    if expected.get("roles_any") and not roles & {_fold(r) for r in expected["roles_any"]}:
        problems.append(f"{label}: none of the roles {expected['roles_any']} in {entity['roles']}")
    for anchor in expected.get("mentions_include", []):
        spans = anchor_spans(text, anchor)
        if not spans:
            problems.append(f"{label}: anchor {anchor!r} not in the text")
        elif not any(_covers(m, a) for m in entity["mentions"] for a in spans):
            problems.append(f"{label}: no mention at {anchor!r}")
    return problems
