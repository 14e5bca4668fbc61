"""Stories across outlets: stance, incremental story clustering, contradiction links."""

from __future__ import annotations


import pytest

from conftest import EXAMPLE_TEXT, SHARED, checked_analyze
from newsgraph.stories import Article, StanceModel, StoryClusterer, links_for
from newsgraph.stories.number_conflicts import quantity_conflicts

EMERGENT = SHARED / "data" / "stance" / "emergent" / "url-versions-2015-06-14-clean.csv"


def _text(analysis, span):
    return analysis["document"]["text"][span[0]:span[1]]


def _content(analysis, claim):
    return " ".join(_text(analysis, s) for s in claim["content"])


# --- stance ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stance():
    return StanceModel.load()


CLAIM = "The United States will withdraw all of its troops from Syria"


@pytest.mark.parametrize("headline, expected", [
    ("Pentagon denies reports of a Syria withdrawal and calls them false", "against"),
    ("Coalition dismisses Syria pullout story as a hoax", "against"),
    ("Report: Trump may be weighing a pullout from Syria", "observing"),
    ("Is the US about to leave Syria? Officials reportedly discuss a pullout", "observing"),
    ("US begins withdrawing all its troops from Syria", "for"),
])
def test_stance_on_headlines(stance, headline, expected):
    assert stance.predict(CLAIM, headline) == expected


def test_stance_probabilities_are_a_distribution(stance):
    probs = stance.probabilities(CLAIM, "Officials deny the US will leave Syria")
    assert set(probs) == {"for", "against", "observing"}
    assert abs(sum(probs.values()) - 1) < 1e-6
    assert max(probs, key=probs.get) == "against"


def test_stance_survives_empty_text(stance):
    assert stance.predict("", "") in ("for", "against", "observing")
    assert stance.predict_many([], []) == []


# --- clustering ------------------------------------------------------------------------

def test_same_story_joins_and_other_story_does_not():
    clusterer = StoryClusterer()
    first = clusterer.add(Article("a", "US to withdraw troops from Syria, officials say",
                                  published="2018-12-19"))
    same = clusterer.add(Article("b", "Trump orders full withdrawal of US troops from Syria",
                                 published="2018-12-20"))
    other = clusterer.add(Article("c", "Apple expected to sell millions of smartwatches",
                                  published="2018-12-20"))
    assert same is first
    assert other is not first
    assert [a.id for a in first.articles] == ["a", "b"]
    assert first.span == ("2018-12-19", "2018-12-20")
    assert "troop" in first.top_terms() and "syria" in first.top_terms()
    assert first.title in {a.headline for a in first.articles}


def test_far_apart_in_time_starts_a_new_story():
    clusterer = StoryClusterer()
    first = clusterer.add(Article("a", "US to withdraw troops from Syria", published="2018-12-19"))
    later = clusterer.add(Article("b", "US to withdraw troops from Syria", published="2019-06-01"))
    assert later is not first


def test_how_a_story_changed(stance):
    from newsgraph.stories import stance_timeline, story_stances

    clusterer = StoryClusterer()
    for id_, headline, day in [
        ("a", "Report: US may pull all troops out of Syria", "2018-12-19"),
        ("b", "US begins withdrawing all its troops from Syria", "2018-12-20"),
        ("c", "Pentagon denies US is pulling troops out of Syria, calls reports false",
         "2018-12-21"),
    ]:
        story = clusterer.add(Article(id_, headline, published=day))
    assert len(clusterer.stories) == 1
    rows = story_stances(story, stance, claim=CLAIM)
    assert [r["stance"] for r in rows] == ["reports", "supports", "denies"]
    assert set(rows[0]["probabilities"]) == {"supports", "denies", "reports"}
    timeline = stance_timeline(rows)
    assert [t["date"] for t in timeline] == ["2018-12-19", "2018-12-20", "2018-12-21"]
    assert timeline[-1]["denies"] == 1 and timeline[-1]["supports"] == 0


