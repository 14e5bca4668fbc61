"""A large store built quickly from a few real analyses, through the real writer.

    .venv/bin/python benchmarks/replicate.py --db FILE [--total 10000] [--polnear 24]
                     [--days-per-round 1] [--story-rounds 50] [--long-stories 1]

Analyses a handful of articles once (the example, examples/demo/, and --polnear
PolNeAR dev articles when ../shared has them, outlets in turn), then stores copies of those
analyses through the store's own writer (`open_store(db).add`: documents, items, FTS,
actors, stories, matched claims, contradictions), round after round until the store holds
--total articles. Round 0 stores the analyses as they are; round r stores each one again
with its own id and URL (so its own content hash, newsgraph.store.ids) and its
publication date moved r x --days-per-round days. Copies of one article cluster into one
story: the first --long-stories sources' copies make one story each that grows every
round, the others' a new story every --story-rounds rounds (their date jumps past the
clusterer's time gap), unless they join a long story on the way; the clusterer's window
(stories/window.py: a 3-day gap, a 14-day span) closes every story after 14 days of
dates. On the shared 2-core machine, 10,000 articles over 36 sources: at 1 day a round,
719 stories, the largest 79 articles, 42.5 articles/s; at 0.2 days a round (five rounds
a day, benchmarks/load.py's store), 198 stories, the largest 246 articles over 14 days,
28 articles/s (the writer matches each copy's claims with the identical claims of its
story's last 200 articles).

A store already at FILE is continued, not rebuilt: the k-th stored document is always
the same copy, so a build interrupted or asked for more picks up where it stopped.
Other benchmarks reuse `build_replicated_store` (the writer's cost per article at 1k, 10k,
100k stored articles): `source_analyses()` gives the analyses it copies.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, zip_longest
from datetime import date, timedelta
from pathlib import Path

from newsgraph.stories.window import GAP_DAYS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
REPORT_EVERY = 500  # articles between two progress lines
REPLICA_HOST = "https://replica.newsgraph.invalid"  # .invalid: never a real site
POLNEAR_NAMES = "{outlet}_{published}_{slug}"
STORY_ROUNDS = 50  # rounds of copies in one story, but for the long stories


@dataclass
class BuildStats:
    added: int  # articles written by this call
    total: int  # articles in the store now
    seconds: float

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0


def source_paths(polnear: int = 24) -> list[Path]:
    """The articles to copy: the example, the demo corpus, then `polnear` PolNeAR dev
    articles (when ../shared is there) taken from each outlet in turn."""
    paths = [EXAMPLES / "syria-withdrawal.txt", *sorted((EXAMPLES / "demo").glob("*.txt"))]
    if POLNEAR_DEV.is_dir():
        by_outlet: dict[str, list[Path]] = {}
        for path in sorted(POLNEAR_DEV.glob("*.txt")):
            by_outlet.setdefault(path.name.split("_")[0], []).append(path)
        turns = zip_longest(*by_outlet.values())
        paths += [path for turn in turns for path in turn if path is not None][:polnear]
    return paths


def source_analyses(paths: Sequence[Path] | None = None) -> list[dict]:
    """The contract analyses of `paths` (default `source_paths()`), each analysed once, in
    order; PolNeAR's file names give their outlet and date (`--name-pattern`). Inputs that
    fail (none should) are left out."""
    from newsgraph import Pipeline
    from newsgraph.inputs import InputOptions, iter_documents
    from newsgraph.inputs.names import NamePattern

    paths = list(paths or source_paths())
    named = InputOptions(name_pattern=NamePattern.compile(POLNEAR_NAMES))
    documents = chain(*(iter_documents([path], named if path.parent == POLNEAR_DEV
                                       else InputOptions()) for path in paths))
    pipeline = Pipeline()
    pipeline.settle()
    return [outcome.analysis for outcome in pipeline.analyze_documents(documents)
            if outcome.ok]


def days_moved(round_number: int, days_per_round: float, story_rounds: int | None) -> int:
    """How far copy `round_number` is dated from its source: `days_per_round` a round (a
    fraction puts several rounds on one day), and with `story_rounds`, a jump past the
    clusterer's time gap every `story_rounds` rounds, so the copies start a new story there."""
    jumps = round_number // story_rounds if story_rounds else 0
    return int(round_number * days_per_round) + jumps * (GAP_DAYS + 1)


