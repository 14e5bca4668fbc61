"""Stories across outlets: stance, incremental story clustering, contradiction links."""

from __future__ import annotations


import pytest

from conftest import EXAMPLE_TEXT, SHARED, checked_analyze, shared_path
from newsgraph.stories import Article, StanceModel, StoryClusterer, links_for
from newsgraph.stories.number_conflicts import quantity_conflicts
from newsgraph.stories.window import Window

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


def _days_after(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def test_a_story_spans_no_more_than_the_window_even_reported_every_day():
    from newsgraph.stories.window import SPAN_DAYS

    clusterer = StoryClusterer()
    stories = [clusterer.add(Article(f"a{day}", "Floods close the main road to the border "
                                     "crossing at Rafah", published=_days_after("2019-03-01", day)))
               for day in range(SPAN_DAYS + 6)]
    first = stories[0]
    assert stories[SPAN_DAYS] is first  # day SPAN_DAYS: the story spans exactly the window
    assert stories[SPAN_DAYS + 1] is not first  # the same text a day later: a new story
    assert all(s is stories[SPAN_DAYS + 1] for s in stories[SPAN_DAYS + 1:])
    for story in clusterer.stories:
        start, end = story.span
        assert _days_after(start, SPAN_DAYS) >= end


def test_a_gap_longer_than_the_window_starts_a_new_story():
    from newsgraph.stories.window import GAP_DAYS

    headline = "Court blocks the sale of the state water utility to a private fund"
    clusterer = StoryClusterer()
    first = clusterer.add(Article("a", headline, published="2019-05-01"))
    within = clusterer.add(Article("b", headline, published=_days_after("2019-05-01", GAP_DAYS)))
    beyond = clusterer.add(Article("c", headline,
                                   published=_days_after("2019-05-01", 2 * GAP_DAYS + 1)))
    assert within is first and beyond is not first
    # Undated articles reach the stories of the latest arrivals only.
    tight = StoryClusterer(window=Window(recent_articles=2))
    one = tight.add(Article("d", headline))
    tight.add(Article("e", "Storm floods vineyards in Chile"))
    tight.add(Article("f", "Apple expected to sell millions of smartwatches"))
    assert tight.add(Article("g", headline)) is not one


def _background_articles() -> list[Article]:
    """Real articles (PolNeAR dev, then train), undated, their first line as headline: a
    store in which the words of political news have their real frequencies."""
    polnear = shared_path(SHARED / "data" / "attribution" / "polnear")
    articles = []
    for split, count in (("dev", 84), ("train", 76)):
        for path in sorted((polnear / split / "text").glob("*.txt"))[:count]:
            text = path.read_text(encoding="utf-8")
            articles.append(Article(path.stem, text.split("\n", 1)[0], text))
    return articles


# Written for the test: two reports of different events that share only words every
# political report has (president, party, state, week, people, year, time, told).
RALLY = Article("rally", "Party says president will campaign in the state next week",
                "The party told people on Tuesday that the president would campaign in the "
                "state next week, the first time this year.")
BUDGET = Article("budget", "President to report on the year, party tells people",
                 "The president will report next week on the state of the party after a year "
                 "in which people said it had no time, party officials told reporters Tuesday.")


def test_common_words_alone_do_not_make_a_story():
    from newsgraph.stories.clustering import MIN_COUNTED

    background = _background_articles()
    assert len(background) >= MIN_COUNTED
    apart = StoryClusterer()
    apart.add_all(background)
    assert apart.add(RALLY) is not apart.add(BUDGET)
    # What keeps them apart is the rule: were no word common, they would be one story.
    merged = StoryClusterer(common_share=1.0)
    merged.add_all(background)
    assert merged.add(RALLY) is merged.add(BUDGET)
    # And a distinctive word shared makes them one story again.
    named = StoryClusterer()
    named.add_all(background)
    first = named.add(Article("rally2", RALLY.headline.replace("the state", "Nebraska"),
                              RALLY.text.replace("the state", "Nebraska")))
    second = named.add(Article("budget2", BUDGET.headline + " in Nebraska",
                               BUDGET.text.replace("the state", "Nebraska")))
    assert first is second


CLUSTER_SCRIPT = """
import json, sys
from newsgraph.evaluation.stance import load_pairs
from newsgraph.evaluation.stories import arrival_date, unique_articles
from newsgraph.stories import Article, StoryClusterer
pairs = unique_articles(load_pairs(sys.argv[1]))[:400]
clusterer = StoryClusterer()
for p in pairs:
    assignment = clusterer.assign(Article(p.article_id, p.headline, published=arrival_date(p)))
    clusterer.state.join(assignment.story, Article(p.article_id, p.headline,
                                                   published=arrival_date(p)),
                         assignment.vector)
    print(assignment.story, repr(assignment.similarity))
"""


def test_clustering_is_the_same_under_two_hash_seeds():
    import os
    import subprocess
    import sys

    from conftest import ROOT

    outputs = [subprocess.run(
        [sys.executable, "-c", CLUSTER_SCRIPT, str(shared_path(EMERGENT))],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed},
        capture_output=True, text=True, check=True).stdout for seed in ("1", "2")]
    assert outputs[0] == outputs[1] and len(outputs[0].splitlines()) == 400
    assert len({line.split()[0] for line in outputs[0].splitlines()}) > 1


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


def test_blocking_by_distinctive_terms_changes_no_assignment():
    """Candidates blocked to the stories sharing a distinctive term (clustering.py) give
    every article the story and similarity that scoring every story in reach gives, and
    score fewer stories: Emergent headlines, all one day, so every story is in reach."""
    from newsgraph.evaluation.stance import load_pairs
    from newsgraph.evaluation.stories import unique_articles
    from newsgraph.stories.clustering import MemoryState

    class Counting(MemoryState):
        def __init__(self, blocking: bool):
            super().__init__()
            self.blocking, self.scored = blocking, 0

        def candidates(self, vector, published, window, position, distinctive=None):
            found = super().candidates(vector, published, window, position,
                                       distinctive if self.blocking else None)
            self.scored += len(found)
            return found

    pairs = unique_articles(load_pairs(shared_path(EMERGENT)))[:600]
    runs = []
    for blocking in (False, True):
        clusterer = StoryClusterer(state=Counting(blocking))
        assigned = []
        for p in pairs:
            article = Article(p.article_id, p.headline, published="2014-10-01")
            assignment = clusterer.assign(article)
            clusterer.state.join(assignment.story, article, assignment.vector)
            assigned.append((assignment.story, assignment.similarity))
        runs.append((assigned, clusterer.state.scored))
    (unblocked, scored_all), (blocked, scored_blocked) = runs
    assert blocked == unblocked
    assert len({story for story, _ in blocked}) > 1
    assert scored_blocked < scored_all
