"""Multinomial logistic regression in numpy over sparse rows: full-batch gradient descent
with Adam and L2. Features are mostly 0/1 word indicators, so a row is a short list of
(column, value) pairs and one step costs O(non-zeros); no new dependency."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SparseRows:
    """A matrix as coordinate lists: value `values[i]` at (`rows[i]`, `cols[i]`)."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_dicts(cls, dicts: list[dict[str, float]], columns: dict[str, int]) -> SparseRows:
        rows, cols, values = [], [], []
        for r, row in enumerate(dicts):
            for name, value in row.items():
                column = columns.get(name)
                if column is not None and value:
                    rows.append(r)
                    cols.append(column)
                    values.append(value)
        return cls(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64),
                   np.array(values, dtype=np.float64), (len(dicts), len(columns)))

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """self @ weights."""
        # Class-major layout: each class's contributions are one contiguous array.
        contributions = np.ascontiguousarray(weights.T)[:, self.cols] * self.values
        return np.stack([np.bincount(self.rows, c, minlength=self.shape[0])
                         for c in contributions], axis=1)

    def t_dot(self, residual: np.ndarray) -> np.ndarray:
        """self.T @ residual."""
        contributions = np.ascontiguousarray(residual.T)[:, self.rows] * self.values
        return np.stack([np.bincount(self.cols, c, minlength=self.shape[1])
                         for c in contributions], axis=1)


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def fit(x: SparseRows, y: np.ndarray, classes: int, l2: float = 1e-3,
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
        probs = softmax(x.dot(weights))
        grad = x.t_dot((probs - target) * sample_weight) + 2 * l2 * weights
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1 ** step)
        v_hat = v / (1 - beta2 ** step)
        weights -= rate * m_hat / (np.sqrt(v_hat) + eps)
    return weights
