"""The events stage (placeholder: assigns an empty list until the stage is built)."""

from __future__ import annotations

from ...pipeline import AnalysisState, Stage


class EventStage(Stage):
    name = "events"
    requires = ("doc", "entities", "mention_index", "claims", "claim_tokens", "places", "times")
    assigns = ("events",)

    def __call__(self, state: AnalysisState) -> None:
        state.events = []
