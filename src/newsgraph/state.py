"""What flows through the stages for one document: the AnalysisState, and how it becomes
the contract's analysis object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Document
from .items import Claim, Entity, Event, Link, Place, Quantity, Time
from .tokenview import TokenView

if TYPE_CHECKING:  # spaCy is imported where a model is loaded, not by `import newsgraph`
    from spacy.tokens import Doc

SCHEMA_ID = "newsgraph.analysis/1"

# Provided before any stage runs.
BASE_FIELDS = ("document", "doc")
CONTRACT_LISTS = ("entities", "claims", "events", "quantities", "places", "times", "links")


@dataclass
class AnalysisState:
    """The document, its parse and what the stages found so far. Each field after `doc`
    is assigned by the stage that declares it in `assigns` (stages/base.py)."""

    document: Document
    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Token index -> entity id, for stages that need to know who a word refers to.
    mention_index: dict[int, str] = field(default_factory=dict)
    # Token index -> claim id, for items reported inside an attributed claim.
    claim_tokens: dict[int, str] = field(default_factory=dict)
    _tokens: TokenView | None = field(default=None, repr=False)

    @property
    def tokens(self) -> TokenView:
        """The parse as plain lists (TokenView), built on first use: a view of `doc`, so
        reading it is reading `doc`."""
        if self._tokens is None:
            self._tokens = TokenView(self.doc)
        return self._tokens

    def to_contract(self) -> dict:
        analysis = {"schema": SCHEMA_ID, "document": self.document.as_contract()}
        for name in CONTRACT_LISTS:
            analysis[name] = [item.to_contract() for item in getattr(self, name)]
        return analysis
