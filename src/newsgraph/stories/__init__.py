"""Stories across outlets. The core, on contract analysis dicts (../shared/CONTRACT.md)
and plain texts, needs no store: text features (text.py), the one tf-idf (tfidf.py), the
one story clusterer (clustering.py), stance towards a claim (stance.py), denials
(denials.py), numbers in conflict (number_conflicts.py), the links inside one article
that the link stage writes (links.py), claims matched across articles (claims.py),
who a claim comes from (origins.py) and which of an actor's roles are titles or
positions (roles.py).

The store layer, newsgraph.stories.store, keeps the derived tables of a store (actors
across documents, stories, matched claims, contradictions across articles) on this core,
rebuilds them and reports them."""

from .across import stance_timeline, story_stances
from .clustering import Article, Story, StoryClusterer
from .denials import is_denial
from .links import links_for
from .stance import LABELS, STANCE_WORDS, StanceModel, stance_word

__all__ = ["LABELS", "STANCE_WORDS", "Article", "StanceModel", "Story", "StoryClusterer",
           "is_denial", "links_for", "stance_timeline", "stance_word", "story_stances"]
