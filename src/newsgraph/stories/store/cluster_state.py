"""The story clusterer's state in the store's tables, so each ingest continues where the
last one stopped and a resumed run assigns every article as an uninterrupted one does:
document frequencies counted as articles arrive (`story_df`), a story as the sum of its
members' vectors (`story_terms`, one posting per term and story) with its norm and dates
(`stories`)."""

from __future__ import annotations

import json
import math
import sqlite3

# SQLite's default limit on host parameters is far above this; chunks keep queries short.
CHUNK = 400


class StoredState:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def count(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        seen = self.conn.execute("SELECT coalesce(max(position), 0) FROM story_documents"
                                 ).fetchone()[0] + 1
        self.conn.executemany("INSERT INTO story_df (term, n) VALUES (?, 1) ON CONFLICT(term) "
                              "DO UPDATE SET n = n + 1", [(t,) for t in terms])
        return seen, self._lookup("SELECT term, n FROM story_df WHERE term IN ({})", terms)

    def candidates(self, vector: dict[str, float], threshold: float
                   ) -> list[tuple[str, float, str | None, str | None]]:
        """SQLite sums the dot products: common terms ("said", a president's name) have a
        posting in most stories, and a Python loop over those postings grew with the
        store."""
        rows = self.conn.execute(
            "SELECT s.position, s.id, s.norm, s.first_date, s.last_date, d.dot FROM "
            "(SELECT st.story AS story, sum(v.value * st.weight) AS dot "
            " FROM json_each(?) v JOIN story_terms st ON st.term = v.key "
            " GROUP BY st.story) d JOIN stories s ON s.id = d.story "
            "WHERE s.norm > 0 AND d.dot / s.norm >= ? ORDER BY s.position",
            (json.dumps(vector, sort_keys=True), threshold)).fetchall()
        return [(story, dot / norm, first, last)
                for _position, story, norm, first, last, dot in rows]

    def new_story(self) -> str:
        position = self.conn.execute("SELECT coalesce(max(position), 0) FROM stories"
                                     ).fetchone()[0] + 1
        story = f"S{position}"
        self.conn.execute("INSERT INTO stories (id, position, documents, outlets, norm) "
                          "VALUES (?, ?, 0, 0, 0.0)", (story, position))
        return story

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
