"""Stories across outlets on the store: short articles written for the test, ingested
into a temporary store. A wire relayed is one source, two outlets reporting on their
own are two; a denial in a later article contradicts the earlier claim; unrelated
articles get their own story and no links; an interrupted or repeated ingest leaves the
same store; an upgraded old store, rebuilt, holds what a fresh ingest does; the stories,
story and rebuild commands."""

from __future__ import annotations

import ast
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.contract import violations
from newsgraph.corpus import ingest
from newsgraph.errors import DerivedTablesOutOfDate, Exit
from newsgraph.store import Store
from newsgraph.store.lists import SPECS, fetch
from newsgraph.store.migrations import STORIES_VERSION_AT_MIGRATION_6, back_to_version_2
from newsgraph.store.story_schema import TERM_TABLES
from newsgraph.stories.origins import independent_members, wire_relays
from newsgraph.stories.store import open_store, rebuild, story_report
from newsgraph.stories.store.writer import StoryWriter
from test_store import dump, hand_built_analysis

ARTICLES = {
    "a-wire": ("Reuters", "2019-03-04", """Pentagon plans to close air base in Bavaria

BERLIN (Reuters) - The Pentagon plans to close its air base near Ansbach in Bavaria by next \
year, two U.S. defense officials told Reuters on Monday.

The closure would move about 1,200 soldiers to Poland, the officials said. The German \
government declined to comment.
"""),
    "b-relay": ("Daily Courier", "2019-03-04", """US military to shut Bavarian air base

The Pentagon plans to close its air base near Ansbach in Bavaria by next year, U.S. defense \
officials said on Monday.

Local leaders in Ansbach said they were surprised by the news. The mayor said the town \
would lose jobs.

Reuters contributed to this report.
"""),
    "c-own": ("Stars Gazette", "2019-03-05", """Army to leave Ansbach air base

A senior Army officer said on Tuesday that the Pentagon will close its air base near \
Ansbach in Bavaria next year.

The officer said the Army had already stopped new construction at the base.
"""),
    "d-denial": ("Bavarian Herald", "2019-03-06", """Pentagon denies plan to close Bavarian base

The Pentagon on Wednesday denied that it plans to close its air base near Ansbach in \
Bavaria.

"The reports are false," spokesman Eric Pahon said in a statement. He said the base would \
remain open.
"""),
    "e-other": ("Andes Post", "2019-03-04", """Storm floods vineyards in Chile

Heavy rains flooded vineyards across central Chile on Monday, farmers said, and the harvest \
of the year could be lost.

The agriculture minister said the government would help growers rebuild.
"""),
}
CLOSURE = "close its air base near Ansbach"


def write_corpus(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        outlet, published, text = ARTICLES[name]
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps(
            {"outlet": outlet, "published": published}))
    return folder


def stored(tmp_path: Path, names, shard_size: int = 16) -> Path:
    db = tmp_path / "s.db"
    ingest([write_corpus(tmp_path / "in", names)], db, shard_size=shard_size)
    return db


