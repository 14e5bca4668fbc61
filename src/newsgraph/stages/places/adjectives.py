"""Countries named by their adjective: "Russian officials", "the Turkish border".

The geoparsing literature (GeoWebNews's non-literal and literal modifiers) counts such an
adjective as a mention of the country, and an analyst mapping an article wants Russia on
the map when the article is about Russian officials. The mention joins the country's
Place but is kept apart as `adjectival`: a "Russian jet" that struck Idlib did not act in
Russia, so events and numbers are never anchored on it.
"""

from __future__ import annotations

from ...knowledge.gazetteer import GeoEntry

# The adjective modifies the noun after it: "Russian officials", "the Syrian-Turkish border".
MODIFIER_DEPS = {"amod", "compound", "nmod", "nummod"}


def adjectival_mentions(view, text: str, entity_spans, knowledge, gazetteer
                        ) -> list[tuple[tuple[int, int], GeoEntry]]:
    """(char span, country) for each NORP adjective that modifies a following noun and
    belongs to one state."""
    found = []
    for start, end in entity_spans:
        if view.ent[start] != "NORP":
            continue
        last = end - 1
        if view.dep[last] not in MODIFIER_DEPS or view.head[last] <= last:
            continue  # "the Russians", "Americans said": the people, not the place
        if not view.text[start][:1].isupper():
            continue
        chars = (view.idx[start], view.idx[last] + len(view.text[last]))
        surface = text[chars[0]:chars[1]]
        iso3 = knowledge.state_for(surface)
        state = knowledge.state(iso3) if iso3 else None
        place = gazetteer.countries.get(state.iso2) if state else _region_of(surface,
                                                                               gazetteer)
        if place is not None:
            found.append((chars, place))
    return found


def _region_of(adjective: str, gazetteer) -> GeoEntry | None:
    """"European" Europe, "Central American" Central America: a continent or region whose
    name the adjective extends by "n" or "an"."""
    for name in (adjective[:-1], adjective[:-2]):
        if len(name) < 4:
            continue
        for entry in gazetteer.lookup(name):
            if entry.kind == "region":
                return entry
    return None
