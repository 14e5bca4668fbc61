"""The default stages, in order. A new extractor is a Stage subclass added here."""

from .entities import EntityStage

DEFAULT_STAGES = (EntityStage,)

__all__ = ["DEFAULT_STAGES", "EntityStage"]
