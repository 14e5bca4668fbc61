"""The pipeline: a spaCy parse followed by newsgraph stages.

Each stage is a small class that declares what it `requires` and what it `assigns`
(fields of AnalysisState, or fields of another stage's items: stage.py), like a
spaCy component. The Pipeline checks the order once, when it is built, so a missing
producer is a configuration error rather than an AttributeError on the first article.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .document import Document
from .errors import AnalysisError, NewsgraphError, PipelineConfigError
from .knowledge import Knowledge
from .nlp import load_model
from .stage import (BASE_FIELDS, CONTRACT_LISTS, DEFAULT_PROFILE, PROFILES, SCHEMA_ID,
                    AnalysisState, Stage)

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["AnalysisState", "BASE_FIELDS", "CONTRACT_LISTS", "DEFAULT_PROFILE", "Outcome",
           "PROFILES", "Pipeline", "SCHEMA_ID", "Stage", "check_stage_order"]


@dataclass(frozen=True)
class Outcome:
    """The result for one document: an analysis, or the error that stopped it."""

    document_id: str
    analysis: dict | None = None
    error: NewsgraphError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_record(self) -> dict:
        if self.ok:
            return self.analysis
        return {"schema": SCHEMA_ID, "document": {"id": self.document_id},
                "error": self.error.as_record()}


def check_stage_order(stages: Sequence[Stage]) -> None:
    """Every requirement assigned by an earlier stage; a field of another stage's items
    ("claims.time") set only after that stage made them."""
    available = set(BASE_FIELDS)
    for stage in stages:
        missing = [need for need in stage.requires if need not in available]
        if missing:
            raise PipelineConfigError(
                f"stage {stage.name!r} requires {', '.join(missing)}, "
                "which no earlier stage assigns"
            )
        orphans = [name for name in stage.assigns
                   if "." in name and name.split(".")[0] not in available]
        if orphans:
            raise PipelineConfigError(
                f"stage {stage.name!r} assigns {', '.join(orphans)} to items no earlier "
                "stage makes"
            )
        available.update(stage.assigns)


class Pipeline:
    """Parse with spaCy, then run the stages. Build one per process and reuse it.

    `profile`: "fast" (the default) or "accurate" (stage.PROFILES), which claim tagger
    runs; an analysis of the accurate profile carries `"profile": "accurate"`."""

    def __init__(self, nlp: Language | None = None,
                 stage_classes: Sequence[type[Stage]] | None = None,
                 knowledge: Knowledge | None = None, batch_size: int = 32,
                 profile: str = DEFAULT_PROFILE):
        # Here, not at the top: the stages import spaCy (about a second), which
        # `import newsgraph` and the commands that never analyse should not pay.
        from .stages import DEFAULT_STAGES, profile_stages

        if profile not in PROFILES:  # before the model loads: a typo fails at once
            raise PipelineConfigError(
                f"unknown profile {profile!r}: choose one of {', '.join(PROFILES)}")
        self.profile = profile
        self.nlp = nlp if nlp is not None else load_model()
        self.knowledge = knowledge or Knowledge()
        classes = profile_stages(stage_classes or DEFAULT_STAGES, profile)
        self.stages = [cls(self.knowledge) for cls in classes]
        check_stage_order(self.stages)
        self.batch_size = batch_size
        self._loaded = False

    def load(self) -> None:
        """Load every table and model the stages read (Knowledge's tables, then each
        stage's load()), once. The first analysis calls it, outside any document's
        error handling, so a missing model stops the run instead of failing each
        document."""
        if self._loaded:
            return
        self.knowledge.preload()
        for stage in self.stages:
            stage.prepare()
        self._loaded = True

    def settle(self) -> None:
        """load(), then move the long-lived objects (model, tables) out of the cyclic
        garbage collector's scans (gc.freeze). For batch runs: it saves about 3% of
        analysis time on PolNeAR dev. It affects the whole process, so the library never
        calls it on its own; the CLI and the benchmarks do."""
        self.load()
        gc.collect()
        gc.freeze()

    def run_stages(self, document: Document, doc, until: str | None = None) -> AnalysisState:
        """The stages over a parsed document; with `until`, those before the stage of that
        name only (what it is given in a full run)."""
        state = AnalysisState(document=document, doc=doc)
        for stage in self.stages:
            if stage.name == until:
                break
            try:
                stage(state)
            except NewsgraphError:
                raise
            except Exception as exc:  # a bug in one stage must not take the batch down
                raise AnalysisError(
                    f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}") from exc
        return state

    def analyze_document(self, document: Document) -> dict:
        self.load()
        return self.contract(self.run_stages(document, self.nlp(document.text)))

    def contract(self, state: AnalysisState) -> dict:
        """The state's analysis, with the profile where it is not the default."""
        analysis = state.to_contract()
        if self.profile != DEFAULT_PROFILE:
            analysis["profile"] = self.profile
        return analysis

    def analyze_documents(self, documents: Iterable[Document | Outcome]) -> Iterator[Outcome]:
        """Analyse in input order; an Outcome passed in (a reading error) passes through."""
        self.load()
        batch: list[Document | Outcome] = []
        for item in documents:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document | Outcome]) -> Iterator[Outcome]:
        docs = [item for item in batch if isinstance(item, Document)]
        try:
            parsed = iter(list(self.nlp.pipe(d.text for d in docs)))
        except Exception:
            parsed = None  # parse one by one below, so one bad text fails alone
        for item in batch:
            if isinstance(item, Outcome):
                yield item
                continue
            try:
                doc = next(parsed) if parsed is not None else self.nlp(item.text)
                state = self.run_stages(item, doc)
                yield Outcome(item.id, analysis=self.contract(state))
            except NewsgraphError as exc:
                yield Outcome(item.id, error=exc)
            except Exception as exc:
                yield Outcome(item.id, error=AnalysisError(f"{type(exc).__name__}: {exc}"))
