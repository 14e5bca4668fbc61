"""The CLI: formats, defaults, output files and exit codes of the contract."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from newsgraph.cli import main
from newsgraph.contract import violations

ARTICLE = "Officials in Ankara said on Monday that talks with Greece would resume."


def test_one_document_gives_indented_json(tmp_path, capsys):
    (tmp_path / "story.txt").write_text(ARTICLE)
    code = main(["analyze", str(tmp_path / "story.txt"), "--published", "2020-01-06",
                 "--outlet", "Daily Planet"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("{\n")
    analysis = json.loads(out)
    assert analysis["document"]["id"] == "story"
    assert analysis["document"]["outlet"] == "Daily Planet"
    assert violations(analysis) == []


def test_published_option_keeps_its_time_of_day(tmp_path, capsys):
    (tmp_path / "story.txt").write_text(ARTICLE)
    assert main(["analyze", str(tmp_path / "story.txt"),
                 "--published", "Dec 17, 2016 8:46 AM ET"]) == 0
    document = json.loads(capsys.readouterr().out)["document"]
    assert (document["published"], document["published_at"]) == (
        "2016-12-17", "2016-12-17T08:46:00-05:00")


def test_batch_with_failures_exits_1_and_keeps_every_document(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "c.txt").write_text(ARTICLE.replace("Greece", "Cyprus"))
    code = main(["analyze", str(tmp_path), "-o", str(tmp_path / "out" / "all.jsonl")])
    captured = capsys.readouterr()
    assert code == 1
    lines = [json.loads(line) for line in (tmp_path / "out" / "all.jsonl").read_text().splitlines()]
    assert [r["document"]["id"] for r in lines] == ["a", "b", "c"]
    assert lines[1]["error"]["code"] == "empty"
    assert all(violations(r) == [] for r in lines)
    assert "b: empty" in captured.err


def test_format_json_for_many_is_an_array(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    assert main(["analyze", str(tmp_path), "--format", "json"]) == 0
    assert [a["document"]["id"] for a in json.loads(capsys.readouterr().out)] == ["a", "b"]


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.txt")]) == 2
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert main(["analyze", str(tmp_path / "a.txt"), "--published", "yesterday"]) == 2
    assert "published" in capsys.readouterr().err


def test_summary_prints_tables(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("President Lena Ortiz of Chile told Reuters she would run.")
    assert main(["analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.json"),
                 "--summary"]) == 0
    out = capsys.readouterr().out
    assert "Actors (" in out and "Lena Ortiz" in out and "Reuters" in out
    assert json.loads((tmp_path / "a.json").read_text())["document"]["id"] == "a"


@pytest.mark.slow  # a new process loads the model again
def test_installed_command_runs_as_a_process(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze",
                             str(tmp_path / "a.txt"), "--format", "jsonl"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "newsgraph.analysis/1"


def test_every_registered_command_runs_from_the_one_registry(capsys):
    import importlib

    from newsgraph.cli import build_parser
    from newsgraph.commands import COMMANDS

    choices = build_parser()._subparsers._group_actions[0].choices
    for name in COMMANDS:
        module = importlib.import_module(f"newsgraph.commands.{name}")
        assert callable(module.add_parser) and callable(module.run), name
        assert name in choices, name
    assert set(choices) == {*COMMANDS, "story"}


def test_an_error_ends_the_run_with_its_catalogue_exit_status(monkeypatch, capsys):
    from newsgraph import errors
    from newsgraph.commands import schema

    for cls in errors.catalogue():
        error = cls("parquet", "a test") if cls is errors.ExtraNotInstalledError else \
            cls("a test")

        def fail(args, error=error):
            raise error

        monkeypatch.setattr(schema, "run", fail)
        assert main(["schema"]) == cls.exit_code, cls
        assert capsys.readouterr().err == f"newsgraph: error: {error.message}\n"

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(schema, "run", interrupted)
    assert main(["schema"]) == errors.Exit.INTERRUPTED == 130


def test_progress_is_one_line_on_stderr_when_asked(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLE)
    (inputs / "b.txt").write_text("")
    out = str(tmp_path / "out.jsonl")
    assert main(["analyze", str(inputs), "-o", out, "--progress", "always"]) == 1
    err = capsys.readouterr().err
    # tqdm's bar: documents of the total, share, rate, time left, failures; ends the line
    assert "analysed 2 of 2 documents |" in err and "100%" in err and "documents/s" in err
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d, ", err) and err.endswith("1 failed]\n")
    assert main(["analyze", str(inputs), "-o", out, "--progress", "never"]) == 1
    assert "analysed" not in capsys.readouterr().err
    assert main(["ingest", str(inputs), "--db", str(tmp_path / "s.db"),
                 "--progress", "always"]) == 0
    assert "ingested 2 of 2 documents |" in capsys.readouterr().err
