"""A story across outlets: where each article stands on the story's claim, and how that
changed over time (a rumour reported, then confirmed, or then debunked)."""

from __future__ import annotations

from collections import Counter

from .clustering import Story
from .stance import WORDS, StanceModel, stance_word

UNDATED = "undated"  # said for a missing date wherever a story is shown


def story_stances(story: Story, model: StanceModel, claim: str | None = None) -> list[dict]:
    """For each article of the story, in arrival order: its stance towards the claim (by
    default the headline of the story's first article, the claim as first told), said as
    the store says it (supports / denies / reports), with the probability of each."""
    if not story.articles:
        return []
    claim = claim if claim is not None else story.articles[0].headline
    rows = []
    for article in story.articles:
        probabilities = {stance_word(label): p for label, p in
                         model.probabilities(claim, article.headline).items()}
        rows.append({"article": article.id, "published": article.published,
                     "headline": article.headline,
                     "stance": max(WORDS, key=probabilities.get),
                     "probabilities": probabilities})
    return rows


def stance_timeline(stances: list[dict]) -> list[dict]:
    """Counts of each stance per publication date, oldest first; articles without a date
    are left out."""
    by_day: dict[str, Counter] = {}
    for row in stances:
        if row.get("published"):
            by_day.setdefault(row["published"][:10], Counter())[row["stance"]] += 1
    return [{"date": day, **{word: counts[word] for word in WORDS}}
            for day, counts in sorted(by_day.items())]


def claim_line(speaker: str | None, content: str | None, cue: str | None) -> str:
    """A claim of a story as one line: a claim whose content the claims stage did not
    find is said by its cue alone, a claim without a named speaker by an unnamed source."""
    who = speaker or "unnamed source"
    if content:
        return f"{who}: {content}"
    return f"{who} {cue}" if cue else f"{who}: (no content)"


def dated(outlet: str | None, date: str | None) -> str:
    return f"{outlet or '?'} {date or UNDATED}"


def span_text(first: str | None, last: str | None) -> str:
    if not first:
        return UNDATED
    return first if first == last else f"{first} .. {last}"
