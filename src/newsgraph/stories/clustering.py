"""Incremental story clustering: one pass, each new article joins the most similar
existing story above a threshold, or starts a new one.

An article is a bag of stemmed content words (headline, then the opening of its text
with less weight) plus, when its analysis is given, the names of its actors and places.
Words are weighted by tf-idf, with document frequencies counted as articles arrive;
each article's vector is normalised once, when it
arrives, and a story is the running sum of its members' vectors, so comparing an article
with a story costs one sparse dot product over the words they share.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .text import content_stems

# How much the words of the body count against those of the headline, and how many
# body words are read: the lede says what the story is, the rest drifts.
BODY_WEIGHT = 0.5
BODY_WORDS = 60
NAME_WEIGHT = 1.0
# Chosen by cross-validation over Emergent's claims (benchmarks/stories.py).
DEFAULT_THRESHOLD = 0.225


@dataclass
class Article:
    id: str
    headline: str
    text: str = ""
    published: str | None = None  # YYYY-MM-DD
    names: tuple[str, ...] = ()  # actors and places, from an analysis

    @classmethod
    def from_analysis(cls, analysis: dict) -> Article:
        """An article from a contract analysis: its title (or first sentence) as the
        headline, its actors and places as names."""
        document = analysis.get("document") or {}
        text = document.get("text") or ""
        headline = document.get("title") or text.split("\n", 1)[0][:300]
        names = [e.get("name", "") for e in analysis.get("entities", [])
                 if e.get("type") not in ("GROUP", "MEDIA")]
        # Directional regions ("northeastern Syria") repeat their anchor's name; a place
        # that is also an actor ("Syria") counts once.
        names += [p.get("name", "") for p in analysis.get("places", [])
                  if p.get("kind") != "region" or p.get("geonameid") is not None]
        unique = dict.fromkeys(n for n in names if n)
        return cls(id=str(document.get("id") or ""), headline=headline, text=text,
                   published=document.get("published"), names=tuple(unique))


@dataclass
class Story:
    id: str
    articles: list[Article] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors
    norm: float = 0.0

    @property
    def title(self) -> str:
        """The headline of the member closest to the story's centre."""
        best = max(range(len(self.articles)),
                   key=lambda i: (_dot(self.vectors[i], self.centroid), -i))
        return self.articles[best].headline

    @property
    def span(self) -> tuple[str | None, str | None]:
        dates = sorted(a.published for a in self.articles if a.published)
        return (dates[0], dates[-1]) if dates else (None, None)

    def top_terms(self, n: int = 5) -> list[str]:
        return [t for t, _ in sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
                if ":" not in t][:n]

    def as_dict(self) -> dict:
        first, last = self.span
        return {"id": self.id, "title": self.title, "terms": self.top_terms(),
                "first": first, "last": last, "articles": [a.id for a in self.articles]}

    def _add(self, article: Article, vector: dict[str, float]) -> None:
        self.articles.append(article)
        self.vectors.append(vector)
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        self.norm = math.sqrt(sum(w * w for w in self.centroid.values()))


class StoryClusterer:
    """Groups articles into stories as they arrive. `max_gap_days` keeps an article out
    of a story whose dates are further away than that (when both have dates)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, max_gap_days: int | None = 30):
        self.threshold = threshold
        self.max_gap_days = max_gap_days
        self.stories: list[Story] = []
        self._postings: dict[str, set[int]] = defaultdict(set)  # term -> story indices
        self._df: Counter = Counter()
        self._seen = 0

    def add(self, article: Article) -> Story:
        terms = _terms(article)
        self._seen += 1
        self._df.update(terms.keys())
        vector = self._vector(terms)
        story = self._best_story(vector, article)
        if story is None:
            story = Story(id=f"S{len(self.stories) + 1}")
            self.stories.append(story)
        index = int(story.id[1:]) - 1
        for term in vector:
            self._postings[term].add(index)
        story._add(article, vector)
        return story

    def add_all(self, articles: Iterable[Article]) -> list[Story]:
        """The story each article joined, in order."""
        return [self.add(a) for a in articles]

    def similarity(self, article_vector: dict[str, float], story: Story) -> float:
        if not story.norm:
            return 0.0
        return _dot(article_vector, story.centroid) / story.norm

    def _best_story(self, vector: dict[str, float], article: Article) -> Story | None:
        candidates: set[int] = set()
        for term in vector:
            candidates.update(self._postings.get(term, ()))
        best, best_score = None, self.threshold
        for index in sorted(candidates):
            story = self.stories[index]
            if not self._close_in_time(article, story):
                continue
            score = self.similarity(vector, story)
            if score >= best_score:
                best, best_score = story, score
        return best

    def _close_in_time(self, article: Article, story: Story) -> bool:
        if self.max_gap_days is None or not article.published:
            return True
        first, last = story.span
        if first is None:
            return True
        try:
            day = date.fromisoformat(article.published[:10])
            gap = max((date.fromisoformat(first[:10]) - day).days,
                      (day - date.fromisoformat(last[:10])).days, 0)
        except ValueError:
            return True
        return gap <= self.max_gap_days

    def _idf(self, term: str) -> float:
        return math.log((self._seen + 1) / (self._df[term] + 1)) + 1

    def _vector(self, terms: Counter) -> dict[str, float]:
        vector = {t: (1 + math.log(n)) * self._idf(t) if n >= 1 else n * self._idf(t)
                  for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in vector.values()))
        return {t: w / norm for t, w in vector.items()} if norm else {}


def _terms(article: Article) -> Counter:
    """Term weights of an article: headline words count 1, body words BODY_WEIGHT."""
    terms: Counter = Counter(content_stems(article.headline))
    if article.text:
        for stem_ in content_stems(article.text, BODY_WORDS):
            terms[stem_] += BODY_WEIGHT
    for name in article.names:
        terms["name:" + name.lower()] += NAME_WEIGHT
    return terms


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
