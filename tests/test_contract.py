"""Every analysis keeps the contract: the JSON Schema plus spans and references."""

from __future__ import annotations

import json

import pytest

from newsgraph import SCHEMA_ID, analyze
from newsgraph.contract import schema, validate, violations
from newsgraph.output import to_json


def test_example_analysis_validates(example_analysis):
    assert violations(example_analysis) == []
    assert example_analysis["schema"] == SCHEMA_ID
    assert example_analysis["document"]["published"] == "2018-12-19"
    assert example_analysis["document"]["outlet"] == "New York Post"


def test_same_input_gives_byte_identical_json(pipeline):
    text = open("examples/syria-withdrawal.txt", encoding="utf-8").read()
    first = to_json(analyze(text, published="2018-12-19", pipeline=pipeline))
    second = to_json(analyze(text, published="2018-12-19", pipeline=pipeline))
    assert first == second


def test_schema_rejects_what_breaks_the_contract(example_analysis):
    broken = json.loads(json.dumps(example_analysis))
    broken["entities"][0]["type"] = "ROBOT"
    del broken["links"]
    problems = violations(broken)
    assert any("ROBOT" in p for p in problems)
    assert any("links" in p for p in problems)


def test_spans_outside_the_text_are_violations(example_analysis):
    broken = json.loads(json.dumps(example_analysis))
    broken["entities"][0]["mentions"].append([0, 10**7])
    with pytest.raises(Exception, match="outside the text"):
        validate(broken)


def test_extension_fields_are_allowed(example_analysis):
    extended = json.loads(json.dumps(example_analysis))
    extended["entities"][0]["wikidata"] = "Q30"
    extended["extra"] = {"note": "added later"}
    assert violations(extended) == []


def test_error_record_validates():
    record = {"schema": SCHEMA_ID, "document": {"id": "x"},
              "error": {"code": "empty", "message": "the document has no text"}}
    assert violations(record) == []
    assert schema()["$defs"]["analysis"]["required"][0] == "schema"
