"""Every page of the demo store (examples/, as `make demo` ingests it) in a real headless
Chromium: no Python `None` in the text, no section heading twice, every SVG figure drawn
with a non-empty bounding box, no script error. A screenshot of each page is kept: under
$NEWSGRAPH_ARTIFACTS when set, else test-artifacts/pages/ (gitignored), and in the test's
tmp_path.

Skips, saying why, only where /usr/bin/chromium is absent (`make browser` installs it).
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest

from served import served
from browser import CHROMIUM, LAUNCH_ARGS, require_chromium  # noqa: E402

playwright_api = require_chromium()
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("NEWSGRAPH_ARTIFACTS") or ROOT / "test-artifacts" / "pages")
NONE_WORD = re.compile(r"\bNone\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from newsgraph.corpus import ingest

    db = tmp_path_factory.mktemp("demo-pages") / "demo.db"
    ingest([ROOT / "examples"], db)
    with served("--db", str(db)) as (url, _):
        yield url, db


def _pages(db: Path) -> list[tuple[str, str]]:
    """(name, path) of every route in docs/WEB.md, on the demo store's own ids."""
    with sqlite3.connect(db) as conn:
        story = conn.execute("SELECT story FROM story_documents GROUP BY story "
                             "ORDER BY count(*) DESC, story LIMIT 1").fetchone()[0]
        article = conn.execute("SELECT hash FROM documents ORDER BY rowid LIMIT 1").fetchone()[0]
        actor = conn.execute("SELECT e.name FROM claims c JOIN entities e ON e.document = "
                             "c.document AND e.id = c.speaker GROUP BY e.name "
                             "ORDER BY count(*) DESC, e.name LIMIT 1").fetchone()[0]
    lists = ["articles", "actors", "entities", "claims", "events", "numbers", "places",
             "times", "links"]
    return ([("home", "/"), ("stories", "/stories"), ("stories-by-span", "/stories?sort=span"),
             ("story", f"/stories/{story}"), ("actor", f"/actors/{quote(actor)}"),
             ("article", f"/articles/{article}"), ("article-story", f"/articles/{article}/story"),
             ("search", "/search?q=withdrawal"), ("map", "/map"), ("api", "/api")]
            + [(name, f"/{name}") for name in lists])


def test_every_demo_page_renders_without_none_repeats_or_empty_figures(demo, tmp_path):
    base, db = demo
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=LAUNCH_ARGS)
        context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        figures = 0
        for name, path in _pages(db):
            response = page.goto(path)
            assert response.status == 200, path
            text = page.locator("main").inner_text()
            if NONE_WORD.search(text):
                problems.append(f"{path}: None in {text[NONE_WORD.search(text).start() - 60:][:120]!r}")
            headings = [h.strip() for h in page.locator("main h2, main h3").all_inner_texts()]
            headings = [re.sub(r"\s*\(\d+\)$", "", h) for h in headings]
            if len(headings) != len(set(headings)):
                problems.append(f"{path}: repeated headings {headings}")
            for svg in page.locator("main svg.figure").all():
                box = svg.bounding_box()
                inner = svg.evaluate("el => { const b = el.getBBox(); return [b.width, b.height] }")
                if not box or box["width"] < 50 or box["height"] < 30 or min(inner) <= 0:
                    problems.append(f"{path}: an empty figure {box} {inner}")
                figures += 1
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        # The story page's five figures, the actor's network, at least.
        assert figures >= 6
        assert errors == []
        browser.close()
    assert problems == []


def test_story_page_figures_link_to_their_articles(demo):
    base, db = demo
    with sqlite3.connect(db) as conn:
        story, dated = conn.execute(
            "SELECT story, count(published) FROM story_documents GROUP BY story "
            "ORDER BY count(*) DESC, story LIMIT 1").fetchone()
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=LAUNCH_ARGS)
        page = browser.new_page(base_url=base)
        page.goto(f"/stories/{story}")
        marks = page.locator("#timeline svg a")
        assert marks.count() == dated
        box = marks.first.bounding_box()
        assert box and box["width"] > 0
        marks.first.click()
        page.wait_for_url(re.compile(r"/articles/[0-9a-f]{32}$"))
        browser.close()
