"""Emergent (Ferreira & Vlachos 2016) for stance and story clustering: reading the CSV,
folds grouped by claim, per-class precision/recall/F1 and B-cubed scores."""

from __future__ import annotations

import csv
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .metrics import f1, prf


@dataclass(frozen=True)
class Pair:
    claim_id: str
    claim: str
    article_id: str
    headline: str
    stance: str

    @property
    def arrival(self) -> int:
        """The article id is a time-based UUID: its timestamp orders arrivals."""
        try:
            return uuid.UUID(self.article_id).time
        except ValueError:
            return 0


def load_pairs(path: Path) -> list[Pair]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [Pair(r["claimId"], r["claimHeadline"], r["articleId"], r["articleHeadline"],
                     r["articleHeadlineStance"]) for r in csv.DictReader(handle)]


def claim_folds(pairs: Sequence[Pair], k: int = 5, seed: int = 13) -> list[list[int]]:
    """k lists of pair indices; all pairs of one claim fall in the same fold."""
    claims = sorted({p.claim_id for p in pairs})
    random.Random(seed).shuffle(claims)
    fold_of = {claim: i % k for i, claim in enumerate(claims)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for index, pair in enumerate(pairs):
        folds[fold_of[pair.claim_id]].append(index)
    return folds


def per_class(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
              ) -> dict[str, tuple[float, float, float, int]]:
    """label -> (precision, recall, F1, gold count)."""
    scores = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        pred = sum(p == label for p in predicted)
        true = sum(g == label for g in gold)
        scores[label] = (*prf(tp, pred, tp, true), true)
    return scores


def bcubed(gold: Sequence[str], predicted: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a clustering (predicted cluster per item) against
    gold classes (gold class per item)."""
    if not gold:
        return 0.0, 0.0, 0.0
    pair_count = Counter(zip(gold, predicted))
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    precision = recall = 0.0
    for (g, p), together in pair_count.items():
        precision += together * together / pred_size[p]
        recall += together * together / gold_size[g]
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, f1(precision, recall)


def by_claim(pairs: Sequence[Pair]) -> dict[str, list[Pair]]:
    groups: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        groups[pair.claim_id].append(pair)
    return groups


def cross_validate_stance(pairs: Sequence[Pair], k: int = 5, **train_options
                          ) -> tuple[list[str], list[str]]:
    """Gold and predicted stances of every pair, each predicted by a model trained on
    the folds that do not hold its claim."""
    from ..stories.stance import StanceModel
    from ..stories.stance_features import pair_features

    features = [pair_features(p.claim, p.headline) for p in pairs]
    gold: list[str] = []
    predicted: list[str] = []
    for fold in claim_folds(pairs, k):
        held = set(fold)
        train = [i for i in range(len(pairs)) if i not in held]
        model = StanceModel.train_features([features[i] for i in train],
                                           [pairs[i].stance for i in train], **train_options)
        predicted += model.predict_features([features[i] for i in fold])
        gold += [pairs[i].stance for i in fold]
    return gold, predicted


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