def test_story_from_an_analysis(example_analysis):
    article = Article.from_analysis(example_analysis)
    assert article.published == "2018-12-19"
    assert article.names  # actors and places of the analysis take part
    clusterer = StoryClusterer()
    story = clusterer.add(article)
    follow_up = clusterer.add(Article("x", "US troops to leave Syria as Trump declares ISIS "
                                           "defeated; coalition had denied any withdrawal",
                                      published="2018-12-20"))
    assert follow_up is story
    assert story.as_dict()["first"] == "2018-12-19"


# --- links -----------------------------------------------------------------------------

def test_denial_contradicts_the_reported_withdrawal(example_analysis):
    links = links_for(example_analysis)
    claims = {c["id"]: c for c in example_analysis["claims"]}
    denial = next(c for c in example_analysis["claims"]
                  if c["cue"] and _text(example_analysis, c["cue"]) == "denied")
    from_denial = [link for link in links if link["from"] == denial["id"]]
    assert len(from_denial) == 1
    link = from_denial[0]
    assert link["type"] == "contradicts"
    assert "withdraw" in _content(example_analysis, claims[link["to"]])
    assert "\n" not in link["reason"] and "denied" in link["reason"]
    # The speaker's own claims are never what it denies.
    assert claims[link["to"]]["speaker"] != denial["speaker"]


def test_link_stage_in_the_default_pipeline(pipeline):
    from newsgraph.stages import DEFAULT_STAGES
    from newsgraph.stages.links import LinkStage

    assert DEFAULT_STAGES[-1] is LinkStage
    analysis = checked_analyze(EXAMPLE_TEXT.read_text(encoding="utf-8"), pipeline,
                               published="2018-12-19")
    assert analysis["links"] and analysis["links"] == links_for(analysis)
    plain = checked_analyze("The minister said the plan was on track.", pipeline)
    assert plain["links"] == []


def test_no_denial_no_link(pipeline):
    analysis = checked_analyze(
        "The company reported higher sales on Monday, according to Reuters. Analysts said "
        "the results beat expectations.", pipeline)
    assert links_for(analysis) == []


def test_a_claim_calling_a_report_false_is_a_denial(pipeline):
    analysis = checked_analyze(
        "The company will close its Detroit plant next year, sources told Reuters. "
        "The company said in a statement that reports of a plant closure are false.", pipeline)
    links = links_for(analysis)
    assert len(links) == 1
    target = next(c for c in analysis["claims"] if c["id"] == links[0]["to"])
    assert "close" in _content(analysis, target)


def _claim_at(text, cue, content):
    start = text.index(cue)
    at = text.index(content)
    return {"id": "C1", "cue": [start, start + len(cue)], "content": [[at, at + len(content)]]}


@pytest.mark.parametrize("text, cue, content, denies", [
    ("The ministry denied that talks had collapsed.", "denied", "that talks had collapsed", True),
    ("Officials dismissed the report as speculation.", "dismissed", "the report", True),
    ("The firm said the reports were completely false.", "said",
     "the reports were completely false", True),
    ("The firm said the reports were accurate.", "said", "the reports were accurate", False),
    ("The agency could deny them permits until the work is done.", "could deny",
     "them permits", False),
    ("If the plan rejected single mothers, families would suffer.", "rejected",
     "single mothers", False),
    ("The court denied class-action status to the workers.", "denied",
     "class-action status to the workers", False),
    ("The board rejected his appeal on Monday.", "rejected", "his appeal", False),
    ("The coalition denied any change to the force's presence.", "denied",
     "any change to the force's presence", True),
])
def test_what_counts_as_a_denial(text, cue, content, denies):
    from newsgraph.stories import is_denial

    assert is_denial(text, _claim_at(text, cue, content)) is denies


def _quantity(id_, value, unit="troop", place="P1", of="E1", approximate=False, claim=None,
              **bounds):
    return {"id": id_, "span": [0, 1], "value": value, "unit": unit, "place": place, "of": of,
            "approximate": approximate, "low": bounds.get("low"), "high": bounds.get("high"),
            "claim": claim}


