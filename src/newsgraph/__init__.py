"""newsgraph: news reports into a structured, source-attributed picture of a situation.

    >>> import newsgraph
    >>> analysis = newsgraph.analyze("President Trump said ...", published="2018-12-19")

`analyze` builds one Pipeline per process on first use (loading the spaCy model takes
about a second); pass your own `pipeline=` to control that.
"""

from __future__ import annotations

from functools import lru_cache

from .document import Document, make_document
from .errors import InputError, NewsgraphError
from .pipeline import SCHEMA_ID, Outcome, Pipeline

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The shared pipeline of this process, built on first use."""
    return Pipeline()


def analyze(text: str, *, published: str | None = None, outlet: str | None = None,
            id: str = "document", title: str | None = None, url: str | None = None,
            language: str | None = None, pipeline: Pipeline | None = None) -> dict:
    """Analyse one article and return the contract's analysis object.

    Raises InputError (or a subclass) for unusable text.
    """
    document = make_document(text, id=id, title=title, url=url, outlet=outlet,
                             published=published, language=language)
    return (pipeline or default_pipeline()).analyze_document(document)


__all__ = ["analyze", "default_pipeline", "Pipeline", "Document", "make_document", "Outcome",
           "NewsgraphError", "InputError", "SCHEMA_ID", "__version__"]
