"""The Parquet dataset at scale: workers writing the dataset (1 and 2, warm), the stories
job (time and peak memory, in one window and in time windows), and DuckDB answering the
README's query examples over a synthetic dataset made by replicating the ingested one.

    .venv/bin/python benchmarks/scale.py [--limit 64] [--shard-size 8] [--replicas 100]
                                         [--window-days 7] [--skip-ingest-2] [--keep DIR]
    .venv/bin/python benchmarks/scale.py --queries DIR   # the queries over a kept dataset
    .venv/bin/python benchmarks/scale.py --window-sample DIR [--first 100] [--count 2]

The articles are benchmarks/corpus.py's (PolNeAR train, GeoWebNews, LGL, GeoVirus, in
turn; --limit N of them). Each ingest runs on workers that have loaded the model (a
warm-up run of a few short articles first), so the rates are a long run's. The synthetic
dataset copies every document and item row `--replicas` times, each copy a new article
to the store (its own publication date over five years, 2015-2019, its url marked with
the copy's number, and the content hash the store gives that identity), written with
DuckDB as one extra run of the dataset; the query examples then run on DuckDB over all
of it.
Figures go to docs/SCALE.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
QUERIES = [  # the README's examples that read the documents' tables
    ("claims", {"speaker": "Donald Trump"}),
    ("claims", {"outlet": "New York Post", "since": "2018-12-01", "until": "2018-12-31"}),
    ("events", {"type": "RETREAT", "since": "2018-12"}),
    ("events", {"actor": "Turkey", "place": "Syria"}),
    ("quantities", {"unit": "troop"}),
    ("documents", {}),
]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("corpus_benchmark", ROOT / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed_ingest(folder: Path, articles: list[dict], workers: int, shard_size: int) -> dict:
    from newsgraph.corpus import EngineOptions
    from newsgraph.corpus.engines import make_engine
    from newsgraph.dataset.ingest import ingest_dataset
    from newsgraph.dataset.shards import analyze_and_write

    inputs, warm = folder / "articles.jsonl", folder / f"warm-{workers}.jsonl"
    inputs.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    warm.write_text("".join(json.dumps({**a, "id": f"warm-{i}", "text": a["text"][:400]})
                            + "\n" for i, a in enumerate(articles[:2 * workers])),
                    encoding="utf-8")
    with make_engine("local", EngineOptions(workers=workers), analyze_and_write) as runner:
        ingest_dataset([warm], str(folder / f"warm-{workers}"), engine=runner, shard_size=1)
        started = time.perf_counter()
        summary = ingest_dataset([inputs], str(folder / f"data-{workers}"), engine=runner,
                                 shard_size=shard_size)
        wall = time.perf_counter() - started
    return {"wall": wall, "rate": summary.inputs / wall, "ok": summary.counts.get("ok", 0)}


BUILD = """
import json, resource, sys, time
from newsgraph.dataset.stories_job import build_stories
started = time.monotonic()
def progress(name, done, total):
    if done == total or done % 10 == 0:
        print(f"  {time.monotonic() - started:7.0f} s: {name} {done} of {total} windows",
              file=sys.stderr, flush=True)
r = build_stories(sys.argv[1], window_days=int(sys.argv[2]), workers=int(sys.argv[3]),
                  progress=progress if sys.argv[4:] == ["progress"] else None)
