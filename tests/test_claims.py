"""Claims: who says what, through whom, on the reference example and on other text."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import checked_analyze
from reference_check import claim_problems


def test_every_reference_claim_is_found_with_its_attributes(example_analysis, reference):
    problems = [p for expected in reference["claims"]
                for p in claim_problems(example_analysis, expected)]
    assert problems == []


def _claims(text, pipeline, **kw):
    analysis = checked_analyze(text, pipeline, **kw)
    body = analysis["document"]["text"]
    names = {e["id"]: e["name"] for e in analysis["entities"]}

    def show(claim):
        return {
            "content": " … ".join(body[s:e] for s, e in claim["content"]),
            "cue": body[slice(*claim["cue"])] if claim["cue"] else None,
            "source": body[slice(*claim["source"])] if claim["source"] else None,
            "speaker": names.get(claim["speaker"]),
            "via": [names[v] for v in claim["via"]],
            "kind": claim["kind"], "anonymous": claim["anonymous"], "channel": claim["channel"],
        }
    return [show(c) for c in analysis["claims"]]


def test_named_speaker_told_an_outlet(pipeline):
    claims = _claims("Foreign Minister Maria Lindqvist told Reuters that Sweden would not "
                     "send troops to the region.", pipeline)
    claim = next(c for c in claims if "Sweden would not send troops" in c["content"])
    assert claim["speaker"] == "Maria Lindqvist"
    assert claim["via"] == ["Reuters"] and claim["cue"] == "told"
    assert claim["anonymous"] is False and claim["kind"] == "indirect"


def test_anonymous_officials_and_direct_quote(pipeline):
    claims = _claims("“We will not retreat,” the general said on Monday. Two officials, who "
                     "spoke on condition of anonymity, said the army had lost ground.", pipeline)
    quote = next(c for c in claims if "We will not retreat" in c["content"])
    assert quote["kind"] == "direct" and quote["cue"] == "said"
    anon = next(c for c in claims if "the army had lost ground" in c["content"])
    assert anon["anonymous"] is True and anon["speaker"] is None


def test_pronoun_source_resolves_to_the_person(pipeline):
    claims = _claims("Governor Alan Pryce visited the flooded towns on Sunday. He said the "
                     "state would pay for the repairs.", pipeline)
    claim = next(c for c in claims if "pay for the repairs" in c["content"])
    assert claim["speaker"] == "Alan Pryce" and claim["source"] == "He"


def test_a_pronoun_speaks_for_the_main_subject_not_the_person_he_talked_about(pipeline):
    # "he" after a sentence naming nobody goes back to the last main-clause subject: the
    # colonel, not the candidate he spoke about inside an embedded clause (the wrong
    # resolution put a retired officer's quotes on a candidate's actor page).
    text = ("Retired Marine Col. Dwight Okafor is speaking out before the governor's race, "
            "and he explained why he believes challenger Thomas Delgado has the better plan "
            "for the state prisons.\n\nThe prisons have been short of guards for years, and "
            "the budget for repairs was cut twice.\n\n\"It was demoralizing to work in that "
            "system,\" he said.\n")
    claims = _claims(text, pipeline)
    quote = next(c for c in claims if "demoralizing" in c["content"])
    assert quote["source"] == "he" and quote["speaker"] == "Dwight Okafor"
    assert not any(c["speaker"] == "Thomas Delgado" for c in claims)


def test_statement_and_report_channels(pipeline):
    claims = _claims("The ministry said in a statement that the border was closed. According "
                     "to a United Nations report, 40,000 people have fled.", pipeline)
    statement = next(c for c in claims if "the border was closed" in c["content"])
    assert statement["channel"] == "statement"
    report = next(c for c in claims if "40,000 people have fled" in c["content"])
    assert report["channel"] == "report" and report["cue"] == "According to"


def test_unbalanced_quotes_do_not_break_the_article(pipeline):
    claims = _claims("“This will end badly, the senator said.\n\nShe added that talks "
                     "would continue. ”” \" Another line.", pipeline)
    assert any("talks would continue" in c["content"] for c in claims)


def test_transcript_lines_and_signed_quotes_are_attributed(pipeline):
    text = ("Partial transcript as follows:\n\n"
            "\"HOST: Will the senator attend the hearing tomorrow?\n\n"
            "\"OKAFOR: She will not, and she has said so many times.\n\n"
            "“The plan is a disgrace to this city.” ― Maria Delgado\n\n"
            "Update: this story has been corrected.")
    claims = _claims(text, pipeline)
    by_source = {c["source"]: c for c in claims}
    assert by_source["OKAFOR"]["cue"] == ":"
    assert "She will not" in by_source["OKAFOR"]["content"]
    assert by_source["Maria Delgado"]["cue"] == "―"
    assert "disgrace to this city" in by_source["Maria Delgado"]["content"]
    assert "Update" not in by_source


def test_poll_findings_are_attributed_to_the_poll(pipeline):
    claims = _claims("In the latest Gallup poll, the governor leads her rival by six points.",
                     pipeline)
    claim = next(c for c in claims if "leads her rival" in c["content"])
    assert claim["cue"] == "In" and "poll" in claim["source"]


def test_relative_pronoun_source_resolves_to_its_antecedent(pipeline):
    claims = _claims("Mayor Ellen Voss, who has long argued that the bridge is unsafe, closed "
                     "it on Friday.", pipeline)
    claim = next(c for c in claims if c["source"] == "who")
    assert claim["speaker"] == "Ellen Voss"


def test_outlet_report_and_statement_from_an_organisation(pipeline):
    claims = _claims("The central bank is expected to raise rates next month, The Wall Street "
                     "Journal reported on Monday. According to a statement from the Treasury "
                     "Department, the minister also met bank executives.", pipeline)
    reported = next(c for c in claims if c["cue"] == "reported")
    assert reported["speaker"] == "Wall Street Journal"
    assert "raise rates next month" in reported["content"]
    statement = next(c for c in claims if c["cue"] == "According to")
    assert statement["speaker"] == "Treasury Department"
    assert "met bank executives" in statement["content"]
    assert statement["channel"] == "statement" and statement["anonymous"] is False


def test_a_second_verb_of_saying_is_a_claim_of_its_own(pipeline):
    claims = _claims("The Norwegian foreign ministry said it was firmly opposed to the test "
                     "and warned the government in Pyongyang to refrain from further action.",
                     pipeline)
    by_cue = {c["cue"]: c for c in claims}
    assert set(by_cue) >= {"said", "warned"}
    assert by_cue["said"]["content"] == "it was firmly opposed to the test"
    assert by_cue["warned"]["content"].startswith("the government in Pyongyang to refrain")
    assert by_cue["warned"]["source"] == by_cue["said"]["source"]


def test_template_scores_decode_like_the_feature_strings(pipeline):
    """The tagger scores features from columns (scoring.TemplateScorer) instead of handing
    crfsuite ~40 strings per token: on real articles, the same labels and marginals."""
    from conftest import POLNEAR_DEV, shared_path

    from newsgraph.stages.claims.features import doc_features, feature_columns, paragraphs
    from newsgraph.tokenview import TokenView

    pipeline.load()
    tagger = next(stage for stage in pipeline.stages if stage.name == "claims").tagger
    crf = tagger._tagger
    texts = sorted(shared_path(POLNEAR_DEV / "text").glob("*.txt"))[:6]
    labelled = 0
    for doc in pipeline.nlp.pipe(path.read_text(encoding="utf-8") for path in texts):
        view = TokenView(doc)
        strings = doc_features(doc, tagger.lexicon, tagger.centroids, view)
        columns = feature_columns(doc, tagger.lexicon, tagger.centroids, view)
        items = tagger.feed.items(tagger.scorer.scores(columns, view.n))
        for start, end in paragraphs(doc, view):
            expected = crf.tag(strings[start:end])
            cue = [crf.marginal("B-CUE", i) for i in range(end - start)]
            assert crf.tag(items[start:end]) == expected
            assert [crf.marginal("B-CUE", i) for i in range(end - start)] == pytest.approx(
                cue, abs=1e-9)
            labelled += sum(label != "O" for label in expected)
    assert labelled > 100  # the articles have attributions: the labels were not all O


def test_a_model_of_other_features_is_refused(tmp_path):
    from newsgraph.errors import ModelCorruptError, ModelNotInstalledError
    from newsgraph.stages.claims.scoring import CrfWeights, TemplateScorer, read_crfsuite_model

    (tmp_path / "model.crfsuite").write_bytes(b"lCRF" + bytes(20))
    with pytest.raises(ModelCorruptError, match="unreadable"):
        read_crfsuite_model(tmp_path / "model.crfsuite")
    weights = CrfWeights(["O", "B-CUE"], ["l=say", "zz=unknown"], np.zeros((2, 2)),
                         np.zeros((2, 2)))
    with pytest.raises(ModelNotInstalledError, match="retrain"):
        TemplateScorer(weights, {})


@pytest.mark.parametrize("sentence, cue, channel", [
    ("The union said on Twitter that the strike would go on.", "said", "tweet"),
    ("The company wrote in an email to staff that offices would reopen.", "wrote", "document"),
    ("The minister told reporters in an interview that talks had stalled.", "told reporters",
     "interview"),
])
def test_a_channel_phrase_is_cut_from_the_cue_and_kept_as_the_channel(pipeline, sentence,
                                                                      cue, channel):
    from newsgraph.stages.claims.assemble import Attribution
    from newsgraph.stages.claims.attributes import channel_of, cue_without_channel
    from newsgraph.stages.claims.tagger import TaggedSpan

    doc = pipeline.nlp(sentence)
    verb = next(t.i for t in doc if t.text == cue.split()[0])
    that = next(t.i for t in doc if t.text == "that")
    long_cue = TaggedSpan("CUE", verb, that)  # the cue as PolNeAR sometimes marks it
    cut = cue_without_channel(doc, long_cue)
    assert doc[cut.start:cut.end].text == cue
    assert channel_of(doc, Attribution(cut)) == channel
    # A cue with no channel phrase is left as it is.
    plain = TaggedSpan("CUE", verb, verb + 1)
    assert cue_without_channel(doc, plain) == plain
