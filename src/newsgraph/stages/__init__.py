"""The default stages, in order. A new extractor is a Stage subclass added here."""

from .claims import ClaimStage
from .entities import EntityStage
from .events import EventStage
from .places import PlaceStage
from .quantities import QuantityStage
from .times import TimeStage

DEFAULT_STAGES = (EntityStage, ClaimStage, PlaceStage, TimeStage, QuantityStage, EventStage)

__all__ = ["DEFAULT_STAGES", "ClaimStage", "EntityStage", "EventStage", "PlaceStage",
           "QuantityStage", "TimeStage"]
