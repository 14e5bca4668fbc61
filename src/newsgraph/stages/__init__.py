"""The default stages, in order. A new extractor is a Stage subclass added here."""

from .claims import ClaimStage
from .entities import EntityStage

DEFAULT_STAGES = (EntityStage, ClaimStage)

__all__ = ["DEFAULT_STAGES", "ClaimStage", "EntityStage"]
