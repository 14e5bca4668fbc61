"""Shared fixtures and the quality gates' bookkeeping. Data from ../shared is read in
place, never copied into the project.

NEWSGRAPH_SHARED=DIR stands in for ../shared (tests/test_gates.py points it at an empty
or an altered folder). NEWSGRAPH_REQUIRE_GATES=1 (set by .ci/run, where
../shared is present) fails the run when a quality gate is skipped or not checked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gates import UPDATE_COMMAND, DatasetChanged, Gates

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or ROOT.parent / "shared")
GATES = pytest.StashKey[Gates]()
EXAMPLE_TEXT = ROOT / "examples" / "syria-withdrawal.txt"
REFERENCE = SHARED / "reference" / "syria-withdrawal.expected.json"
POLNEAR_DEV = SHARED / "data" / "attribution" / "polnear" / "dev"


def shared_path(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared missing)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def example_analysis(pipeline):
    from newsgraph import analyze

    meta = json.loads((ROOT / "examples" / "syria-withdrawal.meta.json").read_text())
    return analyze(EXAMPLE_TEXT.read_text(encoding="utf-8"), id=meta["id"],
                   published=meta["published"], outlet=meta["outlet"], pipeline=pipeline)


@pytest.fixture(scope="module")
def example_store(tmp_path_factory, example_analysis):
    """A store of the example article, one per test module (tests may write to it)."""
    from newsgraph.stories.store import open_store

    path = tmp_path_factory.mktemp("example-store") / "example.db"
    with open_store(path) as store:
        store.add(example_analysis)
    return path


@pytest.fixture(scope="session")
def reference():
    return json.loads(shared_path(REFERENCE).read_text(encoding="utf-8"))


def checked_analyze(text: str, pipeline, **kwargs) -> dict:
    """Analyse and assert the result keeps the contract: every analysis a test makes is
    validated against the schema."""
    from newsgraph import analyze
    from newsgraph.contract import violations

    analysis = analyze(text, pipeline=pipeline, **kwargs)
    assert violations(analysis) == []
    return analysis


# --- quality gates (tests/gates.py, tests/quality_baseline.json) -----------------------

def pytest_addoption(parser):
    parser.addoption("--update-baseline", action="store_true",
                     help="raise the quality gates' floors in tests/quality_baseline.json "
                          "to the scores of this run (never lowers one)")


def pytest_configure(config):
    config.stash[GATES] = Gates(SHARED)


def _gates_required() -> bool:
    return os.environ.get("NEWSGRAPH_REQUIRE_GATES") == "1"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture runs (model, dev set): a gate without its data is skipped (or,
    where gates are required, fails); a gate whose data changed fails."""
    marker = item.get_closest_marker("quality_gate")
    if marker is None:
        return
    gates, name = item.config.stash[GATES], marker.args[0]
    missing = gates.missing_data(name)
    if missing:
        gates.skipped.append(name)
        message = f"quality gate {name}: {missing[0]} is not available (../shared missing)"
        if _gates_required():
            pytest.fail(message + "; NEWSGRAPH_REQUIRE_GATES=1 requires every gate")
        pytest.skip(message)
    try:
        gates.verify_data(name)
    except DatasetChanged as exc:
        pytest.fail(str(exc))


@pytest.fixture
def quality_gate(request):
    """check(scores, context=None): this test's gate (its quality_gate marker) against the
    baseline; fails naming every metric under its floor (or over its ceiling)."""
    gates = request.config.stash[GATES]
    name = request.node.get_closest_marker("quality_gate").args[0]

    def check(scores: dict[str, float], context=None) -> None:
        failed = [o.describe() for o in gates.check(name, scores) if not o.passed]
        assert failed == [], context

    return check


def pytest_sessionfinish(session, exitstatus):
    gates = session.config.stash[GATES]
    if session.config.getoption("--update-baseline"):
        gates.write_raised()
    if _gates_required() and _unchecked(gates):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _unchecked(gates: Gates) -> list[str]:
    return [name for name in gates.names if name not in gates.checked]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    gates = config.stash[GATES]
    lines = []
    if gates.skipped:
        lines.append((f"quality gates skipped (no {SHARED}): "
                      + ", ".join(sorted(set(gates.skipped))), {"yellow": True}))
    if _gates_required() and _unchecked(gates):
        lines.append(("quality gates not checked, and NEWSGRAPH_REQUIRE_GATES=1 requires "
                      "them: " + ", ".join(_unchecked(gates)), {"red": True}))
    improved = gates.improvements()
    if improved:
        raised = config.getoption("--update-baseline")
        lines.append((("raised in tests/quality_baseline.json: " if raised else
                       "quality gates past their measured scores (raise the floors with "
                       f"`{UPDATE_COMMAND}`): ") + "; ".join(o.describe() for o in improved),
                      {"green": True}))
    if lines:
        terminalreporter.section("quality gates")
        for line, markup in lines:
            terminalreporter.write_line(line, **markup)
