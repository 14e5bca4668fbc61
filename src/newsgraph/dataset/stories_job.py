"""`newsgraph stories build --dataset DIR`: the cross-article tables (actors across
documents, stories, matched claims and their sources, contradictions) computed over a
dataset as a batch job and written back as tables of the dataset.

The job replays the dataset's documents, in the order they were written, through the
store's own derived writers (newsgraph.stories.store: the same clusterer, stance model
and claim matching an ingest into SQLite runs) in a scratch SQLite file of the worker,
then writes each derived table as Parquet. In one window (the default) its tables are
row for row those of a SQLite store that ingested the same corpus in the same order.
With `--window-days N` the documents are cut into time windows computed in parallel
(local processes or Ray tasks) and merged deterministically (windows.py); docs/SCALE.md
lists what then differs from the store.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DerivedTablesOutOfDate, ExtraNotInstalledError, UsageError
from ..store.story_schema import TABLE_NAMES
from .analyses import iter_analyses
from .duck import derived_record, open_dataset, open_files
from .edges import BODIES
from .location import DERIVED_MANIFEST, Location
from .manifests import read_contents
from .priors import Prior, count_window, prior_writer, priors_from
from .spill import Spill
from .tables import SHARD_TABLES, arrow_schema, month_of
from .windows import Merge, split

DERIVED_DIR = "derived"


@dataclass(frozen=True)
class BuildResult:
    documents: int
    windows: int
    rows: dict[str, int]
    seconds: float


def derived_version() -> dict[str, int]:
    from ..stories.store import DERIVED_WRITERS

    return {w.name: w.version for w in DERIVED_WRITERS}


def _table_rows(conn, table: str) -> list[dict]:
    """A derived table's rows with `rowid`: the store's rowid, or the row's place in key
    order for a table without one."""
    without_rowid = "WITHOUT ROWID" in conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0].upper()
    if without_rowid:
        keys = sorted((row[5], row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')
                      if row[5])
        order = ", ".join(f'"{name}"' for _, name in keys)
        cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')
    else:
        cursor = conn.execute(f'SELECT *, rowid AS rowid FROM "{table}" ORDER BY rowid')
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor]
    if without_rowid:
        for number, row in enumerate(rows, 1):
            row["rowid"] = number
    return rows


def compute_window(url: str, hashes: list[str], prior: Prior | None = None,
                   files: dict[str, list[str]] | None = None, dedupe: bool = False
                   ) -> dict[str, list[dict]]:
    """The derived tables of the documents `hashes`, replayed in that order through the
    store's derived writers in a scratch store (a Ray task or a local call), and the
    stories whose first article has a body (`BODIES`, for the join at the window's edges).
    `prior`: the clusterer's document frequencies of the windows before (priors.py).
    `files`: the shard files to read them from (the window's months; `dedupe` as the
    whole dataset's views), else the whole dataset."""
    from ..store import Store
    from ..stories.store import DERIVED_WRITERS

    writers = DERIVED_WRITERS if prior is None else (prior_writer(prior),)
    dataset = open_dataset(url) if files is None else open_files(url, files, dedupe=dedupe)
    with tempfile.TemporaryDirectory(prefix="newsgraph-stories-") as scratch, dataset, \
            Store(Path(scratch) / "window.db", derived_writers=writers,
                  scratch=True) as store:
        bodies = set()
        with store.batch():
            for doc_hash, analysis in iter_analyses(dataset, hashes):
                store.add(analysis)
                if ((analysis.get("document") or {}).get("text") or "").strip():
                    bodies.add(doc_hash)
        tables = {table: _table_rows(store.conn, table) for table in TABLE_NAMES}
        tables[BODIES] = [story for document, story in store.conn.execute(
            "SELECT document, story FROM story_documents WHERE similarity IS NULL "
            "ORDER BY position") if document in bodies]
        return tables


class Tasks:
    """Functions mapped over windows, results in window order as they come: in this
    process, in a pool of local processes (started once for both passes of a build), or
    as Ray tasks."""

    def __init__(self, engine: str, workers: int, address: str | None):
        if engine not in ("local", "ray"):
            raise UsageError(f"unknown engine {engine!r} (local or ray)")
        self.engine, self.workers, self.address = engine, workers, address
        self.pool = None
        self.ray = None
        self.started_ray = False

    def __enter__(self) -> Tasks:
        if self.engine == "ray":
            try:
                import ray
            except ImportError:
                raise ExtraNotInstalledError("ray", "the Ray engine") from None
            self.ray = ray
            self.started_ray = not ray.is_initialized()
            if self.started_ray:
                if self.address:
                    ray.init(address=self.address, log_to_driver=False)
                else:  # a private local instance, reachable from this machine only
                    ray.init(num_cpus=max(self.workers, 1), include_dashboard=False,
                             log_to_driver=False, _node_ip_address="127.0.0.1")
        elif self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.started_ray:
            self.ray.shutdown()

    def map(self, function, *arguments) -> Iterator:
        calls = list(zip(*arguments))
        if self.ray is not None:
            task = self.ray.remote(num_cpus=1)(function)
            refs = [task.remote(*call) for call in calls]
            for ref in refs:  # in order, each dropped once merged
                yield self.ray.get(ref)
        elif self.pool is not None and len(calls) > 1:
            yield from self.pool.map(function, *zip(*calls))
        else:
            for call in calls:
                yield function(*call)


def build_stories(url: str, *, engine: str = "local", workers: int = 1, window_days: int = 0,
                  address: str | None = None,
                  progress: Callable[[str, int, int], None] | None = None) -> BuildResult:
    """Compute the dataset's cross-article tables and write them into it: each table's
    file, then `_derived.json` naming them and the shards they were built from.
    `window_days` > 0 cuts the documents into windows computed in parallel (windows.py);
    0, one window: the store's own tables. `progress(pass, windows done, windows)`."""
    started = time.monotonic()
    location = Location(url)
    contents = read_contents(location, documents=False)
    dedupe = contents.has_duplicates()
    with open_dataset(url) as dataset:
        documents = [(h, p) for h, p in dataset.execute(
            "SELECT hash, published FROM documents ORDER BY rowid")]
    windows = split(documents, window_days)
    # Each window reads only the files of its documents' months (files are partitioned
    # by publication month): a window's reads do not grow with the dataset.
    month = {h: month_of(p) for h, p in documents}
    files = [contents.month_files(SHARD_TABLES, {month[h] for h in hashes})
             for hashes in windows]
    del documents, month
    count = len(windows)
    report = progress or (lambda *_: None)
    with tempfile.TemporaryDirectory(prefix="newsgraph-merge-") as scratch, \
            Tasks(engine, workers, address) as tasks:
        spill = Spill(Path(scratch))
        merge = Merge(join_edges=count > 1, spill=spill)
        if count <= 1:  # one window counts everything itself
            priors: list = [None]
        else:  # the others start from the windows before (priors.py): a parallel pass
            counts = []
            for own in tasks.map(count_window, [location.url] * count, windows, files,
                                 [dedupe] * count):
                counts.append(own)
                report("counting", len(counts), count)
            priors = list(priors_from(counts, map(len, windows)))
            del counts
        done = 0
        for tables in tasks.map(compute_window, [location.url] * count, windows, priors,
                                files, [dedupe] * count):
            merge.add(tables)
            done += 1
            report("windows", done, count)
        del priors
        build = f"{int(time.time() * 1000):x}"  # a new name per build: readers of the old
        out_files, rows = {}, {}                # manifest keep reading whole old files
        for table, rest in merge.tables(TABLE_NAMES).items():
            relative = f"{DERIVED_DIR}/{table}/{build}.parquet"
            rows[table] = location.write_batches(location.path(relative),
                                                 arrow_schema(table),
                                                 spill.batches(table, rest))
            out_files[table] = [relative]
        spill.close()
    previous = derived_record(location)
    location.write_json(location.path(DERIVED_MANIFEST), {
        "versions": derived_version(), "shards": contents.key(), "files": out_files,
        "window_days": window_days, "windows": count})
    if previous:  # the files the old manifest named are no longer read
        for paths in previous["files"].values():
            for relative in paths:
                if relative not in out_files.get(relative.split("/")[1], []):
                    location.fs.delete_file(location.path(relative))
    return BuildResult(sum(map(len, windows)), count, rows, time.monotonic() - started)


def require_built(url: str) -> None:
    """A DerivedTablesOutOfDate unless `stories build` ran on the dataset as it is now."""
    location = Location(url)
    record = derived_record(location)
    contents = read_contents(location, documents=False)
    if record is None:
        raise DerivedTablesOutOfDate(f"{url}: no stories yet: run newsgraph stories build "
                                     f"--dataset {url}")
    if record["versions"] != derived_version() or record["shards"] != contents.key():
        raise DerivedTablesOutOfDate(f"{url}: stories are out of date (shards or writer "
                                     f"changed since): run newsgraph stories build "
                                     f"--dataset {url}")
