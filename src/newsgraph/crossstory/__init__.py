"""Stories across outlets, on the store: cross-document actors, incremental story
clustering, claims matched across articles with their independent sources, and
contradictions between articles of one story. The store's writer keeps the tables
(writer.py); report.py reads them for `newsgraph story` (the list of stories is
newsgraph.store.lists')."""

from .report import StoryNotFound, story_report

__all__ = ["StoryNotFound", "story_report"]