def closure_group(report: dict) -> dict:
    groups = [g for g in report["timeline"] if g["kind"] == "claim"
              and CLOSURE in (g["content"] or "") and g["documents"] > 1]
    assert len(groups) == 1, [g["content"] for g in report["timeline"]]
    return groups[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def full_db(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("full") / "s.db"
    ingest([corpus], db, shard_size=2)
    return db


def test_an_outlet_relaying_the_wire_is_not_a_second_source(tmp_path):
    db = stored(tmp_path, ["a-wire", "b-relay"])
    with Store(db, readonly=True) as store:
        group = closure_group(story_report(store.conn, "S1"))
    assert group["documents"] == 2 and group["sources"] == 1
    assert group["origins"] == ["Reuters"]
    assert [r["outlet"] for r in group["repeated_by"]] == ["Daily Courier"]
    assert group["repeated_by"][0]["independent"] is False


def test_two_outlets_reporting_on_their_own_are_two_sources(tmp_path):
    db = stored(tmp_path, ["a-wire", "c-own"])
    with Store(db, readonly=True) as store:
        group = closure_group(story_report(store.conn, "S1"))
    assert group["sources"] == 2 and group["origins"] == ["Reuters", "stars gazette"]


def test_the_full_story_counts_independent_sources(full_db):
    with Store(full_db, readonly=True) as store:
        report = story_report(store.conn, "S1")
    group = closure_group(report)
    assert group["documents"] == 3 and group["sources"] == 2
    courier = [a for a in report["articles"] if a["outlet"] == "Daily Courier"]
    assert courier[0]["relays"] == ["Reuters"] and not courier[0]["independent"]
    assert report["story"]["articles"] == 4 and report["story"]["outlets"] == 4
    assert report["story"]["first"] == "2019-03-04" and report["story"]["last"] == "2019-03-06"


def test_a_later_denial_contradicts_the_earlier_claim(full_db):
    with Store(full_db, readonly=True) as store:
        report = story_report(store.conn, "S1")
    links = [link for link in report["contradictions"]
             if CLOSURE in (link["to"]["text"] or "")]
    assert links, report["contradictions"]
    assert links[0]["type"] == "contradicts"
    assert links[0]["from"]["outlet"] == "Bavarian Herald"
    assert links[0]["to"]["published"] < links[0]["from"]["published"]
    assert links[0]["reason"].startswith("denial (")
    group = closure_group(report)
    assert [d["outlet"] for d in group["denied_by"]] == ["Bavarian Herald"]
    herald = [a for a in report["articles"] if a["outlet"] == "Bavarian Herald"]
    assert herald[0]["stance"] == "denies"


def test_unrelated_articles_get_their_own_story_and_no_links(full_db):
    with Store(full_db, readonly=True) as store:
        stories = fetch(store.conn, SPECS["stories"], {}).rows
        assert [(s["story"], s["documents"]) for s in stories] == [("S1", 4), ("S2", 1)]
        vineyards = story_report(store.conn, "S2")
        assert vineyards["story"]["title"] == "Storm floods vineyards in Chile"
        assert vineyards["contradictions"] == [] and vineyards["corroborations"] == []
        crossing = store.conn.execute(
            "SELECT count(*) FROM cross_links l JOIN story_documents a ON a.document = "
            "l.from_document JOIN story_documents b ON b.document = l.to_document "
            "WHERE a.story != b.story OR a.story != l.story").fetchone()[0]
        assert crossing == 0


def test_the_store_assigns_stories_as_the_in_memory_clusterer_does(full_db):
    from newsgraph.stories import Article, StoryClusterer

    clusterer = StoryClusterer()
    with Store(full_db, readonly=True) as store:
        in_memory = [clusterer.add(Article.from_analysis(a)).id for a in store.analyses()]
        in_store = [story for (story,) in store.conn.execute(
            "SELECT story FROM story_documents ORDER BY position")]
    assert in_store == in_memory and len(set(in_store)) == 2


def test_one_actor_across_articles(full_db):
    with Store(full_db, readonly=True) as store:
        rows = store.conn.execute(
            "SELECT a.id, a.name, a.documents, a.first_seen, a.last_seen, "
            "count(DISTINCT ea.document) FROM actors a JOIN entity_actors ea ON ea.actor = a.id "
            "WHERE a.name = 'Pentagon' GROUP BY a.id").fetchall()
    assert len(rows) == 1
    _id, _name, documents, first, last, pointing = rows[0]
    assert documents == pointing >= 3 and first == "2019-03-04" and last == "2019-03-06"


def test_an_interrupted_or_repeated_ingest_leaves_the_same_store(full_db, corpus, tmp_path,
                                                                 monkeypatch):
    db = tmp_path / "resumed.db"
    original = Store.merge_shards

    def failing(self, shards, *, run):
        if shards[0][0] == 1:
            raise KeyboardInterrupt
        return original(self, shards, run=run)

    monkeypatch.setattr(Store, "merge_shards", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], db, shard_size=2, commit_every=2)  # a shard per transaction
    monkeypatch.setattr(Store, "merge_shards", original)
    assert ingest([corpus], db, shard_size=2).resumed_from == 1
    assert dump(db) == dump(full_db)
    before = dump(db)
    assert ingest([corpus], db, shard_size=3).counts == {"skipped": len(ARTICLES)}
    after = dump(db)
    after.pop("corpus_runs"), before.pop("corpus_runs")
    assert after == before


def test_numbers_far_apart_for_the_same_scope_contradict_across_articles(tmp_path):
    first, second, elsewhere = (hand_built_analysis(name) for name in ("one", "two", "three"))
    second["document"].update(outlet="Other Wire", published="2018-12-20")
    second["quantities"][0].update(value=5000, high=None)
    elsewhere["document"].update(outlet="Third Wire", published="2018-12-21")
    elsewhere["quantities"][0].update(value=9000, high=None)
    elsewhere["places"][0].update(name="northern Iraq", country="IQ")
    for analysis in (first, second, elsewhere):
        assert violations(analysis) == []
    with open_store(tmp_path / "n.db") as store:
        for analysis in (first, second, elsewhere):
            store.add(analysis)
        report = story_report(store.conn, "S1")
    numbers = [c for c in report["contradictions"] if c["from"]["key"].endswith("/Q1")]
    assert [(c["from"]["document"], c["to"]["document"]) for c in numbers] == [("two", "one")]
    assert "values far apart" in numbers[0]["reason"]


def test_wire_relays_are_read_from_datelines_bylines_and_credits():
    assert wire_relays("PARIS (AFP) - The talks resumed.", "Le Monde") == [
        "Agence France-Presse"]
    assert wire_relays("By The Associated Press\nTalks resumed.", "Star") == ["Associated Press"]
    assert wire_relays("Talks resumed.\n\nWith Post wires", "New York Post") == ["wire services"]
    assert wire_relays("LONDON (Reuters) - Talks resumed.", "Reuters") == []
    assert wire_relays("Talks resumed, the minister told reporters.", "Star") == []
    # A wire-crediting article is a copy only when the group holds a wire it may copy.
    assert independent_members([("star", ["Reuters"], "star"), ("globe", [], "globe")]) == [
        True, True]
    assert independent_members([("Reuters", [], "Reuters"),
                                ("star", ["wire services"], "star")]) == [True, False]


@pytest.mark.quality_gate("wires")
def test_quality_gate_wire_relays_against_polnear_metadata(quality_gate):
    from conftest import SHARED
    from newsgraph.evaluation.wires import wire_scores

    polnear = SHARED / "data" / "attribution" / "polnear"
    dev, train = wire_scores(polnear, "dev"), wire_scores(polnear, "train")
    quality_gate({f"{split}.{metric}": getattr(scores, metric)
                  for split, scores in (("dev", dev), ("train", train))
                  for metric in ("precision", "recall")}, dev.misses + train.misses)


def test_a_claim_comes_from_the_outlet_that_relayed_or_reported_it():
    from newsgraph.stories.origins import claim_origin

    names = {"E1": {"name": "Reuters", "type": "MEDIA"}, "E2": {"name": "John Doe",
                                                               "type": "PERSON"},
             "E3": {"name": "The Washington Post", "type": "MEDIA"}}
    told = {"speaker": None, "anonymous": True, "via": ["E3"]}
    assert claim_origin(told, names, "Star", None) == (
        "washington post", ["anonymous", "The Washington Post", "Star"])
    reported = {"speaker": "E1", "anonymous": False, "via": []}
    assert claim_origin(reported, names, "Star", None)[0] == "Reuters"
    said = {"speaker": "E2", "anonymous": False, "via": []}
    assert claim_origin(said, names, "Star", None) == ("star", ["John Doe", "Star"])
    assert claim_origin(said, names, "Star", "Associated Press") == (
        "Associated Press", ["John Doe", "Associated Press", "Star"])
    # "told the Washington Post" with no via: the outlet named after the cue.
    text = "John Doe told The Washington Post that talks failed."
    names["E3"]["mentions"] = [[text.index("The Wash"), text.index(" that")]]
    names["E3"]["id"] = "E3"
    told_post = {"speaker": "E2", "anonymous": False, "via": [],
                 "cue": [text.index("told"), text.index("told") + 4]}
    assert claim_origin(told_post, names, "Star", None, text)[0] == "washington post"
    # "Post" and "Washington Post" in one group are one outlet.
    assert independent_members([("washington post", [], "a"), ("post", [], "b")]) == [
        True, False]


def test_stories_and_story_commands(full_db, capsys):
    assert main(["stories", "--db", str(full_db)]) == 0
    out = capsys.readouterr().out
    assert "Storm floods vineyards in Chile" in out and "(2 rows)" in out
    assert main(["stories", "--db", str(full_db), "--limit", "1"]) == 0
    assert capsys.readouterr().err == "1 of 2 rows; --limit\n"  # a cut list says so
    assert main(["story", "S1", "--db", str(full_db), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["story"]["id"] == "S1" and report["contradictions"]
    assert main(["story", "S1", "--db", str(full_db)]) == 0
    out = capsys.readouterr().out
    assert "Contradictions" in out and "Bavarian Herald" in out
    timeline = len(report["timeline"])
    assert timeline > 1
    assert main(["story", "S1", "--db", str(full_db), "--limit", "1"]) == 0
    captured = capsys.readouterr()  # the cut timeline says so on stderr, stdout stays clean
    assert captured.err == f"1 of {timeline} timeline entries; --limit\n"
    assert "Timeline" in captured.out
    assert main(["story", "S1", "--db", str(full_db), "--limit", str(timeline)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["story", "S99", "--db", str(full_db)]) == 2
    assert main(["stories", "--db", str(full_db.parent / "missing.db")]) == 2


def old_store(full_db: Path, tmp_path: Path) -> Path:
    """A copy of the full store made a version-2 one (before stories)."""
    db = tmp_path / "old.db"
    shutil.copy(full_db, db)
    conn = sqlite3.connect(db)
    back_to_version_2(conn)
    conn.commit()
    conn.close()
    return db


def test_an_old_store_upgraded_and_rebuilt_equals_a_fresh_ingest(full_db, tmp_path):
    """Migrations bring the schema up without the writer; the story tables are out of
    date (empty) until rebuilt, then every table equals a fresh ingest's, row by row."""
    db = old_store(full_db, tmp_path)
    with Store(db) as store:
        assert store.counts(("documents", "stories"))["stories"] == 0
        assert store.counts(("documents",))["documents"] == len(ARTICLES)
    with pytest.raises(DerivedTablesOutOfDate):
        open_store(db)
    with Store(db) as store:
        assert rebuild(store) == len(ARTICLES)
    assert dump(db) == dump(full_db)
    with open_store(db) as store:  # up to date: ingesting on is allowed again
        assert store.add(hand_built_analysis()) == "ok"


def test_rebuilding_a_current_store_changes_nothing(full_db, tmp_path):
    db = Path(shutil.copy(full_db, tmp_path / "current.db"))
    steps = []
    with Store(db) as store:
        rebuild(store, progress=lambda done, total: steps.append((done, total)))
    assert steps == [(n, len(ARTICLES)) for n in range(1, len(ARTICLES) + 1)]
    assert dump(db) == dump(full_db)


def test_documents_stored_without_the_writer_leave_the_stories_out_of_date(full_db, tmp_path):
    db = Path(shutil.copy(full_db, tmp_path / "plain.db"))
    with Store(db) as store:  # no derived writers
        assert store.add(hand_built_analysis()) == "ok"
    with pytest.raises(DerivedTablesOutOfDate):
        open_store(db)
    with Store(db) as store:
        rebuild(store)
    with open_store(db, readonly=True) as store:
        stored = store.conn.execute("SELECT count(*) FROM story_documents").fetchone()[0]
    assert stored == len(ARTICLES) + 1


@pytest.mark.slow  # five newsgraph processes
def test_rebuild_command_and_the_commands_that_need_it(full_db, tmp_path):
    db = old_store(full_db, tmp_path)
    newsgraph = [sys.executable, "-m", "newsgraph.cli"]
    for command in (["stories", "--db", str(db)], ["story", "S1", "--db", str(db)],
                    ["ingest", str(write_corpus(tmp_path / "in", ["e-other"])), "--db",
                     str(db)]):
        result = subprocess.run(newsgraph + command, capture_output=True, text=True)
        assert result.returncode == Exit.STORE, result.stderr
        assert result.stderr.startswith("newsgraph: error: derived tables are out of date: "
                                        f"run newsgraph rebuild --db {db} (stories written "
                                        "by version none"), result.stderr
    other_seed = Path(shutil.copy(db, tmp_path / "other-seed.db"))
    for path, seed in ((db, "0"), (other_seed, "1")):
        # Two hash seeds (and the test process's own for full_db): word sets iterate in
        # another order in each, which once broke ties between equal claims differently.
        result = subprocess.run(newsgraph + ["rebuild", "--db", str(path), "--progress",
                                             "always"], capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        assert f"derived tables rebuilt from {len(ARTICLES)} documents" in result.stderr
        assert f"rebuilt {len(ARTICLES)} of {len(ARTICLES)} documents" in result.stderr
        assert dump(path) == dump(full_db)
    assert main(["stories", "--db", str(db)]) == 0
    assert main(["rebuild", "--db", str(tmp_path / "missing.db")]) == Exit.USAGE


def test_migration_5_keeps_the_term_tables_rows_without_rowids(full_db, tmp_path):
    """A version-4 store (term tables with rowids) upgraded: the same postings and counts,
    and ingesting on from it leaves what ingesting on from a fresh store does."""
    db = tmp_path / "v4.db"
    shutil.copy(full_db, db)
    conn = sqlite3.connect(db)
    for table, (columns, names) in TERM_TABLES.items():
        conn.execute(f"CREATE TABLE {table}_old ({columns})")
        conn.execute(f"INSERT INTO {table}_old SELECT {names} FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_old RENAME TO {table}")
    conn.execute("DROP TABLE derived_versions")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    assert "WITHOUT ROWID" not in _table_sql(conn, "story_terms")
    conn.close()
    # Migration 6 records the writer of its time (version 1). The tables of full_db were
    # written by this writer, so once migrated they are recorded as this writer's.
    try:
        open_store(db).close()
    except DerivedTablesOutOfDate:
        assert StoryWriter.version != STORIES_VERSION_AT_MIGRATION_6
    conn = sqlite3.connect(db)
    conn.execute("UPDATE derived_versions SET version = ? WHERE name = 'stories'",
                 (StoryWriter.version,))
    conn.commit()
    assert all("WITHOUT ROWID" in _table_sql(conn, t) for t in TERM_TABLES)
    conn.close()
    expected, upgraded = dump(full_db), dump(db)
    assert upgraded == expected
    fresh = shutil.copy(full_db, tmp_path / "fresh.db")
    more = hand_built_analysis()
    more["document"]["id"] = "later"
    for path in (fresh, db):
        with open_store(path) as store:
            assert store.add(more) == "ok"
    assert dump(db) == dump(fresh)


def _table_sql(conn, table: str) -> str:
    return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def test_a_story_reports_the_contradictions_inside_its_articles(tmp_path, example_analysis):
    with open_store(tmp_path / "s.db") as store:
        assert store.add(example_analysis) == "ok"
        first = fetch(store.conn, SPECS["stories"], {}).rows[0]
        report = story_report(store.conn, first["story"])
    inside = [link for link in report["contradictions"] if link["scope"] == "article"]
    denials = {link["from"]["key"].split("/")[1] for link in inside}
    expected = {link["from"] for link in example_analysis["links"]
                if link["type"] == "contradicts"}
    assert inside and denials == expected
    assert all(link["to"]["text"] and link["from"]["text"] for link in inside)


def test_the_store_package_never_imports_the_stories_package():
    """The store is given its derived writers; importing them would be a cycle (stories
    builds on the store), inside functions included."""
    from conftest import ROOT

    for path in sorted((ROOT / "src" / "newsgraph" / "store").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] + [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            assert not any("stories" in m.split(".") for m in modules), (path.name, modules)
