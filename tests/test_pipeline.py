"""Stages declare what they need; a failing stage fails one document, not the batch."""

from __future__ import annotations

import pytest

from newsgraph import Pipeline, make_document
from newsgraph.errors import PipelineConfigError
from newsgraph.pipeline import Stage
from newsgraph.stages import EntityStage


class NeedsClaims(Stage):
    name = "needs-claims"
    requires = ("claims",)


class Explodes(Stage):
    name = "explodes"
    requires = ("entities",)

    def __call__(self, state):
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
