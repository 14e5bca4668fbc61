"""Stories joined across the edges of `stories build --window-days N` (dataset/edges.py),
on the demo corpus: eleven reports of one story over 2018-12-19..23 and one report on
another subject, here dated 2018-12-21 so that it starts, after an edge, within the
clusterer's gap of the first story. With 3-day windows the edge falls between the 20th
and the 21st, cutting the first story in two."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("duckdb")

from newsgraph.dataset.duck import open_dataset  # noqa: E402
from newsgraph.dataset.ingest import ingest_dataset  # noqa: E402
from newsgraph.dataset.priors import window_priors  # noqa: E402
from newsgraph.dataset.stories_job import build_stories, compute_window  # noqa: E402
from newsgraph.dataset.tables import store_columns  # noqa: E402
from newsgraph.dataset.windows import Merge, split  # noqa: E402
from newsgraph.stories.window import Window  # noqa: E402

DAYS = 3
OTHER = "11-courier-fed"  # the report on another subject
OTHER_DAY = "2018-12-21"


def _demo_dataset(tmp_path_factory, other_day: str) -> Path:
    """The demo corpus, the other report dated `other_day`, ingested into a dataset."""
    corpus = tmp_path_factory.mktemp("demo")
    for path in sorted((ROOT / "examples" / "demo").iterdir()):
        shutil.copy(path, corpus / path.name)
    meta = corpus / f"{OTHER}.meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "published": other_day}))
    folder = tmp_path_factory.mktemp("dataset") / "data"
    ingest_dataset([corpus], str(folder), shard_size=4)
    return folder


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return _demo_dataset(tmp_path_factory, OTHER_DAY)


def _built(dataset: Path, folder: Path, days: int, workers: int = 1) -> dict[str, list]:
    shutil.copytree(dataset, folder)
    build_stories(str(folder), window_days=days, workers=workers)
    with open_dataset(str(folder)) as conn:
        return {table: [tuple(row) for row in conn.execute(
            f'SELECT {", ".join(chr(34) + n + chr(34) for n, _ in columns)} FROM "{table}" '
            "ORDER BY rowid").fetchall()] for table, columns in store_columns().items()}


def _members(conn_or_rows) -> dict[str, set[str]]:
    """story -> its documents, from story_documents rows (document, story, ...)."""
    stories: dict[str, set[str]] = {}
    for row in conn_or_rows:
        stories.setdefault(row[1], set()).add(row[0])
    return stories


def _partition(rows) -> set[frozenset[str]]:
    return {frozenset(m) for m in _members(rows).values()}


def _other_document(dataset: Path) -> str:
    with open_dataset(str(dataset)) as conn:
        return conn.execute("SELECT hash FROM documents WHERE published = ? AND text LIKE "
                            "'%Federal Reserve%'", (OTHER_DAY,)).fetchone()[0]


def test_a_story_cut_by_an_edge_is_joined_and_unrelated_stories_are_not(dataset, tmp_path):
    one = _built(dataset, tmp_path / "one", 0)
    windowed = _built(dataset, tmp_path / "windowed", DAYS)
    other = _other_document(dataset)
    assert len(_partition(one["story_documents"])) == 2  # the story and the other report
    # Without the join the edge cuts the story: the windows' tables merged as they are.
    with open_dataset(str(dataset)) as conn:
        documents = conn.execute("SELECT hash, published FROM documents ORDER BY rowid"
                                 ).fetchall()
    windows = [compute_window(str(dataset), hashes) for hashes in split(documents, DAYS)]
    assert len(windows) == 2
    cut = Merge(join_edges=False)
    for tables in windows:
        cut.add(tables)
    cut_rows = [(r["document"], r["story"]) for r in cut.tables(["story_documents"])[
        "story_documents"]]
    assert len(_partition(cut_rows)) == 3
    # Joined: the stories of the single window, the other report on its own although it
    # starts within the gap of the story's last article before the edge.
    assert _partition(windowed["story_documents"]) == _partition(one["story_documents"])
    story = _members(windowed["story_documents"])
    alone = next(s for s, members in story.items() if other in members)
    assert story[alone] == {other}
    joined = next(s for s in story if s != alone)
    last_before_edge = max(r[3] for r in windowed["story_documents"]
                           if r[1] == joined and r[3] < OTHER_DAY)
    assert Window().in_reach(OTHER_DAY, "2018-12-19", last_before_edge, 0, 0)
    # The joined story keeps the earlier id and position; ids stay gapless.
    assert [(r[0], r[1]) for r in windowed["stories"]] == [("S1", 1), ("S2", 2)]
    assert joined == "S1"


def test_a_joined_storys_rows_are_its_members(dataset, tmp_path):
    one = _built(dataset, tmp_path / "one", 0)
    windowed = _built(dataset, tmp_path / "windowed", DAYS)
    columns = [n for n, _ in store_columns()["stories"]]
    pick = ("claim", "first_date", "last_date", "documents", "outlets")

    def stories(tables):
        return sorted(tuple(dict(zip(columns, row))[c] for c in pick)
                      for row in tables["stories"])
    assert stories(windowed) == stories(one)
    # Stance is against the story's claim (its first headline), in both parts.
    sd = [n for n, _ in store_columns()["story_documents"]]

    def stance(tables):
        return {(row := dict(zip(sd, r)))["document"]: (row["stance"],
                                                         row["stance_probability"])
                for r in tables["story_documents"]}
    assert stance(windowed) == stance(one)
    # Only the story's first article has no similarity: the later part's first has the
    # one it joined with.
    assert sum(dict(zip(sd, r))["similarity"] is None
               for r in windowed["story_documents"]) == 2
    # Every row keyed on a story names a story that exists, and only one story has terms
    # per (term, story).
    ids = {row[0] for row in windowed["stories"]}
    for table in ("story_documents", "claim_groups", "claim_sources", "cross_links",
                  "story_terms"):
        names = [n for n, _ in store_columns()[table]]
        assert {dict(zip(names, r))["story"] for r in windowed[table]} <= ids
    keys = [(r[0], r[1]) for r in windowed["story_terms"]]
    assert len(keys) == len(set(keys))


def test_windows_count_from_the_windows_before_as_the_single_pass(dataset, tmp_path):
    """Written in date order (window by window), every article of a window is weighed by
    the counts the single pass had when it arrived: the same vector, and the same
    corpus-wide counts in story_df. Counting its own documents only, a later window
    weighs them differently."""
    one = _built(dataset, tmp_path / "one", 0)
    windowed = _built(dataset, tmp_path / "windowed", DAYS)
    sd = [n for n, _ in store_columns()["story_documents"]]

    def vectors(tables):
        return {(row := dict(zip(sd, r)))["document"]: row["vector"]
                for r in tables["story_documents"]}
    assert vectors(windowed) == vectors(one)
    assert windowed["story_df"] == one["story_df"]
    with open_dataset(str(dataset)) as conn:
        documents = conn.execute("SELECT hash, published FROM documents ORDER BY rowid"
                                 ).fetchall()
        windows = split(documents, DAYS)
        priors = list(window_priors(conn, windows))
    assert [seen for _, seen in priors] == [0, len(windows[0])]
    assert priors[0][0] == {} and priors[1][0]
    later = compute_window(str(dataset), windows[1])  # its own counts only
    assert {r["document"]: r["vector"] for r in later["story_documents"]} != \
        {d: v for d, v in vectors(one).items() if d in set(windows[1])}


def test_claims_of_a_joined_story_are_matched_across_its_parts(dataset, tmp_path):
    """The reports after the edge repeat claims told before it: matched again across the
    joined story's parts, the groups, their members' independence and their counts are
    the single window's."""
    one = _built(dataset, tmp_path / "one", 0)
    windowed = _built(dataset, tmp_path / "windowed", DAYS)
    with open_dataset(str(dataset)) as conn:
        documents = conn.execute("SELECT hash, published FROM documents ORDER BY rowid"
                                 ).fetchall()
    window = {h: i for i, hashes in enumerate(split(documents, DAYS)) for h in hashes}
    cs = [n for n, _ in store_columns()["claim_sources"]]

    def sources(tables):
        return sorted(((row := dict(zip(cs, r)))["claim"], row["grp"], row["independent"])
                      for r in tables["claim_sources"])
    groups: dict[str, set[int]] = {}
    for claim, group, _ in sources(one):
        groups.setdefault(group, set()).add(window[claim.split("/")[0]])
    assert sum(len(w) > 1 for w in groups.values()) >= 2  # groups over the edge
    assert sources(windowed) == sources(one)
    assert sorted(windowed["claim_groups"]) == sorted(one["claim_groups"])


