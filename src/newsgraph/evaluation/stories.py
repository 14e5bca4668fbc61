"""Story clustering scored on Emergent: headlines in arrival order, dated by their
arrival, claims as gold stories, B-cubed, and a threshold chosen by cross-validation
over claims."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from ..stories.clustering import Article, StoryClusterer
from .stance import Pair, bcubed, claim_folds

THRESHOLDS = (0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3)
# Version-1 UUIDs count 100-nanosecond steps from the Gregorian calendar's start.
UUID_EPOCH = datetime(1582, 10, 15)


def arrival_date(pair: Pair) -> str | None:
    """The day Emergent recorded the article (its id is a time-based UUID): Emergent
    tracked rumours as they spread, so this is when the article was current."""
    try:
        ticks = uuid.UUID(pair.article_id).time
    except ValueError:
        return None
    return (UUID_EPOCH + timedelta(microseconds=ticks // 10)).date().isoformat()


def unique_articles(pairs: Sequence[Pair]) -> list[Pair]:
    """One pair per article, in arrival order."""
    seen: set[str] = set()
    articles = []
    for pair in sorted(pairs, key=lambda p: (p.arrival, p.article_id)):
        if pair.article_id not in seen:
            seen.add(pair.article_id)
            articles.append(pair)
    return articles


def cluster_scores(pairs: Sequence[Pair], threshold: float, dated: bool = True
                   ) -> tuple[tuple[float, float, float], int]:
    """B-cubed (P, R, F1) of clustering the pairs' headlines, and the number of stories;
    `dated` gives each headline its arrival date (else the window is arrival order)."""
    articles = unique_articles(pairs)
    clusterer = StoryClusterer(threshold)
    stories = clusterer.add_all(Article(p.article_id, p.headline,
                                        published=arrival_date(p) if dated else None)
                                for p in articles)
    return bcubed([p.claim_id for p in articles], [s.id for s in stories]), len(clusterer.stories)


def cross_validate_threshold(pairs: Sequence[Pair], k: int = 5,
                             thresholds: Sequence[float] = THRESHOLDS
                             ) -> list[tuple[float, tuple[float, float, float]]]:
    """Per fold: the threshold best on the other folds, and its scores on this fold."""
    results = []
    for fold in claim_folds(pairs, k):
        held = set(fold)
        train = [p for i, p in enumerate(pairs) if i not in held]
        test = [pairs[i] for i in fold]
        best = max(thresholds, key=lambda t: (cluster_scores(train, t)[0][2], -t))
        results.append((best, cluster_scores(test, best)[0]))
    return results
