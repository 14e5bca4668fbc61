"""Stories across outlets: stance of a text towards a claim, incremental clustering of
articles into stories, and contradiction links inside one article.

Works on contract analysis dicts (../shared/CONTRACT.md) and plain headline/article
texts; it needs no store."""

from .across import stance_timeline, story_stances
from .clustering import Article, Story, StoryClusterer
from .denials import is_denial
from .links import links_for
from .stance import LABELS, StanceModel

__all__ = ["LABELS", "Article", "StanceModel", "Story", "StoryClusterer", "is_denial",
           "links_for", "stance_timeline", "story_stances"]
