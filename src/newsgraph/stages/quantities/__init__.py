"""The quantities stage (placeholder: assigns an empty list until the stage is built)."""

from __future__ import annotations

from ...pipeline import AnalysisState, Stage


class QuantityStage(Stage):
    name = "quantities"
    requires = ("doc", "entities", "mention_index", "claim_tokens", "places")
    assigns = ("quantities",)

    def __call__(self, state: AnalysisState) -> None:
        state.quantities = []
