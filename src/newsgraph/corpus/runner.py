"""A corpus run: shards analysed by an engine, written to the run directory, merged into
the store by one writer in shard order.

Resuming is the same call: shards the store has merged are passed over, shards whose
files are finished are merged from the files, the rest are analysed. Because merging is
in shard order and each shard is merged whole in one transaction (with the shards before
it that were waiting), an interrupted and resumed run leaves exactly the store an
uninterrupted run leaves.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import StoreLockedError
from ..inputs import InputOptions
from ..store.connection import check_store_path
from ..stories.store import open_store
from .engines import COMMIT_EVERY, EngineOptions, make_engine
from .plan import iter_shards, make_plan, shard_payload
from .rundir import RunDirectory


# Documents per store transaction: a commit writes every index page the transaction
# touched, and documents keyed by content hashes touch pages all over each index, so
# merging shards together shares those pages (a third of the writer's time went to
# commits of one 16-document shard each). Below a shard's size, a shard is merged alone.


@dataclass
class RunSummary:
    run: str
    inputs: int
    shards: int
    resumed_from: int  # shards already merged when this call started
    counts: Counter = field(default_factory=Counter)  # ok / skipped / failed this call


def ingest(paths: list[Path], db: Path, *, options: InputOptions = InputOptions(),
           engine="local", engine_options: EngineOptions = EngineOptions(),
           shard_size: int = 16, commit_every: int = COMMIT_EVERY, progress=None,
           keep_shards: bool = False) -> RunSummary:
    """Analyse the inputs into the store at `db`; resumes an interrupted run of the same
    inputs. Finished shards are merged in shard order, `commit_every` documents or more
    per transaction (the store is the same whatever the grouping). `engine` is a name
    (local, ray) or an engine already entered, to reuse its warm workers; `progress` is a
    callable(total, initial) giving an object with update(n) and close(), as
    newsgraph.progress.Progress."""
    db = Path(db)
    plan = make_plan(paths, options, shard_size, engine_options.profile)
    with writer_lock(db), open_store(db) as store:
        store.require_profile(engine_options.profile)  # before any analysis, not at the merge
        store.start_run(plan.run, json.dumps([str(p) for p in paths]), shard_size, plan.shards)
        merged, complete = store.run_progress(plan.run)
        summary = RunSummary(plan.run, plan.inputs, plan.shards, merged)
        rundir = RunDirectory(db, plan.run)
        bar = progress(plan.inputs, min(merged * shard_size, plan.inputs)) if progress else None
        if not complete:
            # Workers raise spaCy's length limit to the inputs' own.
            engine_options = replace(engine_options, max_chars=options.max_chars)
            engines = (make_engine(engine, engine_options) if isinstance(engine, str)
                       else nullcontext(engine))
            with engines as runner:
                _run_shards(paths, options, plan, merged, store, rundir, runner, summary, bar,
                            commit_every)
            store.finish_run(plan.run)
        if not keep_shards:
            rundir.remove()
        if bar is not None:
            bar.close()
    return summary


@contextmanager
def writer_lock(db: Path) -> Iterator[None]:
    """One ingest writes to a store at a time: an exclusive lock on `<db>.lock`, which the
    system drops when the process ends, however it ends (kill -9 included). The lock sits
    beside the real file (symlinks resolved), so two names for one store share it."""
    import fcntl

    check_store_path(db, readonly=False)
    real = db.resolve()
    with open(real.with_name(real.name + ".lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLockedError(f"another ingest is writing to {db}; wait for it or stop "
                                   "it") from None
        yield


def _run_shards(paths, options, plan, merged, store, rundir, runner, summary, bar,
                commit_every: int) -> None:
    pending: deque = deque()
    ready: list[tuple[int, list[dict]]] = []  # finished shards, in order, not yet merged
    counted: Counter = Counter()  # shard index -> documents the bar has counted
    # A pool worker's reports travel apart from its result and may come after it: a shard
    # collected has been counted whole, and its late reports are dropped.
    collected: set[int] = set()

    def document_done(index: int) -> None:  # as the engine reports each document analysed
        if index not in collected:
            counted[index] += 1
            bar.update(1)

    done = document_done if bar is not None else None

    def collect_next() -> None:
        index, handle, from_file = pending.popleft()
        records = runner.result(handle, done)
        if not from_file:
            rundir.write(index, records)
        ready.append((index, records))
        if bar is not None:  # what was not analysed (stored before, unreadable) or reported
            collected.add(index)
            bar.update(len(records) - counted.pop(index, 0))
        if sum(len(records) for _, records in ready) >= commit_every:
            merge_ready()

    def merge_ready() -> None:
        if ready:
            summary.counts.update(store.merge_shards(ready, run=plan.run))
            ready.clear()

    for index, items in iter_shards(paths, options, plan.shard_size):
        if index < merged:
            continue
        if rundir.is_done(index):
            pending.append((index, runner.ready(rundir.read(index)), True))
        else:
            payload = shard_payload(items, store.has_document)
            pending.append((index, runner.submit(payload, index, done), False))
        while len(pending) > runner.window:
            collect_next()
    while pending:
        collect_next()
    merge_ready()
