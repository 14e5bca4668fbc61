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
from datetime import date

from ..stories.clustering import Article, article_terms
from ..stories.store.cluster_state import StoredState
from ..stories.store.writer import StoryWriter
from ..stories.window import Window, parse_day
from .analyses import iter_analyses
from .duck import DuckConnection, open_files

NO_STORIES: frozenset[str] = frozenset()
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
    tables (the arrival order the window bounds undated articles by) stay its own.

    A window's scratch store has this one writer for its whole life and is thrown away on
    any error, so what the state keeps in memory of its stories cannot go stale: each
    story's centre, the postings from a term to the stories having it, and what the
    window reads of a story (ReachFacts). An article's candidates are then the stories
    sharing one of its distinctive terms, taken from the postings, and tested for reach
    from memory: the stories and postings the store's queries read for each article
    (StoredState.candidates: every story of the window's dates, then a key lookup per
    term and story) were most of a window's time where weeks are dense."""

    def __init__(self, conn, prior: Prior):
        super().__init__(conn)
        self.prior_df, self.prior_seen = prior
        self.centres: dict[str, dict[str, float]] = {}
        self.postings: dict[str, set[str]] = {}
        self.facts: dict[str, ReachFacts] = {}

    def count(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        seen, df = super().count(terms)
        return seen + self.prior_seen, {t: n + self.prior_df.get(t, 0) for t, n in df.items()}

    def new_story(self) -> str:
        story = super().new_story()
        self.facts[story] = ReachFacts(started=len(self.facts))
        return story

    def add_to_story(self, story, vector, position, published):
        centre, norm = super().add_to_story(story, vector, position, published)
        self.centres[story] = centre
        for term in vector:
            self.postings.setdefault(term, set()).add(story)
        self.facts[story].add(norm, position, published)
        return centre, norm

    def candidates(self, vector, published, window, position, distinctive=None):
        """StoredState.candidates, from memory: the same stories in the same order with
        the same parts."""
        position -= self.prior_seen
        sharing: set[str] = set()
        # The store keeps a story only if a term both share is distinctive.
        for term in vector if distinctive is None else (t for t in distinctive if t in vector):
            sharing.update(self.postings.get(term, ()))
        day = parse_day(published)
        span = None if day is None else window.date_range(day)
        reached = sorted((self.facts[story].started, story) for story in sharing
                         if self.facts[story].reached(day, span, window, position))
        found: dict[str, dict[str, float]] = {story: {} for _, story in reached}
        stories = set(found)  # set & set walks the smaller one
        for term in sorted(vector):
            for story in self.postings.get(term, NO_STORIES) & stories:
                found[story][term] = (vector[term] * self.centres[story][term]
                                      / self.facts[story].norm)
        return [(story, found[story]) for _, story in reached]


class ReachFacts:
    """What StoredState._window_stories reads of a story, kept as its articles arrive:
    its norm, its first and last dates (min and max of its articles' dates, as text, as
    SQLite orders them), the arrival position of its latest article and of its latest
    undated one."""

    __slots__ = ("started", "norm", "first", "last", "first_day", "last_day", "latest",
                 "latest_undated")

    def __init__(self, started: int):
        self.started = started
        self.norm = 0.0
        self.first = self.last = None
        self.first_day = self.last_day = None
        self.latest = self.latest_undated = None

    def add(self, norm: float, position: int, published: str | None) -> None:
        self.norm, self.latest = norm, position
        if published is None:
            self.latest_undated = position
        elif not isinstance(published, str):
            raise TypeError(f"a document's date is text or null, not {published!r}")
        else:
            if self.first is None or published < self.first:
                self.first, self.first_day = published, parse_day(published)
            if self.last is None or published > self.last:
                self.last, self.last_day = published, parse_day(published)

    def reached(self, day: date | None, span: tuple[str, str] | None, window: Window,
                position: int) -> bool:
        """Whether the store's queries find the story for an article (its date, the
        window's date range of it, its own arrival position) and the window lets the
        article join it (Window.in_reach)."""
        if not self.norm:
            return False
        # An undated article: the latest articles bring their stories, which is the
        # window's own test of arrival positions below.
        if span is None or (self.last is not None and span[0] <= self.last <= span[1]):
            latest = self.latest
        elif (self.latest_undated is not None
              and self.latest_undated >= position - window.recent_articles):
            latest = self.latest_undated
        else:
            return False
        return window.days_in_reach(day, self.first_day, self.last_day, latest, position)


def prior_writer(prior: Prior) -> type[StoryWriter]:
    """The store's stories writer, its clusterer counting from `prior`."""

    class PriorWriter(StoryWriter):
        def __init__(self, conn):
            super().__init__(conn)
            self.state = self.clusterer.state = PriorState(conn, prior)

    return PriorWriter
