"""Shared fixtures. Data from ../shared is read in place, never copied into the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
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
