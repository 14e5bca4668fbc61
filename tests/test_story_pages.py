"""The story as the CLI and the web show it, on the demo corpus (examples/, ingested as
tests/test_demo.py does): one stance vocabulary (supports / denies / reports) from the
model to the store and the API functions, never Python's `None` in the text, and each
section of the story page once, with the scope of each contradiction and corroboration
on its row."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT
from newsgraph.corpus import ingest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

EXAMPLES = ROOT / "examples"
NONE_WORD = re.compile(r"\bNone\b")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("story-pages") / "demo.db"
    ingest([EXAMPLES], db)
    return db


@pytest.fixture(scope="module")
def largest_story(demo_store) -> str:
    with sqlite3.connect(demo_store) as conn:
        return conn.execute("SELECT story FROM story_documents GROUP BY story "
                            "ORDER BY count(*) DESC, story LIMIT 1").fetchone()[0]


@pytest.fixture(scope="module")
def client(demo_store):
    from newsgraph.web import create_app

    return TestClient(create_app(demo_store))


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_store_and_the_api_functions_say_stance_in_one_vocabulary(demo_store):
    from newsgraph.stories import Article, StanceModel, Story, stance_timeline, story_stances
    from newsgraph.stories.stance import WORDS

    with sqlite3.connect(demo_store) as conn:
        rows = conn.execute(
            "SELECT sd.story, sd.document, sd.published, sd.headline, sd.stance, s.claim "
            "FROM story_documents sd JOIN stories s ON s.id = sd.story "
            "ORDER BY sd.story, sd.position").fetchall()
    assert {row[4] for row in rows} <= set(WORDS)
    assert len({row[4] for row in rows}) >= 2  # the demo story is not all one stance
    model = StanceModel.load()
    for story_id in sorted({row[0] for row in rows}):
        members = [row for row in rows if row[0] == story_id]
        story = Story(story_id, [Article(doc, headline, published=published)
                                 for _, doc, published, headline, _, _ in members])
        stances = story_stances(story, model, claim=members[0][5])
        # What the API functions say is what the writer stored, word for word.
        assert [s["stance"] for s in stances] == [row[4] for row in members]
        assert all(set(s["probabilities"]) == set(WORDS) for s in stances)
        timeline = stance_timeline(stances)
        assert sum(day[word] for day in timeline for word in WORDS) == sum(
            1 for row in members if row[2])


def test_cli_story_text_never_prints_none(demo_store, largest_story):
    out = subprocess.run([sys.executable, "-m", "newsgraph.cli", "story", largest_story,
                          "--db", str(demo_store), "--limit", "1000"],
                         capture_output=True, text=True, check=True).stdout
    assert not NONE_WORD.search(out), NONE_WORD.search(out)
    with sqlite3.connect(demo_store) as conn:
        cue_only = conn.execute(
            "SELECT c.cue_text FROM claims c JOIN story_documents sd ON sd.document = "
            "c.document WHERE sd.story = ? AND c.content_text IS NULL AND c.cue_text IS "
            "NOT NULL", (largest_story,)).fetchall()
    assert cue_only  # the demo story has claims whose content was not found
    timeline = out.split("\nTimeline\n", 1)[1].split("\n\n", 1)[0]
    # A claim without content is said by its cue; one without a speaker by an unnamed source.
    assert any(f" {cue} " in line + " " for (cue,) in cue_only
               for line in timeline.splitlines())
    assert "unnamed source" in timeline and "?:" not in timeline


def test_cli_story_text_shows_each_section_once_with_the_scope_of_each_contradiction(
        demo_store, largest_story):
    out = subprocess.run([sys.executable, "-m", "newsgraph.cli", "story", largest_story,
                          "--db", str(demo_store)],
                         capture_output=True, text=True, check=True).stdout
    headings = [line for line in out.splitlines()
                if line and line[0].isupper() and not line.startswith(largest_story)
                and "  " not in line]
    assert len(headings) == len(set(headings)), headings
    contradictions = out.split("\nContradictions\n", 1)[1]
    scopes = {line.split("  ")[0] for line in contradictions.splitlines()[2:-1]}
    assert scopes == {"within one article", "between articles"}


def test_story_page_never_shows_none_and_each_section_once(client, largest_story):
    html = client.get(f"/stories/{largest_story}").text
    assert not NONE_WORD.search(_visible_text(html)), NONE_WORD.search(_visible_text(html))
    headings = [re.sub(r"\s*\(\d+\)$", "", re.sub(r"<[^>]+>", "", h)).strip()
                for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]
    assert len(headings) == len(set(headings)), headings
    # One section per idea: no second heading for the same links between articles.
    assert [h for h in headings if "ontradiction" in h] == ["Contradictions"]
    assert [h for h in headings if "orroborat" in h or "same claim" in h] == [
        "Corroborations"]
    contradictions = html.split('<section id="contradictions">', 1)[1].split("</section>")[0]
    corroborations = html.split('<section id="corroborations">', 1)[1].split("</section>")[0]
    # The demo story's contradictions come from inside articles and across them.
    assert "between articles" in contradictions and "within one article" in contradictions
    assert re.search(r"across \d+ articles", corroborations)


def test_story_list_and_actor_pages_never_show_none(client, demo_store, largest_story):
    listing = client.get("/stories").text
    assert not NONE_WORD.search(_visible_text(listing))
    with sqlite3.connect(demo_store) as conn:
        title = conn.execute("SELECT title FROM stories WHERE id = ?",
                             (largest_story,)).fetchone()[0]
        speakers = [name for (name,) in conn.execute(
            "SELECT DISTINCT e.name FROM claims c JOIN entities e ON e.document = c.document "
            "AND e.id = c.speaker ORDER BY e.name")]
    assert title in listing
    assert speakers
    for name in speakers:
        page = client.get(f"/actors/{name}")
        assert page.status_code == 200
        assert not NONE_WORD.search(_visible_text(page.text)), (name, NONE_WORD.search(
            _visible_text(page.text)))
