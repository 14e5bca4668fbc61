"""Span scores: exact and overlapping precision / recall / F1 per role."""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import prf

Span = tuple[int, int]


def strip_span(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class Score:
    exact_hits: int = 0
    pred: int = 0
    gold: int = 0
    pred_overlapping: int = 0
    gold_overlapped: int = 0

    def add(self, predicted: list[Span], gold: list[Span]) -> None:
        predicted, gold = sorted(set(predicted)), sorted(set(gold))
        self.pred += len(predicted)
        self.gold += len(gold)
        self.exact_hits += len(set(predicted) & set(gold))
        self.pred_overlapping += sum(any(_overlap(p, g) for g in gold) for p in predicted)
        self.gold_overlapped += sum(any(_overlap(p, g) for p in predicted) for g in gold)

    def exact(self) -> tuple[float, float, float]:
        return prf(self.exact_hits, self.pred, self.exact_hits, self.gold)

    def overlap(self) -> tuple[float, float, float]:
        return prf(self.pred_overlapping, self.pred, self.gold_overlapped, self.gold)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
