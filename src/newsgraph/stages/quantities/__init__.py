"""The quantities stage: every number the article asserts, as a Quantity with its value
or bounds, unit, owner, place and claim. See extract.py for how numbers are read."""

from __future__ import annotations

from ...items import Quantity
from ...stage import AnalysisState, Stage
from ..anchoring import claim_of
from .attachment import owner, place_of, place_spans
from .extract import QuantityReader
from .units import UnitTable


class QuantityStage(Stage):
    name = "quantities"
    requires = ("document", "doc", "entities", "mention_index", "claim_tokens", "places")
    assigns = ("quantities",)
    reader: QuantityReader

    def load(self) -> None:
        self.reader = QuantityReader(UnitTable())

    def run(self, state: AnalysisState) -> None:
        quantities = []
        spans = place_spans(state)  # where each place is named, read once per article
        for number, found in enumerate(self.reader.read(state), start=1):
            quantities.append(Quantity(
                id=f"Q{number}", span=(found.start, found.end), unit=found.unit,
                value=_number(found.value), low=_number(found.low), high=_number(found.high),
                approximate=found.approximate, of=self._owner(state, found),
                place=place_of(state, spans, found.token, found.start, found.end),
                claim=claim_of(state, found.start, found.end)))
        state.quantities = quantities

    @staticmethod
    def _owner(state: AnalysisState, found) -> str | None:
        of = owner(state, found.token)
        if of is None and found.number_token not in (-1, found.token):
            of = owner(state, found.number_token)  # "carried out hundreds of strikes"
        return of


def _number(value: float | None) -> float | int | None:
    """Whole numbers as ints (2000, not 2000.0), rounding away float noise (0.1 * 3)."""
    if value is None:
        return None
    rounded = round(value, 10) if abs(value) < 1e15 else value
    return int(rounded) if float(rounded).is_integer() and abs(rounded) < 2 ** 53 else rounded
