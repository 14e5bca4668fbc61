"""Where shards are analysed: the calling process, a local process pool, or Ray.

Each engine takes shard payloads and gives back handles; the runner asks for results in
shard order, keeping a bounded number in flight. All run the same shard function
(work.analyze_shard). Progress is per document where the engine can say so: `submit` and
`result` call `done(index)` once for each document of shard `index` analysed (the calling
process as it goes, pool workers through a queue read while the runner waits); Ray tasks
report nothing, and the runner counts their shards whole. A caller may give its own task
instead (the Parquet dataset's, which analyses and writes the shard in the worker:
newsgraph.dataset.shards.ShardTask): `task(payload, max_chars, **context)`, picklable,
run with the shard's index and the context given to `submit`, without per-document
progress.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from ..errors import ExtraNotInstalledError, UsageError
from .work import analyze_shard, analyze_shard_in_worker, init_worker

DEFAULT_MEMORY_MB = 4096  # per worker: spaCy's small model runs in well under 1 GB
DEFAULT_MAX_TASKS = 200  # shards a worker analyses before a fresh one replaces it
COMMIT_EVERY = 64  # shards the store's writer merges in one transaction, at most
POLL_S = 0.25  # how often the runner reads the pool's per-document progress while it waits
# One math thread per worker process, as Ray gives its workers: N workers on N cores with
# several BLAS/OpenMP threads each only fight over the cores.
THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                 "BLIS_NUM_THREADS")


@dataclass(frozen=True)
class EngineOptions:
    workers: int = 1
    memory_mb: int = DEFAULT_MEMORY_MB
    max_tasks: int = DEFAULT_MAX_TASKS
    max_chars: int = 1_000_000
    address: str | None = None
    profile: str = "fast"  # the workers' attribution profile (stage.PROFILES)


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class InlineEngine:
    """One worker: the calling process itself (no process start, no model copy)."""

    def __init__(self, options: EngineOptions, task=None):
        self.options = options
        self.task = task  # None: the corpus runner's analyze_shard, with progress
        self.window = 0  # merge each shard as soon as it is analysed

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def submit(self, payload: list[dict], index: int = 0, done=None, **context) -> Future:
        if self.task is not None:
            return _done(self.task(payload, self.options.max_chars, index=index, **context))
        on_document = None if done is None else (lambda: done(index))
        return _done(analyze_shard(payload, self.options.max_chars, on_document,
                                   self.options.profile))

    def ready(self, records: list[dict]) -> Future:
        return _done(records)

    def result(self, handle: Future, done=None) -> list[dict]:
        return handle.result()


class PoolEngine(InlineEngine):
    """A local process pool: spawn context (no forked model or locks), the model loaded
    once per worker by the initializer, the worker's address space capped, and each
    worker replaced after max_tasks shards so slow leaks cannot build up."""

    def __init__(self, options: EngineOptions, task=None):
        super().__init__(options, task)
        self.window = 2 * options.workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self):
        # Workers are spawned on demand and inherit the environment at that moment: keep the
        # limits set while the pool lives (the caller's defaults come back on exit).
        self.saved_env = {name: os.environ.get(name) for name in THREAD_LIMITS}
        for name in THREAD_LIMITS:
            os.environ.setdefault(name, "1")
        context = multiprocessing.get_context("spawn")
        self.done_queue = context.Queue()
        self.pool = ProcessPoolExecutor(
            max_workers=self.options.workers, mp_context=context,
            initializer=init_worker,
            initargs=(self.options.memory_mb, self.options.max_chars, self.done_queue,
                      self.options.profile),
            max_tasks_per_child=self.options.max_tasks or None)
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=exc[0] is None, cancel_futures=True)
        self.done_queue.close()
        for name, value in self.saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    def submit(self, payload: list[dict], index: int = 0, done=None, **context) -> Future:
        if self.task is not None:
            return self.pool.submit(self.task, payload, self.options.max_chars, index=index,
                                    **context)
        return self.pool.submit(analyze_shard_in_worker, payload, self.options.max_chars, index,
                                self.options.profile)

    def result(self, handle: Future, done=None) -> list[dict]:
        """The shard's records; meanwhile the documents the workers report go to `done`."""
        while True:
            try:
                records = handle.result(timeout=POLL_S if done else None)
                break
            except FutureTimeout:
                self._report(done)
        if done is not None:
            self._report(done)
        return records

    def _report(self, done) -> None:
        while True:
            try:
                done(self.done_queue.get_nowait())
            except queue.Empty:
                return


class RayEngine(InlineEngine):
    """Ray tasks running the same shard function: a local Ray instance by default, or the
    cluster at --address. Workers keep their pipeline between tasks (max_calls renews
    them, as max_tasks does for the pool)."""

    def __init__(self, options: EngineOptions, task=None):
        super().__init__(options, task)
        self.started = False

    def __enter__(self):
        try:
            import ray
        except ImportError:
            raise ExtraNotInstalledError("ray", "the Ray engine") from None
        self.ray = ray
        if not ray.is_initialized():
            if self.options.address:
                ray.init(address=self.options.address, log_to_driver=False)
            else:  # a private local instance, reachable from this machine only
                ray.init(num_cpus=self.options.workers, include_dashboard=False,
                         log_to_driver=False, _node_ip_address="127.0.0.1")
            self.started = True
        self.window = 2 * max(self.options.workers, int(ray.cluster_resources().get("CPU", 1)))
        # No address-space cap here: Ray maps its object store into every worker; Ray's
        # own memory monitor kills a worker that runs the node out of memory.
        self.remote = ray.remote(num_cpus=1, max_calls=self.options.max_tasks or 0)(_call_task)
        return self

    def __exit__(self, *exc) -> None:
        if self.started:
            self.ray.shutdown()

    def submit(self, payload: list[dict], index: int = 0, done=None, **context):
        if self.task is None:
            return self.remote.remote(analyze_shard, payload, self.options.max_chars,
                                      profile=self.options.profile)
        return self.remote.remote(self.task, payload, self.options.max_chars, index=index,
                                  **context)

    def result(self, handle, done=None) -> list[dict]:
        if isinstance(handle, Future):
            return handle.result()
        return self.ray.get(handle)


def _call_task(task, payload: list[dict], max_chars: int, **context):
    """Ray's remote function: one for every task (a task object travels with each call)."""
    return task(payload, max_chars, **context)


def make_engine(name: str, options: EngineOptions, task=None):
    if name == "ray":
        return RayEngine(options, task)
    if name != "local":
        raise UsageError(f"unknown engine {name!r} (local or ray)")
    return PoolEngine(options, task) if options.workers > 1 else InlineEngine(options, task)
