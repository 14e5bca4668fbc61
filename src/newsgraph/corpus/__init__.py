"""Corpus runs: many inputs into one store, in resumable shards, on one or many CPUs."""

__all__ = ["EngineOptions", "RunSummary", "ingest"]


def __getattr__(name: str):
    # Imported on first use (PEP 562): the CLI reads the engines' defaults for its help
    # without the runner's imports.
    if name == "EngineOptions":
        from .engines import EngineOptions as value
    elif name in ("RunSummary", "ingest"):
        from . import runner

        value = getattr(runner, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
