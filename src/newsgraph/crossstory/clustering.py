"""Story clustering inside the store: the one-pass StoryClusterer of stories/clustering.py
with its state in tables, so each ingest continues where the last one stopped and a
resumed run assigns every article as an uninterrupted one does.

Same weights and threshold as StoryClusterer: an article's terms (headline, lede, names)
weighted by tf-idf with document frequencies counted as articles arrive (`story_df`),
normalised once; a story is the sum of its members' vectors (`story_terms`, one posting
per term and story) and the article joins the most similar story in reach in time, or
starts a new one.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..stories.clustering import DEFAULT_THRESHOLD, Article, _terms

MAX_GAP_DAYS = 30
# SQLite's default limit on host parameters is far above this; chunks keep queries short.
CHUNK = 400


@dataclass
class Assignment:
    story: str
    similarity: float | None  # None for the article that started the story
    new: bool
    vector: dict[str, float]


class StoredClusterer:
    def __init__(self, conn: sqlite3.Connection, threshold: float = DEFAULT_THRESHOLD,
                 max_gap_days: int | None = MAX_GAP_DAYS):
        self.conn = conn
        self.threshold = threshold
        self.max_gap_days = max_gap_days

    def assign(self, article: Article) -> Assignment:
        terms = _terms(article)
        seen = self.conn.execute("SELECT coalesce(max(position), 0) FROM story_documents"
                                 ).fetchone()[0] + 1
        self.conn.executemany("INSERT INTO story_df (term, n) VALUES (?, 1) ON CONFLICT(term) "
                              "DO UPDATE SET n = n + 1", [(t,) for t in sorted(terms)])
        df = self._lookup("SELECT term, n FROM story_df WHERE term IN ({})", sorted(terms))
        vector = _vector(terms, {t: math.log((seen + 1) / (df[t] + 1)) + 1 for t in terms})
        best, score = self._best_story(vector, article)
        if best is None:
            return Assignment(self._new_story(), None, True, vector)
        return Assignment(best, score, False, vector)

    def add_to_story(self, story: str,
                     vector: dict[str, float]) -> tuple[dict[str, float], float]:
        """Add a member's vector to the story's postings; returns the story's new centre
        (term -> weight) and its norm."""
        self.conn.executemany(
            "INSERT INTO story_terms (term, story, weight) VALUES (?, ?, ?) "
            "ON CONFLICT(term, story) DO UPDATE SET weight = weight + excluded.weight",
            [(t, story, w) for t, w in sorted(vector.items())])
        centroid = dict(self.conn.execute(
            "SELECT term, weight FROM story_terms WHERE story = ? ORDER BY term", (story,)))
        return centroid, math.sqrt(sum(w * w for w in centroid.values()))

    def _lookup(self, sql: str, terms: list[str]) -> dict:
        out: dict = {}
        for at in range(0, len(terms), CHUNK):
            chunk = terms[at:at + CHUNK]
            out.update(self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
        return out

    def _best_story(self, vector: dict[str, float], article: Article) -> tuple[str | None, float]:
        """The most similar story in reach in time, above the threshold. SQLite sums the
        dot products: common terms ("said", a president's name) have a posting in most
        stories, and a Python loop over those postings grew with the store."""
        rows = self.conn.execute(
            "SELECT s.position, s.id, s.norm, s.first_date, s.last_date, d.dot FROM "
            "(SELECT st.story AS story, sum(v.value * st.weight) AS dot "
            " FROM json_each(?) v JOIN story_terms st ON st.term = v.key "
            " GROUP BY st.story) d JOIN stories s ON s.id = d.story "
            "WHERE s.norm > 0 AND d.dot / s.norm >= ? ORDER BY s.position",
            (json.dumps(vector, sort_keys=True), self.threshold)).fetchall()
        best, best_score = None, self.threshold
        for _position, story, norm, first, last, dot in rows:
            if dot / norm < best_score or not self._close_in_time(article.published, first,
                                                                     last):
                continue
            best, best_score = story, dot / norm
        return best, best_score

    def _close_in_time(self, published: str | None, first: str | None, last: str | None) -> bool:
        if self.max_gap_days is None or not published or not first or not last:
            return True
        try:
            day = date.fromisoformat(published[:10])
            gap = max((date.fromisoformat(first[:10]) - day).days,
                      (day - date.fromisoformat(last[:10])).days, 0)
        except ValueError:
            return True
        return gap <= self.max_gap_days

    def _new_story(self) -> str:
        position = self.conn.execute("SELECT coalesce(max(position), 0) FROM stories"
                                     ).fetchone()[0] + 1
        story = f"S{position}"
        self.conn.execute("INSERT INTO stories (id, position, documents, outlets, norm) "
                          "VALUES (?, ?, 0, 0, 0.0)", (story, position))
        return story


def _vector(terms: Counter, idf: dict[str, float]) -> dict[str, float]:
    vector = {t: (1 + math.log(n)) * idf[t] if n >= 1 else n * idf[t] for t, n in terms.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def title_of(members: list[tuple[str, dict[str, float]]], centroid: dict[str, float]) -> str:
    """The headline of the member closest to the story's centre (the first on a tie)."""
    best = max(range(len(members)), key=lambda i: (
        sum(w * centroid.get(t, 0.0) for t, w in members[i][1].items()), -i))
    return members[best][0]
