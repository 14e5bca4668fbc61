"""Nothing aborts a batch: each odd input becomes an error record (or is read after all),
the good documents of the same batch are analysed, and the run exits 1."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys

import pytest

from newsgraph.cli import main
from newsgraph.contract import violations

ARTICLE = "Officials in Ankara said on Monday that talks with Greece would resume."
GOOD = "Officials in Athens said on Tuesday that the talks with Turkey would resume in May."


def _analyze(capsys, *args) -> tuple[int, list[dict], str]:
    code = main(["analyze", *map(str, args), "--format", "jsonl"])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.split("\n") if line]
    assert all(violations(record) == [] for record in records)
    return code, records, captured.err


def _by_id(records: list[dict]) -> dict[str, str]:
    return {r["document"]["id"]: r["error"]["code"] if "error" in r else "ok" for r in records}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_deeply_nested_json_is_one_error_record(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"text": GOOD}) + "\n" + '{"text": "x", "more": ' + _nested(100_000)
        + "}\n" + json.dumps({"text": ARTICLE, "tags": json.loads(_nested(80))}) + "\n")
    (tmp_path / "b.json").write_text(_nested(100_000))
    (tmp_path / "c.txt").write_text(GOOD)
    (tmp_path / "c.meta.json").write_text('{"outlet": ' + _nested(100_000) + "}")
    (tmp_path / "d.txt").write_text(ARTICLE)
    code, records, _ = _analyze(capsys, tmp_path)
    assert code == 1
    assert _by_id(records) == {"a#1": "ok", "a#2": "malformed_record", "a#3": "malformed_record",
                               "b": "malformed_record", "c": "malformed_record", "d": "ok"}


def test_validate_and_export_go_on_past_deeply_nested_lines(tmp_path, capsys):
    (tmp_path / "story.txt").write_text(ARTICLE)
    assert main(["analyze", str(tmp_path / "story.txt"), "--format", "jsonl",
                 "-o", str(tmp_path / "out.jsonl")]) == 0
    analyses = tmp_path / "out.jsonl"
    good = analyses.read_text()
    analyses.write_text(good + _nested(100_000) + "\n" + good)
    capsys.readouterr()
    assert main(["validate", str(analyses)]) == 1
    assert "2 valid, 1 invalid" in capsys.readouterr().out
    assert main(["export", str(analyses), "--format", "plover",
                 "-o", str(tmp_path / "events.jsonl")]) == 1
    events = (tmp_path / "events.jsonl").read_text().split("\n")[:-1]
    assert len(events) % 2 == 0  # both good analyses exported
    assert "nested" in capsys.readouterr().err


def test_file_names_that_are_not_utf8_give_valid_utf8_ids(tmp_path, capsys):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w") as handle:
        handle.write(GOOD)
    with open(os.path.join(folder, b"empty\xff.txt"), "w") as handle:
        handle.write(" ")
    code, records, err = _analyze(capsys, tmp_path)
    assert code == 1
    assert _by_id(records) == {"caf\\xe9": "ok", "empty\\xff": "empty"}
    assert "empty\\xff: empty" in err


def test_fifos_sockets_and_devices_are_skipped_unopened(tmp_path):
    (tmp_path / "a-good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "b-pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "c-socket.txt"))
    os.symlink("/dev/null", tmp_path / "d-device.txt")
    try:
        # A FIFO that is opened blocks for ever: run as a process, with a time limit.
        result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze",
                                 str(tmp_path), "--format", "jsonl"], capture_output=True,
                                text=True, timeout=300)
    finally:
        listener.close()
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.split("\n") if line]
    assert _by_id(records) == {"a-good": "ok", "b-pipe": "not_a_file", "c-socket": "not_a_file",
                               "d-device": "not_a_file"}
    assert "FIFO" in records[1]["error"]["message"]


def _write_warc(path, gzip: bool) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/a", "response", http_headers=headers,
            payload=io.BytesIO(GOOD.encode())))


def test_inputs_that_would_share_an_id_get_distinct_ids_and_log_rows(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.json").write_text(json.dumps({"text": GOOD}))
    (corpus / "a.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n{broken\n")
    _write_warc(corpus / "x.warc", gzip=False)
    _write_warc(corpus / "x.warc.gz", gzip=True)
    code, records, _ = _analyze(capsys, corpus)
    assert code == 1
    assert _by_id(records) == {"a.json": "ok", "a.jsonl#1": "ok",
                               "a.jsonl#2": "malformed_record", "x.warc#1": "ok",
                               "x.warc.gz#1": "ok"}
    db = tmp_path / "store.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--progress", "never"]) == 1
    with sqlite3.connect(db) as conn:
        inputs = sorted(row[0] for row in conn.execute("SELECT input FROM ingest_log"))
    assert inputs == ["a.json", "a.jsonl#1", "a.jsonl#2", "x.warc#1", "x.warc.gz#1"]


def test_utf16_without_bom_is_analysed(tmp_path, capsys):
    (tmp_path / "a-utf16.txt").write_bytes(GOOD.encode("utf-16-le"))
    (tmp_path / "b-binary.txt").write_bytes(bytes(range(256)) * 20)
    code, records, _ = _analyze(capsys, tmp_path)
    assert code == 1
    assert _by_id(records) == {"a-utf16": "ok", "b-binary": "binary"}
    assert records[0]["document"]["text"] == GOOD


def test_truncated_warc_keeps_its_complete_records(tmp_path, capsys):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for url, text in (("https://example.org/a", GOOD), ("https://example.org/b", ARTICLE)):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", http_headers=headers,
                                                      payload=io.BytesIO(text.encode())))
    (tmp_path / "crawl.warc").write_bytes(buffer.getvalue()[:-40])
    code, records, _ = _analyze(capsys, tmp_path)
    assert code == 1
    assert _by_id(records) == {"crawl#1": "ok", "crawl#2": "truncated"}
    assert records[0]["document"]["text"] == GOOD


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\f", "\u2029", "\x1c"])
def test_json_lines_split_on_newline_only_round_trip(tmp_path, capsys, separator):
    text = f"{GOOD}{separator}{ARTICLE}"
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"text": text, "published": "2020-01-06"}, ensure_ascii=False) + "\n"
        + "{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(tmp_path / "in.jsonl"), "--format", "jsonl",
                 "-o", str(out)]) == 1
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert [r["document"]["text"] for r in written[:1]] == [text]
    assert main(["validate", str(out)]) == 0  # error records keep the contract too
    assert "2 valid, 0 invalid" in capsys.readouterr().out
    db = tmp_path / "store.db"
    assert main(["ingest", str(tmp_path / "in.jsonl"), "--db", str(db),
                 "--progress", "never"]) == 1
    assert main(["export", "--db", str(db), "--format", "jsonl",
                 "-o", str(tmp_path / "export.jsonl")]) == 0
    exported = [json.loads(line) for line in
                (tmp_path / "export.jsonl").read_text(encoding="utf-8").split("\n") if line]
    assert [e["document"]["text"] for e in exported] == [text]


def test_control_characters_never_reach_the_terminal_raw(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "evil\x1b]0;title\x07", "text": ""}) + "\n"
        + json.dumps({"text": GOOD}) + "\n")
    code, records, err = _analyze(capsys, tmp_path)
    assert code == 1 and _by_id(records)["a#2"] == "ok"
    assert "\x1b" not in err and "\x07" not in err and "evil\\x1b]0;title\\x07" in err


def test_unreadable_dates_never_drop_a_document(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"text": GOOD, "date": "Wed Nov 23, 2016 | 4:58pm EST"},
        {"text": ARTICLE, "date": "2018-12-19garbage"},
    ]) + "\n")
    (tmp_path / "b.txt").write_text("")
    code, records, _ = _analyze(capsys, tmp_path)
    assert code == 1 and _by_id(records) == {"a#1": "ok", "a#2": "ok", "b": "empty"}
    dated, undated = records[0]["document"], records[1]["document"]
    assert (dated["published"], dated["published_at"]) == ("2016-11-23",
                                                           "2016-11-23T16:58:00-05:00")
    assert undated["published"] is None and undated["warnings"][0]["code"] == "bad_date"
    code, records, _ = _analyze(capsys, tmp_path / "a.jsonl", "--strict-dates")
    assert code == 1 and _by_id(records) == {"a#1": "ok", "a#2": "bad_date"}


def test_crawler_records_are_analysed_and_ingested(tmp_path, capsys):
    from test_inputs import NEWS_PLEASE, TRAFILATURA_JSON, TRAFILATURA_XML

    (tmp_path / "np.json").write_text(json.dumps({**NEWS_PLEASE, "maintext": GOOD}))
    (tmp_path / "tf.xml").write_text(TRAFILATURA_XML)
    (tmp_path / "tfj.json").write_text(json.dumps(TRAFILATURA_JSON))
    code, records, _ = _analyze(capsys, tmp_path)
    assert code == 0
    expected = {"np": ("Talks resume", "planet.example", "2016-12-17",
                       "https://planet.example/talks"),
                "tf": ("Talks resume", "Daily Planet", "2016-12-17",
                       "https://planet.example/talks"),
                "tfj": ("Talks resume", "Daily Planet", "2016-12-17",
                        "https://planet.example/talks")}
    assert {r["document"]["id"]: tuple(r["document"][k] for k in
                                       ("title", "outlet", "published", "url"))
            for r in records} == expected
    db = tmp_path / "store.db"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--progress", "never"]) == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, title, outlet, published, url, authors FROM documents "
                            "ORDER BY id").fetchall()
    assert [row[:5] for row in rows] == [(key, *value) for key, value in expected.items()]
    assert json.loads(rows[0][5]) == ["Jane Roe", "John Doe"]


def test_date_and_name_options_on_the_command_line(tmp_path, capsys):
    (tmp_path / "guardian_11-12-2016_talks.txt").write_text(GOOD)
    (tmp_path / "notes.txt").write_text(ARTICLE)
    code, records, _ = _analyze(capsys, tmp_path, "--name-pattern", "{outlet}_{published}_{slug}",
                                "--date-order", "DMY", "--published", "Dec 17, 2016")
    assert code == 0
    named, fallback = ({k: r["document"][k] for k in ("outlet", "published")} for r in records)
    assert named == {"outlet": "guardian", "published": "2016-12-11"}
    assert fallback == {"outlet": None, "published": "2016-12-17"}
    assert records[1]["document"]["warnings"][0]["code"] == "name_pattern"
    assert main(["analyze", str(tmp_path), "--published", "2018-13-45"]) == 2
    assert "--published" in capsys.readouterr().err
