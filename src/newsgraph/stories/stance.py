"""Stance of a text towards a claim: for, against or observing (Emergent's labels, the
model's), said everywhere else as what the text does with the claim: supports, denies or
reports (`STANCE_WORDS`, `stance_word`).

`StanceModel.load()` reads the shipped model (models/stance.npz, trained on all of
Emergent by tools/train_stance.py); `StanceModel.train()` fits a new one. The model is
a logistic regression over `stance_features.pair_features`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import StanceModelError
from .logistic import SparseRows, fit, softmax
from .stance_features import pair_features

LABELS = ("for", "against", "observing")
# The one vocabulary of the store, CLI, web, API and docs; the model keeps Emergent's
# labels so that it is trained and benchmarked on Emergent's gold as it is.
STANCE_WORDS = {"for": "supports", "against": "denies", "observing": "reports"}
WORDS = tuple(STANCE_WORDS[label] for label in LABELS)


def stance_word(label: str) -> str:
    """The word said for one of the model's labels."""
    return STANCE_WORDS[label]
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "stance.npz"


class StanceModel:
    def __init__(self, vocabulary: Sequence[str], weights: np.ndarray):
        self.vocabulary = list(vocabulary)
        self.columns = {name: i for i, name in enumerate(self.vocabulary)}
        self.weights = weights

    @classmethod
    def train(cls, claims: Sequence[str], headlines: Sequence[str], labels: Sequence[str],
              min_count: int = 2, l2: float = 1e-3, steps: int = 150) -> StanceModel:
        return cls.train_features([pair_features(c, h) for c, h in zip(claims, headlines)],
                                  labels, min_count=min_count, l2=l2, steps=steps)

    @classmethod
    def train_features(cls, rows: Sequence[dict[str, float]], labels: Sequence[str],
                       min_count: int = 2, l2: float = 1e-3, steps: int = 150) -> StanceModel:
        """Train on pairs already turned into features (cross-validation reuses them)."""
        counts = Counter(name for row in rows for name in row)
        vocabulary = sorted(name for name, n in counts.items() if n >= min_count)
        model = cls(vocabulary, np.zeros((len(vocabulary), len(LABELS))))
        y = np.array([LABELS.index(label) for label in labels])
        # Balanced class weights: "against" is the rarest label and the one that matters.
        freq = np.bincount(y, minlength=len(LABELS)).astype(float)
        class_weight = np.sqrt(freq.sum() / (len(LABELS) * np.maximum(freq, 1)))
        model.weights = fit(model._matrix(list(rows)), y, len(LABELS), l2=l2,
                                     steps=steps, class_weight=class_weight)
        return model

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> StanceModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls([str(v) for v in data["vocabulary"]], data["weights"])
        except (OSError, KeyError, ValueError) as exc:
            raise StanceModelError(f"cannot read stance model {path}: {exc}") from exc

    def save(self, path: Path = MODEL_PATH) -> None:
        np.savez_compressed(path, vocabulary=np.array(self.vocabulary),
                            weights=self.weights.astype(np.float32))

    def probabilities(self, claim: str, headline: str) -> dict[str, float]:
        scores = self._matrix([pair_features(claim, headline)]).dot(self.weights)
        probs = softmax(scores)
        return {label: float(p) for label, p in zip(LABELS, probs[0])}

    def predict(self, claim: str, headline: str) -> str:
        return self.predict_many([claim], [headline])[0]

    def predict_many(self, claims: Sequence[str], headlines: Sequence[str]) -> list[str]:
        return self.predict_features([pair_features(c, h) for c, h in zip(claims, headlines)])

    def predict_features(self, rows: Sequence[dict[str, float]]) -> list[str]:
        if not rows:
            return []
        best = self._matrix(list(rows)).dot(self.weights).argmax(axis=1)
        return [LABELS[i] for i in best]

    def _matrix(self, rows: list[dict[str, float]]) -> SparseRows:
        return SparseRows.from_dicts(rows, self.columns)
