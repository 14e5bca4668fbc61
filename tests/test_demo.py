"""The demo corpus (examples/ and examples/demo/) tells one story across outlets, and
`make demo` prints it: the picture an analyst should find there is pinned here. The
eleven demo reports and the example article are ingested into a temporary store; the
story they form must hold at least five outlets, a claim backed by two independent
sources, a claim relayed from another outlet, a contradiction between articles of
different outlets and a timeline over at least three days, while the unrelated report
stays in a story of its own."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date

import pytest

from conftest import ROOT
from newsgraph.corpus import ingest
from newsgraph.stories.origins import outlet_key
from newsgraph.stories.store import open_store, story_report

EXAMPLES = ROOT / "examples"
DEMO = EXAMPLES / "demo"
UNRELATED = "11-courier-fed"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    ingest([EXAMPLES], db)
    return db


def _story_of_each_document(db) -> dict[str, str]:
    with open_store(db, readonly=True) as store:
        return {row[0]: row[1] for row in store.conn.execute(
            "SELECT d.id, sd.story FROM story_documents sd JOIN documents d "
            "ON d.hash = sd.document")}


def _largest_story(db) -> dict:
    """The story the Makefile prints: the first row of the stories list as CSV."""
    listing = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "stories", "--db", str(db), "--limit", "1",
         "--format", "csv"], capture_output=True, text=True, check=True)
    first = next(csv.DictReader(io.StringIO(listing.stdout)))
    with open_store(db, readonly=True) as store:
        return story_report(store.conn, first["story"])


@pytest.fixture(scope="module")
def demo_story(demo_store):
    return _largest_story(demo_store)


def test_every_demo_report_has_its_sidecar_and_a_readme_names_the_outlets_invented():
    texts = sorted(DEMO.glob("*.txt"))
    assert len(texts) >= 11
    outlets = set()
    for text in texts:
        meta = json.loads(text.with_name(text.stem + ".meta.json").read_text())
        assert meta["url"].startswith("https://example.org/")
        date.fromisoformat(meta["published"])
        assert 150 <= len(text.read_text().split()) <= 400, text.name
        outlets.add(meta["outlet"])
    assert len(outlets) >= 5
    readme = (EXAMPLES / "README.md").read_text()
    assert "invented" in readme
    assert all(outlet in readme for outlet in outlets)


def test_all_reports_on_the_withdrawal_form_one_story_and_the_unrelated_one_another(
        demo_store, demo_story):
    stories = _story_of_each_document(demo_store)
    main = demo_story["story"]["id"]
    on_the_story = [doc for doc in stories if UNRELATED not in doc]
    assert len(on_the_story) == 11
    assert {stories[doc] for doc in on_the_story} == {main}
    unrelated = [doc for doc in stories if UNRELATED in doc]
    assert len(unrelated) == 1 and stories[unrelated[0]] != main


def test_the_story_has_five_outlets_and_spans_at_least_three_days(demo_story):
    outlets = {article["outlet"] for article in demo_story["articles"]}
    assert len(outlets) >= 5 and demo_story["story"]["outlets"] == len(outlets)
    days = sorted({entry["date"][:10] for entry in demo_story["timeline"] if entry["date"]})
    assert len(days) >= 3
    story = demo_story["story"]
    assert (date.fromisoformat(story["last"]) - date.fromisoformat(story["first"])).days >= 3


def test_a_claim_rests_on_two_independent_sources(demo_story):
    backed = [group for group in demo_story["corroborations"]
              if group["sources"] >= 2 and len(set(group["origins"])) >= 2]
    assert backed
    # The president's tweet, quoted on its own by several outlets, is the widest.
    widest = max(backed, key=lambda group: group["sources"])
    assert widest["speaker"] == "Donald Trump" and widest["sources"] >= 5
    carried = {widest["first"]["outlet"]} | {r["outlet"] for r in widest["repeated_by"]}
    assert len(carried) >= widest["sources"]


def test_claims_relayed_from_other_media_count_the_medium_as_their_source(demo_story):
    own = {outlet_key(article["outlet"]) for article in demo_story["articles"]}
    relayed = [source for source in demo_story["sources"]
               if outlet_key(source["origin"]) not in own]
    # "a US defense official told CNN", "Reuters reported", "told the Wall Street Journal"
    assert {outlet_key(source["origin"]) for source in relayed} >= {"cnn", "Reuters"}
    assert any(article["relays"] for article in demo_story["articles"])
    # Two outlets relaying the Wall Street Journal's sources are one source, not two.
    journal = [group for group in demo_story["corroborations"]
               if group["origins"] == ["wall street journal"]]
    assert journal and all(group["sources"] == 1 and group["documents"] == 2
                           for group in journal)


def test_a_denial_contradicts_a_claim_of_another_outlet(demo_story):
    across = [link for link in demo_story["contradictions"]
              if link["scope"] == "across articles"
              and link["from"]["outlet"] != link["to"]["outlet"]]
    assert across
    # The allies' denial that the group was defeated answers the president's claim.
    assert any("defeated" in link["from"]["text"] and "defeated" in link["to"]["text"]
               for link in across)


def test_the_story_command_prints_the_picture(demo_store, demo_story):
    printed = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "story", demo_story["story"]["id"], "--db",
         str(demo_store), "--limit", "40"], capture_output=True, text=True, check=True).stdout
    for section in ("Sources", "Timeline", "Corroborated claims", "Contradictions"):
        assert section in printed
    assert "2018-12-19" in printed and "2018-12-23" in printed
