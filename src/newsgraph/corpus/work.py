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


def init_worker(memory_mb: int, max_chars: int, profile: str = "fast") -> None:
    """Process-pool initializer: load the model once per worker, then cap memory."""
    worker_pipeline(max_chars, profile)
    cap_memory(memory_mb)


def record_of(input_id: str, outcome: Outcome) -> dict:
    if outcome.ok:
        return {"input": input_id, "status": "analysis", "analysis": outcome.analysis}
    return {"input": input_id, "status": "error", "error": outcome.error.as_record()}


def analyze_shard(payload: list[dict], max_chars: int, profile: str = "fast") -> list[dict]:
    """Records for one shard, in input order."""
    documents = [entry["document"] for entry in payload if "document" in entry]
    pipeline = worker_pipeline(max_chars, profile)
    outcomes = pipeline.analyze_documents(documents) if documents else iter(())
    records = []
    for entry in payload:
        if "document" in entry:
            records.append(record_of(entry["document"].id, next(outcomes)))
        else:
            records.append(entry["record"])
    return records
