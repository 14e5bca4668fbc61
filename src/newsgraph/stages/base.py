"""What a stage is: a class that declares what it reads (`requires`) and what it writes
(`assigns`) of the AnalysisState, like a spaCy component, and loads its tables in `load`.

A declaration is the name of a state field ("entities", "mention_index"), or
"list.field" for a field of the items of a list that another stage made: the time stage
sets each claim's time, so it assigns "claims.time", and a stage that reads claims'
times after it requires "claims.time". Pipeline checks the order when it is built;
stages/audit.py checks the declarations against what a stage really reads and writes.
"""

from __future__ import annotations

from typing import ClassVar

from ..knowledge import Knowledge
from ..state import AnalysisState


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
