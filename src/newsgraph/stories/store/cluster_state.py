"""The story clusterer's state in the store's tables, so each ingest continues where the
last one stopped and a resumed run assigns every article as an uninterrupted one does:
document frequencies counted as articles arrive (`story_df`), a story as the sum of its
members' vectors (`story_terms`, one posting per term and story) with its norm and dates
(`stories`).

Assigning an article reads the stories of its time window only (stories/window.py): the
dated ones through the index on their latest date, the rest through the arrival
positions of the latest articles; then, for those stories alone, the postings of the
article's terms, one key lookup each. Reading every posting of the article's terms
instead would grow with the store: "said", "Trump" or "police" have one in most stories.
So the postings read are those of the article's distinctive terms only (a document-
frequency cap: no common term's), and only when they are fewer than those lookups; they
block the window's stories to the ones that share such a term, the only ones that can
pass the join rule (clustering.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..clustering import Candidate, centroid_norm
from ..window import Window, parse_day

# SQLite's default limit on host parameters is far above this; chunks keep queries short.
CHUNK = 400


class StoredState:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        # The last article's own counts in this store: a term has at most that many
        # postings (the article counted itself, which has none yet).
        self._counted: dict[str, int] = {}

    def count(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        seen = self.conn.execute("SELECT coalesce(max(position), 0) FROM story_documents"
                                 ).fetchone()[0] + 1
        self.conn.executemany("INSERT INTO story_df (term, n) VALUES (?, 1) ON CONFLICT(term) "
                              "DO UPDATE SET n = n + 1", [(t,) for t in terms])
        self._counted = self._lookup("SELECT term, n FROM story_df WHERE term IN ({})", terms)
        return seen, self._counted

    def candidates(self, vector: dict[str, float], published: str | None, window: Window,
                   position: int, distinctive: Iterable[str] | None = None
                   ) -> list[Candidate]:
        in_reach = [(story, norm) for story, norm, first, last, latest, _ in
                    self._window_stories(published, window, position)
                    if norm > 0 and window.in_reach(published, first, last, latest, position)]
        distinctive = None if distinctive is None else sorted(distinctive)
        # Blocking (clustering.py): only the stories that have a distinctive term. Read
        # through those terms' postings (the key of story_terms is term first) when they
        # are fewer than the lookups they save; either way the same stories are kept.
        if distinctive is not None and in_reach and (
                sum(self._counted.get(t, 0) for t in distinctive)
                < len(in_reach) * len(vector)):
            sharing = {row[0] for row in self.conn.execute(
                "SELECT DISTINCT story FROM story_terms WHERE term IN "
                "(SELECT value FROM json_each(?))", (json.dumps(distinctive),))}
            in_reach = [(story, norm) for story, norm in in_reach if story in sharing]
        if not in_reach or not vector:
            return []
        found = self._shared_weights(vector, in_reach)
        keep = (lambda parts: True) if distinctive is None else (
            lambda parts, terms=frozenset(distinctive): not terms.isdisjoint(parts))
        return [(story, found[story]) for story, _ in in_reach
                if story in found and keep(found[story])]

    def _shared_weights(self, vector: dict[str, float], in_reach: list[tuple[str, float]]
                        ) -> dict[str, dict[str, float]]:
        """story -> {term: the article's weight x the story's / the story's norm}, for the
        terms of `vector` each story in reach has, in term order."""
        norms = dict(in_reach)
        # CROSS JOIN fixes the order: for each story and term, one key lookup (left to
        # itself, SQLite read every term of each story through the story index).
        rows = self.conn.execute(
            "WITH v AS (SELECT key AS term, value FROM json_each(?1)), "
            "c AS (SELECT value AS story FROM json_each(?2)) "
            "SELECT st.story, v.term, v.value, st.weight FROM c CROSS JOIN v "
            "CROSS JOIN story_terms st WHERE st.term = v.term AND st.story = c.story",
            (json.dumps(vector, sort_keys=True), json.dumps([s for s, _ in in_reach])))
        found: dict[str, dict[str, float]] = {}
        for story, term, value, weight in rows:
            found.setdefault(story, {})[term] = value * weight / norms[story]
        return found

    def _window_stories(self, published: str | None, window: Window, position: int
                        ) -> list[tuple[str, float, str | None, str | None, int, int]]:
        """(id, norm, first date, last date, latest arrival, start position) of the stories
        an article could reach, in the order they were started: those whose latest date
        is in the window's range, and those with one of the latest articles."""
        day = parse_day(published)
        # A dated article reaches a dated story by dates alone: of the latest articles,
        # only the undated ones can bring it a story the dates do not.
        undated = "" if day is None else " AND published IS NULL"
        # "+story": group without the story index, which would scan every article; the
        # range on the positions reads the latest ones only.
        stories = {row[0]: row for row in self.conn.execute(
            "SELECT s.id, s.norm, s.first_date, s.last_date, r.latest, s.position FROM "
            "(SELECT story, max(position) AS latest FROM story_documents WHERE position > ?"
            f"{undated} GROUP BY +story) r JOIN stories s ON s.id = r.story",
            (position - window.recent_articles - 1,))}
        if day is not None:
            low, high = window.date_range(day)
            stories.update((row[0], row) for row in self.conn.execute(
                "SELECT s.id, s.norm, s.first_date, s.last_date, (SELECT max(sd.position) "
                "FROM story_documents sd WHERE sd.story = s.id), s.position "
                "FROM stories s WHERE s.last_date BETWEEN ? AND ?", (low, high)))
        return sorted(stories.values(), key=lambda row: row[5])

    def new_story(self) -> str:
        position = self.conn.execute("SELECT coalesce(max(position), 0) FROM stories"
                                     ).fetchone()[0] + 1
        story = f"S{position}"
        self.conn.execute("INSERT INTO stories (id, position, documents, outlets, norm) "
                          "VALUES (?, ?, 0, 0, 0.0)", (story, position))
        return story

    def add_to_story(self, story: str, vector: dict[str, float], position: int,
                     published: str | None) -> tuple[dict[str, float], float]:
        """Add a member's vector to the story's postings; returns the story's new centre
        (term -> weight) and its norm. The member's arrival position and date are in
        story_documents already; a state that keeps its stories in memory takes them
        from here."""
        self.conn.executemany(
            "INSERT INTO story_terms (term, story, weight) VALUES (?, ?, ?) "
            "ON CONFLICT(term, story) DO UPDATE SET weight = weight + excluded.weight",
            [(t, story, w) for t, w in sorted(vector.items())])
        centroid = dict(self.conn.execute(
            "SELECT term, weight FROM story_terms WHERE story = ? ORDER BY term", (story,)))
        return centroid, centroid_norm(centroid)

    def _lookup(self, sql: str, terms: list[str]) -> dict:
        out: dict = {}
        for at in range(0, len(terms), CHUNK):
            chunk = terms[at:at + CHUNK]
            out.update(self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
        return out
