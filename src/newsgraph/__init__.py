"""newsgraph: news reports into a structured, source-attributed picture of a situation.

    >>> import newsgraph
    >>> analysis = newsgraph.analyze("President Trump said ...", published="2018-12-19")
    >>> resolved = newsgraph.Analysis(analysis)     # claim.speaker.name, .to_frames()

`analyze` builds one Pipeline per process on first use (loading the spaCy model takes
about a second); pass your own `pipeline=` to control that.
"""

from __future__ import annotations

from .analysis import Analysis, Item, Passage, Span, analyze, default_pipeline
from .document import Document, make_document
from .errors import InputError, NewsgraphError
from .pipeline import SCHEMA_ID, Outcome, Pipeline

__version__ = "0.1.0"


__all__ = ["analyze", "Analysis", "Item", "Span", "Passage", "default_pipeline", "Pipeline", "Document", "make_document", "Outcome",
           "NewsgraphError", "InputError", "SCHEMA_ID", "__version__"]
