"""The stories layer on the store: the writer of the derived tables (actors across
documents, incremental story clustering, claims matched across articles with their
independent sources, contradictions between the articles of one story), their rebuild
from the stored documents, and their reports for `newsgraph stories` and `newsgraph
story`. Built on the store-free core (newsgraph.stories); the store itself knows the
writer only as a derived writer it is given (`open_store`)."""

from .rebuild import DERIVED_WRITERS, open_store, rebuild
from .report import story_report
from .writer import StoryWriter

__all__ = ["DERIVED_WRITERS", "StoryWriter", "open_store", "rebuild", "story_report"]
