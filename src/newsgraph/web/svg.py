"""Figures drawn on the server as SVG markup: pure functions from plain data to a string.

Every text that reaches a figure (titles, outlets, names, claims) comes from articles, so
each is shortened and escaped here, attribute and element content alike; the pages insert
the markup as it is. No inline style or script (the pages' Content-Security-Policy forbids
both): colours and strokes are classes styled by static/style.css, and each mark carries a
<title> the browser shows on hover. Sizes are fixed, so a figure costs the same whatever
the story: callers pass bounded lists, and these functions cut them again.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

from markupsafe import Markup

MAX_LANES = 12  # outlets drawn as rows of a timeline; the rest share one "other" row
MAX_NODES = 14  # nodes on one side of a diagram
MAX_POINTS = 400  # marks in one chart
LABEL_CHARS = 28


def esc(text: object) -> str:
    """Text for SVG element content or a quoted attribute."""
    return escape(str(text), quote=True)


def short(text: object, limit: int = LABEL_CHARS) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "\u2026"


def day(value: str | None) -> date | None:
    """A date as stored (YYYY, YYYY-MM or YYYY-MM-DD, possibly with a time): its first day;
    None when it is no date."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        dom = int(parts[2]) if len(parts) > 2 and parts[2][:2].isdigit() else 1
        return date(year, month, dom)
    except ValueError:
        return None


def scale(value: float, low: float, high: float, start: float, end: float) -> float:
    """value in [low, high] mapped linearly onto [start, end] (the middle when low == high)."""
    if high <= low:
        return (start + end) / 2
    return start + (value - low) / (high - low) * (end - start)


def _svg(width: int, height: int, body: list[str], label: str, css: str) -> Markup:
    return Markup(f'<svg class="figure {css}" xmlns="http://www.w3.org/2000/svg" '
                  f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
                  + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, css: str = "", anchor: str = "start") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">'
            f"{esc(text)}</text>")


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{esc(href)}">{inner}</a>' if href else inner


def _date_ticks(first: date, last: date, count: int = 6) -> list[date]:
    """Up to `count` evenly spread whole days from first to last, both included."""
    span = (last - first).days
    if span == 0:
        return [first]
    step = max(1, math.ceil(span / (count - 1)))
    ticks = [date.fromordinal(first.toordinal() + k) for k in range(0, span, step)]
    return ticks + [last]


MARKS = {"first": "first report", "repeat": "repeats an earlier report", "denial": "denies",
         "article": "report"}


def _mark(kind: str, x: float, y: float, key: bool = False) -> str:
    """A report's mark; `key`: the legend's sample of it."""
    if key:
        kind += " key"
    if kind.startswith("denial"):  # a cross: seen apart from every round mark
        return (f'<path class="mark {kind}" d="M{x - 5:.1f} {y - 5:.1f}L{x + 5:.1f} '
                f'{y + 5:.1f}M{x - 5:.1f} {y + 5:.1f}L{x + 5:.1f} {y - 5:.1f}"/>')
    radius = 6 if kind.startswith("first") else 4.5
    return f'<circle class="mark {kind}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"/>'


