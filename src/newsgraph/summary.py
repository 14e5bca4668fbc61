"""A readable summary of an analysis: one plain-text table per kind of item."""

from __future__ import annotations


def _cut(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(title: str, headers: list[str], rows: list[list], widths: list[int]) -> str:
    lines = [f"{title} ({len(rows)})"]
    if not rows:
        lines.append("  none found")
        return "\n".join(lines)
    fmt = "  " + "  ".join(f"{{:<{w}}}" for w in widths)
    lines.append(fmt.format(*[_cut(h, w) for h, w in zip(headers, widths)]))
    lines.append("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(fmt.format(*[_cut("" if v is None else v, w) for v, w in zip(row, widths)]).rstrip())
    return "\n".join(lines)


def summarize(analysis: dict) -> str:
    text = analysis["document"]["text"]
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    names.update({p["id"]: p["name"] for p in analysis["places"]})
    names.update({t["id"]: text[slice(*t["span"])] for t in analysis["times"]})

    def span(s):
        return text[s[0]:s[1]] if s else ""

    doc = analysis["document"]
    head = (f"{doc['id']}  ·  {doc.get('outlet') or 'outlet unknown'}  ·  "
            f"{doc.get('published') or 'date unknown'}  ·  {len(text):,} characters")
    sections = [head + "\n" + "=" * min(len(head), 100)]
    sections.append(table(
        "Actors", ["id", "name", "type", "country", "sector", "roles", "aliases", "mentions"],
        [[e["id"], e["name"], e["type"], e["country"], e["sector"], "; ".join(e["roles"]),
          ", ".join(e["aliases"]), len(e["mentions"])] for e in analysis["entities"]],
        [4, 26, 7, 7, 6, 30, 24, 8]))
    sections.append(table(
        "Claims", ["id", "speaker / source", "via", "cue", "kind", "content"],
        [[c["id"], names.get(c["speaker"]) or span(c["source"]),
          ", ".join(names.get(v, v) for v in c["via"]), span(c["cue"]), c["kind"],
          " … ".join(span(s) for s in c["content"])] for c in analysis["claims"]],
        [4, 24, 14, 12, 8, 50]))
    sections.append(table(
        "Events", ["id", "type", "actor", "recipient", "status", "trigger"],
        [[v["id"], v["type"], names.get(v["actor"]), names.get(v["recipient"]), v["status"],
          span(v["trigger"])] for v in analysis["events"]],
        [4, 10, 22, 22, 12, 30]))
    sections.append(table(
        "Numbers", ["id", "text", "value", "low", "high", "unit", "place"],
        [[q["id"], span(q["span"]), q["value"], q["low"], q["high"], q["unit"],
          names.get(q["place"])] for q in analysis["quantities"]],
        [4, 26, 10, 10, 10, 12, 16]))
    sections.append(table(
        "Places", ["id", "name", "kind", "country", "lat", "lon"],
        [[p["id"], p["name"], p["kind"], p["country"], p["lat"], p["lon"]]
         for p in analysis["places"]],
        [4, 24, 8, 7, 8, 8]))
    sections.append(table(
        "Dates", ["id", "text", "type", "value"],
        [[t["id"], span(t["span"]), t["type"], t["value"]] for t in analysis["times"]],
        [4, 26, 9, 14]))
    return "\n\n".join(sections) + "\n"
