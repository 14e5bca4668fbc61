"""A story across outlets: where each article stands on the story's claim, and how that
changed over time (a rumour reported, then confirmed, or then debunked)."""

from __future__ import annotations

from collections import Counter

from .clustering import Story
from .stance import LABELS, StanceModel


def story_stances(story: Story, model: StanceModel, claim: str | None = None) -> list[dict]:
    """For each article of the story, in arrival order: its stance towards the claim (by
    default the headline of the story's first article, the claim as first told)."""
    if not story.articles:
        return []
    claim = claim if claim is not None else story.articles[0].headline
    rows = []
    for article in story.articles:
        probabilities = model.probabilities(claim, article.headline)
        rows.append({"article": article.id, "published": article.published,
                     "headline": article.headline,
                     "stance": max(LABELS, key=probabilities.get),
                     "probabilities": probabilities})
    return rows


def stance_timeline(stances: list[dict]) -> list[dict]:
    """Counts of each stance per publication date, oldest first; articles without a date
    are left out."""
    by_day: dict[str, Counter] = {}
    for row in stances:
        if row.get("published"):
            by_day.setdefault(row["published"][:10], Counter())[row["stance"]] += 1
    return [{"date": day, **{label: counts[label] for label in LABELS}}
            for day, counts in sorted(by_day.items())]
