"""The accurate profile's token head: a one-hidden-layer network over the encoder's
token vectors giving each token a probability per BIO label (source, cue, content).

Its outputs reach the CRF as dense emission features (EMISSION_FEATURES): the CRF keeps
its parse features and transitions and learns how far to trust the head. Trained by
tools/train_attribution_accurate.py (numpy, no torch); shipped as models/attribution_head.npz.
"""

from __future__ import annotations

import numpy as np

LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
# Per label, the head's probability.
EMISSION_FEATURES = tuple(f"enc:p:{label}" for label in LABELS)


class TokenHead:
    """One network, or several (their weights stacked on a first axis) whose
    probabilities are averaged: the cross-fitted heads of training, kept together."""

    def __init__(self, weights: dict[str, np.ndarray]):
        def members(name: str, dims: int) -> np.ndarray:
            array = weights[name].astype(np.float32)
            return array if array.ndim == dims + 1 else array[None]

        self.hidden_w = members("hidden_w", 2)
        self.hidden_b = members("hidden_b", 1)
        self.out_w = members("out_w", 2)
        self.out_b = members("out_b", 1)

    @property
    def width(self) -> int:
        return self.hidden_w.shape[1]

    @property
    def labels(self) -> int:
        return self.out_w.shape[2]

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        vectors = vectors.astype(np.float32)
        total = np.zeros((len(vectors), self.labels), dtype=np.float32)
        for member in range(len(self.hidden_w)):
            hidden = np.maximum(vectors @ self.hidden_w[member] + self.hidden_b[member], 0.0)
            logits = hidden @ self.out_w[member] + self.out_b[member]
            logits -= logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            total += exp / exp.sum(axis=1, keepdims=True)
        return total / len(self.hidden_w)


def emission_features(probabilities: np.ndarray) -> np.ndarray:
    """(tokens x 7): the probabilities, in EMISSION_FEATURES order. (Their logs as well
    left the CRF worse converged after 100 iterations, and worse on dev.)"""
    return probabilities.astype(np.float64)

