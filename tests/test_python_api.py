"""The Python interface as a notebook uses it: analyse the example, read resolved objects,
`to_frames()`, the spaCy component and its displaCy view."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE_TEXT, ROOT
from reference_check import anchor_spans, claim_problems

from newsgraph import Analysis, Passage, Span
from newsgraph.errors import AnalysisError, ContractViolation, ExtraNotInstalledError

META = json.loads((ROOT / "examples" / "syria-withdrawal.meta.json").read_text())


@pytest.fixture(scope="module")
def analysis(example_analysis):
    return Analysis(example_analysis)


def test_spans_are_the_text_at_their_offsets(analysis, example_analysis):
    text = example_analysis["document"]["text"]
    for claim in analysis.claims:
        if claim.cue is not None:
            assert isinstance(claim.cue, Span)
            assert claim.cue.text == text[claim.cue.start:claim.cue.end]
            assert [claim.cue.start, claim.cue.end] == claim.record["cue"]
        assert isinstance(claim.content, Passage)
        assert [[part.start, part.end] for part in claim.content.parts] == claim.record["content"]
        assert claim.content.text.startswith(text[claim.content.start:claim.content.parts[0].end])
    for time in analysis.times:
        assert time.text == text[time.span.start:time.span.end] and time.text


def test_reference_claims_resolve_to_names_and_texts(analysis, example_analysis, reference):
    """Each reference claim the analysis meets (by the raw record, as the quality gate
    checks it) reads the same through the resolved objects."""
    met = [expected for expected in reference["claims"] if "speaker" in expected
           and not claim_problems(example_analysis, expected)]
    assert len(met) >= 3
    for expected in met:
        anchors = anchor_spans(analysis.text, expected["anchor"])
        covering = [claim for claim in analysis.claims
                    if any(part.start < end and start < part.end
                           for part in claim.content.parts for start, end in anchors)]
        matching = [claim for claim in covering if claim.speaker is not None
                    and claim.speaker.name == expected["speaker"]
                    and ("cue" not in expected
                         or claim.cue.text.lower() == expected["cue"].lower())
                    and [entity.name for entity in claim.via] == expected.get("via", [])]
        assert matching, f"no resolved claim matches {expected}"
        claim = matching[0]
        assert claim.speaker.name != claim.speaker.id  # a name, not E4
        assert claim.cue.text == analysis.text[claim.cue.start:claim.cue.end]


def test_events_and_quantities_resolve(analysis):
    trump = next(entity for entity in analysis.entities if entity.name == "Donald Trump")
    assert trump.country == "USA" and trump.text == "Donald Trump"
    by_trump = [event for event in analysis.events if event.actor == trump]
    assert by_trump and all(event.actor.country == "USA" for event in by_trump)
    for event in analysis.events:
        assert event.trigger.text == analysis.text[slice(*event.record["trigger"])]
        if event.place is not None:
            assert event.place.id == event.record["place"] and event.place.name
        if event.time is not None:
            assert event.time.value == analysis.get(event.record["time"]).record["value"]
        if event.recipient is not None:
            assert event.recipient.kind == "entities"
        assert [entity.id for entity in event.actors] == event.record.get("actors", [])
    troops = next(q for q in analysis.quantities if q.unit == "troop")
    assert troops.of.name == "United States" and "2,000" in troops.text
    with pytest.raises(KeyError):
        analysis.get("E999")
    with pytest.raises(AttributeError):
        analysis.claims[0].no_such_field


def test_links_resolve_both_ends(analysis):
    for link in analysis.links:
        assert link.from_.id == link.record["from"] and link.to.id == link.record["to"]


def test_an_error_record_is_no_analysis():
    with pytest.raises(AnalysisError, match="empty"):
        Analysis({"schema": "newsgraph.analysis/1", "document": {"id": "x"},
                  "error": {"code": "empty", "message": "no text"}})
    with pytest.raises(ContractViolation):
        Analysis({"document": {"id": "x", "text": ""}})


def test_from_text_equals_analyze(pipeline):
    text = "President Trump said on Wednesday that the US will withdraw 2,000 troops from Syria."
    analysis = Analysis.from_text(text, published="2018-12-19", pipeline=pipeline)
    from newsgraph import analyze

    assert analysis.record == analyze(text, published="2018-12-19", pipeline=pipeline)
    assert analysis.text == text


def test_frames_have_one_row_per_item_and_resolved_columns(analysis, example_analysis):
    frames = analysis.to_frames()
    assert list(frames) == ["entities", "claims", "events", "quantities", "places", "times",
                            "links"]
    for kind, frame in frames.items():
        assert len(frame) == len(example_analysis[kind])
        assert set(frame["document_id"]) == {META["id"]}
    claims = frames["claims"].set_index("id").astype(object)
    claims = claims.where(claims.notna(), None)  # pandas reads a missing value as NaN
    for claim in analysis.claims:
        row = claims.loc[claim.id]
        assert row["content_text"] == claim.content.text
        assert row["cue_text"] == (claim.cue.text if claim.cue else None)
        assert row["speaker_name"] == (claim.speaker.name if claim.speaker else None)
        assert list(row["via_names"]) == [entity.name for entity in claim.via]
    events = frames["events"].set_index("id").astype(object)
    events = events.where(events.notna(), None)
    for event in analysis.events:
        row = events.loc[event.id]
        assert row["actor_name"] == (event.actor.name if event.actor else None)
        assert row["actor_country"] == (event.actor.country if event.actor else None)
        assert row["recipient_name"] == (event.recipient.name if event.recipient else None)
        assert row["place_name"] == (event.place.name if event.place else None)
        assert row["time_value"] == (event.time.value if event.time else None)
        assert row["trigger_text"] == event.trigger.text
    assert {"of_name", "span_text", "place_name"} <= set(frames["quantities"].columns)
    assert {"from_label", "to_label"} <= set(frames["links"].columns)


def test_frames_of_an_empty_analysis_keep_their_columns(pipeline):
    frames = Analysis.from_text("Nothing happened.", pipeline=pipeline).to_frames()
    assert frames["claims"].empty
    assert {"speaker_name", "cue_text", "content_text"} <= set(frames["claims"].columns)


def test_frames_without_pandas_name_the_extra(analysis, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # what an install without it gives
    with pytest.raises(ExtraNotInstalledError, match=r"newsgraph\[frames\]"):
        analysis.to_frames()


@pytest.fixture(scope="module")
def component_doc():
    from spacy import displacy  # noqa: F401  (the test below renders)

    import newsgraph.spacy_component  # noqa: F401  registers the factory
    from newsgraph.nlp import load_model

    nlp = load_model()
    nlp.add_pipe("newsgraph", config={"published": META["published"],
                                      "outlet": META["outlet"]})
    return nlp(EXAMPLE_TEXT.read_text(encoding="utf-8"))


def test_the_spacy_component_gives_the_same_analysis(component_doc, example_analysis):
    analysis = component_doc._.newsgraph
    assert isinstance(analysis, Analysis)
    expected = dict(example_analysis, document=dict(example_analysis["document"],
                                                    id="document"))
    assert analysis.record == expected


def test_the_spacy_component_marks_claim_parts(component_doc):
    analysis = component_doc._.newsgraph
    spans = list(component_doc.spans["newsgraph"])
    labels = {span.label_ for span in spans}
    for claim in analysis.claims:
        assert f"{claim.id} content" in labels
        if claim.cue is not None:
            cue = next(span for span in spans if span.label_ == f"{claim.id} cue")
            assert cue.start_char <= claim.cue.start and cue.end_char >= claim.cue.end
            assert claim.cue.text in cue.text


def test_displacy_shows_claims_and_their_parts(component_doc):
    from spacy import displacy

    html = displacy.render(component_doc, style="span",
                           options={"spans_key": "newsgraph"}, page=True)
    speaking = [claim for claim in component_doc._.newsgraph.claims if claim.cue]
    assert speaking
    for claim in speaking:
        assert f"{claim.id} cue" in html and f"{claim.id} source" in html
    assert "tweeted" in html