BUILD = """
import hashlib, json, sys
from newsgraph.dataset.duck import open_dataset
from newsgraph.dataset.stories_job import build_stories
from newsgraph.dataset.tables import store_columns
build_stories(sys.argv[1], window_days=int(sys.argv[2]), workers=int(sys.argv[3]))
with open_dataset(sys.argv[1]) as conn:
    rows = {t: [list(r) for r in conn.execute(f'SELECT * EXCLUDE (rowid) FROM "{t}" '
                                               'ORDER BY rowid').fetchall()]
            for t in store_columns() if t.startswith(("stor", "claim", "cross"))}
print(hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest())
"""


@pytest.mark.slow
def test_the_join_is_the_same_whoever_computes_the_windows(dataset, tmp_path):
    digests = set()
    for workers, seed in ((1, "1"), (2, "2"), (2, "3")):
        folder = tmp_path / f"w{workers}-{seed}"
        shutil.copytree(dataset, folder)
        out = subprocess.run([sys.executable, "-c", BUILD, str(folder), str(DAYS),
                              str(workers)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())


@pytest.mark.slow
def test_ray_windows_join_as_local_processes(dataset, tmp_path):
    pytest.importorskip("ray")
    local = _built(dataset, tmp_path / "local", DAYS, workers=2)
    folder = tmp_path / "ray"
    shutil.copytree(dataset, folder)
    build_stories(str(folder), window_days=DAYS, workers=2, engine="ray")
    with open_dataset(str(folder)) as conn:
        for table in ("stories", "story_documents", "claim_groups", "cross_links"):
            columns = ", ".join(f'"{n}"' for n, _ in store_columns()[table])
            assert [tuple(r) for r in conn.execute(
                f'SELECT {columns} FROM "{table}" ORDER BY rowid').fetchall()] == local[table]


@pytest.fixture(scope="module")
def later_dataset(tmp_path_factory):
    """The demo corpus with the other report weeks after the story: the story closes."""
    return _demo_dataset(tmp_path_factory, "2019-02-01")


def test_a_spilling_merge_writes_the_rows_the_merge_in_memory_keeps(later_dataset,
                                                                    tmp_path):
    """Rows written out once their story closes (spill.py) come back in the same order,
    with the same row ids, as the merge that holds every row; the story terms sorted by
    their key as the store keeps them."""
    from newsgraph.dataset.spill import Spill
    from newsgraph.dataset.stories_job import TABLE_NAMES

    with open_dataset(str(later_dataset)) as conn:
        documents = conn.execute("SELECT hash, published FROM documents ORDER BY rowid"
                                 ).fetchall()
        windows = split(documents, 1)  # daily windows
        priors = list(window_priors(conn, windows))
    tables = [compute_window(str(later_dataset), hashes, prior)
              for hashes, prior in zip(windows, priors)]
    held, spilling = Merge(), Merge(spill=Spill(tmp_path))
    for window in tables:
        held.add(json.loads(json.dumps(window)))
        spilling.add(json.loads(json.dumps(window)))
    # The story's eleven reports were written out when the later report closed it; the
    # later report's story is still held.
    assert spilling.spill.written["story_documents"] == len(documents) - 1
    assert spilling.spill.written["story_terms"] > 0
    expected = held.tables(TABLE_NAMES)
    rest = spilling.tables(TABLE_NAMES)
    assert len(rest["story_documents"]) == 1
    for table in TABLE_NAMES:
        rows = [row for batch in spilling.spill.batches(table, rest[table])
                for row in batch.to_pylist()]
        assert len(rows) == len(expected[table]), table
        assert [{c: row.get(c) for c in rows[0]} for row in expected[table]] == rows, table


def test_stories_build_shows_its_progress_in_windows(dataset, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(dataset, folder)
    run = subprocess.run([sys.executable, "-m", "newsgraph.cli", "stories", "build",
                          "--dataset", str(folder), "--window-days", str(DAYS),
                          "--progress", "always"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "counted 2 of 2 windows" in run.stderr
    assert "built 2 of 2 windows" in run.stderr
    assert "11 documents in 2 windows, 2 stories" in run.stderr


def test_a_window_reads_story_centres_from_memory_as_the_store_reads_them(later_dataset):
    """A window's clusterer keeps each story's centre in memory (priors.PriorState)
    instead of reading story_terms for each article: from empty counts it writes, row
    for row, the tables of the store's own writer reading them from the store."""
    with open_dataset(str(later_dataset)) as conn:
        hashes = [h for h, in conn.execute("SELECT hash FROM documents ORDER BY rowid")]
    from_memory = compute_window(str(later_dataset), hashes, ({}, 0))
    from_store = compute_window(str(later_dataset), hashes)
    assert len(from_store["stories"]) >= 2
    assert len(from_store["story_documents"]) == len(hashes)
    assert from_memory == from_store


def _recording(writer_class, window: Window, found: list):
    """The writer with its clusterer in `window`, recording every article's candidates."""

    class Recording(writer_class):
        def __init__(self, conn):
            super().__init__(conn)
            self.clusterer.window = window
            candidates = self.state.candidates

            def recorded(*args, **kwargs):
                found.append(candidates(*args, **kwargs))
                return found[-1]

            self.state.candidates = recorded

    return Recording


def test_a_window_finds_the_candidate_stories_in_memory_as_the_store_finds_them(tmp_path):
    """The window's clusterer finds the stories an article may join from memory
    (priors.PriorState: postings, dates and arrival positions kept as stories grow), the
    store's writer through its queries: for dated and undated articles, stories that end
    and start again, arrival order bounding the undated ones, the same candidates and
    the same tables."""
    from newsgraph.store import Store
    from newsgraph.store.story_schema import TABLE_NAMES
    from newsgraph.stories.store.writer import StoryWriter
    from test_store import hand_built_analysis

    from newsgraph.dataset.priors import prior_writer
    from newsgraph.dataset.stories_job import _table_rows

    window = Window(gap_days=2, span_days=6, recent_articles=3)
    # Three subjects: a report with a body under three headlines, and two told in
    # headlines alone; dates back and forth over six weeks, or none (40%).
    headlines = [["Troops leave northeastern Syria", "Turkey denies the troop withdrawal",
                  "US officials count 2,000 troops"],
                 ["Floods close schools across Kerala", "Kerala floods: schools stay shut"],
                 ["Storm cuts power along the Florida coast", "Florida storm: power cut"]]
    draw = random.Random(3)
    articles = []
    for _ in range(60):
        subject = draw.randrange(3)
        day = None if draw.random() < 0.4 else (
            date(2019, 1, 1) + timedelta(days=draw.randrange(42))).isoformat()
        articles.append((subject, draw.choice(headlines[subject]), day))
    tables, found = [], ([], [])
    for number, writer in enumerate((StoryWriter, prior_writer(({}, 0)))):
        recording = _recording(writer, window, found[number])
        with Store(tmp_path / f"{number}.db", derived_writers=(recording,),
                   scratch=True) as store:
            for at, (subject, headline, published) in enumerate(articles):
                analysis = hand_built_analysis(f"report-{at}")
                analysis["document"].update(title=headline, published=published,
                                            url=f"https://example.org/{at}")
                if subject:
                    analysis["document"]["text"] = ""
                assert store.add(analysis) == "ok"
            tables.append({t: _table_rows(store.conn, t) for t in TABLE_NAMES})
    from_store, from_memory = tables
    stories = {row["id"]: row for row in from_store["stories"]}
    assert len(stories) >= 6
    assert any(row["first_date"] is None for row in stories.values())  # undated stories
    assert any(row["published"] is None and row["similarity"] is not None
               for row in from_store["story_documents"])  # undated articles joined
    assert sum(len(stories) >= 2 for stories in found[0]) >= 10
    assert found[1] == found[0]  # the same stories, in the same order, with the same parts
    assert from_memory == from_store
