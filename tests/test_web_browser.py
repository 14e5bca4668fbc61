"""The web UI in a real headless Chromium (Debian's chromium, driven by Playwright): a
store ingested from real articles, `newsgraph serve` as a subprocess, each page opened,
clicked through and photographed (test-artifacts/web/, gitignored).

Skips, saying why, only where /usr/bin/chromium is absent: `make browser` installs it and
.ci/run calls it before `make test`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from served import served
from browser import CHROMIUM, LAUNCH_ARGS, require_chromium  # noqa: E402

playwright_api = require_chromium()
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "web"
FIVE_W = ROOT.parent / "shared" / "data" / "5w1h" / "giveme5w1h" / "train"
HOSTILE = ("Officials said the <script>window.pwned = 1; document.title = 'pwned'</script> "
           "report was <b>false</b> and <img src=x onerror=\"window.pwned = 2\"> a hoax, the "
           "ministry said on Tuesday.\n")

HOSTILE_URL = "javascript:window.__pwned=1;alert(1)"
HOSTILE_OUTLET = "Test Wire<script>window.__pwned=3</script>"
HOSTILE_AUTHOR = "<img src=x onerror=\"window.__pwned=4\">"


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _articles(folder: Path) -> Path:
    """The example article, a hostile one, and two real news articles from the shared
    5W1H set (when ../shared is there), as input files."""
    for name in ("syria-withdrawal.txt", "syria-withdrawal.meta.json"):
        (folder / name).write_bytes((ROOT / "examples" / name).read_bytes())
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "hostile.meta.json").write_text(json.dumps(
        {"title": "<i>Hostile</i> report", "outlet": HOSTILE_OUTLET, "url": HOSTILE_URL,
         "authors": [HOSTILE_AUTHOR], "published": "2019-03-05"}))
    if FIVE_W.is_dir():
        for path in sorted(FIVE_W.glob("*.json"))[:2]:
            record = json.loads(path.read_text(encoding="utf-8"))
            (folder / f"{path.stem[:12]}.json").write_text(json.dumps({
                "id": path.stem[:12], "title": record["title"], "url": record.get("url"),
                "outlet": record.get("publisher") or record.get("source_domain"),
                "published": (record.get("date_publish") or "")[:10] or None,
                "text": record["text"]}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("webui")
    (base / "articles").mkdir()
    inputs = _articles(base / "articles")
    db = base / "store.db"
    subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(inputs), "--db",
                    str(db), "--progress", "never"], check=True, env=_env(), timeout=300,
                   capture_output=True)
    with served("--db", str(db), env=_env()) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.requests = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_article_to_actor_to_story(page, server):
    page.goto("/")
    assert page.locator("table.list tbody tr").count() >= 2
    page.get_by_role("link", name="syria-withdrawal").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{32}$"))
    text = page.locator("#article-text")
    assert "total withdrawal of its military forces" in text.inner_text()
    assert text.locator("a.entity").count() > 10
    assert text.locator(".claim-cue").count() > 5 and text.locator(".claim-content").count() > 5
    via = page.locator("#claims .claim", has=page.locator(".via", has_text="CNN"))
    assert via.count() >= 1 and via.first.locator(".tag.anonymous").count() == 1
    shot(page, "article")

    text.locator('a.entity[href="/actors/Donald%20Trump"]').first.click()
    page.wait_for_url(re.compile(r"/actors/Donald%20Trump$"))
    assert page.locator("#actor-name").inner_text() == "Donald Trump"
    assert page.locator("#said li").count() >= 2
    together = page.locator("#relations .together a")
    assert together.count() >= 5 and together.first.get_attribute("href").startswith("/actors/")
    shot(page, "actor")

    page.locator("#actor-articles a.article-link", has_text="2018-12-19").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{32}$"))
    page.locator("#story-link").click()
    page.wait_for_url(re.compile(r"/story$"))
    assert page.locator("#story-title").inner_text().startswith("Story S")
    assert "syria-withdrawal" in page.locator("#story-articles").inner_text()
    # The list of claims and events under the figure opens on a click.
    page.locator("#timeline details summary").click()
    timeline = page.locator("ol.timeline li")
    assert timeline.count() > 10
    # In date order by the dates the text gives (a claim dated "In April" comes first),
    # each entry opening with its ISO date.
    dates = [line.split()[0] for line in timeline.all_inner_texts()]
    assert dates == sorted(dates) and dates[0] < "2018-12-19" <= dates[-1]
    assert "Donald Trump" in page.locator("#sources").inner_text()
    shot(page, "story")
    assert page.errors == []


def test_hostile_article_is_inert(page):
    dialogs, console = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    page.goto("/search?q=pwned")
    page.locator("a.result").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{32}$"))
    response = page.reload()
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-frame-options"] == "DENY"
    # The javascript: URL is shown as text, never a link; clicking it does nothing.
    original = page.locator("#original")
    assert HOSTILE_URL in original.inner_text()
    assert page.locator("a[href^='javascript' i]").count() == 0
    original.click()
    assert HOSTILE_OUTLET in page.locator("p.meta").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() != "pwned" and "Hostile" in page.title()
    assert page.locator("#article-title").inner_text() == "<i>Hostile</i> report"
    body = page.locator("#article-text")
    assert "<script>window.pwned = 1; document.title = 'pwned'</script>" in body.inner_text()
    assert '<img src=x onerror="window.pwned = 2">' in body.inner_text()
    assert body.locator("script, img, b").count() == 0
    assert page.locator("main script, main img").count() == 0
    assert dialogs == [] and page.evaluate("typeof window.__pwned") == "undefined"
    # The shipped pages need nothing the policy forbids.
    assert not [line for line in console if "Content Security Policy" in line]
    shot(page, "hostile")


def test_search_with_facets(page):
    page.goto("/search")
    page.locator("#search-form input[name=q]").fill("withdrawal")
    page.locator("#search-form button").click()
    page.wait_for_url(re.compile(r"q=withdrawal"))
    results = page.locator("#results a.result")
    assert results.count() >= 1
    assert page.locator("#results mark").first.inner_text().lower() == "withdrawal"
    assert page.locator("#claim-results li").count() >= 1
    facet = page.locator("#facets a", has_text="New York Post")
    facet.click()
    page.wait_for_url(re.compile(r"outlet=New\+York\+Post"))
    assert page.locator("#results a.result").count() >= 1
    shot(page, "search")


def test_map_draws_and_zooms(page):
    page.goto("/map")
    assert page.locator("#world path.country").count() > 150
    syria = page.locator('#world path[data-iso3="SYR"]')
    assert int(syria.get_attribute("data-count")) >= 1
    assert "level-0" not in syria.get_attribute("class")
    before = page.locator("#world").get_attribute("viewBox")
    page.locator('[data-zoom="in"]').click()
    after = page.locator("#world").get_attribute("viewBox")
    assert before == "0 0 360 180" and after != before
    assert float(page.locator("#world").get_attribute("data-zoom")) > 1
    page.mouse.move(640, 400)
    page.mouse.wheel(0, -300)
    assert page.locator("#world").get_attribute("viewBox") != after
    shot(page, "map")
    assert page.errors == []


def test_lists_export_and_no_outside_requests(page, server):
    for path in ("/", "/actors", "/claims", "/events", "/numbers", "/places", "/times",
                 "/links", "/stories", "/map", "/search?q=Trump", "/api"):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.errors == [], path
    page.goto("/claims?speaker=Donald+Trump")
    rows = page.locator("table.list tbody tr")
    assert rows.count() >= 2 and "Donald Trump" in rows.first.inner_text()
    href = page.locator("a.export-csv").get_attribute("href")
    download = page.request.get(href)
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text().splitlines()[0].startswith("hash,document,published,outlet,id,speaker")
    shot(page, "claims")
    assert all(url.startswith(server) for url in page.requests), "a page left the server"
