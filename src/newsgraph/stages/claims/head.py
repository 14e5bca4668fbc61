"""The accurate profile's token head: a one-hidden-layer network over the encoder's
token vectors giving each token a probability per BIO label (source, cue, content).

Its outputs reach the CRF as dense emission features (EMISSION_FEATURES): the CRF keeps
its parse features and transitions and learns how far to trust the head. Trained by
tools/train_attribution_accurate.py (numpy, no torch); shipped as models/attribution_head.npz.
"""

from __future__ import annotations

import numpy as np

LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
# Per label, the head's probability and its log (floored: a confident "no" must not
# outweigh every other feature).
LOG_FLOOR = -8.0
EMISSION_FEATURES = tuple(f"enc:p:{label}" for label in LABELS) + tuple(
    f"enc:l:{label}" for label in LABELS)


class TokenHead:
    def __init__(self, weights: dict[str, np.ndarray]):
        self.hidden_w = weights["hidden_w"].astype(np.float32)
        self.hidden_b = weights["hidden_b"].astype(np.float32)
        self.out_w = weights["out_w"].astype(np.float32)
        self.out_b = weights["out_b"].astype(np.float32)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        hidden = np.maximum(vectors.astype(np.float32) @ self.hidden_w + self.hidden_b, 0.0)
        logits = hidden @ self.out_w + self.out_b
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def emission_features(probabilities: np.ndarray) -> np.ndarray:
    """(tokens x 14): the probabilities, then their floored logs, in EMISSION_FEATURES order."""
    logs = np.maximum(np.log(np.maximum(probabilities, 1e-12)), LOG_FLOOR)
    return np.concatenate([probabilities, logs], axis=1).astype(np.float64)

