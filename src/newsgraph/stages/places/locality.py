"""Where an unknown place lies: a street, a building or a hamlet the gazetteer does not
know is placed in the town the article puts it in.

The town is the nearest known town or county named before it in the same paragraph
("... Royal Street ..." after "New Orleans"), else the town the article names most.
The place keeps its own name and no GeoNames id; only its country and point are the
town's, which is what a map of the article needs.
"""

from __future__ import annotations

from collections import Counter

from ...knowledge.gazetteer import GeoEntry
from .detect import Toponym

LOCAL_KINDS = {"city"}
LOCAL_LEVELS = {"admin2"}


def _is_local(entry: GeoEntry | None) -> bool:
    return entry is not None and (entry.kind in LOCAL_KINDS or entry.level in LOCAL_LEVELS)


def localities(view, toponyms: list[Toponym], entries: list[GeoEntry | None]
               ) -> dict[int, GeoEntry]:
    """Index of each unknown toponym -> the town it most likely lies in."""
    towns = Counter(e for e in entries if _is_local(e))
    main_town = towns.most_common(1)[0][0] if towns else None
    found: dict[int, GeoEntry] = {}
    last_town, last_paragraph = None, -1
    for index, (topo, entry) in enumerate(zip(toponyms, entries)):
        paragraph = view.paragraph[topo.start]
        if paragraph != last_paragraph:
            last_town, last_paragraph = None, paragraph
        if _is_local(entry):
            last_town = entry
        elif entry is None:
            town = last_town or main_town
            if town is not None:
                found[index] = town
    return found
