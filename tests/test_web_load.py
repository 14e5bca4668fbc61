"""The server under load, without timing anything: answers kept until the store changes
(and not a moment longer), a bounded pool of store readers that every request gives
back, bounded memory for kept answers, and story pages that read a bounded part of a
large story."""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.errors import ServerBusyError  # noqa: E402
from newsgraph.stories.store import open_store, rebuild, story_report  # noqa: E402
from newsgraph.web import create_app  # noqa: E402
from newsgraph.web.pagecache import CACHE_HEADER, AnswerCache, Answer  # noqa: E402
from newsgraph.web.pool import ReaderPool  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from replicate import replica  # noqa: E402

CACHE = CACHE_HEADER.decode()


def _store(path: Path, analysis: dict, copies: int = 0) -> Path:
    with open_store(path) as store:
        for number in range(copies + 1):
            store.add(replica(analysis, number, 1))
    return path


def _story_of(db: Path) -> str:
    with open_store(db, readonly=True) as store:
        return store.conn.execute("SELECT id FROM stories ORDER BY documents DESC"
                                  ).fetchone()[0]


def test_a_kept_answer_is_dropped_when_an_article_is_stored(example_analysis, tmp_path):
    db = _store(tmp_path / "store.db", example_analysis)
    story = _story_of(db)
    with TestClient(create_app(db)) as client:
        first = client.get("/articles")
        again = client.get("/articles")
        assert (first.headers[CACHE], again.headers[CACHE]) == ("miss", "hit")
        assert again.text == first.text and "syria-withdrawal~1" not in first.text
        assert len(client.get(f"/api/stories/{story}").json()["documents"]) == 1
        assert client.get(f"/api/stories/{story}").headers[CACHE] == "hit"

        # Another process stores an article, as an ingest does, while the server runs.
        with open_store(db) as store:
            store.add(replica(example_analysis, 1, 1))

        after = client.get("/articles")
        assert after.headers[CACHE] == "miss"
        assert "syria-withdrawal~1" in after.text
        story_page = client.get(f"/api/stories/{story}")
        assert story_page.headers[CACHE] == "miss"
        assert [d["id"] for d in story_page.json()["documents"]] == [
            "syria-withdrawal", "syria-withdrawal~1"]
        assert "syria-withdrawal~1" in client.get(f"/stories/{story}").text


def test_a_rebuild_of_the_derived_tables_drops_kept_answers_too(example_analysis, tmp_path):
    # A rebuild rewrites stories without adding a document: the store's version must
    # still change (PRAGMA data_version, not the number of documents).
    db = _store(tmp_path / "store.db", example_analysis, copies=1)
    with TestClient(create_app(db)) as client:
        assert client.get("/stories").headers[CACHE] == "miss"
        assert client.get("/stories").headers[CACHE] == "hit"
        with open_store(db) as store:
            rebuild(store)
        assert client.get("/stories").headers[CACHE] == "miss"


def test_errors_and_token_urls_are_never_kept(example_analysis, tmp_path):
    db = _store(tmp_path / "store.db", example_analysis)
    with TestClient(create_app(db)) as client:
        for _ in range(2):
            missing = client.get("/api/documents/" + "0" * 32)
            assert missing.status_code == 404 and missing.headers.get(CACHE) != "hit"
    with TestClient(create_app(db, token="a-long-token")) as client:
        for _ in range(2):
            answer = client.get("/articles?token=a-long-token")
            assert answer.status_code == 200 and answer.headers.get(CACHE) != "hit"
        refused = TestClient(client.app).get("/articles")  # no cookie: the check comes first
        assert refused.status_code == 401


