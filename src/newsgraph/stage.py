"""A stage and the state it works on.

AnalysisState is what flows through the stages for one document: the document, its
parse and what the stages found so far, and how it becomes the contract's analysis
object. A Stage is a class that declares what it reads (`requires`) and what it writes
(`assigns`) of the AnalysisState, like a spaCy component, loads its tables in `load`
and does its work in `run`.

A declaration is the name of a state field ("entities", "mention_index"), or
"list.field" for a field of the items of a list that another stage made: the time stage
sets each claim's time, so it assigns "claims.time", and a stage that reads claims'
times after it requires "claims.time". Pipeline checks the order when it is built;
stages/audit.py checks the declarations against what a stage really reads and writes.

Outside the stages package, so that `import newsgraph` does not import the stages
(and spaCy with them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .document import Document
from .items import Claim, Entity, Event, Link, Place, Quantity, Time
from .knowledge import Knowledge
from .tokenview import TokenView

if TYPE_CHECKING:  # spaCy is imported where a model is loaded, not by `import newsgraph`
    from spacy.tokens import Doc

SCHEMA_ID = "newsgraph.analysis/1"

# The attribution profiles. `fast` (the default) is the CRF over parse features;
# `accurate` adds a transformer's token vectors (stages/claims/accurate.py). An analysis
# of another profile than the default says so in its top-level `profile` field (a fast
# one leaves it out, so its output is what it was before profiles existed).
PROFILES = ("fast", "accurate")
DEFAULT_PROFILE = "fast"

# Provided before any stage runs.
BASE_FIELDS = ("document", "doc")
CONTRACT_LISTS = ("entities", "claims", "events", "quantities", "places", "times", "links")


@dataclass
class AnalysisState:
    """The document, its parse and what the stages found so far. Each field after `doc`
    is assigned by the stage that declares it in `assigns`."""

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


class Stage:
    """Base class of pipeline stages: subclasses set the three declarations and write
    `run`, and `load` when they read tables or models."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self._loaded = False

    def load(self) -> None:
        """Read the stage's tables and models into the instance (never into module
        state). Called once, through prepare()."""

    def prepare(self) -> None:
        """Load once: Pipeline.settle() (and Pipeline.load()) call it for every stage up
        front; a stage used on its own loads on its first document."""
        if not self._loaded:
            self.load()
            self._loaded = True

    def __call__(self, state: AnalysisState) -> None:
        self.prepare()
        self.run(state)

    def run(self, state: AnalysisState) -> None:  # pragma: no cover - interface
        raise NotImplementedError
