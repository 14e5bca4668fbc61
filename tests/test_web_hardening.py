"""The web server against hostile input: links only to http(s) URLs, the security headers
on every answer, the Host check, bounded numbers, bounded searches and request cost, long
URLs; in process, and against a real `newsgraph serve` (keep-alive, uvicorn's limits)."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path

import pytest

from served import served

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import checked_analyze  # noqa: E402
from newsgraph.stories.store import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Officials said the ministry's report was false, the spokesman told reporters on "
        "Tuesday. Troops withdrew from the border town, the army said.")
BAD_URL = "javascript:window.__pwned=1"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("hardening") / "store.db"
    with open_store(path) as store:
        store.add(checked_analyze(TEXT, pipeline, id="bad-url", url=BAD_URL,
                                  title="Bad link", outlet="Test Wire",
                                  published="2019-03-05"))
        store.add(checked_analyze(TEXT + " More.", pipeline, id="good-url",
                                  url="https://example.org/a?b=1", title="Good link",
                                  outlet="Test Wire", published="2019-03-06"))
    return path


@pytest.fixture(scope="module")
def client(store_path):
    from newsgraph.web import create_app

    return TestClient(create_app(store_path))


@pytest.fixture(scope="module")
def hashes(client):
    """Article id -> store hash, as the API lists them."""
    items = client.get("/api/documents", params={"limit": 10}).json()["items"]
    return {item["document"]: item["hash"] for item in items}


def _error(response) -> str:
    assert set(response.json()) == {"error"}
    return response.json()["error"]["code"]


def test_only_http_and_https_urls_become_links(client, hashes):
    bad = client.get(f"/articles/{hashes['bad-url']}").text
    assert BAD_URL in bad and 'href="javascript' not in bad.lower()
    assert '<span id="original">original: javascript:window.__pwned=1</span>' in bad
    good = client.get(f"/articles/{hashes['good-url']}").text
    assert 'id="original" href="https://example.org/a?b=1"' in good

    from newsgraph.web.filters import web_url

    for url in ("JavaScript:alert(1)", " https://x.org", "java\tscript:x", "data:text/html,x",
                "https://x.org/\nfoo", "//evil.example/", None, 3):
        assert web_url(url) is None, url
    assert web_url("HTTP://Example.org/x") == "HTTP://Example.org/x"


def test_every_answer_carries_the_security_headers(client, hashes):
    for path in ("/", f"/articles/{hashes['good-url']}", "/api/claims", "/static/style.css",
                 "/api/nothing", "/articles/nope", "/api/claims?limit=0"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy, path
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_no_template_has_inline_script_or_style():
    for template in (ROOT / "src" / "newsgraph" / "web" / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert "<style" not in text and " style=" not in text, template.name
        assert not re.search(r"\son[a-z]+=", text), template.name


def test_numbers_are_bounded(client):
    huge = "9223372036854775808"
    response = client.get(f"/api/claims?offset={huge}")
    assert response.status_code == 422 and _error(response) == "invalid_parameter"
    assert client.get(f"/api/search?q=troops&offset={huge}").status_code == 422
    for page in ("/claims", "/", "/search?q=troops"):
        assert client.get(f"{page}{'&' if '?' in page else '?'}offset={huge}").status_code \
            == 200, page
    assert client.get("/claims?offset=abc").status_code == 400
    response = client.get(f"/api/stories?min_articles={huge}")  # a whole-number filter
    assert response.status_code == 400 and _error(response) == "bad_filter"
    assert client.get("/api/stories?min_articles=2").status_code == 200


def test_searches_are_bounded_in_terms(client):
    many = client.get("/api/search", params={"q": " ".join(["troops"] * 33)})
    assert many.status_code == 400 and "32 terms" in many.json()["error"]["message"]
    prefixes = client.get("/api/search", params={"q": " ".join(["a*"] * 9)})
    assert prefixes.status_code == 400 and "prefix" in prefixes.json()["error"]["message"]
    assert client.get("/api/search", params={"q": "troop* army"}).status_code == 200


def test_a_request_past_its_time_budget_is_refused(store_path):
    from newsgraph.web import create_app

    slow = TestClient(create_app(store_path, query_budget=0.0))
    response = slow.get("/api/search", params={"q": "a* t* o* s*"})
    assert response.status_code == 503 and _error(response) == "query_too_costly"


def test_the_host_header_must_name_the_server(store_path):
    from newsgraph.web import create_app

    guarded = TestClient(create_app(store_path, allowed_hosts=["127.0.0.1", "proxy.example"]),
                         base_url="http://127.0.0.1:8765")
    assert guarded.get("/api/claims").status_code == 200
    assert guarded.get("/", headers={"host": "proxy.example"}).status_code == 200
    refused = guarded.get("/", headers={"host": "rebind.attacker.example:8765"})
    assert refused.status_code == 400 and _error(refused) == "unknown_host"
    assert refused.headers["x-frame-options"] == "DENY"

    from newsgraph.commands.serve import allowed_hosts

    assert allowed_hosts("0.0.0.0", []) is None
    assert set(allowed_hosts("::1", ["a.example"])) >= {"localhost", "::1", "a.example"}


def test_a_long_url_is_answered_in_the_json_shape(client):
    response = client.get("/api/search", params={"q": "x" * 9000})
    assert response.status_code == 414 and _error(response) == "request_too_large"


def test_a_real_server_keeps_the_connection_and_answers_json(store_path):
    with served("--db", str(store_path), "--allowed-host", "proxy.example") as (_, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path, status, code in (
                ("/api/claims?offset=9223372036854775808", 422, "invalid_parameter"),
                ("/api/claims?limit=1", 200, None),
                ("/api/search?q=" + "x" * 20000, 414, "request_too_large"),
                ("/api/claims?limit=1", 200, None)):
            connection.request("GET", path)
            response = connection.getresponse()
            body = json.loads(response.read())
            assert response.status == status, path[:60]
            assert response.getheader("connection") != "close", path[:60]
            if code:
                assert body["error"]["code"] == code
        for host, status in (("evil.example", 400), ("proxy.example:80", 200),
                             (f"localhost:{port}", 200)):
            connection.request("GET", "/api/claims?limit=1", headers={"Host": host})
            response = connection.getresponse()
            response.read()
            assert response.status == status, host
        connection.close()
