"""Corpus runs: articles/second of `newsgraph ingest` with 1 and 2 workers, the local pool
and Ray side by side, against bare spaCy `nlp.pipe` on the same texts.

    .venv/bin/python benchmarks/corpus.py [--limit N] [--shard-size 16] [--no-ray]

The articles are the PolNeAR train texts and the article texts inside GeoWebNews
(GWN.xml), LGL (lgl.xml) and GeoVirus (GeoVirus.xml) from ../shared/data, read in place
(about 1,900 articles; --limit N takes N of them, drawn in turn from each source). Each
run ingests into a fresh store with workers that are already started and have loaded
the model (a warm-up ingest of a few articles; its time is printed as `start`), so the
rates are what a long corpus run sees. Also: the peak resident memory of one worker
(local engine), and the store's size.

"local, 1 worker" analyses in the calling process, which also writes the store; "pool, 1
worker" is one worker process beside the writer, as each of the 2 workers is.

Every run, bare spaCy included, does its math on one thread per worker (the pool and Ray
set this for their workers; here it is set for this process, which is the 1-worker run's
worker), so that "1 worker" uses one core and 2 workers can show what a second core adds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
POLNEAR_TRAIN = DATA / "attribution" / "polnear" / "train" / "text"
GEO_FILES = ("GWN.xml", "lgl.xml", "GeoVirus.xml")


def polnear_articles() -> list[dict]:
    return [{"id": f"polnear/{p.stem}", "text": p.read_text(encoding="utf-8")}
            for p in sorted(POLNEAR_TRAIN.glob("*.txt"))]


def geo_articles(name: str) -> list[dict]:
    from lxml import etree

    root = etree.parse(str(DATA / "geo" / name)).getroot()
    articles = []
    for number, article in enumerate(root.iter("article"), start=1):
        text = article.findtext("text") or ""
        url = article.findtext("link") or article.findtext("url") or article.findtext("source")
        if text.strip():
            articles.append({"id": f"{Path(name).stem}/{number}", "title": article.findtext("title"),
                             "url": url, "text": text})
    return articles


def corpus(limit: int | None) -> list[dict]:
    sources = [polnear_articles()] + [geo_articles(name) for name in GEO_FILES]
    mixed = [a for group in zip_longest(*sources) for a in group if a is not None]
    return mixed[:limit] if limit else mixed


def children_peak_mb() -> float | None:
    """The largest peak resident memory (VmHWM) of this process's live children, the pool's
    workers. (getrusage's RUSAGE_CHILDREN would count the parent's memory at fork, before
    the worker's exec, as the worker's.)"""
    peaks = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent != os.getpid():
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks) if peaks else None


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_ingest(folder: Path, articles: list[dict], engine: str, workers: int,
                 shard_size: int) -> dict:
    from newsgraph.corpus import EngineOptions, ingest
    from newsgraph.corpus.engines import PoolEngine, make_engine

    inputs, warm = folder / "articles.jsonl", folder / "warm-up.jsonl"
    inputs.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    warm.write_text("".join(json.dumps({**a, "id": f"warm-{i}", "text": a["text"][:400]}) + "\n"
                            for i, a in enumerate(articles[:2 * workers])), encoding="utf-8")
    db = folder / f"{engine}{workers}.db"
    started = time.perf_counter()
    options = EngineOptions(workers=workers)
    # "pool": one worker process beside the writer, as with 2 workers.
    runner_of = PoolEngine(options) if engine == "pool" else make_engine(engine, options)
    with runner_of as runner:
        # One article per shard, as many as workers can take at once: each loads its model.
        ingest([warm], folder / f"warm-{engine}{workers}.db", engine=runner, shard_size=1)
        start = time.perf_counter() - started
        started = time.perf_counter()
        summary = ingest([inputs], db, engine=runner, shard_size=shard_size)
        wall = time.perf_counter() - started
        # In-process: this process (model and writer); a pool: its workers, still alive.
        peak = self_peak_mb() if engine == "local" and workers == 1 else (
            children_peak_mb() if engine in ("local", "pool") else None)
    return {"start": start, "wall": wall, "rate": summary.inputs / wall, "peak_mb": peak,
            "ok": summary.counts.get("ok", 0), "failed": summary.counts.get("failed", 0),
            "size_mb": db.stat().st_size / 1e6}


def bare_spacy(texts: list[str]) -> float:
    from newsgraph.nlp import load_model

    nlp = load_model()
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return len(texts) / (time.perf_counter() - started)


def one_math_thread() -> None:
    """Before numpy loads: this process is the 1-worker run's worker."""
    from newsgraph.corpus.engines import THREAD_LIMITS  # imports no numpy

    for name in THREAD_LIMITS:
        os.environ[name] = "1"


def main() -> int:
    one_math_thread()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="use this many articles")
    parser.add_argument("--shard-size", type=int, default=16)
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    args = parser.parse_args()
    if not POLNEAR_TRAIN.is_dir():
        print(f"no articles at {POLNEAR_TRAIN}", file=sys.stderr)
        return 2
    articles = corpus(args.limit)
    words = sum(len(a["text"].split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words; shards of {args.shard_size}")

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        folder = Path(tmp)
        runs = {}
        for label, engine, workers in (("local, 1 worker", "local", 1),
                                       ("pool, 1 worker", "pool", 1),
                                       ("local, 2 workers", "local", 2),
                                       ("ray, 2 workers", "ray", 2)):
            if engine == "ray" and args.no_ray:
                continue
            runs[label] = timed_ingest(folder, articles, engine, workers, args.shard_size)
        bare = bare_spacy([a["text"] for a in articles])

    print(f"{'bare spaCy nlp.pipe':<18} {bare:7.2f} articles/s (1 process, model loaded)")
    print(f"{'run':<18} {'start':>6} {'wall':>7} {'art/s':>7} {'ok':>5} {'failed':>6} "
          f"{'peak MB/worker':>14} {'store MB':>8}")
    for label, run in runs.items():
        peak = f"{run['peak_mb']:.0f}" if run["peak_mb"] else "n/a"
        print(f"{label:<18} {run['start']:5.1f}s {run['wall']:6.1f}s {run['rate']:7.2f} "
              f"{run['ok']:5d} {run['failed']:6d} {peak:>14} {run['size_mb']:8.1f}")
    for single in ("local, 1 worker", "pool, 1 worker"):
        one = runs[single]
        print(f"full pipeline / bare spaCy ({single}): {one['rate'] / bare:.3f}")
        for label in ("local, 2 workers", "ray, 2 workers"):
            if label in runs:
                print(f"  {label} / {single}: {runs[label]['rate'] / one['rate']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
