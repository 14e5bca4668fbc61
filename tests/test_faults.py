"""kill -9 at random moments of a 2-worker ingest, each run resumed: every table as the
uninterrupted run's (benchmarks/faults.py, on a small corpus)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT

ARTICLES = 12  # PolNeAR dev articles beside the example (examples/demo/ without ../shared)


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("faults_benchmark",
                                                  ROOT / "benchmarks" / "faults.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


faults = _load_benchmark()  # also for tests/test_store.py's kill -9 test


@pytest.mark.slow
def test_runs_killed_at_random_moments_resume_to_the_uninterrupted_store(tmp_path):
    corpus = tmp_path / "corpus"
    faults.build_corpus(corpus, ARTICLES)
    report: list[str] = []
    trials = faults.run_faults(corpus, tmp_path, moments=3, seed=17, workers=2,
                               shard_size=2, report=report.append)
    log = "\n".join(report)
    assert [trial.differing for trial in trials] == [()] * 3, log
    assert any(not trial.finished for trial in trials), log  # some kill cut a run short
