"""How well entities cover the sources of gold attributions: an actor-recall measure.

A source is named (has a capitalised word past its first), a pronoun, or nominal
("sources", "a campaign aide"). Named and pronoun sources are actors the entity stage
should find; nominal ones are often anonymous and are reported apart.
"""

from __future__ import annotations

from collections import Counter

PRONOUNS = {"he", "she", "him", "her", "his", "they", "we", "i", "it", "you", "them"}


def source_kind(text: str) -> str:
    words = text.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if any(w[:1].isupper() for w in words[1:]) or (words and words[0][:1].isupper()
                                                   and words[0].lower() not in {"the", "a", "an"}):
        return "named"
    return "nominal"


def source_coverage(pairs) -> dict[str, tuple[int, int]]:
    """pairs: (Article, analysis). Returns kind -> (covered, total)."""
    covered, total = Counter(), Counter()
    for article, analysis in pairs:
        mentions = [tuple(m) for e in analysis["entities"] for m in e["mentions"]]
        for attribution in article.attributions:
            if not attribution.source:
                continue
            start, end = attribution.source[0]
            kind = source_kind(article.text[start:end])
            total[kind] += 1
            if any(ms < end and start < me for ms, me in mentions):
                covered[kind] += 1
    return {kind: (covered[kind], total[kind]) for kind in sorted(total)}
