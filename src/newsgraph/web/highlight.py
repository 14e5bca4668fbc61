"""The article text with its items marked, built from offsets.

The text is untrusted (any page of the web): it is cut at every item boundary and each
piece is escaped on its own, so markup in an article is shown as the characters it is and
never becomes an element. Only the spans and links made here are markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # class of the piece: entity, claim-content, claim-cue, event, ...
    label: str  # what a reader sees on hover
    ref: str  # the item id (E1, C2, ...)
    href: str | None = None  # where a click leads (an actor's page)


def actor_href(name: str) -> str:
    return "/actors/" + quote(name, safe="")


def marks_of(analysis: dict) -> list[Mark]:
    """Every highlighted span of an analysis, from the contract's offsets."""
    entities = {e["id"]: e for e in analysis.get("entities") or []}
    marks: list[Mark] = []
    for entity in entities.values():
        label = f"{entity['name']} ({entity.get('type')})"
        for start, end in entity.get("mentions") or []:
            marks.append(Mark(start, end, "entity", label, entity["id"],
                              actor_href(entity["name"])))
    for claim in analysis.get("claims") or []:
        speaker = entities.get(claim.get("speaker") or "", {}).get("name", "unresolved source")
        for start, end in claim.get("content") or []:
            marks.append(Mark(start, end, "claim-content", f"claim {claim['id']} by {speaker}",
                              claim["id"]))
        for part in ("cue", "source"):
            if claim.get(part):
                start, end = claim[part]
                marks.append(Mark(start, end, f"claim-{part}",
                                  f"{part} of claim {claim['id']}", claim["id"]))
    for event in analysis.get("events") or []:
        if event.get("trigger"):
            start, end = event["trigger"]
            marks.append(Mark(start, end, "event", f"event {event['type']} "
                              f"({event.get('status')})", event["id"]))
    for quantity in analysis.get("quantities") or []:
        start, end = quantity["span"]
        marks.append(Mark(start, end, "quantity", f"number: {quantity.get('unit')}",
                          quantity["id"]))
    for place in analysis.get("places") or []:
        for start, end in place.get("mentions") or []:
            marks.append(Mark(start, end, "place", f"place {place['name']}", place["id"]))
    for time in analysis.get("times") or []:
        start, end = time["span"]
        marks.append(Mark(start, end, "time", f"{time.get('type')} {time.get('value')}",
                          time["id"]))
    return marks


def highlight(text: str, marks: list[Mark]) -> Markup:
    """The text as escaped pieces, each piece wrapped in one span carrying the classes of
    every mark covering it (overlapping marks need no nesting)."""
    size = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= size]
    cuts = sorted({0, size, *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for mark in valid:
        starts.setdefault(mark.start, []).append(mark)
    open_marks: list[Mark] = []
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        open_marks = [m for m in open_marks if m.end > left] + starts.get(left, [])
        out.append(_piece(text[left:right], open_marks))
    return Markup("".join(out))


def _piece(text: str, marks: list[Mark]) -> str:
    body = str(escape(text))
    if not marks:
        return body
    classes = " ".join(sorted({m.css for m in marks}))
    refs = " ".join(sorted({m.ref for m in marks}))
    title = "; ".join(dict.fromkeys(m.label for m in marks))
    href = next((m.href for m in marks if m.href), None)
    attrs = f'class="{escape(classes)}" data-ref="{escape(refs)}" title="{escape(title)}"'
    if href:
        return f'<a href="{escape(href)}" {attrs}>{body}</a>'
    return f"<span {attrs}>{body}</span>"
