"""The one tf-idf of stories: smoothed inverse document frequency and sublinear term
weights normalised to a unit vector. Story clustering weights an article's words by it,
claim matching the words of claims across the store, denials the words of one article's
claims."""

from __future__ import annotations

import math
from collections.abc import Mapping


def idf(documents: int, frequency: int) -> float:
    """Smoothed inverse document frequency of a term found in `frequency` of `documents`
    (scikit-learn's smooth_idf): never zero, so a word every document has still counts."""
    return math.log((documents + 1) / (frequency + 1)) + 1


def unit_vector(terms: Mapping[str, float], idfs: Mapping[str, float]) -> dict[str, float]:
    """Term weights (1 + log tf) x idf, normalised to length 1; a weight below 1 (a body
    word counted half) is scaled, not logged, so it stays below a headline word's."""
    vector = {t: (1 + math.log(n)) * idfs[t] if n >= 1 else n * idfs[t]
              for t, n in terms.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
