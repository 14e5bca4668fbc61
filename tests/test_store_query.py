"""The query layer and the CLI's query and export formats, on hand-built analyses that
carry every kind of item."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsgraph.cli import main
from newsgraph.errors import BadFilter, ExtraNotInstalledError
from newsgraph.store import Store, query
from newsgraph.stories.store import open_store
from test_store import hand_built_analysis


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.db"
    later = hand_built_analysis("later")
    later["document"].update(published="2019-03-02", outlet="Other Wire")
    later["times"][0]["value"] = "P3W"  # not a day: the event takes the article's date
    with open_store(path) as store:
        store.add(hand_built_analysis())
        store.add(later)
    return path


def test_claims_by_speaker_outlet_and_dates(db):
    with Store(db, readonly=True) as store:
        turkey = query.claims(store.conn, speaker="turkey").records()
        assert [r["cue"] for r in turkey] == ["denied", "denied"]
        wire = query.claims(store.conn, outlet="Wire").records()
        assert {r["document"] for r in wire} == {"hand"} and len(wire) == 2
        march = query.claims(store.conn, since="2019-03", until="2019-03").records()
        assert {r["document"] for r in march} == {"later"}
        with pytest.raises(BadFilter):
            query.claims(store.conn, since="March")


def test_events_numbers_actors_and_search(db):
    with Store(db, readonly=True) as store:
        events = query.events(store.conn, type="retreat", actor="United States",
                              place="northeastern Syria").records()
        assert [(e["document"], e["date"]) for e in events] == [("hand", "2018-12-19"),
                                                               ("later", "2019-03-02")]
        assert query.events(store.conn, since="2019-01-01").records()[0]["document"] == "later"
        troops = query.numbers(store.conn, unit="troop").records()
        assert troops[0]["value"] == 2000 and troops[0]["of"] == "United States"
        assert troops[0]["text"] == "about 2,000 troops"
        actors = query.actors(store.conn, type="GPE").records()
        assert [(a["name"], a["documents"], a["claims"]) for a in actors] == [
            ("Turkey", 2, 2), ("United States", 2, 0)]
        hits = query.search(store.conn, '"2,000 troops"').records()
        assert len(hits) == 2 and "[2,000 troops]" in hits[0]["content"]
        assert query.search(store.conn, "Ankara").rows == []


def test_query_command_formats(db, capsys):
    assert main(["query", "claims", "--db", str(db), "--speaker", "Turkey",
                 "--format", "json"]) == 0
    assert [r["speaker"] for r in json.loads(capsys.readouterr().out)] == ["Turkey", "Turkey"]
    assert main(["query", "numbers", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["unit"] for r in rows] == ["troop", "troop"]
    assert main(["query", "search", "withdraw*", "--db", str(db)]) == 0
    assert "(2 rows)" in capsys.readouterr().out
    assert main(["query", "search", '"unclosed', "--db", str(db)]) == 2
    assert main(["query", "actors", "--db", str(db / "missing")]) == 2


def test_exports_read_the_store(db, tmp_path):
    from newsgraph.store.export import export_csv, export_jsonl, export_parquet

    with Store(db, readonly=True) as store:
        assert export_jsonl(store, tmp_path / "all.jsonl") == 2
        export_csv(store, tmp_path / "csv")
        try:
            parquet = export_parquet(store, tmp_path / "parquet")
        except ExtraNotInstalledError:  # pyarrow is an extra (newsgraph[parquet])
            parquet = None
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert lines[0] == hand_built_analysis()
    with (tmp_path / "csv" / "places.csv").open() as stream:
        places = list(csv.DictReader(stream))
    assert json.loads(places[0]["mentions"]) == hand_built_analysis()["places"][0]["mentions"]
    if parquet is None:
        pytest.skip("pyarrow is not installed: Parquet export not checked")
    import pyarrow.parquet as pq

    claims = pq.read_table(next(p for p in parquet if p.stem == "claims")).to_pylist()
    assert [c["id"] for c in claims] == ["C1", "C2", "C1", "C2"]
    assert pq.read_table(next(p for p in parquet if p.stem == "links")).num_rows == 2


def test_export_command_reads_a_store(db, tmp_path, capsys):
    stored = [hand_built_analysis(), None]
    assert main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and lines[0] == stored[0]
    events = sum(len(a["events"]) for a in lines)
    assert main(["export", "--db", str(db), "--format", "plover"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == events and all(r["event"] for r in records)
    assert main(["export", "--db", str(db), "--format", "gdelt", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("GLOBALEVENTID") and len(rows) == events + 1
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "t")]) == 0
    assert (tmp_path / "t" / "claims.csv").is_file()
    # a table export needs a folder; files and a store together are refused
    assert main(["export", "--db", str(db), "--format", "csv"]) == 2
    assert main(["export", "--db", str(db), str(db), "--format", "plover"]) == 2
