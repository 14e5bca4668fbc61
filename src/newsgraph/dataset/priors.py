"""The document frequencies a time window of `stories build --window-days N` starts from.

The clusterer weighs an article's words by the articles counted before it (tf-idf), and
calls a word common only once MIN_COUNTED (100) articles are counted. A window counting
only its own articles (a week of a small corpus: ~19) weighs every word alike and never
calls one common, so its stories over-merge. So before the windows run, one pass over
the documents counts the clusterer's terms of each, and each window starts from the
counts of every document of the windows before it (published before it): in the single
pass of a store ingesting in publication order, exactly what each of its articles saw.
Counted by publication, not by the order the documents were written, so that a window's
start does not depend on how a back-fill happened to be ordered, and each window needs
one set of counts, not one per article; within the window its own articles are counted
as they arrive, as the store counts them.

A window receives the counts of its own articles' terms only (the clusterer reads no
other), so what travels to a worker grows with the window, not the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from ..stories.clustering import Article, article_terms
from ..stories.store.cluster_state import StoredState
from ..stories.store.writer import StoryWriter
from .analyses import iter_analyses
from .duck import DuckConnection, open_files

Prior = tuple[dict[str, int], int]  # term -> documents having it, documents counted

# Article.from_analysis reads the document, its actors and its places.
TABLES = ("entities", "places")


def window_terms(conn: DuckConnection, hashes: list[str]) -> Counter:
    """term -> documents of `hashes` having it."""
    own: Counter = Counter()
    for _, analysis in iter_analyses(conn, hashes, TABLES):
        own.update(article_terms(Article.from_analysis(analysis)).keys())
    return own


def count_window(url: str, hashes: list[str], files: dict[str, list[str]],
                 dedupe: bool) -> Counter:
    """`window_terms` of a window, read from `files` (its months' files) only: the first,
    parallel pass of the stories job (a Ray task or a pool's)."""
    with open_files(url, files, dedupe=dedupe) as conn:
        return window_terms(conn, hashes)


def priors_from(counts: Iterable[Counter], sizes: Iterable[int]) -> Iterator[Prior]:
    """Each window's prior from the windows' own term counts and sizes, in window order:
    the counts of the windows before it, of its own terms only."""
    counted: Counter = Counter()
    seen = 0
    for own, size in zip(counts, sizes):
        yield {t: counted[t] for t in sorted(own) if t in counted}, seen
        counted.update(own)
        seen += size


def window_priors(conn: DuckConnection, windows: list[list[str]]) -> Iterator[Prior]:
    """For each window in order, the counts of the documents of the windows before it:
    (term -> documents, of the window's own terms only; documents)."""
    return priors_from((window_terms(conn, hashes) for hashes in windows),
                       (len(hashes) for hashes in windows))


class PriorState(StoredState):
    """The store's clusterer state, counting from a window's prior: document frequencies
    and the articles counted include the windows before. Positions in the window's own
    tables (the arrival order the window bounds undated articles by) stay its own."""

    def __init__(self, conn, prior: Prior):
        super().__init__(conn)
        self.prior_df, self.prior_seen = prior
        # Each story's centre as add_to_story last wrote it. A window's scratch store has
        # this one writer for its whole life and is thrown away on any error, so the copy
        # cannot go stale; reading it replaces a key lookup in story_terms per term of the
        # article and story in reach (most of a window's time where weeks are dense).
        self.centres: dict[str, dict[str, float]] = {}

    def count(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        seen, df = super().count(terms)
        return seen + self.prior_seen, {t: n + self.prior_df.get(t, 0) for t, n in df.items()}

    def candidates(self, vector, published, window, position, distinctive=None):
        return super().candidates(vector, published, window, position - self.prior_seen,
                                  distinctive)

    def add_to_story(self, story, vector):
        centre, norm = super().add_to_story(story, vector)
        self.centres[story] = centre
        return centre, norm

    def _shared_weights(self, vector, in_reach):
        """As the store's query computes them, from the centres kept in memory."""
        found = {}
        terms = frozenset(vector)
        for story, norm in in_reach:
            centre = self.centres[story]
            shared = terms.intersection(centre)  # mostly a few terms of hundreds
            if shared:
                found[story] = {term: vector[term] * centre[term] / norm
                                for term in sorted(shared)}
        return found


def prior_writer(prior: Prior) -> type[StoryWriter]:
    """The store's stories writer, its clusterer counting from `prior`."""

    class PriorWriter(StoryWriter):
        def __init__(self, conn):
            super().__init__(conn)
            self.state = self.clusterer.state = PriorState(conn, prior)

    return PriorWriter
