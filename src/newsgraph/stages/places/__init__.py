"""The places stage (placeholder: assigns an empty list until the stage is built)."""

from __future__ import annotations

from ...pipeline import AnalysisState, Stage


class PlaceStage(Stage):
    name = "places"
    requires = ("doc", "entities", "mention_index")
    assigns = ("places",)

    def __call__(self, state: AnalysisState) -> None:
        state.places = []
