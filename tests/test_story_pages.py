"""The story as the CLI and the web show it, on the demo corpus (examples/, ingested as
tests/test_demo.py does): one stance vocabulary (supports / denies / reports) from the
model to the store and the API functions, never Python's `None` in the text, and each
section of the story page once, with the scope of each contradiction and corroboration
on its row."""

from __future__ import annotations

import json
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


def _section(html: str, section_id: str) -> str:
    return html.split(f'<section id="{section_id}">', 1)[1].split("</section>", 1)[0]


def test_story_page_draws_each_idea_once_to_scale(client, demo_store, largest_story):
    html = client.get(f"/stories/{largest_story}").text
    for section in ("timeline", "sources", "claims-by-outlet", "contradictions", "numbers",
                    "story-articles"):
        assert html.count(f'<section id="{section}">') == 1, section
    timeline = _section(html, "timeline")
    assert timeline.count("<svg") == 1
    with sqlite3.connect(demo_store) as conn:
        dated = conn.execute("SELECT count(*), count(DISTINCT published) FROM story_documents "
                             "WHERE story = ? AND published IS NOT NULL",
                             (largest_story,)).fetchone()
        outlets = conn.execute("SELECT count(DISTINCT outlet) FROM story_documents WHERE "
                               "story = ?", (largest_story,)).fetchone()[0]
    # One mark per dated article, a tick per day of its span, a row per outlet.
    assert len(re.findall(r'class="mark (first|repeat|denial|article)"', timeline)) == dated[0]
    assert "mark denial" in timeline and "mark first" in timeline
    assert len(re.findall(r'class="lane"', timeline)) == outlets
    sources = _section(html, "sources")
    assert sources.count("<svg") == 2 and "wire services" in sources.lower()
    matrix = _section(html, "claims-by-outlet")
    assert "carries" in matrix and "denies" in matrix
    contradictions = _section(html, "contradictions")
    sides = re.findall(r'<blockquote class="side"><p class="who"><a href="/articles/\w+">'
                       r'([^<]*) · (\d{4}-\d\d-\d\d)</a>', contradictions)
    pairs = list(zip(sides[::2], sides[1::2]))
    assert any(a[0] != b[0] for a, b in pairs)  # outlets disagreeing, side by side
    assert _section(html, "numbers").count("<svg") >= 1


def test_story_api_carries_the_figures_as_data(client, largest_story):
    story = client.get(f"/api/stories/{largest_story}").json()
    figures = story["figures"]
    assert {m["kind"] for m in figures["marks"]} >= {"first", "repeat", "denial"}
    assert any(edge["kind"] == "relay" for edge in figures["relays"])
    assert max(g["value"] for g in figures["independent"]) >= 2
    assert figures["contradictions"] and all(
        c["from"]["sentence"] and c["to"]["sentence"] for c in figures["contradictions"])


@pytest.mark.parametrize("sort, key", [
    ("size", lambda s: -s["documents"]), ("latest", lambda s: s["last"] and "-" + s["last"]),
    ("span", None)])
def test_stories_list_sorts_and_refuses_other_orders(client, sort, key):
    rows = client.get(f"/api/stories?sort={sort}").json()["items"]
    assert len(rows) >= 2
    if sort == "latest":
        lasts = [r["last"] for r in rows]
        assert lasts == sorted(lasts, reverse=True)
    elif sort == "size":
        assert [r["documents"] for r in rows] == sorted((r["documents"] for r in rows),
                                                         reverse=True)
    else:
        from datetime import date
        spans = [(date.fromisoformat(r["last"]) - date.fromisoformat(r["first"])).days
                 for r in rows]
        assert spans == sorted(spans, reverse=True) and spans[0] >= 3
    page = client.get(f"/stories?sort={sort}").text
    order = re.findall(r'<td><a href="/stories/(\w+)">\1</a></td>', page)
    assert order == [r["story"] for r in rows]
    assert f'<option value="{sort}" selected>' in page
    for bad in ("/stories?sort=newest", "/api/stories?sort=1;DROP"):
        response = client.get(bad)
        assert response.status_code == 422 and "invalid_parameter" in response.text


