"""The web UI and API in process (Starlette's test client): every list, page and error,
escaping of untrusted text, the token, and the serve command's address rules.
The same pages in a real browser: tests/test_web_browser.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import checked_analyze  # noqa: E402
from newsgraph.contract import violations  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.stories.store import open_store  # noqa: E402
from newsgraph.web.highlight import Mark, highlight  # noqa: E402

HOSTILE = ("Officials said the <script>window.pwned = 1; document.title = 'pwned'</script> "
           "report was <b>false</b> & <img src=x onerror=\"window.pwned=2\">, the ministry "
           "said on Tuesday.")
ATTACK = ("Turkish troops shelled Afrin on Monday, killing about 300 fighters, the Syrian "
          "Observatory for Human Rights said. The Turkish army denied that it shelled Afrin.")


def _span(text: str, words: str, after: int = 0) -> list[int]:
    start = text.index(words, after)
    return [start, start + len(words)]


def rich_analysis(pipeline) -> dict:
    """A real analysis of a short report, with the items later stages add (places, times,
    numbers, events, a contradiction link) placed by hand at their words."""
    analysis = checked_analyze(ATTACK, pipeline, id="afrin-report", published="2018-01-22",
                               outlet="Test Wire")
    text = ATTACK
    first, second = _span(text, "Afrin"), _span(text, "Afrin", text.index("denied"))
    analysis["places"] = [{"id": "P1", "name": "Afrin", "kind": "city", "country": "SY",
                           "lat": 36.51, "lon": 36.87, "geonameid": 174448,
                           "mentions": [first, second]}]
    analysis["times"] = [{"id": "T1", "span": _span(text, "Monday"), "type": "DATE",
                          "value": "2018-01-22"}]
    analysis["quantities"] = [{"id": "Q1", "span": _span(text, "about 300 fighters"),
                               "value": 300, "low": None, "high": None, "approximate": True,
                               "unit": "fighter", "of": None, "place": "P1", "claim": None}]
    analysis["events"] = [
        {"id": "V1", "type": "ASSAULT", "mode": "bombing", "cameo": "195", "actor": None,
         "recipient": None, "place": "P1", "time": "T1", "status": "asserted",
         "trigger": _span(text, "shelled"), "claim": None},
        {"id": "V2", "type": "ASSAULT", "mode": None, "cameo": None, "actor": None,
         "recipient": None, "place": "P1", "time": None, "status": "denied",
         "trigger": _span(text, "shelled", text.index("denied")), "claim": None}]
    analysis["links"] = [{"type": "contradicts", "from": "V2", "to": "V1",
                          "reason": "denial of the reported shelling"}]
    assert violations(analysis) == []
    return analysis


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline, example_analysis):
    path = tmp_path_factory.mktemp("web") / "store.db"
    hostile = checked_analyze(HOSTILE, pipeline, id="hostile", published="2019-03-05",
                              outlet="Test Wire")
    with open_store(path) as store:
        for analysis in (example_analysis, rich_analysis(pipeline), hostile):
            store.add(analysis)
    return path


@pytest.fixture(scope="module")
def client(store_path):
    from newsgraph.web import create_app

    return TestClient(create_app(store_path))


@pytest.fixture(scope="module")
def hashes(store_path):
    with Store(store_path, readonly=True) as store:
        return {row["id"]: row["hash"] for row in store.conn.execute(
            "SELECT id, hash FROM documents")}


def test_highlight_escapes_every_piece_and_marks_overlaps():
    text = "<b>Bob</b> said <script>x()</script>"
    marks = [Mark(3, 6, "entity", "Bob <PERSON>", "E1", "/actors/Bob"),
             Mark(0, 10, "claim-source", "source", "C1"), Mark(11, 15, "claim-cue", "cue", "C1")]
    html = str(highlight(text, marks))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert '<a href="/actors/Bob" class="claim-source entity"' in html
    assert 'title="source; Bob &lt;PERSON&gt;"' in html  # outer mark first
    # Out-of-range marks are dropped, the text is kept whole.
    assert "said" in str(highlight(text, [Mark(5, 999, "entity", "x", "E9")]))


def test_every_list_answers_a_page_with_its_envelope(client):
    for name in ("documents", "actors", "entities", "claims", "events", "quantities",
                 "places", "times", "links", "stories"):
        body = client.get(f"/api/{name}", params={"limit": 2}).json()
        assert set(body) == {"items", "total", "total_capped", "limit", "offset", "next"}
        assert body["total"] >= len(body["items"]) > 0, name
    claims = client.get("/api/claims", params={"limit": 3}).json()
    assert claims["next"] and "offset=3" in claims["next"]
    following = client.get(claims["next"]).json()
    assert following["offset"] == 3
    assert {c["id"] + c["hash"] for c in claims["items"]}.isdisjoint(
        {c["id"] + c["hash"] for c in following["items"]})


def test_list_filters(client):
    trump = client.get("/api/claims", params={"speaker": "donald trump"}).json()["items"]
    assert trump and all(c["speaker"] == "Donald Trump" for c in trump)
    events = client.get("/api/events", params={"type": "assault", "place": "Afrin"}).json()
    assert {e["status"] for e in events["items"]} == {"asserted", "denied"}
    assert client.get("/api/documents", params={"since": "2019"}).json()["items"][0][
        "document"] == "hostile"
    assert client.get("/api/places", params={"country": "sy"}).json()["items"][0]["name"] == \
        "Afrin"


# (CLI arguments, API path, API parameters, what the API answers the rows in)
SAME_QUESTIONS = [
    (["query", "claims"], "/api/claims", {}, "items"),
    (["query", "claims", "--speaker", "donald trump"], "/api/claims",
     {"speaker": "donald trump"}, "items"),
    (["query", "claims", "--outlet", "test wire", "--since", "2018"], "/api/claims",
     {"outlet": "test wire", "since": "2018"}, "items"),
    (["query", "events"], "/api/events", {}, "items"),
    (["query", "events", "--type", "assault", "--place", "Afrin"], "/api/events",
     {"type": "assault", "place": "Afrin"}, "items"),
    (["query", "numbers"], "/api/quantities", {}, "items"),
    (["query", "actors"], "/api/actors", {}, "items"),
    (["query", "actors", "--type", "person"], "/api/actors", {"type": "person"}, "items"),
    (["stories"], "/api/stories", {}, "items"),
    (["stories", "--min-articles", "1"], "/api/stories", {"min_articles": "1"}, "items"),
    (["query", "search", "said", "--in", "documents"], "/api/search", {"q": "said"},
     "documents"),
    (["query", "search", "ISIS OR Afrin"], "/api/search", {"q": "ISIS OR Afrin"}, "claims"),
    (["query", "search", "said", "--in", "documents", "--outlet", "Test Wire"],
     "/api/search", {"q": "said", "outlet": "Test Wire"}, "documents"),
]


@pytest.mark.parametrize("limit", [3, 50])
def test_the_cli_and_the_api_give_the_same_rows_in_the_same_order(client, store_path, capsys,
                                                                  limit):
    from newsgraph.cli import main
    from newsgraph.web.search import CLAIMS_SHOWN

    cut = set()
    for arguments, path, params, key in SAME_QUESTIONS:
        shown = CLAIMS_SHOWN if key == "claims" else limit  # search: claims beside articles
        assert main([*arguments, "--db", str(store_path), "--format", "json",
                     "--limit", str(shown)]) == 0
        captured = capsys.readouterr()
        body = client.get(path, params={**params, "limit": limit}).json()
        assert json.loads(captured.out) == body[key] != [], arguments
        if key in ("items", "documents"):
            # The same total; a cut list says so on stderr, stdout stays one JSON document.
            note = f"{limit} of {body['total']} rows; --limit\n"
            assert captured.err == (note if body["total"] > limit else ""), arguments
            if body["total"] > limit:
                cut.add(path)
    assert cut == ({"/api/claims", "/api/events", "/api/quantities", "/api/actors"}
                   if limit == 3 else set())


def test_errors_have_one_shape(client):
    for path, status, code in (("/api/nothing", 404, "not_found"),
                               ("/api/documents/" + "0" * 32, 404, "not_found"),
                               ("/api/claims?limit=0", 422, "invalid_parameter"),
                               ("/api/claims?since=yesterday", 400, "bad_filter"),
                               ("/api/actors/Nobody%20At%20All", 404, "not_found")):
        response = client.get(path)
        assert response.status_code == status, path
        assert set(response.json()) == {"error"}
        assert response.json()["error"]["code"] == code
        assert response.json()["error"]["message"]
    page = client.get("/articles/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no article" in page.text


def test_openapi_documents_the_lists_and_their_filters(client):
    schema = client.get("/api/openapi.json").json()
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "place", "since", "until", "limit", "offset", "format"} <= params
    assert "/api/search" in schema["paths"] and "/api/documents/{doc_hash}" in schema["paths"]
    assert "/api/openapi.json" in client.get("/api").text


def test_article_page_marks_items_and_lists_source_chains(client, hashes):
    html = client.get(f"/articles/{hashes['syria-withdrawal']}").text
    for css in ("entity", "claim-content", "claim-cue", "claim-source"):
        assert f'class="{css}' in html or f' {css}' in html, css
    assert 'href="/actors/Donald%20Trump"' in html
    assert 'class="via">via <a href="/actors/CNN">CNN</a>' in html
    assert "anonymous</span>" in html
    doc = hashes["syria-withdrawal"]
    assert f"/api/claims?document={doc}&amp;format=csv" in html
    exported = client.get("/api/claims", params={"document": doc, "limit": 10000}).json()
    assert exported["total"] == html.count('<div class="claim" id=')
    assert {c["hash"] for c in exported["items"]} == {doc}
    rich = client.get(f"/articles/{hashes['afrin-report']}").text
    for css in ("event", "quantity", "place", "time"):
        assert f"{css}\"" in rich or f"{css} " in rich, css
    assert "denial of the reported shelling" in rich


def test_untrusted_text_is_shown_as_text(client, hashes):
    html = client.get(f"/articles/{hashes['hostile']}").text
    assert "<script>window.pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.pwned = 1;" in html
    assert "&lt;b&gt;false&lt;/b&gt; &amp; &lt;img" in html
    found = client.get("/search", params={"q": "pwned"}).text
    assert "<script>window" not in found and "window.<mark>pwned</mark>" in found


def test_actor_page(client):
    body = client.get("/api/actors/Donald Trump").json()
    assert body["said"] and all(c["speaker"] == "Donald Trump" for c in body["said"])
    assert "President" in dict(body["roles"])
    assert any(r["name"] == "Syria" for r in body["relations"]["together"])
    about = {c["speaker"] for c in body["said_about"]}
    assert about and "Donald Trump" not in about
    html = client.get("/actors/Donald%20Trump").text
    assert "What they said" in html and "Named in the same articles" in html


def test_stories_are_the_stores_own(client, hashes):
    listed = client.get("/api/stories").json()["items"]
    assert listed and all(s["story"].startswith("S") for s in listed)
    afrin = client.get(f"/api/documents/{hashes['afrin-report']}/story").json()
    assert afrin["story"] in {s["story"] for s in listed}
    story = client.get(f"/api/stories/{afrin['story']}").json()
    assert "afrin-report" in [d["id"] for d in story["documents"]]
    assert [c["reason"] for c in story["contradictions"]] == ["denial of the reported shelling"]
    assert story["contradictions"][0]["from_text"] == "shelled"
    dates = [e["date"] for e in story["timeline"]]
    assert dates == sorted(dates) and len(story["timeline"]) >= 2
    assert story["across"]["story"]["id"] == afrin["story"]
    syria = client.get(f"/api/documents/{hashes['syria-withdrawal']}/story").json()
    assert syria["story"] != afrin["story"]  # another story: nothing to do with Afrin
    sources = {s["source"]: s for s in syria["sources"]}
    assert sources["Donald Trump"]["claims"] >= 2
    page = client.get(f"/articles/{hashes['syria-withdrawal']}/story").text
    # The cross-article sections: claims by outlet, and each article's stance and relays.
    assert "Contradictions" in page and "Claims by outlet" in page
    assert "relays a wire" in page.split('<section id="story-articles">', 1)[1]


def test_search_with_filters_and_facets(client):
    body = client.get("/api/search", params={"q": "withdrawal"}).json()
    assert body["documents"][0]["document"] == "syria-withdrawal"
    assert "[withdrawal]" in body["documents"][0]["match"].lower()
    assert any(f["value"] == "New York Post" for f in body["facets"]["outlet"])
    assert any(f["value"] == "Donald Trump" for f in body["facets"]["actor"])
    assert client.get("/api/search", params={"q": "withdrawal", "outlet": "Test Wire"}
                      ).json()["documents"] == []
    typed = client.get("/api/search", params={"event_type": "assault"}).json()
    with_assaults = {e["document"] for e in
                     client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]}
    assert "afrin-report" in with_assaults
    assert {d["document"] for d in typed["documents"]} == with_assaults
    # Stray FTS5 syntax searches the words instead of failing.
    assert client.get("/api/search", params={"q": "Trump's \"withdrawal"}).status_code == 200


def test_exports_as_csv_and_json(client):
    response = client.get("/api/claims", params={"speaker": "Donald Trump", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["speaker"] for r in rows} == {"Donald Trump"}
    html = client.get("/claims", params={"speaker": "Donald Trump"}).text
    assert "/api/claims?speaker=Donald+Trump&amp;format=csv" in html


def test_map_shades_named_countries_and_places(client, hashes):
    data = client.get("/api/map").json()
    assert data["countries"]["SYR"] >= 2 and data["places"][0]["name"] == "Afrin"
    html = client.get("/map").text
    assert html.count('class="country') > 150
    assert 'data-iso3="SYR" data-count="' in html and 'class="place with-events"' in html
    assert "/static/map.js" in html and "http" not in html.split("<main>")[1].split("</svg>")[0]
    one = client.get("/api/map", params={"document": hashes["syria-withdrawal"]}).json()
    assert "SYR" in one["countries"]
    # The article's own places only, each with a point the map can draw.
    kinds = {p["name"]: p["kind"] for p in one["places"]}
    assert kinds["Hajīn"] == "city" and kinds["Euphrates"] == "feature"
    assert kinds["northeastern Syria"] == "region" and "Afrin" not in kinds
    assert all(p["lat"] is not None and p["lon"] is not None for p in one["places"])


def test_pages_answer(client):
    for path in ("/", "/articles", "/actors", "/entities", "/claims", "/events", "/numbers",
                 "/places", "/times", "/links", "/stories", "/stories/S1",
                 "/map", "/search", "/search?q=troops", "/api", "/static/map.js"):
        assert client.get(path).status_code == 200, path


def test_token_is_required_on_every_request(store_path):
    from newsgraph.web import create_app

    guarded = TestClient(create_app(store_path, token="s3cret-token"))
    denied = guarded.get("/api/claims")
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
    assert guarded.get("/").status_code == 401
    assert guarded.get("/api/claims", headers={"Authorization": "Bearer s3cret-token"}
                       ).status_code == 200
    first = guarded.get("/?token=s3cret-token")
    assert first.status_code == 200 and guarded.get("/claims").status_code == 200  # cookie


def test_serve_stays_on_loopback_unless_given_a_token(store_path):
    from newsgraph.commands.serve import check, is_loopback
    from newsgraph.errors import StoreNotFoundError, UsageError

    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    check("127.0.0.1", 0, None, str(store_path))
    with pytest.raises(UsageError, match="--token"):
        check("0.0.0.0", 8000, None, str(store_path))
    check("0.0.0.0", 8000, "long-enough-token", str(store_path))
    with pytest.raises(StoreNotFoundError, match="no such store"):
        check("127.0.0.1", 8000, None, str(store_path) + ".missing")
    from newsgraph.cli import main

    assert main(["serve", "--db", str(store_path), "--host", "0.0.0.0"]) == 2
    assert main(["serve", "--db", str(store_path) + ".missing"]) == 2


def test_whole_store_answers_are_warmed_and_kept_until_the_store_changes(store_path, pipeline,
                                                                         tmp_path):
    import shutil

    from newsgraph.web.app import create_app, warm

    store_path = Path(shutil.copy(store_path, tmp_path / "copy.db"))  # this test writes
    app = create_app(store_path)
    warm(app).join(timeout=30)
    assert len(app.state.cache.entries) == 2
    client = TestClient(app)
    kept = len(app.state.cache.entries)
    assert client.get("/stories").status_code == 200
    assert len(app.state.cache.entries) == kept  # the page read the warmed story list
    before = client.get("/api/map").json()["countries"]
    with open_store(store_path) as store:
        store.add(checked_analyze("Officials in Norway said the talks would go on.", pipeline,
                                  id="norway", published="2020-01-02"))
    after = client.get("/api/map").json()["countries"]
    assert "NOR" not in before and after.get("NOR") == 1
