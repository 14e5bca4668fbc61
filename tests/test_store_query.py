"""The query layer and the CLI's query and export formats, on hand-built analyses that
carry every kind of item."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsgraph.cli import main
from newsgraph.errors import BadFilter, ExtraNotInstalledError, UsageError
from newsgraph.store import Store
from newsgraph.store.lists import SEARCHES, SPECS, fetch
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


def rows(conn, name: str, **values) -> list[dict]:
    return fetch(conn, SPECS[name], values).rows


def test_claims_by_speaker_outlet_and_dates(db):
    with Store(db, readonly=True) as store:
        turkey = rows(store.conn, "claims", speaker="turkey")
        assert [r["cue"] for r in turkey] == ["denied", "denied"]
        assert [r["document"] for r in turkey] == ["later", "hand"]  # newest stored first
        wire = rows(store.conn, "claims", outlet="Wire")
        assert {r["document"] for r in wire} == {"hand"} and len(wire) == 2
        march = rows(store.conn, "claims", since="2019-03", until="2019-03")
        assert {r["document"] for r in march} == {"later"}
        with pytest.raises(BadFilter):
            rows(store.conn, "claims", since="March")


def test_events_numbers_actors_and_search(db):
    with Store(db, readonly=True) as store:
        events = rows(store.conn, "events", type="retreat", actor="United States",
                      place="northeastern Syria")
        assert [(e["document"], e["date"]) for e in events] == [("later", "2019-03-02"),
                                                               ("hand", "2018-12-19")]
        assert {e["document"] for e in rows(store.conn, "events", since="2019-01-01")} == {
            "later"}
        troops = rows(store.conn, "quantities", unit="troop")
        assert troops[0]["value"] == 2000 and troops[0]["of"] == "United States"
        assert troops[0]["text"] == "about 2,000 troops"
        actors = rows(store.conn, "actors", type="GPE")
        assert [(a["name"], a["documents"], a["claims"]) for a in actors] == [
            ("Turkey", 2, 2), ("United States", 2, 0)]
        hits = fetch(store.conn, SEARCHES["claims"], {"q": '"2,000 troops"'}).rows
        assert len(hits) == 2 and "\x022,000 troops\x03" in hits[0]["content"]
        assert fetch(store.conn, SEARCHES["claims"], {"q": "Ankara"}).rows == []


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


def test_tables_and_the_story_text_escape_what_a_terminal_would_act_on(tmp_path, capsys):
    """An outlet and a title are the input's: an escape sequence in them (ESC ]0; retitles
    the terminal, ESC [2J clears it) is shown escaped, not sent to the terminal."""
    hostile = hand_built_analysis("hostile")
    hostile["document"].update(outlet="\x1b]0;pwned\x07Wire\x9b2J", title="\x1b[2JTroops")
    path = tmp_path / "hostile.db"
    with open_store(path) as store:
        store.add(hostile)
    for command in (["query", "claims"], ["stories"], ["story", "S1"]):
        assert main([*command, "--db", str(path)]) == 0
        out = capsys.readouterr().out
        shown = ("\\x1b[2JTroops" if command == ["stories"] else "\\x1b]0;pwned\\x07Wire")
        assert shown in out, command
        assert not any(c in out for c in "\x1b\x07\x9b"), command
    assert main(["query", "claims", "--db", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["outlet"] == "\x1b]0;pwned\x07Wire\x9b2J"


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


def test_a_cut_list_says_so_and_bad_filters_name_their_option(db, capsys):
    assert main(["query", "claims", "--db", str(db), "--limit", "3"]) == 0
    out, err = capsys.readouterr()
    assert "(3 rows)" in out and err == "3 of 4 rows; --limit\n"
    assert main(["query", "claims", "--db", str(db), "--limit", "3", "--offset", "3",
                 "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
    assert err == "rows 4-4 of 4; --limit, --offset\n"
    assert main(["query", "claims", "--db", str(db), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 4 and err == ""
    assert main(["query", "claims", "--db", str(db), "--since", "March"]) == 2
    assert "--since: 'March' is not a date" in capsys.readouterr().err
    assert main(["query", "claims", "--db", str(db), "--anonymous", "maybe"]) == 2
    assert main(["stories", "--db", str(db), "--min-articles", "two"]) == 2
    assert "--min-articles: a whole number" in capsys.readouterr().err
    # A filter the web had and the CLI lacked: the command takes every filter of its list.
    assert main(["query", "claims", "--db", str(db), "--anonymous", "false", "--kind",
                 "indirect", "--format", "json"]) == 0
    named = json.loads(capsys.readouterr().out)
    assert [(r["speaker"], r["anonymous"]) for r in named] == [("Turkey", 0), ("Turkey", 0)]
