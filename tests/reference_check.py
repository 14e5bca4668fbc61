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


def _claim_covers(claim: dict, anchor_span) -> bool:
    a_s, a_e = anchor_span
    return any(s < a_e and a_s < e for s, e in claim["content"])


def claim_problems(analysis: dict, expected: dict) -> list[str]:
    """Every way the analysis falls short of one reference claim."""
    text = analysis["document"]["text"]
    anchor = expected["anchor"]
    spans = anchor_spans(text, anchor)
    if not spans:
        return [f"claim {anchor!r}: anchor not in the text"]
    candidates = [c for c in analysis["claims"] if any(_claim_covers(c, a) for a in spans)]
    if not candidates:
        return [f"claim {anchor!r}: no claim content covers it"]
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    best = None
    for claim in candidates:
        problems = []
        span_text = (lambda s: _fold(text[s[0]:s[1]]) if s else None)
        if "source_text" in expected and span_text(claim["source"]) != _fold(expected["source_text"]):
            problems.append(f"source {span_text(claim['source'])!r} != {expected['source_text']!r}")
        if "speaker" in expected and _fold(names.get(claim["speaker"]) or "") != _fold(expected["speaker"]):
            problems.append(f"speaker {names.get(claim['speaker'])!r} != {expected['speaker']!r}")
        if "cue" in expected and span_text(claim["cue"]) != _fold(expected["cue"]):
            problems.append(f"cue {span_text(claim['cue'])!r} != {expected['cue']!r}")
        if "via" in expected and sorted(_fold(names.get(v, v)) for v in claim["via"]) != \
                sorted(_fold(v) for v in expected["via"]):
            problems.append(f"via {[names.get(v) for v in claim['via']]} != {expected['via']}")
        if "kind" in expected and claim["kind"] != expected["kind"]:
            problems.append(f"kind {claim['kind']} != {expected['kind']}")
        if "kind_any" in expected and claim["kind"] not in expected["kind_any"]:
            problems.append(f"kind {claim['kind']} not in {expected['kind_any']}")
        if "anonymous" in expected and claim["anonymous"] != expected["anonymous"]:
            problems.append(f"anonymous {claim['anonymous']} != {expected['anonymous']}")
        if "channel" in expected and claim["channel"] != expected["channel"]:
            problems.append(f"channel {claim['channel']} != {expected['channel']}")
        if best is None or len(problems) < len(best):
            best = problems
    return [f"claim {anchor!r}: {p}" for p in best]


def quantity_problems(analysis: dict, expected: dict, with_place: bool = True) -> list[str]:
    """Every way the analysis falls short of one reference quantity: the quantity whose
    span contains the anchor must have the expected value, bounds, approximation, unit and
    (when `with_place`) a place named or mentioned as the expected place."""
    text = analysis["document"]["text"]
    label = expected["anchor"]
    spans = anchor_spans(text, expected["anchor"])
    if not spans:
        return [f"{label}: anchor not in the text"]
    found = [q for q in analysis["quantities"] for a in spans
             if q["span"][0] <= a[0] and a[1] <= q["span"][1]]
    if not found:
        return [f"{label}: no quantity covers it"]
    quantity = found[0]
    problems = []
    for key in ("value", "low", "high", "approximate"):
        if key in expected and quantity[key] != expected[key]:
            problems.append(f"{label}: {key} {quantity[key]} != {expected[key]}")
    if expected.get("unit_any") and quantity["unit"] not in expected["unit_any"]:
        problems.append(f"{label}: unit {quantity['unit']!r} not in {expected['unit_any']}")
    if with_place and "place" in expected:
        places = {p["id"]: p for p in analysis["places"]}
        place = places.get(quantity["place"])
        names = set()
        if place is not None:
            names = {_fold(place["name"])} | {_fold(text[s:e]) for s, e in place["mentions"]}
        if _fold(expected["place"]) not in names:
            problems.append(f"{label}: place {place['name'] if place else None!r} "
                            f"is not {expected['place']!r}")
    return problems

def event_problems(analysis: dict, expected: dict) -> list[str]:
    """Every way the analysis falls short of one reference event: an event whose trigger
    lies inside the anchor, of an accepted type, with the actor, recipient and status."""
    text = analysis["document"]["text"]
    anchors = anchor_spans(text, expected["anchor"])
    if not anchors:
        return [f"anchor not in text: {expected['anchor']!r}"]
    inside = [e for e in analysis["events"]
              if any(s <= e["trigger"][0] and e["trigger"][1] <= t for s, t in anchors)]
    if not inside:
        return [f"no event in {expected['anchor']!r}"]
    typed = [e for e in inside if e["type"] in expected.get("type_any", [e["type"]])]
    if not typed:
        return [f"{expected['anchor']!r}: types {[e['type'] for e in inside]}, "
                f"expected one of {expected['type_any']}"]
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    best = []
    for event in typed:
        problems = []
        actors = [expected["actor"]] if "actor" in expected else expected.get("actor_any")
        if actors:
            wanted = [find_entity(analysis, name) for name in actors]
            if event["actor"] not in {w["id"] for w in wanted if w}:
                problems.append(f"{expected['anchor']!r}: actor "
                                f"{names.get(event['actor'])!r}, expected {actors}")
        if "recipient" in expected:
            wanted = find_entity(analysis, expected["recipient"])
            if wanted is None or event["recipient"] != wanted["id"]:
                problems.append(f"{expected['anchor']!r}: recipient "
                                f"{names.get(event['recipient'])!r}, expected "
                                f"{expected['recipient']!r}")
        if "status_any" in expected and event["status"] not in expected["status_any"]:
            problems.append(f"{expected['anchor']!r}: status {event['status']!r}, expected "
                            f"{expected['status_any']}")
        if not problems:
            return []
        best = best or problems
    return best
