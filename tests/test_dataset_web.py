"""`newsgraph serve --dataset DIR` against `serve --db FILE` on one corpus (the store and
the dataset of tests/test_dataset.py): every list page and API list, every story, actor
and article page give the same bytes; search answers its typed error; the web's hardening
(Host check, offsets, time budget, CSP) and the kept answers work over a dataset too, and
a real server started by `newsgraph serve --dataset` answers as the store's app."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import quote, urlencode

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import ROOT  # noqa: E402
from newsgraph.dataset.ingest import ingest_dataset  # noqa: E402
from newsgraph.dataset.stories_job import build_stories  # noqa: E402
from newsgraph.errors import DerivedTablesOutOfDate, NoFullTextIndexError  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.store.lists import SPECS  # noqa: E402
from newsgraph.web import create_app  # noqa: E402
from newsgraph.web.guard import CONTENT_SECURITY_POLICY  # noqa: E402
from newsgraph.web.pages import LIST_PAGES  # noqa: E402
from test_dataset import _cases, corpus, dataset, store_db  # noqa: E402,F401


@pytest.fixture(scope="module")
def clients(store_db, dataset):  # noqa: F811
    with TestClient(create_app(store_db)) as store, \
            TestClient(create_app(dataset=str(dataset))) as parquet:
        yield store, parquet


def _same(clients, path: str) -> str:
    store, parquet = clients
    expected, got = store.get(path), parquet.get(path)
    assert (path, got.status_code) == (path, 200), got.text[:300]
    assert (path, expected.status_code) == (path, 200)
    assert (path, got.text) == (path, expected.text)
    return got.text


def test_every_api_list_answers_as_over_the_store(clients, store_db):
    with Store(store_db, readonly=True) as store:
        cases = {name: _cases(store.conn, spec) for name, spec in SPECS.items()}
    for name, values_list in cases.items():
        for values in values_list:
            for page in ({"limit": 50}, {"limit": 3, "offset": 2}):
                body = json.loads(_same(clients, f"/api/{name}?{urlencode({**values, **page})}"))
                assert "items" in body
    csv = _same(clients, "/api/claims?format=csv&limit=5")
    assert csv.count("\n") > 1


def test_every_page_is_the_stores(clients):
    store, _ = clients
    stories = store.get("/api/stories?limit=500").json()["items"]
    actors = store.get("/api/actors?limit=500").json()["items"]
    documents = store.get("/api/documents?limit=500").json()["items"]
    assert stories and actors and documents
    paths = ["/", "/map", "/api/map", "/stories", "/stories?sort=latest",
             "/stories?sort=span", *(f"/{page}" for page in LIST_PAGES),
             "/claims?offset=2&limit=3", f"/events?type={quote('RETREAT')}",
             f"/articles?outlet={quote(documents[0]['outlet'] or '')}"]
    paths += [p for s in stories for p in (f"/stories/{s['story']}", f"/api/stories/{s['story']}")]
    paths += [p for a in actors for p in (f"/actors/{quote(a['name'])}",
                                         f"/api/actors/{quote(a['name'])}")]
    paths += [p for d in documents for p in (
        f"/articles/{d['hash']}", f"/api/documents/{d['hash']}", f"/articles/{d['hash']}/story",
        f"/api/documents/{d['hash']}/story", f"/map?document={d['hash']}")]
    for path in paths:
        _same(clients, path)
    # What a page shows is there: the largest story's page names its articles.
    page = _same(clients, f"/stories/{stories[0]['story']}")
    assert stories[0]["title"].split()[0] in page


def test_search_over_a_dataset_is_one_typed_error(clients):
    store, parquet = clients
    assert store.get("/api/search?q=Syria").status_code == 200
    for path in ("/api/search?q=Syria", "/api/search", "/search?q=Syria&format=json"):
        response = parquet.get(path)
        assert response.status_code == NoFullTextIndexError.http_status == 501
        assert response.json()["error"]["code"] == "no_full_text_index"
        assert "full-text" in response.json()["error"]["message"]
    page = parquet.get("/search?q=Syria")
    assert page.status_code == 501 and "no_full_text_index" in page.text
    assert "text/html" in page.headers["content-type"]


def test_the_web_hardening_holds_over_a_dataset(dataset, clients):  # noqa: F811
    _, parquet = clients
    response = parquet.get("/claims")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert parquet.get("/api/claims?offset=9223372036854775808").status_code == 422
    guarded = TestClient(create_app(dataset=str(dataset), allowed_hosts=["127.0.0.1"]),
                         base_url="http://evil.example")
    refused = guarded.get("/api/claims")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "unknown_host"
    slow = TestClient(create_app(dataset=str(dataset), query_budget=0.0, cache_bytes=0))
    response = slow.get("/api/claims")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "query_too_costly"


def test_kept_answers_follow_the_datasets_manifests(dataset, tmp_path):  # noqa: F811
    copy = tmp_path / "data"
    shutil.copytree(dataset, copy)
    with TestClient(create_app(dataset=str(copy))) as client:
        first = client.get("/api/documents")
        again = client.get("/api/documents")
        assert (first.headers["x-newsgraph-cache"], again.headers["x-newsgraph-cache"]) == (
            "miss", "hit")
        extra = tmp_path / "more"
        extra.mkdir()
        shutil.copy(ROOT / "examples" / "syria-withdrawal.txt", extra / "other.txt")
        assert ingest_dataset([extra], str(copy)).counts == {"ok": 1}
        # New shards whose stories are not built: the views that agree with the stories.
        stale = client.get("/api/documents")
        assert stale.headers["x-newsgraph-cache"] == "miss"
        assert stale.json()["total"] == first.json()["total"]
        build_stories(str(copy))
        fresh = client.get("/api/documents")
        assert fresh.headers["x-newsgraph-cache"] == "miss"
        assert fresh.json()["total"] == first.json()["total"] + 1


def test_a_dataset_without_its_stories_is_refused(corpus, tmp_path):  # noqa: F811
    folder = tmp_path / "data"
    ingest_dataset([corpus], str(folder), shard_size=2)
    with pytest.raises(DerivedTablesOutOfDate):
        create_app(dataset=str(folder))
    run = _cli("serve", "--dataset", str(folder), "--port", "0")
    assert run.returncode == 3 and "stories build" in run.stderr


def test_serve_takes_a_store_or_a_dataset(store_db, dataset):  # noqa: F811
    both = _cli("serve", "--db", str(store_db), "--dataset", str(dataset))
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    neither = _cli("serve")
    assert neither.returncode == 2 and "--db" in neither.stderr


def _cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_real_server_over_a_dataset_answers_as_the_stores_app(clients, dataset):  # noqa: F811
    store, _ = clients
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--dataset",
                                str(dataset), "--port", "0"], env=env,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        match = re.search(r"127\.0\.0\.1:(\d+)/", line)
        assert match, line
        connection = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=60)
        for path in ("/api/claims?limit=5", "/stories", "/stories/S1", "/api/events"):
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read().decode()
            assert response.status == 200, path
            assert response.getheader("content-security-policy") == CONTENT_SECURITY_POLICY
            assert body == store.get(path).text, path
        connection.request("GET", "/api/claims", headers={"Host": "evil.example"})
        response = connection.getresponse()
        assert response.status == 400 and json.loads(response.read())["error"]["code"] == \
            "unknown_host"
        connection.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