print(json.dumps({"documents": r.documents, "windows": r.windows, "seconds": r.seconds,
                  "stories": r.rows["stories"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_peak_mb":
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def timed_build(dataset: Path, window_days: int, workers: int = 1,
                progress: bool = False) -> dict:
    """The stories job in a process of its own: its time and peak memory (of the process
    and of its largest window process); `progress`: every tenth window on stderr."""
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT.parent / "src"), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-c", BUILD, str(dataset), str(window_days),
                          str(workers), *(["progress"] if progress else [])],
                         env=env, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def copy_map(con, sources: list[str], replicas: int):
    """One row per copy: the original's hash, the copy's number, and the copy's own
    identity as an article (a date over 2015-2019, its url marked with the copy's number)
    with the hash the store gives that identity, so a copy is a new article to the store
    and the stories job too (copies on the same day included)."""
    import hashlib

    import pyarrow as pa

    from newsgraph.store.ids import IDENTITY_FIELDS, document_hash

    first = date(2015, 1, 1).toordinal()
    names = ["hash", "id", *IDENTITY_FIELDS]
    rows = con.execute(f"SELECT {', '.join(names)} FROM read_parquet({sources}, "
                       "hive_partitioning = false) ORDER BY rowid").fetchall()
    columns: dict[str, list] = {k: [] for k in ("src", "r", "hash", "id", "url", "published",
                                                "month")}
    for row in rows:
        original = dict(zip(names, row))
        for r in range(1, replicas + 1):
            seed = hashlib.md5(f"{original['hash']}/{r}".encode()).digest()
            day = date.fromordinal(first + int.from_bytes(seed[:4], "big") % 1826)
            identity = {**original, "published": day.isoformat(),
                        "url": f"{original['url'] or 'https://copies.invalid/'}#copy-{r}"}
            columns["src"].append(original["hash"])
            columns["r"].append(r)
            columns["hash"].append(document_hash(identity))
            columns["id"].append(f"{original['id']}#copy-{r}")
            columns["url"].append(identity["url"])
            columns["published"].append(identity["published"])
            columns["month"].append(identity["published"][:7])
    return pa.table(columns)


def replicate(dataset: Path, replicas: int) -> int:
    """Add `replicas` copies of every document and item as one more run of the dataset
    (copy_map: each copy a new article with its own date, url and hash), each copy's rows
    in the month partition of its new date (as `ingest --dataset` lays them out)."""
    import duckdb

    from newsgraph.dataset.location import Location
    from newsgraph.dataset.manifests import read_contents, write_index
    from newsgraph.dataset.tables import RUN_SHIFT, SHARD_TABLES

    location = Location(str(dataset))
    contents = read_contents(location)
    con = duckdb.connect(config={"autoload_known_extensions": False,
                                 "autoinstall_known_extensions": False})
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET memory_limit = '6GB'")
    copies = copy_map(con, [str(dataset / f) for f in contents.files("documents")], replicas)
    con.register("copies", copies)
    files = {}
    for table in SHARD_TABLES:
        if table == "ingest_log":
            continue
        sources = [str(dataset / f) for f in contents.files(table)]
        if not sources:
            continue
        doc = "hash" if table == "documents" else "document"
        columns = [row[0] for row in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sources}, hive_partitioning = false)"
        ).fetchall()]
        select = []
        for name in columns:
            if name == doc:
                select.append(f"m.hash AS {doc}")
            elif name in ("key", "item"):
                select.append(f"m.hash || '/' || split_part(src.{name}, '/', 2) AS {name}")
            elif table == "documents" and name in ("published", "url", "id"):
                select.append(f"m.{name} AS {name}")
            elif name == "rowid" or name.endswith("_rowid"):  # a copy's items are its own
                select.append(f"(m.r << {RUN_SHIFT + 2}) + src.{name} AS {name}")
            elif name == "day":  # an event's day: its time's date, else the new date
                select.append("coalesce(CASE WHEN tm.value GLOB '[0-9][0-9][0-9][0-9]-"
                              "[0-9][0-9]-[0-9][0-9]*' THEN substr(tm.value, 1, 10) END, "
                              "m.published) AS day")
            else:
                select.append(f'src."{name}"')
        select.append("m.month AS month")
        times = ""
        if "day" in columns:
            time_files = [str(dataset / f) for f in contents.files("times")]
            times = (f" LEFT JOIN read_parquet({time_files}, hive_partitioning = false) AS tm "
                     "ON tm.document = src.document AND tm.id = src.time")
        out = dataset / table
        con.execute(f"COPY (SELECT {', '.join(select)} FROM read_parquet({sources}, "
                    f"hive_partitioning = false) AS src JOIN copies AS m ON m.src = "
                    f"src.{doc}{times} ORDER BY rowid) TO '{out}' (FORMAT parquet, "
                    "COMPRESSION zstd, PARTITION_BY (month), OVERWRITE_OR_IGNORE, "
                    "FILENAME_PATTERN 'synthetic_{i}')")
        files[table] = sorted(str(p.relative_to(dataset))
                              for p in out.glob("month=*/synthetic_*.parquet"))
    documents = [[h, m] for h, m in zip(copies.column("hash").to_pylist(),
                                        copies.column("month").to_pylist())]
    location.write_json(location.path("_shards", "synthetic", "shard-000000.json"), {
        "version": 1, "run": "synthetic", "run_seq": 1 << 20, "shard": 0, "records":
        len(documents), "counts": {"ok": len(documents)}, "documents": documents,
        "files": files})
    write_index(location)
    return len(documents)


def timed_queries(dataset: Path) -> list[tuple[str, dict, float, int]]:
    from newsgraph.dataset.duck import open_dataset
    from newsgraph.store.lists import SPECS, fetch

    results = []
    started = time.perf_counter()
    with open_dataset(str(dataset)) as conn:
        opened = time.perf_counter() - started
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        results.append(("open", {"documents": documents}, opened, 0))
        for name, values in QUERIES:
            started = time.perf_counter()
            page = fetch(conn, SPECS[name], values, limit=20)
            results.append((name, values, time.perf_counter() - started, page.total))
    return results