def timeline(marks: list[dict], width: int = 900) -> Markup:
    """Reports on a time axis drawn to scale, one row per outlet. A mark is
    {"date", "lane", "kind" (first, repeat, denial, article), "label", "href"}; marks
    without a readable date are left out (the page lists them apart)."""
    dated = [(day(m.get("date")), m) for m in marks[:MAX_POINTS]]
    dated = [(d, m) for d, m in dated if d is not None]
    lanes: list[str] = []
    for _, mark in sorted(dated, key=lambda dm: (dm[0], str(dm[1].get("lane")))):
        lane = str(mark.get("lane") or "unknown outlet")
        if lane not in lanes:
            lanes.append(lane)
    shown = lanes[:MAX_LANES] + (["other outlets"] if len(lanes) > MAX_LANES else [])
    left, right, top, row = 170, width - 50, 20, 26
    height = top + row * max(1, len(shown)) + 60
    if not dated:
        return _svg(width, 60, [_text(10, 35, "No dated reports.", "empty")],
                    "Timeline: no dated reports", "timeline")
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    if first == last:  # one day: an axis a day either side, so the mark sits mid-axis
        first, last = (date.fromordinal(first.toordinal() - 1),
                       date.fromordinal(last.toordinal() + 1))
    low, high = first.toordinal(), last.toordinal()
    body = []
    axis_y = top + row * len(shown) + 8
    for number, lane in enumerate(shown):
        y = top + row * number + row / 2
        body.append(f'<line class="lane" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        body.append(_text(left - 8, y + 4, short(lane, 24), "lane-label", "end"))
    body.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}"/>')
    for tick in _date_ticks(first, last):
        x = scale(tick.toordinal(), low, high, left, right)
        body.append(f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" '
                    f'y2="{axis_y + 5}"/>')
        body.append(_text(x, axis_y + 20, tick.isoformat(), "tick-label", "middle"))
    seen: dict[tuple, int] = {}
    for when, mark in dated:
        lane = str(mark.get("lane") or "unknown outlet")
        number = shown.index(lane) if lane in shown[:MAX_LANES] else len(shown) - 1
        kind = mark.get("kind") if mark.get("kind") in MARKS else "article"
        # Reports of one outlet on one day side by side, not on top of each other.
        nudge = seen.get((number, when), 0)
        seen[(number, when)] = nudge + 1
        x = scale(when.toordinal(), low, high, left, right) + 9 * nudge
        y = top + row * number + row / 2
        tip = f"{when.isoformat()} {lane}: {MARKS[kind]}: {short(mark.get('label'), 120)}"
        body.append(_link(mark.get("href"), f"<g>{_mark(kind, x, y)}<title>{esc(tip)}</title>"
                                             "</g>"))
    legend_y = axis_y + 42
    for number, (kind, words) in enumerate(MARKS.items()):
        x = left + 190 * number
        body.append(_mark(kind, x, legend_y - 4, key=True) + _text(x + 12, legend_y, words, "legend"))
    return _svg(width, legend_y + 12, body,
                f"Timeline of {len(dated)} reports from {first.isoformat()} to "
                f"{last.isoformat()}", "timeline")


def flow(edges: list[dict], width: int = 900) -> Markup:
    """Who relayed whom: sources on the left, the outlets that carried them on the right,
    one line per {"source", "outlet", "count", "kind" (relay: a wire credit; claim: claims
    sourced there)}, its width growing with the count."""
    edges = sorted(edges, key=lambda e: (-e["count"], e["source"], e["outlet"]))
    sources = _top([e["source"] for e in edges])
    outlets = _top([e["outlet"] for e in edges])
    kept = [e for e in edges if e["source"] in sources and e["outlet"] in outlets]
    if not kept:
        return _svg(width, 60, [_text(10, 35, "No relayed reports or outside sources.",
                                      "empty")], "Source diagram: nothing relayed", "flow")
    row = 30
    height = 40 + row * max(len(sources), len(outlets))
    left_x, right_x = 250, width - 250
    ys = {("s", name): 30 + row * k for k, name in enumerate(sources)}
    ys.update({("o", name): 30 + row * k for k, name in enumerate(outlets)})
    body = [_text(left_x, 14, "source", "heading", "end"),
            _text(right_x, 14, "carried by", "heading", "start")]
    heaviest = max(e["count"] for e in kept)
    for edge in kept:
        y1, y2 = ys[("s", edge["source"])], ys[("o", edge["outlet"])]
        stroke = 1.5 + 5 * edge["count"] / heaviest
        middle = (left_x + right_x) / 2
        what = "credits the wire" if edge["kind"] == "relay" else "claims from"
        tip = f"{edge['outlet']} {what} {edge['source']}: {edge['count']}"
        body.append(f'<g><path class="edge {esc(edge["kind"])}" stroke-width="{stroke:.1f}" '
                    f'd="M{left_x + 8} {y1}C{middle} {y1} {middle} {y2} {right_x - 8} {y2}"/>'
                    f"<title>{esc(tip)}</title></g>")
    for name in sources:
        y = ys[("s", name)]
        body.append(f'<circle class="node source" cx="{left_x + 4}" cy="{y}" r="5"/>')
        body.append(_text(left_x - 6, y + 4, short(name, 34), "node-label", "end"))
    for name in outlets:
        y = ys[("o", name)]
        body.append(f'<circle class="node outlet" cx="{right_x - 4}" cy="{y}" r="5"/>')
        body.append(_text(right_x + 6, y + 4, short(name, 34), "node-label"))
    return _svg(width, height, body, f"Source diagram: {len(sources)} sources carried by "
                f"{len(outlets)} outlets", "flow")


