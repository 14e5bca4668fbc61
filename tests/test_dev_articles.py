"""The whole PolNeAR dev set goes through the CLI once: every output validates, none
fails, and the entity and attribution quality gates are measured on the same outputs."""

from __future__ import annotations

import json

import pytest

from conftest import POLNEAR_DEV, shared_path
from newsgraph.cli import main
from newsgraph.contract import violations
from newsgraph.evaluation.actors import source_coverage
from newsgraph.evaluation.attribution import score as attribution_score
from newsgraph.evaluation.brat_attributions import load_split

pytestmark = pytest.mark.slow  # the whole dev set, benchmark-sized


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory):
    text_dir = shared_path(POLNEAR_DEV / "text")
    out = tmp_path_factory.mktemp("dev") / "dev.jsonl"
    code = main(["analyze", str(text_dir), "-o", str(out), "--progress", "never"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return code, records, sorted(text_dir.glob("*.txt"))


def test_every_dev_article_is_analysed_and_valid(dev_run):
    code, records, files = dev_run
    assert code == 0
    assert [r["document"]["id"] for r in records] == [f.stem for f in files]
    assert [r for r in records if "error" in r] == []
    invalid = {r["document"]["id"]: violations(r) for r in records if violations(r)}
    assert invalid == {}


@pytest.mark.quality_gate("entities")
def test_entity_quality_gate_on_gold_sources(dev_run, quality_gate):
    _, records, _ = dev_run
    by_id = {r["document"]["id"]: r for r in records}
    articles = load_split(POLNEAR_DEV)
    coverage = source_coverage((a, by_id[a.name]) for a in articles)
    quality_gate({f"{kind}_sources": coverage[kind][0] / coverage[kind][1]
                  for kind in ("named", "pronoun")}, coverage)


@pytest.mark.quality_gate("attribution")
def test_attribution_quality_gate(dev_run, quality_gate):
    _, records, _ = dev_run
    by_id = {r["document"]["id"]: r for r in records}
    scores = attribution_score((a, by_id[a.name]) for a in load_split(POLNEAR_DEV))
    quality_gate({f"{role}.{kind}_f1": round(getattr(s, kind)()[2], 3)
                  for role, s in scores.items() for kind in ("exact", "overlap")})


@pytest.fixture(scope="module")
def accurate_dev_run(tmp_path_factory):
    text_dir = shared_path(POLNEAR_DEV / "text")
    out = tmp_path_factory.mktemp("dev") / "dev-accurate.jsonl"
    code = main(["analyze", str(text_dir), "-o", str(out), "--progress", "never",
                 "--profile", "accurate"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return code, records


@pytest.mark.quality_gate("attribution_accurate")
def test_accurate_attribution_quality_gate(accurate_dev_run, quality_gate):
    code, records = accurate_dev_run
    assert code == 0 and all(r["profile"] == "accurate" for r in records)
    assert [r["document"]["id"] for r in records if violations(r)] == []
    by_id = {r["document"]["id"]: r for r in records}
    scores = attribution_score((a, by_id[a.name]) for a in load_split(POLNEAR_DEV))
    quality_gate({f"{role}.{kind}_f1": round(getattr(s, kind)()[2], 3)
                  for role, s in scores.items() for kind in ("exact", "overlap")})
