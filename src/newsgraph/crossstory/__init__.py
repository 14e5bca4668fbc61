"""Stories across outlets, on the store: cross-document actors, incremental story
clustering, claims matched across articles with their independent sources, and
contradictions between articles of one story. The store's writer keeps the tables
(writer.py); report.py reads them for `newsgraph stories` and `newsgraph story`."""

from .report import StoryNotFound, list_stories, story_report

__all__ = ["StoryNotFound", "list_stories", "story_report"]