def test_actor_page_roles_are_positions_and_counts_agree_with_the_lists(client, demo_store):
    from newsgraph.stories.roles import is_role

    with sqlite3.connect(demo_store) as conn:
        name, claims = conn.execute(
            "SELECT e.name, count(*) FROM claims c JOIN entities e ON e.document = c.document "
            "AND e.id = c.speaker GROUP BY e.name ORDER BY count(*) DESC, e.name "
            "LIMIT 1").fetchone()
        noun_phrases = sorted({role for (roles,) in conn.execute(
            "SELECT roles FROM entities WHERE roles IS NOT NULL")
            for role in json.loads(roles) if not is_role(role)})
        kept = [v for (v,) in conn.execute(
            "SELECT value FROM actor_attributes WHERE kind = 'role'")]
    actor = client.get(f"/api/actors/{name}").json()
    assert actor["totals"]["said"] == claims
    listed = client.get("/api/claims", params={"speaker": name}).json()["total"]
    assert listed == claims
    assert actor["totals"]["documents"] == client.get(
        "/api/documents", params={"actor": name}).json()["total"]
    assert all(is_role(role) for role, _ in actor["roles"])
    # The entity stage gave some actors stray noun phrases as roles; the store keeps
    # only the titles and positions.
    assert noun_phrases and kept and all(is_role(v) for v in kept)
    html = client.get(f"/actors/{name}").text
    assert f"What they said ({claims})" in html
    assert not any(f">{phrase} (" in html or f" {phrase} (" in html for phrase in noun_phrases)
    relations = _section(html, "relations")
    assert relations.count("<svg") == 1 and "\u00d7" in relations


def test_closed_vocabularies_are_selects(client):
    html = client.get("/claims?kind=direct").text
    assert '<select name="kind">' in html and '<option value="direct" selected>' in html
    assert '<input name="kind"' not in html
    events = client.get("/events").text
    assert '<select name="type">' in events and '<option value="ASSAULT">' in events


def test_cli_sorts_stories_as_the_api_does(client, demo_store):
    for sort in ("span", "latest"):
        out = subprocess.run([sys.executable, "-m", "newsgraph.cli", "stories", "--db",
                              str(demo_store), "--sort", sort, "--format", "csv"],
                             capture_output=True, text=True, check=True).stdout
        ids = [line.split(",")[0] for line in out.splitlines()[1:]]
        assert ids == [r["story"] for r in client.get(f"/api/stories?sort={sort}").json()[
            "items"]]
    refused = subprocess.run([sys.executable, "-m", "newsgraph.cli", "stories", "--db",
                              str(demo_store), "--sort", "newest"], capture_output=True,
                             text=True)
    assert refused.returncode == 2 and "--sort" in refused.stderr


def test_hostile_titles_and_outlets_stay_text_in_the_figures(tmp_path, pipeline):
    from conftest import checked_analyze
    from newsgraph.stories.store import open_store
    from newsgraph.web import create_app

    hostile = '<script>window.pwned=1</script><img src=x onerror="pwned=2">'
    text = ("Officials said on Monday that the army would leave the northern city by June, "
            "Reuters reported. The governor denied that the army would leave the city.\n")
    db = tmp_path / "hostile.db"
    with open_store(db) as store:
        for day, outlet in (("2021-03-01", f"Wire {hostile}"), ("2021-03-04", hostile)):
            store.add(checked_analyze(text, pipeline, id=f"h{day}", published=day,
                                      outlet=outlet, title=f"Title {hostile}"))
    with sqlite3.connect(db) as conn:
        story = conn.execute("SELECT story FROM story_documents LIMIT 1").fetchone()[0]
    html = TestClient(create_app(db)).get(f"/stories/{story}").text
    assert "<svg" in html and "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert not re.search(r"<(script|img)\b", html.split("<main>", 1)[1])
