"""The whole PolNeAR dev set goes through the CLI: every output validates, none fails."""

from __future__ import annotations

import json

from conftest import POLNEAR_DEV, shared_path
from newsgraph.cli import main
from newsgraph.contract import violations


def test_every_dev_article_is_analysed_and_valid(tmp_path, capsys):
    text_dir = shared_path(POLNEAR_DEV / "text")
    out = tmp_path / "dev.jsonl"
    code = main(["analyze", str(text_dir), "-o", str(out), "--progress", "never"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert code == 0, capsys.readouterr().err
    assert len(records) == len(list(text_dir.glob("*.txt")))
    assert [r for r in records if "error" in r] == []
    invalid = {r["document"]["id"]: violations(r) for r in records if violations(r)}
    assert invalid == {}
    assert sum(len(r["entities"]) for r in records) > 10 * len(records)
