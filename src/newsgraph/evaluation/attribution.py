"""Scoring claims against PolNeAR attributions: source, cue and content spans."""

from __future__ import annotations

from .brat_attributions import Article
from .spans import Score, strip_span

ROLES = ("source", "cue", "content")


def gold_spans(article: Article) -> dict[str, list]:
    spans = {role: [] for role in ROLES}
    for attribution in article.attributions:
        for role in ROLES:
            spans[role] += [strip_span(article.text, s) for s in getattr(attribution, role)]
    return spans


def predicted_spans(analysis: dict) -> dict[str, list]:
    text = analysis["document"]["text"]
    spans = {role: [] for role in ROLES}
    for claim in analysis["claims"]:
        if claim["source"]:
            spans["source"].append(strip_span(text, tuple(claim["source"])))
        if claim["cue"]:
            spans["cue"].append(strip_span(text, tuple(claim["cue"])))
        spans["content"] += [strip_span(text, tuple(s)) for s in claim["content"]]
    return spans


def score(pairs) -> dict[str, Score]:
    """pairs: (Article, analysis) -> role -> Score."""
    scores = {role: Score() for role in ROLES}
    for article, analysis in pairs:
        gold, predicted = gold_spans(article), predicted_spans(analysis)
        for role in ROLES:
            scores[role].add(predicted[role], gold[role])
    return scores
