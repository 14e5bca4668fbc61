"""The store and corpus runs: content-hash ids, round trips, resumable ingest after
kill -9, re-ingest changing nothing, bad input recorded while the batch goes on."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import POLNEAR_DEV, ROOT, shared_path
from test_faults import faults
from newsgraph.contract import violations
from newsgraph.corpus import ingest
from newsgraph.store import Store
from newsgraph.stories.store import open_store
from newsgraph.store.migrations import MIGRATIONS
from newsgraph.store.views import drop_views

ARTICLES = 10  # PolNeAR dev articles in the small corpus (plus 4 odd inputs)


def hand_built_analysis(doc_id: str = "hand") -> dict:
    """An analysis with every kind of item, as the event/place/time/quantity stages will
    give them, plus a field outside the contract (extensions must survive the store)."""
    text = ("The US has about 2,000 troops in northeastern Syria, officials said on "
            "Wednesday. Turkey denied the withdrawal.")
    def span(phrase):
        start = text.index(phrase)
        return [start, start + len(phrase)]
    analysis = {
        "schema": "newsgraph.analysis/1",
        "document": {"id": doc_id, "title": "Troops", "url": None, "outlet": "Wire",
                     "published": "2018-12-19", "language": "en", "text": text,
                     "section": "world"},
        "entities": [
            {"id": "E1", "name": "United States", "type": "GPE", "aliases": ["US"], "roles": [],
             "country": "USA", "sector": "GOV", "mentions": [span("US")]},
            {"id": "E2", "name": "American officials", "type": "GROUP", "aliases": [],
             "roles": [], "country": "USA", "sector": None, "mentions": [span("officials")]},
            {"id": "E3", "name": "Turkey", "type": "GPE", "aliases": [], "roles": [],
             "country": "TUR", "sector": "GOV", "mentions": [span("Turkey")]}],
        "claims": [
            {"id": "C1", "content": [span("The US has about 2,000 troops in northeastern "
                                          "Syria")],
             "cue": span("said"), "source": span("officials"), "speaker": "E2", "via": [],
             "kind": "indirect", "anonymous": True, "channel": None, "time": "T1",
             "confidence": 0.75},
            {"id": "C2", "content": [span("the withdrawal")], "cue": span("denied"),
             "source": span("Turkey"), "speaker": "E3", "via": [], "kind": "indirect",
             "anonymous": False, "channel": "statement", "time": None}],
        "events": [{"id": "V1", "type": "RETREAT", "mode": "withdraw", "cameo": "0874",
                    "actor": "E1", "recipient": None, "place": "P1", "time": "T1",
                    "status": "denied", "trigger": span("withdrawal"), "claim": "C2"}],
        "quantities": [{"id": "Q1", "span": span("about 2,000 troops"), "value": 2000,
                        "low": None, "high": 2500.5, "approximate": True, "unit": "troop",
                        "of": "E1", "place": "P1", "claim": "C1"}],
        "places": [{"id": "P1", "name": "northeastern Syria", "kind": "region",
                    "country": "SY", "lat": 36.5, "lon": 40, "geonameid": 163843,
                    "mentions": [span("northeastern Syria")]}],
        "times": [{"id": "T1", "span": span("Wednesday"), "type": "DATE",
                   "value": "2018-12-19"}],
        "links": [{"type": "contradicts", "from": "V1", "to": "Q1",
                   "reason": "denial of the reported withdrawal"}],
        "pipeline": "hand",
    }
    assert violations(analysis) == []
    return analysis


def dump(db: Path) -> dict:
    """Every row of every table, with rowids where a table has them."""
    conn = sqlite3.connect(db)
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    content = {}
    for table in tables:
        try:
            content[table] = conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid"
                                          ).fetchall()
        except sqlite3.OperationalError:  # WITHOUT ROWID (FTS shadow tables)
            content[table] = sorted(conn.execute(f"SELECT * FROM {table}").fetchall())
    conn.close()
    return content


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Ten short PolNeAR dev articles plus a duplicate, an empty file, a broken record
    file and a record in French."""
    folder = tmp_path_factory.mktemp("corpus")
    texts = sorted(shared_path(POLNEAR_DEV / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    for index, path in enumerate(texts[:ARTICLES]):
        shutil.copy(path, folder / f"a{index:02d}.txt")
    shutil.copy(folder / "a03.txt", folder / "z-copy-of-a03.txt")
    (folder / "b-empty.txt").write_text("  \n")
    (folder / "c-broken.json").write_text('{"text": "unterminated')
    (folder / "d-french.json").write_text(json.dumps(
        {"text": "Le ministre a déclaré mardi que les négociations reprendraient.",
         "language": "fr"}))
    return folder


@pytest.fixture(scope="module")
def reference_db(corpus, tmp_path_factory, pipeline) -> Path:
    """The store of one uninterrupted run (in this process, one worker)."""
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    summary = ingest([corpus], db, shard_size=2)
    assert summary.counts == {"ok": ARTICLES, "skipped": 3, "failed": 1}
    return db


def test_round_trip_of_every_item_kind(tmp_path):
    analysis = hand_built_analysis()
    with open_store(tmp_path / "s.db") as store:
        assert store.add(analysis) == "ok"
        assert store.add(analysis) == "skipped"  # the same article again adds nothing
        assert store.analysis(analysis["document"]) == analysis
        assert list(store.analyses()) == [analysis]
        counts = store.counts()
        assert {t: counts[t] for t in ("events", "quantities", "places", "times", "links")} == \
            {"events": 1, "quantities": 1, "places": 1, "times": 1, "links": 1}
        row = store.conn.execute("SELECT content_text, speaker FROM claims WHERE id = 'C1'"
                                 ).fetchone()
        assert row[0].startswith("The US has about 2,000 troops") and row[1] == "E2"
        hits = store.conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts "
                                  "MATCH 'troops'").fetchone()[0]
        assert hits == 1


def test_rows_are_stored_after_the_rows_they_refer_to(tmp_path):
    """No reference of a document waits for its row while the document is stored: with
    one waiting (a pending deferred foreign key), SQLite scans the referring tables for
    each row stored into a referenced one, a cost that grows with the store
    (benchmarks/writer_cost.py)."""
    with open_store(tmp_path / "s.db") as store:
        insert, pending = store._insert, []

        def insert_and_check(table, rows, **options):
            inserted = insert(table, rows, **options)
            pending.extend((table, *row) for row in store.conn.execute(
                "PRAGMA foreign_key_check"))
            return inserted

        store._insert = insert_and_check
        assert store.add(hand_built_analysis()) == "ok"
        keys = store.conn.execute("SELECT c.time_key, e.claim_key, e.place_key FROM claims c "
                                  "JOIN events e ON e.claim_key IS NOT NULL "
                                  "WHERE c.id = 'C1'").fetchone()
    assert pending == []
    assert keys[0].endswith("/T1") and keys[1].endswith("/C2") and keys[2].endswith("/P1")


def test_ids_come_from_content(tmp_path):
    first, renamed = hand_built_analysis("one"), hand_built_analysis("two")
    edited = hand_built_analysis("one")
    edited["document"]["text"] = edited["document"]["text"].replace("Turkey", "Ankara")
    edited["entities"][2]["mentions"] = [[edited["document"]["text"].index("Ankara"),
                                          edited["document"]["text"].index("Ankara") + 6]]
    edited["claims"][1]["source"] = edited["entities"][2]["mentions"][0]
    with open_store(tmp_path / "s.db") as store:
        assert [store.add(a) for a in (first, renamed, edited)] == ["ok", "skipped", "ok"]
        keys = [k for (k,) in store.conn.execute("SELECT key FROM claims ORDER BY rowid")]
    doc_hash = keys[0].split("/")[0]
    assert keys[:2] == [f"{doc_hash}/C1", f"{doc_hash}/C2"] and len(set(keys)) == 4


def test_schema_is_versioned_and_grows_with_the_contract(tmp_path):
    db = tmp_path / "s.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    drop_views(conn)  # an older file: no views (they would keep the column)
    conn.execute("ALTER TABLE quantities DROP COLUMN approximate")  # an older file
    conn.commit()
    conn.close()
    with open_store(db) as store:
        assert store.add(hand_built_analysis()) == "ok"
        assert store.analysis(hand_built_analysis()["document"]) == hand_built_analysis()


def test_readers_work_while_the_writer_holds_a_transaction(tmp_path):
    db = tmp_path / "s.db"
    with open_store(db) as writer:
        writer.add(hand_built_analysis())
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM links")
        with Store(db, readonly=True) as reader:
            assert reader.counts()["links"] == 1
        writer.conn.execute("ROLLBACK")


def test_stored_analyses_are_what_analyze_gives(reference_db, corpus, pipeline):
    from newsgraph.inputs import InputOptions, iter_documents

    documents = [d for d in iter_documents([corpus], InputOptions()) if hasattr(d, "text")][:2]
    with Store(reference_db, readonly=True) as store:
        for document in documents:
            assert store.analysis(document.as_contract()) == pipeline.analyze_document(document)


def test_bad_inputs_are_recorded_and_the_batch_goes_on(reference_db):
    with Store(reference_db, readonly=True) as store:
        log = {row["input"]: (row["status"], row["code"]) for row in
               store.conn.execute("SELECT * FROM ingest_log")}
        assert store.counts()["documents"] == ARTICLES
    assert log["b-empty"] == ("skipped", "empty")
    assert log["c-broken"] == ("failed", "malformed_record")
    assert log["d-french"] == ("skipped", "not_english")
    assert log["z-copy-of-a03"] == ("skipped", "duplicate")
    assert sum(status == "ok" for status, _ in log.values()) == ARTICLES


def test_reingesting_the_same_corpus_changes_nothing(reference_db, corpus, tmp_path):
    db = tmp_path / "again.db"
    shutil.copy(reference_db, db)
    before = dump(db)
    ingest([corpus], db, shard_size=2)  # the same run: already complete
    summary = ingest([corpus], db, shard_size=3)  # a new run over the same articles
    assert summary.counts == {"skipped": ARTICLES + 3, "failed": 1}  # nothing new
    after = dump(db)
    assert after.pop("corpus_runs") != before.pop("corpus_runs")  # the second run's record
    assert after == before


@pytest.mark.slow
def test_a_run_killed_with_sigkill_resumes_to_the_same_store(reference_db, corpus, tmp_path):
    """Killed between commits of one shard each, resumed committing several shards at
    once: the store of an uninterrupted run (that committed them all at once)."""
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db),
               "--shard-size", "2", "--commit-every", "2", "--progress", "never"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90  # model loading on a busy machine
    merged = 0
    while merged < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        merged = faults.merged_shards(db)
    assert process.poll() is None, process.stderr.read().decode()
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 2 <= faults.merged_shards(db) < 7  # stopped mid-run

    summary = ingest([corpus], db, shard_size=2, commit_every=4)
    assert 2 <= summary.resumed_from < summary.shards
    assert dump(db) == dump(reference_db)
    assert not db.with_name(db.name + ".runs").exists()  # shard files go once merged


def test_one_ingest_writes_to_a_store_at_a_time(tmp_path):
    from newsgraph.corpus.runner import writer_lock
    from newsgraph.errors import StoreLockedError

    db = tmp_path / "s.db"
    with writer_lock(db):
        with pytest.raises(StoreLockedError, match="another ingest"):
            ingest([tmp_path], db)
    with writer_lock(db):  # released with its holder
        pass
