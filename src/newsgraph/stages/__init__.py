"""The extractors: one package per stage, each turning the parse into one kind of item,
and DEFAULT_STAGES, their order. A new extractor is a Stage subclass (newsgraph/stage.py
says what a stage is: declarations, load, run) in its own package, added here.

audit.py checks the declarations against what a stage really reads and writes;
anchoring.py is what the later stages share to attach their items to earlier ones.
"""

from .claims import ClaimStage
from .entities import EntityStage
from .events import EventStage
from .links import LinkStage
from .places import PlaceStage
from .quantities import QuantityStage
from .times import TimeStage

DEFAULT_STAGES = (EntityStage, ClaimStage, PlaceStage, TimeStage, QuantityStage, EventStage,
                  LinkStage)

__all__ = ["DEFAULT_STAGES", "ClaimStage", "EntityStage", "EventStage", "LinkStage", "PlaceStage",
           "QuantityStage", "TimeStage"]