def _top(names: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))[:MAX_NODES]


def bars(rows: list[dict], width: int = 900, unit: str = "") -> Markup:
    """Horizontal bars to scale: {"label", "value", "href"?}, the longest bar the largest
    value, each labelled with its value."""
    rows = rows[:MAX_NODES * 2]
    if not rows:
        return _svg(width, 40, [_text(10, 25, "Nothing to show.", "empty")], "No bars",
                    "bars")
    left, right, row = 330, width - 60, 22
    top = max(r["value"] for r in rows) or 1
    body = []
    for k, item in enumerate(rows):
        y = 6 + row * k
        length = scale(item["value"], 0, top, 0, right - left)
        body.append(_text(left - 8, y + 13, short(item["label"], 52), "bar-label", "end"))
        bar = (f'<rect class="bar" x="{left}" y="{y + 2}" width="{max(length, 1):.1f}" '
               f'height="{row - 6}"><title>{esc(item["label"])}: {esc(item["value"])}'
               f"{esc(unit)}</title></rect>")
        body.append(_link(item.get("href"), bar))
        body.append(_text(left + length + 6, y + 13, f"{item['value']}{unit}", "bar-value"))
    return _svg(width, 10 + row * len(rows), body, f"{len(rows)} bars", "bars")


def number_chart(points: list[dict], title: str, width: int = 900) -> Markup:
    """One unit's values over time by outlet: {"date", "value", "outlet", "label",
    "href"?}. Values on a linear axis from zero; undated points are left out."""
    dated = [(day(p.get("date")), p) for p in points[:MAX_POINTS]]
    dated = [(d, p) for d, p in dated if d is not None and p.get("value") is not None]
    if not dated:
        return _svg(width, 40, [_text(10, 25, "No dated values.", "empty")], title, "numbers")
    outlets = _top([str(p.get("outlet") or "unknown outlet") for _, p in dated])
    left, right, top, bottom = 80, width - 210, 16, 196
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    low_day, high_day = first.toordinal() - 1, last.toordinal() + 1
    values = [p["value"] for _, p in dated]
    # Reports that differ by orders of magnitude (2,000 troops against 40,000) on a log
    # axis, or the smaller ones would all sit on the zero line.
    logarithmic = min(values) > 0 and max(values) / min(values) >= 10
    if logarithmic:
        low, high = math.log10(min(values)) - 0.2, math.log10(max(values)) + 0.2
    else:
        low, high = 0, max(values) * 1.1 or 1

    def height_of(value: float) -> float:
        return scale(math.log10(value) if logarithmic else value, low, high, bottom, top)

    body = [f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>',
            f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>']
    for k in range(5):
        level = low + (high - low) * k / 4
        value = 10 ** level if logarithmic else level
        y = scale(level, low, high, bottom, top)
        body.append(f'<line class="grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        body.append(_text(left - 6, y + 4, _number(value), "tick-label", "end"))
    for tick in _date_ticks(date.fromordinal(low_day + 1), date.fromordinal(high_day - 1), 5):
        x = scale(tick.toordinal(), low_day, high_day, left, right)
        body.append(_text(x, bottom + 18, tick.isoformat(), "tick-label", "middle"))
    for when, point in dated:
        outlet = str(point.get("outlet") or "unknown outlet")
        colour = outlets.index(outlet) if outlet in outlets else len(outlets)
        x = scale(when.toordinal(), low_day, high_day, left, right) + 3 * (colour % 5 - 2)
        y = height_of(point["value"])
        tip = (f"{when.isoformat()} {outlet}: {short(point.get('label'), 80)} "
               f"({_number(point['value'])})")
        body.append(_link(point.get("href"),
                          f'<g><circle class="point c{colour % 8}" cx="{x:.1f}" cy="{y:.1f}" '
                          f'r="5"/><title>{esc(tip)}</title></g>'))
    for k, outlet in enumerate(outlets):
        y = top + 8 + 18 * k
        body.append(f'<circle class="point c{k % 8}" cx="{right + 20}" cy="{y - 4}" r="5"/>')
        body.append(_text(right + 30, y, short(outlet, 24), "legend"))
    if logarithmic:
        body.append(_text(left, top - 4, "log scale", "legend"))
    return _svg(width, max(bottom + 30, top + 18 * len(outlets) + 10), body, title, "numbers")


def _number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:.3g}k"
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.2g}"


