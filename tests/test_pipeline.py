"""Stages declare what they need; a failing stage fails one document, not the batch."""

from __future__ import annotations

import copy

import pytest

from newsgraph import Pipeline, make_document
from newsgraph.errors import PipelineConfigError
from newsgraph.pipeline import Stage
from newsgraph.stages import EntityStage, EventStage, LinkStage, TimeStage


class NeedsClaims(Stage):
    name = "needs-claims"
    requires = ("claims",)


class Explodes(Stage):
    name = "explodes"
    requires = ("document", "entities")

    def run(self, state):
        if "boom" in state.document.text:
            raise RuntimeError("boom")


def test_missing_producer_is_a_configuration_error(pipeline):
    with pytest.raises(PipelineConfigError, match="needs-claims"):
        Pipeline(nlp=pipeline.nlp, stage_classes=[NeedsClaims], knowledge=pipeline.knowledge)


def test_a_failing_stage_fails_only_its_document(pipeline):
    custom = Pipeline(nlp=pipeline.nlp, stage_classes=[EntityStage, Explodes],
                      knowledge=pipeline.knowledge)
    docs = [make_document("Fine text about Paris.", id="a"),
            make_document("This one goes boom.", id="b"),
            make_document("Fine text about Rome.", id="c")]
    outcomes = list(custom.analyze_documents(docs))
    assert [o.document_id for o in outcomes] == ["a", "b", "c"]
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].error.code == "analysis_failed" and "explodes" in outcomes[1].error.message


def _audited_documents(count: int = 4) -> list:
    """The example article with its metadata, and the first PolNeAR dev articles when
    ../shared is there."""
    import json

    from conftest import EXAMPLE_TEXT, POLNEAR_DEV, ROOT

    meta = json.loads((ROOT / "examples" / "syria-withdrawal.meta.json").read_text())
    documents = [make_document(EXAMPLE_TEXT.read_text(encoding="utf-8"), id=meta["id"],
                               published=meta["published"], outlet=meta["outlet"])]
    for path in sorted((POLNEAR_DEV / "text").glob("*.txt"))[:count]:
        documents.append(make_document(path.read_text(encoding="utf-8"), id=path.stem))
    return documents


@pytest.fixture(scope="module")
def audited_documents():
    return _audited_documents()


def test_every_stage_reads_and_writes_only_what_it_declares(pipeline, audited_documents):
    from newsgraph.stages.audit import audit_stages

    assert audit_stages(pipeline, audited_documents) == []


def _with_stages(pipeline, *replacements: type[Stage]):
    """The pipeline's loaded stages, those of each replacement's base class re-declared
    by it (its tables shared, not loaded again)."""
    custom = copy.copy(pipeline)
    custom.stages = []
    for stage in pipeline.stages:
        stage = copy.copy(stage)
        for cls in replacements:
            if isinstance(stage, cls.__mro__[1]):
                stage.__class__ = cls
        custom.stages.append(stage)
    return custom


class TimesSilentOnClaims(TimeStage):
    assigns = ("times",)


class LinksWithoutClaimTimes(LinkStage):
    requires = tuple(name for name in LinkStage.requires if name != "claims.time")


class LinksWithoutEntities(LinkStage):
    requires = tuple(name for name in LinkStage.requires if name != "entities")


class EventsClaimingQuantities(EventStage):
    requires = (*EventStage.requires, "quantities")


@pytest.mark.parametrize("replacements, fault", [
    ((TimesSilentOnClaims, LinksWithoutClaimTimes),
     "times: writes claims.time, which it does not assign"),
    ((LinksWithoutClaimTimes,),
     "links: reads claims.time, which another stage assigns and it does not require"),
    ((LinksWithoutEntities,), "links: reads entities, which it does not require"),
    ((EventsClaimingQuantities,), "events: requires quantities but never reads it"),
])
def test_the_audit_catches_a_wrong_declaration(pipeline, audited_documents, replacements,
                                               fault):
    from newsgraph.stages.audit import audit_stages

    assert audit_stages(_with_stages(pipeline, *replacements), audited_documents[:1]) == [fault]


def test_the_audit_leaves_the_analysis_as_it_was(pipeline, audited_documents):
    from newsgraph.items import Claim
    from newsgraph.stages.audit import ITEM_LISTS, run_recorded

    document = audited_documents[0]
    state, accesses = run_recorded(pipeline.stages, document, pipeline.nlp(document.text))
    assert state.to_contract() == pipeline.analyze_document(document)
    assert ITEM_LISTS["claims"] is Claim and len(ITEM_LISTS) == 7
    for name, item_class in ITEM_LISTS.items():
        assert all(type(item) is item_class for item in getattr(state, name))
    assert any(claim.time for claim in state.claims)
    assert "claims.time" in accesses["times"].writes
    assert "claims.time" in accesses["links"].reads


class AssignsClaimTimes(Stage):
    name = "claim-times"
    assigns = ("claims.time",)


def test_an_item_field_is_assigned_only_after_its_list(pipeline):
    with pytest.raises(PipelineConfigError, match="'claim-times' assigns claims.time to items no"):
        Pipeline(nlp=pipeline.nlp, stage_classes=[EntityStage, AssignsClaimTimes],
                 knowledge=pipeline.knowledge)


def test_the_architecture_lists_the_stages_as_declared():
    """docs/ARCHITECTURE.md's table of the default stages is their declarations."""
    from conftest import ROOT

    from newsgraph.stages import DEFAULT_STAGES

    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text[text.index("| stage | requires | assigns |"):].split("\n\n")[0]
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in table.splitlines()[2:]]
    assert rows == [[cls.name, ", ".join(cls.requires), ", ".join(cls.assigns)]
                    for cls in DEFAULT_STAGES]


class EditsInPlace(Stage):
    name = "edits-in-place"
    requires = ("mention_index", "claims")

    def run(self, state):
        state.mention_index[0] = "nobody"
        state.claims.append(state.claims[0])


def test_the_audit_sees_changes_made_in_place(pipeline, audited_documents):
    from newsgraph.stages.audit import audit_stages

    custom = copy.copy(pipeline)
    custom.stages = [*pipeline.stages[:2], EditsInPlace(pipeline.knowledge)]
    assert [stage.name for stage in custom.stages[:2]] == ["entities", "claims"]
    assert audit_stages(custom, audited_documents[:1]) == [
        "edits-in-place: writes claims, which it does not assign",
        "edits-in-place: writes mention_index, which it does not assign"]
