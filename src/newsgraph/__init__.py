"""newsgraph: news reports into a structured, source-attributed picture of a situation.

    >>> import newsgraph
    >>> analysis = newsgraph.analyze("President Trump said ...", published="2018-12-19")
    >>> resolved = newsgraph.Analysis(analysis)     # claim.speaker.name, .to_frames()

`analyze` builds one Pipeline per process on first use (loading the spaCy model takes
about a second); pass your own `pipeline=` to control that.
"""

from __future__ import annotations

__version__ = "0.1.0"

# The API by name, imported on first use (PEP 562): the command line's query commands
# need none of the analysis pipeline, whose imports (spaCy's, numpy's) take longer than
# a query over a dataset.
_EXPORTS = {
    "analyze": "analysis", "Analysis": "analysis", "Item": "analysis", "Span": "analysis",
    "Passage": "analysis", "default_pipeline": "analysis", "Pipeline": "pipeline",
    "Outcome": "pipeline", "SCHEMA_ID": "pipeline", "Document": "document",
    "make_document": "document", "NewsgraphError": "errors", "InputError": "errors",
}

__all__ = ["analyze", "Analysis", "Item", "Span", "Passage", "default_pipeline", "Pipeline",
           "Document", "make_document", "Outcome", "NewsgraphError", "InputError",
           "SCHEMA_ID", "__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
