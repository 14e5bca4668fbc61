"""Corpus runs: many inputs into one store, in resumable shards, on one or many CPUs."""

from .engines import EngineOptions
from .runner import RunSummary, ingest

__all__ = ["EngineOptions", "RunSummary", "ingest"]
