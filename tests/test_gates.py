"""The quality gates' machinery (tests/gates.py, the hooks in conftest.py): a changed
dataset fails, a score under its floor fails, --update-baseline only ever tightens, and a
run without ../shared passes naming the gates it skipped unless gates are required."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from gates import DatasetChanged, Gates, dataset_checksum

BASELINE = {
    "datasets": {"cases": {"paths": ["data/cases"], "sha256": None}},
    "gates": {
        "demo": {"datasets": ["cases"], "metrics": {
            "f1": {"floor": 0.80, "measured": 0.812},
            "errors": {"ceiling": 0.10, "measured": 0.05},
        }},
    },
}


@pytest.fixture
def demo_gates(tmp_path):
    shared = tmp_path / "shared"
    (shared / "data" / "cases" / "sub").mkdir(parents=True)
    (shared / "data" / "cases" / "a.txt").write_text("first case")
    (shared / "data" / "cases" / "sub" / "b.txt").write_text("second case")
    baseline = json.loads(json.dumps(BASELINE))
    baseline["datasets"]["cases"]["sha256"] = dataset_checksum(shared, ["data/cases"])
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline))
    return Gates(shared, path)


def test_the_checksum_covers_names_and_contents(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text("same")
    (tmp_path / "two" / "y.txt").write_text("")
    checksum = dataset_checksum(tmp_path, ["one"])
    assert checksum == dataset_checksum(tmp_path, ["one/x.txt"])
    assert checksum != dataset_checksum(tmp_path, ["two"])  # an empty file more
    (tmp_path / "one" / "x.txt").rename(tmp_path / "one" / "z.txt")
    assert checksum != dataset_checksum(tmp_path, ["one"])  # renamed


def test_a_changed_dataset_fails_loudly(demo_gates):
    demo_gates.verify_data("demo")
    (demo_gates.shared / "data" / "cases" / "sub" / "b.txt").write_text("second case!")
    with pytest.raises(DatasetChanged, match="dataset cases"):
        Gates(demo_gates.shared, demo_gates.baseline_path).verify_data("demo")


def test_scores_past_a_limit_fail_and_every_metric_must_be_given(demo_gates):
    verdicts = {o.metric: o.passed for o in demo_gates.check("demo", {"f1": 0.799,
                                                                     "errors": 0.11})}
    assert verdicts == {"f1": False, "errors": False}
    verdicts = {o.metric: o.passed for o in demo_gates.check("demo", {"f1": 0.80,
                                                                     "errors": 0.10})}
    assert verdicts == {"f1": True, "errors": True}
    with pytest.raises(KeyError):
        demo_gates.check("demo", {"f1": 0.9})


def test_update_tightens_by_the_headroom_and_never_loosens(demo_gates):
    demo_gates.check("demo", {"f1": 0.8125, "errors": 0.05})  # no better than measured
    assert demo_gates.improvements() == []
    assert demo_gates.write_raised() == []
    assert json.loads(demo_gates.baseline_path.read_text()) == demo_gates.baseline

    demo_gates.check("demo", {"f1": 0.8456, "errors": 0.01})
    assert [o.metric for o in demo_gates.write_raised()] == ["errors", "f1"]
    metrics = json.loads(demo_gates.baseline_path.read_text())["gates"]["demo"]["metrics"]
    # The headroom under the measured score is kept: 0.8456 - 0.012, rounded down.
    assert metrics["f1"] == {"floor": 0.833, "measured": 0.8456}
    assert metrics["errors"] == {"ceiling": 0.06, "measured": 0.01}

    lower = Gates(demo_gates.shared, demo_gates.baseline_path)
    lower.baseline["gates"]["demo"]["metrics"]["f1"]["measured"] = 0.70  # stale by hand
    lower.check("demo", {"f1": 0.84, "errors": 0.01})
    assert lower.raised_baseline()["gates"]["demo"]["metrics"]["f1"]["floor"] == 0.833


GATE_TESTS = ["tests/test_stories.py::test_stance_cross_validated_accuracy_gate",
              "tests/test_stories_store.py::test_quality_gate_wire_relays_against_polnear_metadata"]


def _pytest(shared, require: bool):
    env = {key: value for key, value in os.environ.items()
           if key not in ("NEWSGRAPH_REQUIRE_GATES", "PYTEST_ADDOPTS")}
    env.update(NEWSGRAPH_SHARED=str(shared), NEWSGRAPH_REQUIRE_GATES="1" if require else "0")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *GATE_TESTS], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow  # a pytest run in a subprocess
def test_without_the_data_the_run_passes_and_names_the_gates_it_skipped(tmp_path):
    result = _pytest(tmp_path / "no-shared", require=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"quality gates skipped (no {tmp_path / 'no-shared'}): stance, wires" in \
        result.stdout
    assert "2 skipped" in result.stdout


@pytest.mark.slow  # a pytest run in a subprocess
def test_where_gates_are_required_a_skipped_or_unchecked_gate_fails_the_run(tmp_path):
    result = _pytest(tmp_path / "no-shared", require=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 errors" in result.stdout  # failed in setup, before the model loads
    unchecked = result.stdout.split("NEWSGRAPH_REQUIRE_GATES=1 requires them: ")[1]
    assert unchecked.splitlines()[0].split(", ") == sorted(Gates(tmp_path).names)


@pytest.mark.slow  # a pytest run in a subprocess
def test_a_changed_dataset_fails_the_gate_before_it_runs(tmp_path):
    emergent = tmp_path / "data" / "stance" / "emergent"
    emergent.mkdir(parents=True)
    (emergent / "url-versions-2015-06-14-clean.csv").write_text("claimId,articleHeadline\n")
    result = _pytest(tmp_path, require=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "quality gate stance: dataset emergent" in result.stdout