def test_numbers_far_apart_for_the_same_scope_conflict():
    links = quantity_conflicts([_quantity("Q1", 2000, approximate=True),
                                _quantity("Q2", 30000)], "x")
    assert [(l.source, l.target, l.type) for l in links] == [("Q1", "Q2", "contradicts")]


@pytest.mark.parametrize("second", [
    _quantity("Q2", 5000, place="P2"),  # another place
    _quantity("Q2", 5000, of="E2"),  # another owner
    _quantity("Q2", 5000, unit="fighter"),  # another thing counted
    _quantity("Q2", 2300),  # close enough for an estimate
    _quantity("Q2", None, high=30000),  # "as high as 30,000" allows 2,000
])
def test_numbers_of_different_scopes_or_close_do_not_conflict(second):
    assert quantity_conflicts([_quantity("Q1", 2000, approximate=True), second], "x") == []


def test_the_same_number_from_two_claims_corroborates():
    links = quantity_conflicts([_quantity("Q1", 2000, approximate=True, claim="C1"),
                                _quantity("Q2", 2100, claim="C4"),
                                _quantity("Q3", 2000, claim="C4", place="P2")], "x")
    assert [(l.source, l.target, l.type) for l in links] == [("Q1", "Q2", "corroborates")]
    assert "C1" in links[0].reason and "C4" in links[0].reason
    # One claim repeating its own number is no corroboration.
    assert quantity_conflicts([_quantity("Q1", 2000, claim="C1"),
                               _quantity("Q2", 2000, claim="C1")], "x") == []


@pytest.mark.parametrize("scope", [{"place": None, "of": None}, {"place": None},
                                   {"of": None}])
def test_unscoped_numbers_are_not_compared(scope):
    # "46 percent" and "10 percent" in one state are two shares, not one disputed number.
    assert quantity_conflicts([_quantity("Q1", 2000, **scope),
                               _quantity("Q2", 9000, **scope)], "x") == []


@pytest.mark.parametrize("broken", [
    {},
    {"document": {"text": None}, "claims": None},
    {"document": {"text": "He denied it."},
     "claims": [{"id": "C1", "cue": [3, 9], "content": [[99, 120]]}, {"id": "C2"},
                {"id": "C3", "cue": ["a", "b"], "content": [[0, 2]]}, "junk"],
     "quantities": [{"id": "Q1", "unit": "troop", "place": "P1", "value": "many"}, None],
     "events": [{"id": "V1", "trigger": [500, 600]}]},
])
def test_malformed_analysis_never_crashes(broken):
    assert isinstance(links_for(broken), list)


def test_an_article_without_a_denial_gets_no_denial_link(example_analysis):
    no_denial = dict(example_analysis, claims=[
        c for c in example_analysis["claims"]
        if not (c["cue"] and _text(example_analysis, c["cue"]) == "denied")
        and "false" not in _content(example_analysis, c)])
    assert [link for link in links_for(no_denial) if link["from"].startswith("C")] == []


# --- quality gate ----------------------------------------------------------------------

@pytest.mark.quality_gate("stance")
def test_stance_cross_validated_accuracy_gate(quality_gate):
    from newsgraph.evaluation.stance import (accuracy, cross_validate_stance, load_pairs,
                                             per_class)

    pairs = load_pairs(EMERGENT)
    gold, predicted = cross_validate_stance(pairs, 5)
    quality_gate({"accuracy": accuracy(gold, predicted),
                  "against_f1": per_class(gold, predicted, ["against"])["against"][2]})


@pytest.mark.quality_gate("stories")
def test_story_clustering_bcubed_gate(quality_gate):
    from newsgraph.evaluation.stance import load_pairs
    from newsgraph.evaluation.stories import cluster_scores
    from newsgraph.stories.clustering import DEFAULT_THRESHOLD

    pairs = load_pairs(EMERGENT)
    (precision, recall, f1), _ = cluster_scores(pairs, DEFAULT_THRESHOLD)
    quality_gate({"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1})