def network(center: str, links: list[dict], width: int = 900) -> Markup:
    """An actor in the middle and the actors it is linked to around it: {"name", "label"
    (the PLOVER types and counts), "count", "href"?, "direction" ("out": the centre acts,
    "in": it is acted on, "both")}. Each edge's label sits under its actor's name, away
    from the crowded centre."""
    links = sorted(links, key=lambda l: (-l["count"], l["name"]))[:MAX_NODES]
    height = 520
    cx, cy = width / 2, height / 2
    rx, ry = width / 2 - 150, height / 2 - 60  # an ellipse: the page is wider than tall
    body = []
    for k, link in enumerate(links):
        angle = 2 * math.pi * k / max(1, len(links)) - math.pi / 2
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        stroke = 1 + min(5, link["count"])
        direction = link.get("direction") if link.get("direction") in ("in", "out") else "both"
        body.append(f'<g><line class="edge {direction}" stroke-width="{stroke}" '
                    f'x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>'
                    f'<title>{esc(center)} \u2013 {esc(link["name"])}: {esc(link["label"])}'
                    "</title></g>")
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        dx = 11 if anchor == "start" else -11 if anchor == "end" else 0
        dy = 22 if sin > 0.7 else -22 if sin < -0.7 else 0
        node = (f'<circle class="node other" cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
                + _text(x + dx, y + dy, short(link["name"], 26), "node-label", anchor)
                + _text(x + dx, y + dy + 13, short(link["label"], 34), "edge-label", anchor))
        body.append(_link(link.get("href"), f"<g>{node}</g>"))
    body.append(f'<circle class="node center" cx="{cx:.1f}" cy="{cy:.1f}" r="11"/>')
    body.append(_text(cx, cy + 28, short(center, 30), "node-label center", "middle"))
    if not links:
        body.append(_text(cx, cy - 24, "No events with other actors.", "empty", "middle"))
    for k, (direction, words) in enumerate((("out", f"{short(center, 24)} acts"),
                                            ("in", "acted on"), ("both", "both"))):
        y = height - 40 + 13 * k
        body.append(f'<line class="edge {direction} key" stroke-width="3" x1="10" x2="30" '
                    f'y1="{y - 4}" y2="{y - 4}"/>' + _text(36, y, words, "legend"))
    return _svg(width, height, body, f"{center} and {len(links)} related actors", "network")
