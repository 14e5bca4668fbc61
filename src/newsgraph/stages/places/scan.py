"""The few token positions the places stage looks at, found with numpy over the Doc's
arrays instead of a Python loop over every token: entity spans, proper nouns, and
direction words."""

from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import PROPN

# ENT_IOB values: 3 begins an entity, 1 continues it.
IOB_BEGIN, IOB_INSIDE = 3, 1


def direction_hashes(words) -> np.ndarray:
    return np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)


class DocScan:
    """Positions in one Doc: entity spans (start, end), proper-noun tokens, and tokens
    whose lowercase form is one of `words`."""

    def __init__(self, doc, words: np.ndarray):
        rows = doc.to_array([ENT_IOB, POS, LOWER])
        iob = rows[:, 0]
        begins = np.flatnonzero(iob == IOB_BEGIN).tolist()
        inside = iob == IOB_INSIDE
        self.entities: list[tuple[int, int]] = []
        n = len(iob)
        for start in begins:
            end = start + 1
            while end < n and inside[end]:
                end += 1
            self.entities.append((start, end))
        self.propn = np.flatnonzero(rows[:, 1] == PROPN).tolist()
        self.directions = np.flatnonzero(np.isin(rows[:, 2], words)).tolist()
