"""Precision, recall and F1, the one formula every scorer here reports."""

from __future__ import annotations


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(hits_predicted: int, predicted: int, hits_gold: int,
        gold: int) -> tuple[float, float, float]:
    """(P, R, F1) from the predictions that hit and the gold items that were hit (the same
    count for exact matching; they differ for overlap matching)."""
    precision = hits_predicted / predicted if predicted else 0.0
    recall = hits_gold / gold if gold else 0.0
    return precision, recall, f1(precision, recall)
