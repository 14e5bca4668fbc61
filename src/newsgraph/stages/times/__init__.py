"""The times stage: every temporal expression as a Time with its TIMEX3 type and value
relative to the publication date, and the time each claim was made."""

from __future__ import annotations

from datetime import date

from ...items import Time
from ...stage import AnalysisState, Stage
from .attach import claim_times
from .context import Context
from .extract import TimeExtractor


def publication_date(published) -> date | None:
    """The anchor for relative expressions: the ISO publication date, if any."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


class TimeStage(Stage):
    name = "times"
    requires = ("document", "doc", "claims")
    # Besides its own items, the time each claim was made (attach.py).
    assigns = ("times", "claims.time")
    extractor: TimeExtractor

    def load(self) -> None:
        self.extractor = TimeExtractor()

    def run(self, state: AnalysisState) -> None:
        text = state.document.text
        if not text or not text.strip():
            state.times = []
            return
        context = Context(text, publication_date(state.document.published), state.tokens)
        found = self.extractor.extract(context)
        state.times = [Time(id=f"T{number}", span=(f.start, f.end), type=f.type, value=f.value)
                       for number, f in enumerate(found, 1)]
        claim_times(state)
