"""The learned re-typer: a multinomial logistic regression over the features of each event
the rules found (candidate_features.py) that may give it another PLOVER type.

The rules' type is one of its features, so the model learns where the rules' reading
holds and where the words around it say otherwise ("agreed to lift sanctions" is a
concession, not an agreement; "warned of retaliation" a threat). It overrides the rules only
when its own type is at least `confidence` probable and more probable than the rules' by
`margin`, both chosen by cross-validation and kept in the model file, so an uncertain model
leaves the rules' answer alone (the rules carry the PLOVER manual's boundaries, which the
synthetic stories' labels do not always follow).

Trained by tools/train_event_typer.py on the NGEC synthetic stories' four training fifths
(never the held-aside fifth) and shipped as models/event_typer.npz.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Sequence

import numpy as np

from ...errors import ModelCorruptError, ModelNotInstalledError

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "event_typer.npz"


class EventRetyper:
    def __init__(self, vocabulary: Sequence[str], labels: Sequence[str], weights: np.ndarray,
                 margin: float, confidence: float = 0.0):
        self.vocabulary = list(vocabulary)
        self.labels = list(labels)
        self.columns = {name: i for i, name in enumerate(self.vocabulary)}
        self.weights = np.asarray(weights, dtype=np.float64)
        self.margin = float(margin)
        self.confidence = float(confidence)
        if self.weights.shape != (len(self.vocabulary), len(self.labels)):
            raise ModelCorruptError(
                f"event typer: weights {self.weights.shape} do not match "
                f"{len(self.vocabulary)} features x {len(self.labels)} labels")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EventRetyper:
        if not path.is_file():
            raise ModelNotInstalledError(f"event typer model missing: {path}")
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls([str(v) for v in data["vocabulary"]],
                           [str(v) for v in data["labels"]], data["weights"],
                           float(data["margin"]), float(data["confidence"]))
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelCorruptError(f"unreadable event typer model {path}: {exc}") from exc

    def save(self, path: Path = MODEL_PATH) -> None:
        np.savez_compressed(path, vocabulary=np.array(self.vocabulary),
                            labels=np.array(self.labels),
                            weights=self.weights.astype(np.float32),
                            margin=np.array(self.margin),
                            confidence=np.array(self.confidence))

    def probabilities(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """One row of label probabilities per feature dict (rows x labels)."""
        scores = np.zeros((len(rows), len(self.labels)))
        for r, row in enumerate(rows):
            # sorted: the same sum in the same order on every run
            cols = [(self.columns[name], value) for name, value in sorted(row.items())
                    if name in self.columns]
            if cols:
                index = np.array([c for c, _ in cols])
                values = np.array([v for _, v in cols])
                scores[r] = values @ self.weights[index]
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def choose(self, rows: Sequence[dict[str, float]], rule_types: Sequence[str],
               margin: float | None = None, confidence: float | None = None) -> list[str]:
        """The type of each candidate: the model's best where it is at least `confidence`
        probable and beats the rules' type by `margin`, else the rules' type."""
        if not rows:
            return []
        margin = self.margin if margin is None else margin
        confidence = self.confidence if confidence is None else confidence
        probs = self.probabilities(rows)
        chosen = []
        for row, rule in zip(probs, rule_types):
            best = int(row.argmax())  # the first of equals: labels are sorted
            own = row[self.labels.index(rule)] if rule in self.labels else 0.0
            sure = row[best] >= confidence and row[best] - own > margin
            chosen.append(self.labels[best] if sure else rule)
        return chosen
