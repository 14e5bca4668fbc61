"""Candidate blocking of story assignment (stories/clustering.py): how many stories are
scored per article and what assigning costs, with blocking (the stories reached through
the postings of the article's distinctive terms) and without (every story of the window
that shares any term), over one replay of the same articles each way.

    .venv/bin/python benchmarks/blocking.py --db COPY.db        # a store's documents
    .venv/bin/python benchmarks/blocking.py --same-day N [--headlines] [--emergent]

--db rebuilds that store's derived tables twice (use a copy: it is rewritten) through
the store's writer (stories/store/cluster_state.py); --same-day clusters the first N
PolNeAR train+dev articles (headline: first line, body: the rest), all given one date,
so that every story is in every article's window, in memory and in a store-backed state
(--emergent: Emergent's 2,595 headlines after them, on the same day).
Both print whether the assignments were identical each way.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear"
EMERGENT = (ROOT.parent / "shared" / "data" / "stance" / "emergent"
            / "url-versions-2015-06-14-clean.csv")


class Meter:
    """Counts the candidates scored and times assign(), blocking on or off."""

    def __init__(self, blocking: bool):
        from newsgraph.stories.clustering import StoryClusterer

        self.blocking, self.scored, self.articles, self.seconds = blocking, 0, 0, 0.0
        self.assigned: list[str] = []
        original_assign = StoryClusterer.assign
        meter = self

        def assign(clusterer, article):
            state = clusterer.state
            original = state.candidates

            def candidates(vector, published, window, position, distinctive=None):
                found = original(vector, published, window, position,
                                 distinctive if meter.blocking else None)
                meter.scored += len(found)
                return found

            state.candidates = candidates
            started = time.perf_counter()
            try:
                result = original_assign(clusterer, article)
            finally:
                del state.candidates
            meter.seconds += time.perf_counter() - started
            meter.articles += 1
            meter.assigned.append(result.story)
            return result

        self._restore = lambda: setattr(StoryClusterer, "assign", original_assign)
        StoryClusterer.assign = assign

    def close(self) -> str:
        self._restore()
        n = max(self.articles, 1)
        return (f"{'blocking' if self.blocking else 'no blocking'}: {self.articles} articles, "
                f"{self.scored / n:.1f} candidate stories scored per article, assign "
                f"{self.seconds / n * 1000:.2f} ms per article")


def replay_store(db: Path) -> None:
    from newsgraph.store import Store
    from newsgraph.stories.store import rebuild

    runs = []
    for blocking in (False, True):
        meter = Meter(blocking)
        with Store(db) as store:
            rebuild(store)
        print(meter.close())
        runs.append(meter.assigned)
    print(f"assignments identical: {runs[0] == runs[1]}")


def polnear_articles(n: int, headlines: bool = False):
    from newsgraph.stories.clustering import Article

    files = sorted(p for split in ("train", "dev") for p in (POLNEAR / split / "text").glob("*"))
    for path in files[:n]:
        headline, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        yield Article(id=path.name, headline=headline, text="" if headlines else body,
                      published="2016-10-01")


def emergent_articles():
    from newsgraph.evaluation.stance import load_pairs
    from newsgraph.evaluation.stories import unique_articles
    from newsgraph.stories.clustering import Article

    for p in unique_articles(load_pairs(EMERGENT)):
        yield Article(id=p.article_id, headline=p.headline, published="2016-10-01")


def same_day(n: int, headlines: bool = False, emergent: bool = False) -> None:
    import sqlite3

    from newsgraph.store.migrations import migrate
    from newsgraph.stories.clustering import StoryClusterer
    from newsgraph.stories.store.cluster_state import StoredState

    articles = list(polnear_articles(n, headlines))
    if emergent:
        articles += list(emergent_articles())
    runs = []
    for blocking in (False, True):
        meter = Meter(blocking)
        clusterer = StoryClusterer()
        clusterer.add_all(articles)
        print("memory,", meter.close())
        runs.append(meter.assigned)
    for blocking in (False, True):
        conn = sqlite3.connect(":memory:")
        migrate(conn)
        state = StoredState(conn)
        clusterer = StoryClusterer(state=state)
        meter = Meter(blocking)
        for position, article in enumerate(articles, start=1):
            assignment = clusterer.assign(article)
            conn.execute("INSERT INTO story_documents (document, story, position, published, "
                         "vector) VALUES (?, ?, ?, ?, '{}')",
                         (article.id, assignment.story, position, article.published))
            _, norm = state.add_to_story(assignment.story, assignment.vector)
            conn.execute("UPDATE stories SET norm = ?, first_date = coalesce(first_date, ?), "
                         "last_date = ? WHERE id = ?",
                         (norm, article.published, article.published, assignment.story))
        print("store,", meter.close())
        runs.append(meter.assigned)
    print(f"assignments identical: {all(r == runs[0] for r in runs)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store to rebuild (a copy: it is rewritten)")
    parser.add_argument("--same-day", type=int, default=0,
                        help="cluster this many PolNeAR train+dev articles, all one date")
    parser.add_argument("--headlines", action="store_true",
                        help="--same-day with the headlines alone (no bodies)")
    parser.add_argument("--emergent", action="store_true",
                        help="--same-day: Emergent's headlines after them, the same day")
    args = parser.parse_args()
    if args.db:
        replay_store(Path(args.db))
    if args.same_day:
        if not POLNEAR.is_dir():
            print(f"{POLNEAR} is not available", file=sys.stderr)
            return 1
        same_day(args.same_day, args.headlines, args.emergent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