def window_sample(dataset: Path, first: int, count: int, days: int) -> None:
    """The stories job's cost per window at the dataset's density, without the whole
    job: windows first..first+count-1 of `days` days computed one after another in this
    process, from the counts of every window before them (the job's first pass, here
    sequential), each timed with this process's peak memory."""
    import resource

    from newsgraph.dataset.duck import open_dataset
    from newsgraph.dataset.location import Location
    from newsgraph.dataset.manifests import read_contents
    from newsgraph.dataset.priors import count_window, priors_from
    from newsgraph.dataset.stories_job import compute_window
    from newsgraph.dataset.tables import SHARD_TABLES, month_of
    from newsgraph.dataset.windows import split

    url = str(dataset)
    contents = read_contents(Location(url), documents=False)
    with open_dataset(url) as conn:
        documents = conn.execute("SELECT hash, published FROM documents ORDER BY rowid"
                                 ).fetchall()
    windows = split(documents, days)[:first + count]
    month = {h: month_of(p) for h, p in documents}
    files = [contents.month_files(SHARD_TABLES, {month[h] for h in w}) for w in windows]
    started = time.perf_counter()
    counts = [count_window(url, w, f, False) for w, f in zip(windows, files)]
    counted = sum(map(len, windows))
    print(f"{len(documents)} documents; counting {counted} of them (windows 0-"
          f"{len(windows) - 1}): {1000 * (time.perf_counter() - started) / counted:.2f} "
          "ms a document", flush=True)
    priors = list(priors_from(counts, map(len, windows)))
    for number in range(first, len(windows)):
        started = time.perf_counter()
        tables = compute_window(url, windows[number], priors[number], files[number], False)
        seconds = time.perf_counter() - started
        print(f"  window {number}: {len(windows[number])} documents, {seconds:.1f} s "
              f"({1000 * seconds / len(windows[number]):.1f} ms a document), "
              f"{len(tables['stories'])} stories, peak "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
              flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=64)
    parser.add_argument("--shard-size", type=int, default=8)
    parser.add_argument("--replicas", type=int, default=100)
    parser.add_argument("--window-days", type=int, default=7)
    parser.add_argument("--stories", metavar="DIR",
                        help="also time the windowed stories job on this dataset (dated "
                             "articles: tests' corpus ingested with ingest --dataset)")
    parser.add_argument("--skip-ingest-2", action="store_true",
                        help="only the 1-worker ingest (a machine with one free core)")
    parser.add_argument("--keep", metavar="DIR",
                        help="write the synthetic dataset to DIR (a new folder) and keep it")
    parser.add_argument("--queries", metavar="DIR",
                        help="only time the query examples over the dataset DIR (one a "
                             "--keep run left)")
    parser.add_argument("--window-sample", metavar="DIR",
                        help="only time windows --first..--first+--count-1 of the stories "
                             "job over the dataset DIR (one a --keep run left)")
    parser.add_argument("--build", metavar="DIR",
                        help="only time the whole stories job (--window-days, --workers "
                             "processes) over the dataset DIR, with its progress")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--first", type=int, default=100)
    parser.add_argument("--count", type=int, default=2)
    args = parser.parse_args()
    if args.window_sample:
        window_sample(Path(args.window_sample), args.first, args.count, args.window_days)
        return 0
    if args.build:
        build = timed_build(Path(args.build), args.window_days, args.workers, progress=True)
        print(f"stories build of {args.build}, {args.window_days}-day windows, "
              f"{args.workers} processes: {json.dumps(build)}", flush=True)
        return 0
    if args.queries:
        print_queries(Path(args.queries))
        return 0
    corpus = _corpus_module()
    corpus.one_math_thread()
    articles = corpus.corpus(args.limit)
    from newsgraph.dataset.stories_job import build_stories

    with tempfile.TemporaryDirectory(prefix="newsgraph-scale-") as tmp:
        folder = Path(tmp)
        one = timed_ingest(folder, articles, 1, args.shard_size)
        print(f"ingest --dataset, 1 worker: {one['ok']} articles in {one['wall']:.1f} s, "
              f"{one['rate']:.2f} articles/s", flush=True)
        if not args.skip_ingest_2:
            two = timed_ingest(folder, articles, 2, args.shard_size)
            print(f"ingest --dataset, 2 workers: {two['rate']:.2f} articles/s "
                  f"({two['rate'] / one['rate']:.2f}x one worker)", flush=True)
        dataset = folder / "data-1"
        if args.keep:
            import shutil

            shutil.copytree(dataset, args.keep)
            dataset = Path(args.keep)
        for days in (0, args.window_days):
            build = timed_build(dataset, days)
            print(f"stories build, window days {days}: {build['documents']} documents in "
                  f"{build['windows']} windows, {build['seconds']:.1f} s "
                  f"({1000 * build['seconds'] / build['documents']:.1f} ms/document), "
                  f"peak memory {build['peak_mb']:.0f} MB", flush=True)
        if args.stories:
            build = timed_build(Path(args.stories), args.window_days, 2)
            print(f"stories build of {args.stories}, {args.window_days}-day windows, 2 "
                  f"processes: {json.dumps(build)}", flush=True)
        started = time.perf_counter()
        copies = replicate(dataset, args.replicas)
        print(f"synthetic: {copies} replicated documents added "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        print_queries(dataset)
    return 0


def print_queries(dataset: Path) -> None:
    for name, values, seconds, total in timed_queries(dataset):
        print(f"  {name} {json.dumps(values)}: {1000 * seconds:.0f} ms ({total} rows)",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
