"""`newsgraph ingest PATH... --dataset DIR`: the corpus run of newsgraph.corpus (the same
plan, shards and engines) with no single writer: each worker analyses its shard and
writes it into the dataset (shards.ShardTask); this process only hands out shards and
counts what comes back.

Resuming is the same call: shards with a manifest are passed over, the rest are written
again whole. Documents the dataset held before this run are passed over as the store
does; an article twice in one run is written by both shards and read once (the first
copy: newsgraph.dataset.duck)."""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path

from ..corpus.engines import EngineOptions, make_engine
from ..corpus.plan import iter_shards, make_plan, shard_payload
from ..corpus.runner import RunSummary
from ..errors import StoreLockedError, UsageError
from ..inputs import InputOptions
from .location import Location
from .manifests import complete_shards, read_contents, run_seq, write_index
from .shards import analyze_and_write


def ingest_dataset(paths: list[Path], url: str, *, options: InputOptions = InputOptions(),
                   engine="local", engine_options: EngineOptions = EngineOptions(),
                   shard_size: int = 16, progress=None) -> RunSummary:
    """Analyse the inputs into the dataset at `url`; resumes an interrupted run of the
    same inputs. `engine` is a name (local, ray) or an
    engine already entered, made with analyze_and_write as its task (to reuse warm
    workers); `progress` as newsgraph.corpus.ingest's."""
    location = Location(url)
    with _one_ingest(location):
        return _ingest(location, paths, options, engine, engine_options, shard_size, progress)


@contextmanager
def _one_ingest(location: Location) -> Iterator[None]:
    """One ingest at a time into a local dataset (runs are numbered as they start): an
    exclusive lock on DIR/.ingest.lock, dropped by the system however the process ends.
    A remote dataset has no such lock: run one ingest at a time (docs/SCALE.md)."""
    if not location.local:
        yield
        return
    import fcntl

    Path(location.root).mkdir(parents=True, exist_ok=True)
    with open(Path(location.root) / ".ingest.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLockedError(f"another ingest is writing to {location.url}") from None
        yield


def _ingest(location, paths, options, engine, engine_options, shard_size, progress
            ) -> RunSummary:
    plan = make_plan(paths, options, shard_size)
    seq = run_seq(location, plan.run, {"inputs": [str(p) for p in paths],
                                       "shard_size": shard_size, "shards": plan.shards})
    done = complete_shards(location, plan.run)
    summary = RunSummary(plan.run, plan.inputs, plan.shards, len(done))
    known = read_contents(location, required=False).document_hashes(except_run=plan.run)
    bar = progress(plan.inputs, min(len(done) * shard_size, plan.inputs)) if progress else None
    if len(done) < plan.shards:
        engine_options = replace(engine_options, max_chars=options.max_chars)
        engines = (make_engine(engine, engine_options, analyze_and_write)
                   if isinstance(engine, str) else nullcontext(engine))
        with engines as runner:
            if runner.task is not analyze_and_write:
                raise UsageError("a dataset is written by engines made with "
                                 "newsgraph.dataset.shards.analyze_and_write")
            pending: deque = deque()

            def collect() -> None:
                manifest = runner.result(pending.popleft())
                summary.counts.update(Counter(manifest["counts"]))
                if bar is not None:
                    bar.update(manifest["records"])

            for index, items in iter_shards(paths, options, plan.shard_size):
                if index in done:
                    continue
                payload = shard_payload(items, known.__contains__)
                pending.append(runner.submit(payload, url=location.url, run=plan.run,
                                             run_seq=seq, index=index))
                while len(pending) > max(runner.window, 1):
                    collect()
            while pending:
                collect()
    if bar is not None:
        bar.close()
    write_index(location)  # opening the dataset reads this one file
    return summary


def describe(url: str) -> str:
    """One line on what the dataset holds."""
    contents = read_contents(Location(url), required=False)
    counts: Counter = Counter()
    for manifest in contents.manifests:
        counts.update(manifest["counts"])
    documents = len(contents.document_hashes())
    return (f"{url}: {documents} documents in {len(contents.manifests)} shards "
            f"({json.dumps(dict(sorted(counts.items())))})")
