"""The extractors: one package per stage, each turning the parse into one kind of item,
and DEFAULT_STAGES, their order. A new extractor is a Stage subclass (newsgraph/stage.py
says what a stage is: declarations, load, run) in its own package, added here.

audit.py checks the declarations against what a stage really reads and writes;
anchoring.py is what the later stages share to attach their items to earlier ones.
"""

from ..errors import PipelineConfigError
from ..stage import PROFILES
from .claims import AccurateClaimStage, ClaimStage
from .entities import EntityStage
from .events import EventStage
from .links import LinkStage
from .places import PlaceStage
from .quantities import QuantityStage
from .times import TimeStage

DEFAULT_STAGES = (EntityStage, ClaimStage, PlaceStage, TimeStage, QuantityStage, EventStage,
                  LinkStage)

# A profile (stage.PROFILES) swaps the claim stage only; every other stage is the same.
_PROFILE_STAGES = {"accurate": {ClaimStage: AccurateClaimStage}}


def profile_stages(stage_classes, profile: str) -> tuple:
    """The stage classes of a profile: each class the profile replaces, replaced."""
    if profile not in PROFILES:
        raise PipelineConfigError(
            f"unknown profile {profile!r}: choose one of {', '.join(PROFILES)}")
    swaps = _PROFILE_STAGES.get(profile, {})
    return tuple(swaps.get(cls, cls) for cls in stage_classes)


__all__ = ["DEFAULT_STAGES", "AccurateClaimStage", "ClaimStage", "EntityStage", "EventStage",
           "LinkStage", "PlaceStage", "QuantityStage", "TimeStage", "profile_stages"]
