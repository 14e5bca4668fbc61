"""Multinomial logistic regression in numpy: full-batch gradient descent with Adam and
L2, on a dense matrix. Enough for a few thousand short texts; no new dependency."""

from __future__ import annotations

import numpy as np


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def fit(x: np.ndarray, y: np.ndarray, classes: int, l2: float = 1e-3,
        steps: int = 300, rate: float = 0.05, class_weight: np.ndarray | None = None,
        ) -> np.ndarray:
    """Weights (features x classes) minimising weighted cross-entropy + l2 |W|^2."""
    rows, cols = x.shape
    weights = np.zeros((cols, classes))
    target = np.zeros((rows, classes))
    target[np.arange(rows), y] = 1.0
    sample_weight = (class_weight[y] if class_weight is not None else np.ones(rows))[:, None]
    sample_weight = sample_weight / sample_weight.sum()
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        probs = softmax(x @ weights)
        grad = x.T @ ((probs - target) * sample_weight) + 2 * l2 * weights
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1 ** step)
        v_hat = v / (1 - beta2 ** step)
        weights -= rate * m_hat / (np.sqrt(v_hat) + eps)
    return weights
