"""The Parquet dataset against the SQLite store on one corpus (the example, a few
PolNeAR dev articles, one article twice, an empty file): every table row for row in the
same order, every list specification's answers, every story report; a dataset ingest
killed with SIGKILL and resumed gives the same dataset; DuckDB runs offline; the
`export --format parquet` folder answers the same."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest

from conftest import ROOT
from test_faults import faults

duckdb = pytest.importorskip("duckdb")

from newsgraph.corpus import EngineOptions, ingest  # noqa: E402
from newsgraph.dataset.duck import open_dataset, open_export, open_parquet  # noqa: E402
from newsgraph.dataset.ingest import ingest_dataset  # noqa: E402
from newsgraph.dataset.location import Location  # noqa: E402
from newsgraph.dataset.manifests import read_contents  # noqa: E402
from newsgraph.dataset.stories_job import build_stories, require_built  # noqa: E402
from newsgraph.dataset.tables import store_columns  # noqa: E402
from newsgraph.errors import DerivedTablesOutOfDate, UsageError  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.store.export import export_parquet  # noqa: E402
from newsgraph.store.lists import SPECS, fetch, filters_of  # noqa: E402
from newsgraph.stories.store.report import story_report  # noqa: E402
from newsgraph.stories.window import Window  # noqa: E402

ARTICLES = 3
SHARD = 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    faults.build_corpus(folder, ARTICLES)
    texts = sorted(folder.glob("*.txt"))
    # The first article again under another name, a shard later: one document, twice read.
    for path in (texts[0], texts[0].with_suffix(".meta.json")):
        if path.exists():
            shutil.copy(path, folder / ("zzz-again" + "".join(path.suffixes)))
    (folder / "b-empty.txt").write_text("")
    return folder


@pytest.fixture(scope="module")
def store_db(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "corpus.db"
    ingest([corpus], db, shard_size=SHARD)
    return db


@pytest.fixture(scope="module")
def dataset(corpus, tmp_path_factory):
    """Written by a local pool of two workers."""
    folder = tmp_path_factory.mktemp("dataset") / "data"
    summary = ingest_dataset([corpus], str(folder), shard_size=SHARD,
                             engine_options=EngineOptions(workers=2))
    assert summary.counts == {"ok": ARTICLES + 2, "skipped": 1}
    build_stories(str(folder))
    return folder


def _order(conn, table: str) -> str:
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    if "WITHOUT ROWID" not in sql.upper():
        return "rowid"
    keys = sorted((row[5], row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')
                  if row[5])
    return ", ".join(f'"{name}"' for _, name in keys)


def store_tables(db) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {table: conn.execute(
            f'SELECT {", ".join(chr(34) + n + chr(34) for n, _ in columns)} FROM "{table}" '
            f"ORDER BY {_order(conn, table)}").fetchall()
            for table, columns in store_columns().items()}
    finally:
        conn.close()


def parquet_tables(conn) -> dict[str, list[tuple]]:
    return {table: [tuple(row) for row in conn.execute(
        f'SELECT {", ".join(chr(34) + n + chr(34) for n, _ in columns)} FROM "{table}" '
        "ORDER BY rowid").fetchall()] for table, columns in store_columns().items()}


def test_every_table_is_the_stores_row_for_row(store_db, dataset):
    expected = store_tables(store_db)
    with open_dataset(str(dataset)) as conn:
        got = parquet_tables(conn)
    assert {t: len(rows) for t, rows in got.items()} == {
        t: len(rows) for t, rows in expected.items()}
    assert expected["stories"] and expected["claim_sources"]  # the story tables are filled
    assert [t for t in expected if got[t] != expected[t]] == []
    # The article read twice is one document, and the log says so as the store's does.
    def outcome(name: str) -> tuple:
        return next(tuple(row[2:5]) for row in got["ingest_log"] if name in row[0])

    assert outcome("zzz-again")[:2] == ("skipped", "duplicate")
    assert outcome("zzz-again")[2].startswith("same text and metadata as document")
    assert outcome("b-empty")[:2] == ("skipped", "empty")


def test_files_are_partitioned_by_month_and_named_by_manifests(dataset):
    contents = read_contents(Location(str(dataset)))
    files = contents.files("documents")
    assert files and all(f.split("/")[1].startswith("month=") for f in files)
    assert {f.split("/")[1] for f in files} >= {"month=2018-12"}  # the example's month
    on_disk = {str(p.relative_to(dataset)) for p in dataset.rglob("*.parquet")
               if p.parts[len(dataset.parts)] in store_columns()
               and p.parts[len(dataset.parts)] != "derived"}
    named = {f for table in store_columns() for f in contents.files(table)}
    assert on_disk == named


def _cases(store_conn, spec) -> list[dict]:
    """Each filter of the spec with a value from the unfiltered list, and date bounds."""
    rows = fetch(store_conn, spec, {}, limit=50).rows
    cases: list[dict] = [{}]
    for key in filters_of(spec):
        if key in ("since", "until"):
            cases.append({key: "2016-09" if key == "since" else "2016"})
        elif key == "document" and rows and "hash" in rows[0]:
            cases.append({key: rows[-1]["hash"]})
        elif key == "min_articles":
            cases.append({key: "1"})
        else:
            column = {"of": "of", "actor": "actor", "speaker": "speaker"}.get(key, key)
            values = [r[column] for r in rows if r.get(column) not in (None, "")]
            if values:
                value = values[-1]
                cases.append({key: str(value).lower() if isinstance(value, str) else
                              ("true" if value else "false")})
    return cases


def test_every_list_answers_as_the_store(store_db, dataset, tmp_path):
    export = tmp_path / "export"
    with Store(store_db, readonly=True) as store:
        export_parquet(store, export)
        for reader in (open_dataset(str(dataset)), open_export(export)):
            with reader as conn:
                for name, spec in SPECS.items():
                    for values in _cases(store.conn, spec):
                        for limit, offset in ((50, 0), (3, 2)):
                            expected = fetch(store.conn, spec, values, limit=limit,
                                             offset=offset)
                            got = fetch(conn, spec, values, limit=limit, offset=offset)
                            assert (name, values, got.rows, got.total) == (
                                name, values, expected.rows, expected.total)


def test_the_datasets_own_columns_are_the_joins_the_lists_make(store_db, dataset, tmp_path):
    from newsgraph.dataset.tables import REFERENCES
    from newsgraph.store.query import ITEM_DAY

    with open_dataset(str(dataset)) as conn:
        assert conn.materialised(SPECS["events"]) == {
            ITEM_DAY: "v.day", "a.name": "v.actor_name", "a.rowid": "v.actor_rowid",
            "r.name": "v.recipient_name", "r.rowid": "v.recipient_rowid",
            "p.name": "v.place_name", "p.rowid": "v.place_rowid"}
        assert conn.materialised(SPECS["claims"])["s.name"] == "c.speaker_name"
        rows = conn.execute(f"SELECT v.day, {ITEM_DAY} FROM events v JOIN documents d ON "
                            "d.hash = v.document LEFT JOIN times t ON t.document = v.document "
                            "AND t.id = v.time").fetchall()
        assert len({day for day, _ in rows}) > 1 and [r for r in rows if r[0] != r[1]] == []
        for table, references in REFERENCES.items():
            for column, target in references.items():
                rows = conn.execute(
                    f"SELECT x.{column}_name, y.name, x.{column}_rowid, y.rowid FROM {table} x "
                    f"LEFT JOIN {target} y ON y.document = x.document AND y.id = x.{column}"
                    ).fetchall()
                assert [r for r in rows if (r[0], r[2]) != (r[1], r[3])] == []
                assert any(r[0] for r in rows), (table, column)
    # A dataset whose event files predate the columns filters through the joins again.
    copy = tmp_path / "data"
    shutil.copytree(dataset, copy)
    old = sorted((copy / "events").rglob("*.parquet"))[0]
    duckdb.sql(f"COPY (SELECT * EXCLUDE (day, actor_name) FROM '{old}') TO '{old}.new' "
               "(FORMAT parquet)")
    os.replace(f"{old}.new", old)
    spec = SPECS["events"]
    with open_dataset(str(copy)) as conn, Store(store_db, readonly=True) as store:
        assert set(conn.materialised(spec)) == {"r.name", "r.rowid", "p.name", "p.rowid"}
        for values in ({"since": "2016-09", "until": "2018-12"}, {"actor": "united states"}):
            expected = fetch(store.conn, spec, values)
            assert expected.rows and fetch(conn, spec, values).rows == expected.rows


def test_time_windows_merge_deterministically_and_bound_stories(store_db, dataset, tmp_path):
    copies = [tmp_path / "one", tmp_path / "two"]
    results = []
    for copy, workers in zip(copies, (1, 2)):
        shutil.copytree(dataset, copy)
        results.append(build_stories(str(copy), window_days=7, workers=workers))
        with open_dataset(str(copy)) as conn:
            results.append(parquet_tables(conn))
    assert results[0].windows == results[2].windows >= 2
    assert results[1] == results[3]  # whatever ran the windows
    tables, expected = results[1], store_tables(store_db)
    with open_dataset(str(copies[0])) as conn:
        spans = conn.execute("SELECT story, min(published), max(published) FROM "
                             "story_documents GROUP BY story").fetchall()
    # Stories joined across an edge (dataset/edges.py) stay within the clusterer's span.
    assert all(last is None or first is None or
               (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
               <= Window().span_days for _, first, last in spans)
    # Every entity and claim is linked once, as in the store, whatever the windows.
    for table in ("entity_actors", "claim_sources", "story_documents"):
        assert len(tables[table]) == len(expected[table])
    assert sorted(r[0] for r in tables["entity_actors"]) == sorted(
        r[0] for r in expected["entity_actors"])


def test_story_reports_are_the_stores(store_db, dataset):
    with Store(store_db, readonly=True) as store, open_dataset(str(dataset)) as conn:
        ids = [row[0] for row in store.conn.execute("SELECT id FROM stories ORDER BY rowid")]
        assert ids
        for story in ids:
            assert story_report(conn, story) == story_report(store.conn, story)


def test_duckdb_runs_offline(dataset):
    with open_dataset(str(dataset)) as conn:
        settings = conn.execute("SELECT current_setting('autoload_known_extensions'), "
                                "current_setting('autoinstall_known_extensions')").fetchone()
        assert tuple(settings) == (False, False)
        loaded = conn.execute("SELECT extension_name, install_mode FROM duckdb_extensions() "
                              "WHERE loaded").fetchall()
        assert loaded and all(mode == "STATICALLY_LINKED" for _, mode in loaded)


def test_stories_out_of_date_after_another_run_and_the_cli_says_so(dataset, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(dataset, copy)
    require_built(str(copy))
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(ROOT / "examples" / "syria-withdrawal.txt", extra / "other.txt")
    summary = ingest_dataset([extra], str(copy))
    assert summary.counts == {"ok": 1}  # no published date: a document of its own
    with pytest.raises(DerivedTablesOutOfDate):
        require_built(str(copy))
    run = _cli("stories", "--dataset", str(copy))
    assert run.returncode == 3 and "stories build" in run.stderr
    assert _cli("stories", "build", "--dataset", str(copy)).returncode == 0
    with open_parquet(str(copy)) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == ARTICLES + 2


def test_search_is_refused_on_a_dataset(dataset):
    run = _cli("query", "search", "Syria", "--dataset", str(dataset))
    assert run.returncode == UsageError.exit_code and "full-text" in run.stderr


def test_the_accurate_profile_is_refused_for_a_dataset(corpus, tmp_path):
    run = _cli("ingest", str(corpus), "--dataset", str(tmp_path / "data"),
               "--profile", "accurate")
    assert run.returncode == UsageError.exit_code and "fast profile only" in run.stderr
    assert not (tmp_path / "data").exists()


def _cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600)


def test_query_and_story_print_the_same_from_store_and_dataset(store_db, dataset):
    for args in (("query", "claims", "--format", "json", "--limit", "5"),
                 ("query", "events", "--format", "csv"), ("stories", "--format", "json"),
                 ("story", "S1", "--format", "json"), ("export", "--format", "jsonl"),
                 ("export", "--format", "gdelt"), ("export", "--format", "plover")):
        from_store = _cli(*args, "--db", str(store_db))
        from_dataset = _cli(*args, "--dataset", str(dataset))
        assert from_store.returncode == from_dataset.returncode == 0, from_dataset.stderr
        assert from_dataset.stdout == from_store.stdout


@pytest.mark.slow
def test_killed_and_resumed_ingest_gives_the_same_dataset(corpus, dataset, tmp_path):
    target = tmp_path / "data"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--dataset",
               str(target), "--shard-size", "1", "--progress", "never"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if list((target / "_shards").glob("*/shard-*.json")):
            break
        time.sleep(0.05)
    time.sleep(0.5)  # into the next shards: some written, some not
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = len(list((target / "_shards").glob("*/shard-*.json")))
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert written < ARTICLES + 3 or "already complete" in resumed.stderr
    with open_dataset(str(target)) as got, open_dataset(str(dataset)) as expected:
        shard_tables = ("documents", "entities", "claims", "events", "quantities", "places",
                        "times", "links", "mentions")
        mine, theirs = parquet_tables(got), parquet_tables(expected)
        assert [t for t in shard_tables if mine[t] != theirs[t]] == []
        # the log differs only in the shard numbers (shards of 1 here, of 2 there)
        assert [r[:5] for r in mine["ingest_log"]] == [r[:5] for r in theirs["ingest_log"]]


@pytest.mark.slow
def test_ray_writes_the_same_dataset_and_stories(corpus, store_db, tmp_path):
    pytest.importorskip("ray")
    folder = tmp_path / "ray"
    ingest_dataset([corpus], str(folder), engine="ray", shard_size=SHARD,
                   engine_options=EngineOptions(workers=2))
    build_stories(str(folder), engine="ray")
    with open_dataset(str(folder)) as conn:
        got = parquet_tables(conn)
    expected = store_tables(store_db)
    assert [t for t in expected if got[t] != expected[t]] == []


def test_a_file_url_reads_the_same_dataset_and_an_empty_folder_is_no_dataset(dataset,
                                                                           tmp_path):
    with open_dataset(str(dataset)) as by_path, open_dataset(dataset.as_uri()) as by_url:
        assert parquet_tables(by_url) == parquet_tables(by_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    run = _cli("query", "claims", "--dataset", str(empty))
    assert run.returncode == 2 and "no dataset" in run.stderr
    run = _cli("query", "claims", "--dataset", "nosuchscheme://bucket/news")
    assert run.returncode == 2 and "nosuchscheme" in run.stderr


def test_a_manifest_naming_a_file_outside_the_dataset_is_refused(dataset, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(dataset, copy)
    (copy / "_contents.json").unlink()  # the manifests are read, not the index of them
    manifest = sorted((copy / "_shards").glob("*/shard-*.json"))[0]
    text = manifest.read_text()
    manifest.write_text(text.replace('"documents/month=', '"../../documents/month=', 1))
    run = _cli("query", "claims", "--dataset", str(copy))
    assert run.returncode == 3 and "outside the dataset" in run.stderr
    manifest.write_text(text[: len(text) // 2])
    run = _cli("query", "claims", "--dataset", str(copy))
    assert run.returncode == 3 and "not a readable manifest" in run.stderr


def test_opening_reads_the_index_while_it_names_every_shard(dataset, tmp_path):
    """The ingest writes one index of its shards' files: opening reads it instead of every
    manifest and document list, while it names exactly the complete shards there are;
    an index naming a file outside the dataset is refused as a manifest is."""
    copy = tmp_path / "data"
    shutil.copytree(dataset, copy)
    location = Location(str(copy))
    full = read_contents(location)
    indexed = read_contents(location, documents=False)
    assert full.duplicates is None and indexed.duplicates is full.has_duplicates()
    assert [m["files"] for m in indexed.manifests] == [m["files"] for m in full.manifests]
    assert indexed.key() == full.key()
    # A shard the index does not name (another run's, written after it): the manifests.
    manifests = sorted((copy / "_shards").glob("*/shard-*.json"))
    extra = manifests[-1].parent / "shard-999999.json"
    extra.write_text(manifests[-1].read_text().replace('"shard": ', '"shard": 9999', 1))
    assert read_contents(location, documents=False).duplicates is None
    extra.unlink()
    index = copy / "_contents.json"
    text = index.read_text()
    index.write_text(text.replace('"documents/month=', '"../../documents/month=', 1))
    run = _cli("query", "claims", "--dataset", str(copy))
    assert run.returncode == 3 and "outside the dataset" in run.stderr
    index.write_text(text)
    with open_dataset(str(copy)) as by_index:
        index.unlink()
        with open_dataset(str(copy)) as by_manifests:
            assert parquet_tables(by_index) == parquet_tables(by_manifests)
