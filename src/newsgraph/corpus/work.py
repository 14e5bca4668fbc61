"""The shard function: the same code runs in a local worker process, in a Ray task, or in
the calling process. A worker builds its pipeline once and keeps it for every shard."""

from __future__ import annotations

import resource

from ..pipeline import Outcome

MB = 1024 * 1024


def cap_memory(memory_mb: int) -> None:
    """Cap this process's address space, so a runaway document fails its worker (a
    MemoryError, recorded as a failed document) instead of the machine."""
    if memory_mb > 0:
        limit = memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def worker_pipeline(max_chars: int, profile: str = "fast"):
    """The process's pipeline of that profile, built and settled on first use."""
    from .. import default_pipeline

    pipeline = default_pipeline(profile)
    if not getattr(pipeline, "_settled_for_corpus", False):
        pipeline.settle()
        pipeline.nlp.max_length = max(pipeline.nlp.max_length, max_chars)
        pipeline._settled_for_corpus = True
    return pipeline


# The pool worker's channel back to the calling process for per-document progress: set
# once per worker process by its initializer (a queue can only reach a worker that way).
_worker_done_queue = None


def init_worker(memory_mb: int, max_chars: int, done_queue=None, profile: str = "fast") -> None:
    """Process-pool initializer: load the model once per worker, then cap memory;
    `done_queue` gets a shard's index for each document the worker analyses."""
    global _worker_done_queue
    _worker_done_queue = done_queue
    worker_pipeline(max_chars, profile)
    cap_memory(memory_mb)


def analyze_shard_in_worker(payload: list[dict], max_chars: int, index: int,
                            profile: str = "fast") -> list[dict]:
    """analyze_shard in a pool worker, reporting each document to the calling process."""
    queue = _worker_done_queue
    return analyze_shard(payload, max_chars,
                         on_document=None if queue is None else lambda: queue.put(index),
                         profile=profile)


def record_of(input_id: str, outcome: Outcome) -> dict:
    if outcome.ok:
        return {"input": input_id, "status": "analysis", "analysis": outcome.analysis}
    return {"input": input_id, "status": "error", "error": outcome.error.as_record()}


def analyze_shard(payload: list[dict], max_chars: int, on_document=None,
                  profile: str = "fast") -> list[dict]:
    """Records for one shard, in input order; `on_document()` after each document
    analysed (progress)."""
    documents = [entry["document"] for entry in payload if "document" in entry]
    pipeline = worker_pipeline(max_chars, profile)
    outcomes = pipeline.analyze_documents(documents) if documents else iter(())
    records = []
    for entry in payload:
        if "document" in entry:
            records.append(record_of(entry["document"].id, next(outcomes)))
            if on_document is not None:
                on_document()
        else:
            records.append(entry["record"])
    return records