def _store_fds(db: Path) -> int:
    """File descriptors of this process open on the store file itself."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == str(db.resolve())
        except OSError:
            pass
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_many_concurrent_requests_share_a_bounded_pool_of_readers(example_analysis, tmp_path):
    db = _store(tmp_path / "store.db", example_analysis, copies=2)
    story = _story_of(db)
    with open_store(db, readonly=True) as store:
        hashes = [h for (h,) in store.conn.execute("SELECT hash FROM documents")]
    paths = ["/", "/claims", "/api/events", f"/stories/{story}", "/search?q=troops",
             *(f"/articles/{h}" for h in hashes), "/actors/Donald%20Trump"]
    before = _store_fds(db)
    app = create_app(db, readers=3, cache_bytes=0)  # nothing kept: every request reads
    pool = app.state.readers
    with TestClient(app) as client:
        with ThreadPoolExecutor(16) as workers:
            statuses = list(workers.map(lambda i: client.get(paths[i % len(paths)]).status_code,
                                        range(240)))
        assert statuses == [200] * 240
        assert 1 <= pool.most_opened <= 3
        assert len(pool.idle) == pool.opened  # every reader came back
        # The pool's readers and the version watcher: nothing more stays open.
        assert _store_fds(db) - before <= 3 + 1
    assert pool.opened == 0 and not pool.idle  # closed with the app
    assert _store_fds(db) == before


def test_a_request_waits_for_a_reader_at_most_its_budget(example_analysis, tmp_path):
    db = _store(tmp_path / "store.db", example_analysis)
    pool = ReaderPool(db, size=1)
    lent, release = threading.Event(), threading.Event()

    def hold():
        with pool.reader(1.0):
            lent.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    lent.wait(5)
    with pytest.raises(ServerBusyError):
        with pool.reader(0.05):
            pass
    release.set()
    holder.join(5)
    with pool.reader(0.05) as store:  # given back: lent again, not opened again
        assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert pool.most_opened == 1
    pool.close()
    assert pool.opened == 0


def test_kept_answers_stay_within_their_bytes():
    cache = AnswerCache(budget=1600)
    for number in range(10):
        cache.put(("/page", str(number).encode(), 0), Answer(200, (), b"x" * 90))
    assert cache.size == 900 and len(cache.entries) == 10
    cache.put(("/big", b"", 0), Answer(200, (), b"x" * 101))  # over a sixteenth: not kept
    assert cache.get(("/big", b"", 0)) is None
    for number in range(30):
        cache.put(("/more", str(number).encode(), 0), Answer(200, (), b"y" * 100))
    assert cache.size <= 1600
    assert cache.get(("/page", b"0", 0)) is None  # the least recently used went first
    assert cache.get(("/more", b"29", 0)) is not None


def test_a_story_page_reads_only_the_first_articles_of_a_large_story(example_analysis,
                                                                    tmp_path):
    db = _store(tmp_path / "store.db", example_analysis, copies=3)
    story = _story_of(db)
    with open_store(db, readonly=True) as store:
        whole = story_report(store.conn, story)
        first = story_report(store.conn, story, articles=2)
    assert whole["story"]["articles"] == first["story"]["articles"] == 4
    assert [a["document"] for a in first["articles"]] == [
        a["document"] for a in whole["articles"][:2]]
    shown = {a["document"] for a in first["articles"]}
    assert {e["first"]["document"] for e in first["timeline"] if "first" in e} <= shown
    assert all(m["document"] in shown for e in first["corroborations"]
               for m in e["repeated_by"])
    assert len(first["timeline"]) < len(whole["timeline"]) or not whole["timeline"]


def test_heavy_pages_take_their_own_lane():
    from newsgraph.web.lanes import is_heavy

    heavy = ["/stories/S1", "/api/stories/S1", "/actors/Donald%20Trump", "/api/actors/x/y",
             "/search", "/api/search", "/map", "/articles/ab12/story", "/api/documents/ab/story"]
    light = ["/", "/stories", "/api/stories", "/articles/ab12", "/api/documents/ab12",
             "/claims", "/api/claims", "/actors", "/static/style.css"]
    assert [p for p in heavy if not is_heavy(p, b"")] == []
    assert [p for p in light if is_heavy(p, b"")] == []
    assert is_heavy("/api/claims", b"format=csv&limit=1000")


def test_heavy_pages_never_hold_more_than_half_the_readers(example_analysis, tmp_path,
                                                           monkeypatch):
    from newsgraph.web import api

    db = _store(tmp_path / "store.db", example_analysis)
    running, most, lock = [0], [0], threading.Lock()
    real_search = api.run_search

    def slow_search(*args, **kwargs):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            threading.Event().wait(0.2)
            return real_search(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(api, "run_search", slow_search)
    with TestClient(create_app(db, readers=4)) as client:  # two heavy slots
        with ThreadPoolExecutor(8) as workers:
            heavy = [workers.submit(client.get, f"/api/search?q=troops+{n}") for n in range(6)]
            light = client.get("/api/documents")  # finds a thread while they queue
            assert light.status_code == 200
            assert all(f.result().status_code == 200 for f in heavy)
    assert most[0] == 2


def test_serve_with_two_workers_starts_answers_and_stops(example_analysis, tmp_path):
    import http.client
    import re
    import subprocess

    db = _store(tmp_path / "store.db", example_analysis)
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", "0",
         "--workers", "2", "--readers", "2", "--cache-mb", "1"],
        env={**os.environ, "PYTHONPATH": str(root / "src")}, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)/ with 2 workers", line).group(1))
        statuses = []
        for attempt in range(200):  # the workers start after the socket is bound
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("GET", "/api/documents")
                response = conn.getresponse()
                statuses.append((response.status, "syria-withdrawal" in response.read().decode()))
            except OSError:
                threading.Event().wait(0.1)
            finally:
                conn.close()
            if len(statuses) >= 6:
                break
        assert statuses == [(200, True)] * 6
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0


def test_serve_refuses_bad_capacity_options():
    from newsgraph.commands.serve import check_capacity
    from newsgraph.errors import UsageError

    for workers, readers, cache_mb in ((0, 4, 64), (1, 0, 64), (1, 4, -1), (65, 4, 64)):
        with pytest.raises(UsageError):
            check_capacity(workers, readers, cache_mb, 5.0)
    check_capacity(2, 4, 0, 5.0)


def test_the_replicated_store_grows_through_the_writer_and_resumes(example_analysis,
                                                                   tmp_path):
    from replicate import build_replicated_store

    db = tmp_path / "replica.db"
    first = build_replicated_store(db, 4, source_analyses=[example_analysis],
                                   days_per_round=2, story_rounds=None)
    assert (first.added, first.total) == (4, 4)
    again = build_replicated_store(db, 4, source_analyses=[example_analysis])
    assert again.added == 0  # already there: nothing written twice
    more = build_replicated_store(db, 5, source_analyses=[example_analysis],
                                  days_per_round=2, story_rounds=None)
    assert (more.added, more.total) == (1, 5)
    with open_store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT id, published, url FROM documents ORDER BY rowid"
                                  ).fetchall()
        story = store.conn.execute("SELECT documents FROM stories ORDER BY documents DESC"
                                   ).fetchone()[0]
    published = example_analysis["document"]["published"]
    assert [r["id"] for r in rows] == ["syria-withdrawal"] + [
        f"syria-withdrawal~{n}" for n in range(1, 5)]
    moved = date.fromisoformat(published[:10]) + timedelta(days=2 * 2)
    assert rows[0]["published"] == published and rows[2]["published"] == moved.isoformat()
    assert len({r["url"] for r in rows[1:]}) == 4
    assert story == 5  # the writer clustered every copy into the one story
