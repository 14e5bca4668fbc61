"""Throughput of the full pipeline against the bare spaCy model, on the same articles.

    .venv/bin/python benchmarks/throughput.py [--dir ../shared/data/attribution/polnear/dev/text]
                                              [--repeat 3] [--profile fast|accurate]

Prints articles/second of bare `nlp.pipe`, of the full newsgraph pipeline (parse, every
stage, JSON serialisation), their ratio, and the process's peak memory. Each figure is
the best of --repeat runs, so one slow run on a busy machine does not decide it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, help="the first N articles only")
    parser.add_argument("--profile", default="fast", choices=["fast", "accurate"])
    args = parser.parse_args()
    if not args.dir.is_dir():
        print(f"no articles at {args.dir}", file=sys.stderr)
        return 2

    from newsgraph import Pipeline, make_document
    from newsgraph.output import to_jsonl

    files = sorted(args.dir.glob("*.txt"))[:args.limit]
    documents = [make_document(f.read_text(encoding="utf-8"), id=f.stem) for f in files]
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(documents)} articles, {words:,} words, from {args.dir}; "
          f"profile {args.profile}")

    started = time.perf_counter()
    pipeline = Pipeline(profile=args.profile)
    pipeline.settle()  # as the CLI does: tables loaded, long-lived objects frozen for gc
    print(f"pipeline built in {time.perf_counter() - started:.2f} s")
    nlp = pipeline.nlp
    list(pipeline.analyze_documents(documents[:4]))  # warm caches and lazy tables

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=pipeline.batch_size):
            pass

    def full() -> None:
        for outcome in pipeline.analyze_documents(documents):
            to_jsonl(outcome.to_record())

    best = {"bare spaCy": float("inf"), "newsgraph": float("inf")}
    cpu = dict(best)  # process CPU seconds: what a busy shared machine does not distort
    for _ in range(args.repeat):
        for name, job in (("bare spaCy", bare), ("newsgraph", full)):
            started, started_cpu = time.perf_counter(), time.process_time()
            job()
            best[name] = min(best[name], time.perf_counter() - started)
            cpu[name] = min(cpu[name], time.process_time() - started_cpu)

    for name, seconds in best.items():
        print(f"{name:<12} {len(documents) / seconds:8.2f} articles/s  "
              f"{words / seconds:10,.0f} words/s  ({seconds:.2f} s)")
    ratio = best["bare spaCy"] / best["newsgraph"]
    print(f"ratio        {ratio:8.3f}  (newsgraph throughput / bare spaCy throughput)")
    print(f"CPU time     bare spaCy {cpu['bare spaCy']:.2f} s, newsgraph {cpu['newsgraph']:.2f} s: "
          f"{cpu['bare spaCy'] / cpu['newsgraph']:.3f} of bare spaCy's throughput per core")
    print(f"peak memory  {peak_rss_mb():8.0f} MB (process maximum resident set)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
