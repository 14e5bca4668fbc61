"""The store writer's cost per article as the store grows (issue 18): 1k, 10k, 100k.

    .venv/bin/python benchmarks/writer_cost.py --db FILE [--at 1000 10000 100000]
                     [--articles 500] [--warmup 20] [--polnear 24]

Grows one replicated store (benchmarks/replicate.py: copies of real analyses, each
written by `open_store(db).add`, the whole add: document, items, FTS, actors, story,
matched claims, contradictions) and, at each checkpoint of --at stored articles, times
the adds of the next --articles articles, after --warmup untimed ones (the first add of
an opened store loads the stance model). Prints, per checkpoint, the median, p95 and mean
milliseconds per article, the store's size and its stories (count, largest, median
size); then the ratio of the slowest checkpoint's median (and mean) to the fastest's.

The replicated stream, chosen to look like news arriving over years rather than one
story growing without end:

- the sources are replicate.py's: the example, the 11 demo reports (one event, Dec 2018)
  and 24 PolNeAR dev articles (three outlets, Sep-Nov 2016), 36 in all;
- round r stores each source once more, dated r days after it (--days-per-round 1):
  36 articles a day, 100,000 articles over about 7.6 years of dates;
- no long story (replicate's --long-stories 0): the clusterer's window (3-day gap,
  14-day span, stories/window.py) ends each story after at most 15 days of copies, so
  stories stay the size of real ones (a source alone: 15 articles; the Syria event's
  12 reports: ~180), old stories close and the number of stories grows with the store;
- every 50 rounds the copies' dates jump past the gap (replicate's default), as in
  replicate.py.

Copies of one article match all of each other's claims, which makes each add dearer
than a real article's; the figure that matters is how it changes with the store's size.

A store already at FILE is continued (replicate.py), and the figures of checkpoints
already measured are kept beside it (FILE.writer-cost.json), so an interrupted run
resumes; a checkpoint the store has already passed unmeasured is reported as such.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import replicate  # noqa: E402

CHECKPOINTS = (1_000, 10_000, 100_000)
ARTICLES = 500
WARMUP = 20
# The stream's shape (see the docstring); kept with the figures so a resumed run cannot
# mix two shapes.
STREAM = {"days_per_round": 1, "story_rounds": replicate.STORY_ROUNDS, "long_stories": 0}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def store_shape(db: Path) -> dict:
    """The store's size on disk and its stories."""
    size = sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sizes = [n for (n,) in conn.execute("SELECT documents FROM stories")]
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()
    return {"stored": stored, "mb": round(size / 1e6, 1), "stories": len(sizes),
            "largest": max(sizes, default=0),
            "median_story": statistics.median(sizes) if sizes else 0}


def measure(db: Path, at: int, analyses: list[dict], articles: int, warmup: int) -> dict:
    """Grow the store to `at` articles (the planner's statistics refreshed there), then
    time the adds of the next ones (no refresh after them: at 100,000 articles it reads
    gigabytes)."""
    replicate.build_replicated_store(db, at, source_analyses=analyses, **STREAM,
                                     progress=replicate.print_progress)
    shape = store_shape(db)
    timings: list[float] = []
    replicate.build_replicated_store(db, at + warmup + articles, source_analyses=analyses,
                                     **STREAM, timings=timings, analyze=False)
    ms = [t * 1000 for t in timings[warmup:]]
    return {**shape, "articles": len(ms), "median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 0.95), 2), "mean_ms": round(statistics.mean(ms), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to grow")
    parser.add_argument("--at", type=int, nargs="+", default=list(CHECKPOINTS),
                        help="stored articles at which the writer is timed")
    parser.add_argument("--articles", type=int, default=ARTICLES,
                        help=f"articles timed at each checkpoint (default {ARTICLES})")
    parser.add_argument("--warmup", type=int, default=WARMUP,
                        help=f"untimed adds before them (default {WARMUP})")
    parser.add_argument("--polnear", type=int, default=24, help="PolNeAR dev articles copied")
    args = parser.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    kept = Path(f"{args.db}.writer-cost.json")
    setup = {**STREAM, "articles": args.articles, "warmup": args.warmup,
             "polnear": args.polnear}
    results = json.loads(kept.read_text()) if kept.exists() else {"setup": setup,
                                                                    "checkpoints": {}}
    if results["setup"] != setup:
        print(f"{kept} was measured with {results['setup']}, not {setup}: use another --db")
        return 2
    started = time.perf_counter()
    analyses = replicate.source_analyses(replicate.source_paths(args.polnear))
    print(f"{len(analyses)} articles analysed in {time.perf_counter() - started:.1f} s",
          flush=True)
    for at in sorted(args.at):
        if str(at) in results["checkpoints"]:
            continue
        stored = store_shape(args.db)["stored"] if args.db.exists() else 0
        if stored > at:
            print(f"{at:,}: the store holds {stored:,} articles already, not measured")
            continue
        results["checkpoints"][str(at)] = measure(args.db, at, analyses, args.articles,
                                                  args.warmup)
        kept.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
        print(f"{at:,} stored: {results['checkpoints'][str(at)]}", flush=True)
    report(results["checkpoints"], [at for at in sorted(args.at)
                                    if str(at) in results["checkpoints"]])
    return 0


def report(checkpoints: dict, measured: list[int]) -> None:
    print("stored    ms/article median   p95    mean   store MB  stories  largest  median story")
    for at in measured:
        r = checkpoints[str(at)]
        print(f"{at:>7,}   {r['median_ms']:>17.1f} {r['p95_ms']:>6.1f} {r['mean_ms']:>7.1f}"
              f" {r['mb']:>10.1f} {r['stories']:>8,} {r['largest']:>8,} {r['median_story']:>13}")
    if len(measured) > 1:
        for key in ("median_ms", "mean_ms"):
            values = [checkpoints[str(at)][key] for at in measured]
            print(f"max/min {key.removesuffix('_ms')}: {max(values) / min(values):.2f}")


if __name__ == "__main__":
    sys.exit(main())