def replica(analysis: dict, round_number: int, days: int) -> dict:
    """Copy `round_number` of an analysis: its own id and URL, its date moved `days`
    days; round 0 is the analysis itself."""
    if round_number == 0:
        return analysis
    copied = copy.deepcopy(analysis)
    document = copied["document"]
    document["id"] = f"{document['id']}~{round_number}"
    document["url"] = f"{REPLICA_HOST}/{round_number}/{document['id']}"
    published = document.get("published")
    if published and len(published) >= 10 and published[:10].count("-") == 2:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            return copied
        moved = day + timedelta(days=days)
        document["published"] = moved.isoformat() + published[10:]
    return copied


def build_replicated_store(db: str | Path, total: int, *, source_analyses: Sequence[dict],
                           days_per_round: float = 1, story_rounds: int | None = STORY_ROUNDS,
                           long_stories: int = 1,
                           progress: Callable[[int, int, float], None] | None = None,
                           timings: list[float] | None = None,
                           analyze: bool = True) -> BuildStats:
    """Grow the store at `db` to `total` articles of copies of `source_analyses`, each
    written by the store's writer in its own transaction, as an ingest's would be. A store
    already holding some continues from there (a store holding other documents first is
    not what this is for).

    The copies of the first `long_stories` sources make one story each, growing every
    round (the big stories); those of the others start a new story every `story_rounds`
    rounds (None: never). Copies of one article match all of each other's claims, which
    costs the writer far more than real articles do (up to its 200 recent articles a
    story), so bounded stories keep a 10,000-article build under an hour on 2 cores.
    `progress(stored, total, articles_per_s)` every 500 articles; `timings` gets the
    seconds of each `add` (the writer's whole cost for the article, copying it left out).
    `analyze`: refresh the query planner's statistics once the articles are added."""
    from newsgraph.corpus.runner import writer_lock
    from newsgraph.stories.store import open_store

    from newsgraph.errors import UsageError

    if not source_analyses:
        raise UsageError("no source analyses to replicate")
    db = Path(db)
    count = len(source_analyses)
    with writer_lock(db), open_store(db) as store:
        stored = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        started, added = time.perf_counter(), 0
        for index in range(stored, total):
            round_number, source = divmod(index, count)
            bounded = story_rounds if source >= long_stories else None
            copied = replica(source_analyses[source], round_number,
                             days_moved(round_number, days_per_round, bounded))
            before = time.perf_counter()
            store.add(copied)
            if timings is not None:
                timings.append(time.perf_counter() - before)
            added += 1
            if progress is not None and (added % REPORT_EVERY == 0 or index + 1 == total):
                elapsed = time.perf_counter() - started
                progress(index + 1, total, added / elapsed if elapsed else 0.0)
        if added and analyze:
            store.conn.execute("ANALYZE")  # the query planner's statistics, as at this size
        now = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    return BuildStats(added, now, time.perf_counter() - started)


def print_progress(stored: int, total: int, rate: float) -> None:
    print(f"  {stored:,} of {total:,} articles stored, {rate:.1f} articles/s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to build or grow")
    parser.add_argument("--total", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--polnear", type=int, default=24, help="PolNeAR dev articles copied")
    parser.add_argument("--days-per-round", type=float, default=1,
                        help="days each round of copies is moved (default 1)")
    parser.add_argument("--story-rounds", type=int, default=STORY_ROUNDS,
                        help="rounds of copies a story gets before the next round starts "
                        f"another (default {STORY_ROUNDS}; 0: never)")
    parser.add_argument("--long-stories", type=int, default=1,
                        help="sources whose copies make one story that grows every round "
                        "(default 1: the example)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    analyses = source_analyses(source_paths(args.polnear))
    print(f"{len(analyses)} articles analysed in {time.perf_counter() - started:.1f} s")
    stats = build_replicated_store(args.db, args.total, source_analyses=analyses,
                                   days_per_round=args.days_per_round,
                                   story_rounds=args.story_rounds or None,
                                   long_stories=args.long_stories,
                                   progress=print_progress)
    print(f"{args.db}: {stats.total:,} articles; {stats.added:,} written in "
          f"{stats.seconds:.1f} s ({stats.rate:.1f} articles/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
