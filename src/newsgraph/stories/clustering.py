"""Incremental story clustering, the one clusterer of newsgraph: one pass, each new article
joins the most similar story above a threshold and in reach in time, or starts a new one.

An article is a bag of stemmed content words (headline, then the opening of its text
with less weight) plus, when its analysis is given, the names of its actors and places.
Words are weighted by tf-idf (tfidf.py), with document frequencies counted as articles
arrive; each article's vector is normalised once, when it arrives, and a story is the
running sum of its members' vectors, so comparing an article with a story costs one
sparse dot product over the words they share.

Where the counts and stories live is the clusterer's state: in memory (`MemoryState`,
for a batch of headlines such as Emergent's), or in the store's tables
(stories/store/cluster_state.py), so that each ingest continues where the last stopped.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from .text import content_stems
from .tfidf import idf, unit_vector

# How much the words of the body count against those of the headline, and how many
# body words are read: the lede says what the story is, the rest drifts.
BODY_WEIGHT = 0.5
BODY_WORDS = 60
NAME_WEIGHT = 1.0
# Chosen by cross-validation over Emergent's claims (benchmarks/stories.py).
DEFAULT_THRESHOLD = 0.225
# An article joins no story whose dates are further from its own than this.
MAX_GAP_DAYS = 30


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
        return title_of([(a.headline, v) for a, v in zip(self.articles, self.vectors)],
                        self.centroid)

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

    def add(self, article: Article, vector: dict[str, float]) -> None:
        self.articles.append(article)
        self.vectors.append(vector)
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        self.norm = math.sqrt(sum(w * w for w in self.centroid.values()))


@dataclass
class Assignment:
    story: str
    similarity: float | None  # None for the article that started the story
    new: bool
    vector: dict[str, float]


class ClusterState(Protocol):
    """Where the clusterer keeps its counts and stories."""

    def count(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """Count one more article with these terms: (articles counted, this one
        included; the number of articles having each term)."""

    def candidates(self, vector: dict[str, float], threshold: float
                   ) -> list[tuple[str, float, str | None, str | None]]:
        """(story, similarity, first date, last date) of each story at least `threshold`
        similar to the vector, in the order the stories were started."""

    def new_story(self) -> str:
        """Start a story; returns its id."""


class StoryClusterer:
    """Groups articles into stories as they arrive. `max_gap_days` keeps an article out
    of a story whose dates are further away than that (when both have dates). The state
    is in memory unless another is given; `add` and `stories` are the in-memory state's."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD,
                 max_gap_days: int | None = MAX_GAP_DAYS, state: ClusterState | None = None):
        self.threshold = threshold
        self.max_gap_days = max_gap_days
        self.state = state if state is not None else MemoryState()

    def assign(self, article: Article) -> Assignment:
        """The story the article joins (or a new one) and its vector; the caller adds the
        vector to the story."""
        terms = article_terms(article)
        seen, df = self.state.count(sorted(terms))
        vector = unit_vector(terms, {t: idf(seen, df[t]) for t in terms})
        best, best_score = None, self.threshold
        for story, similarity, first, last in self.state.candidates(vector, self.threshold):
            if similarity < best_score or not close_in_time(article.published, first, last,
                                                            self.max_gap_days):
                continue
            best, best_score = story, similarity
        if best is None:
            return Assignment(self.state.new_story(), None, True, vector)
        return Assignment(best, best_score, False, vector)

    @property
    def stories(self) -> list[Story]:
        return self._in_memory().stories

    def add(self, article: Article) -> Story:
        """Assign the article and add it to its story (in memory)."""
        assignment = self.assign(article)
        return self._in_memory().join(assignment.story, article, assignment.vector)

    def _in_memory(self) -> MemoryState:
        if not isinstance(self.state, MemoryState):
            # A programming error: the store's writer adds to stories itself.
            raise TypeError("add() and stories are for a clusterer with its state in memory")
        return self.state

    def add_all(self, articles: Iterable[Article]) -> list[Story]:
        """The story each article joined, in order."""
        return [self.add(a) for a in articles]


class MemoryState:
    """The clusterer's state in memory: stories with their articles, and postings from
    each term to the stories that have it."""

    def __init__(self) -> None:
        self.stories: list[Story] = []
        self._postings: dict[str, set[int]] = defaultdict(set)  # term -> story indices
        self._df: Counter = Counter()
        self._seen = 0

    def count(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        self._seen += 1
        self._df.update(terms)
        return self._seen, self._df

    def candidates(self, vector: dict[str, float], threshold: float
                   ) -> list[tuple[str, float, str | None, str | None]]:
        sharing: set[int] = set()
        for term in vector:
            sharing.update(self._postings.get(term, ()))
        found = []
        for index in sorted(sharing):
            story = self.stories[index]
            similarity = dot(vector, story.centroid) / story.norm if story.norm else 0.0
            if similarity >= threshold:
                found.append((story.id, similarity, *story.span))
        return found

    def new_story(self) -> str:
        story = Story(id=f"S{len(self.stories) + 1}")
        self.stories.append(story)
        return story.id

    def join(self, story_id: str, article: Article, vector: dict[str, float]) -> Story:
        index = int(story_id[1:]) - 1
        for term in vector:
            self._postings[term].add(index)
        story = self.stories[index]
        story.add(article, vector)
        return story


def close_in_time(published: str | None, first: str | None, last: str | None,
                  max_gap_days: int | None) -> bool:
    """Whether an article of that date is within `max_gap_days` of a story's dates (an
    article or story without dates always is)."""
    if max_gap_days is None or not published or not first or not last:
        return True
    try:
        day = date.fromisoformat(published[:10])
        gap = max((date.fromisoformat(first[:10]) - day).days,
                  (day - date.fromisoformat(last[:10])).days, 0)
    except ValueError:
        return True
    return gap <= max_gap_days


def article_terms(article: Article) -> Counter:
    """Term weights of an article: headline words count 1, body words BODY_WEIGHT."""
    terms: Counter = Counter(content_stems(article.headline))
    if article.text:
        for stem_ in content_stems(article.text, BODY_WORDS):
            terms[stem_] += BODY_WEIGHT
    for name in article.names:
        terms["name:" + name.lower()] += NAME_WEIGHT
    return terms


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def title_of(members: list[tuple[str, dict[str, float]]], centroid: dict[str, float]) -> str:
    """The headline of the member closest to the story's centre (the first on a tie)."""
    best = max(range(len(members)), key=lambda i: (dot(members[i][1], centroid), -i))
    return members[best][0]
