"""The times stage (placeholder: assigns an empty list until the stage is built)."""

from __future__ import annotations

from ...pipeline import AnalysisState, Stage


class TimeStage(Stage):
    name = "times"
    requires = ("doc",)
    assigns = ("times",)

    def __call__(self, state: AnalysisState) -> None:
        state.times = []
