"""Quality gates: the minimum scores the tests pin on the gold data in ../shared.

Every floor lives in one file, tests/quality_baseline.json, beside the data it was
measured on: each gate names its datasets (paths under ../shared) and each dataset
carries a sha256 of its files, so a changed dataset fails loudly instead of comparing
today's score with a floor measured on other data (the pattern of trafilatura's
tests/eval_gate.py).

A metric has a `floor` (higher is better) or a `ceiling` (lower is better) and the
`measured` score the limit was pinned from; the distance between them is the gate's
headroom. A score past its `measured` figure is reported at the end of the run, and
`python -m pytest tests/ --update-baseline` moves `measured` to it and the limit by the
same headroom. The tool only ever tightens a limit: loosening one is a hand edit of the
baseline file, which a reviewer sees in the diff.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

BASELINE = Path(__file__).with_name("quality_baseline.json")
UPDATE_COMMAND = ".venv/bin/python -m pytest tests/ --update-baseline"
# Scores are compared as the tests compute them; differences below this are rounding.
EPSILON = 1e-9
# A score is reported as past its measured figure when it beats it by this much.
MARGIN = 0.001


class DatasetChanged(Exception):
    """The data under a gate is not the data its floors were measured on."""


def dataset_checksum(shared: Path, paths: list[str]) -> str:
    """sha256 over the sorted relative paths (to `shared`) and contents of every file
    under `paths` (files or directories)."""
    files: list[Path] = []
    for relative in paths:
        path = shared / relative
        files += [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(shared).as_posix()):
        content = path.read_bytes()
        digest.update(path.relative_to(shared).as_posix().encode("utf-8") + b"\0")
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


@dataclass(frozen=True)
class Outcome:
    """One metric of one gate as a run measured it."""

    gate: str
    metric: str
    score: float
    limit: float
    measured: float
    higher_is_better: bool

    @property
    def passed(self) -> bool:
        if self.higher_is_better:
            return self.score >= self.limit - EPSILON
        return self.score <= self.limit + EPSILON

    @property
    def improved(self) -> bool:
        gain = self.score - self.measured if self.higher_is_better else \
            self.measured - self.score
        return gain >= MARGIN - EPSILON

    def describe(self) -> str:
        kind = "floor" if self.higher_is_better else "ceiling"
        return (f"{self.gate}.{self.metric} {self.score:.4g} ({kind} {self.limit:.4g}, "
                f"measured {self.measured:.4g})")


@dataclass
class Gates:
    """The baseline file and what this run did with it: gates checked, skipped for want
    of their data, and scores past their measured figures."""

    shared: Path
    baseline_path: Path = BASELINE
    baseline: dict = field(init=False)
    checked: dict[str, list[Outcome]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    _checksums: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.baseline = json.loads(self.baseline_path.read_text(encoding="utf-8"))

    @property
    def names(self) -> list[str]:
        return sorted(self.baseline["gates"])

    def missing_data(self, gate: str) -> list[Path]:
        """The paths of the gate's datasets that are absent (../shared not here)."""
        return [self.shared / path for name in self._gate(gate)["datasets"]
                for path in self.baseline["datasets"][name]["paths"]
                if not (self.shared / path).exists()]

    def verify_data(self, gate: str) -> None:
        """Raise DatasetChanged unless every dataset of the gate hashes as recorded."""
        for name in self._gate(gate)["datasets"]:
            dataset = self.baseline["datasets"][name]
            if name not in self._checksums:
                self._checksums[name] = dataset_checksum(self.shared, dataset["paths"])
            if self._checksums[name] != dataset["sha256"]:
                raise DatasetChanged(
                    f"quality gate {gate}: dataset {name} ({', '.join(dataset['paths'])}) "
                    f"has sha256 {self._checksums[name]}, the baseline was measured on "
                    f"{dataset['sha256']}; re-measure the gate on the new data and edit "
                    f"{self.baseline_path.name} by hand")

    def check(self, gate: str, scores: dict[str, float]) -> list[Outcome]:
        """Compare each score with its limit; returns the outcomes, failing ones
        included (the caller asserts)."""
        metrics = self._gate(gate)["metrics"]
        if set(scores) != set(metrics):
            raise KeyError(f"quality gate {gate}: scores {sorted(scores)} but the baseline "
                           f"has {sorted(metrics)}")
        outcomes = [Outcome(gate, metric, float(score), *_limit(metrics[metric]))
                    for metric, score in sorted(scores.items())]
        self.checked[gate] = outcomes
        return outcomes

    def improvements(self) -> list[Outcome]:
        return [o for gate in sorted(self.checked) for o in self.checked[gate]
                if o.passed and o.improved]

    def raised_baseline(self) -> dict:
        """The baseline with every improved metric's `measured` moved to this run's score
        and its limit moved by the same headroom; never loosened."""
        raised = json.loads(json.dumps(self.baseline))
        for outcome in self.improvements():
            metric = raised["gates"][outcome.gate]["metrics"][outcome.metric]
            headroom = abs(outcome.measured - outcome.limit)
            if outcome.higher_is_better:
                metric["floor"] = max(metric["floor"],
                                      _round_down(outcome.score - headroom))
            else:
                metric["ceiling"] = min(metric["ceiling"],
                                        _round_up(outcome.score + headroom))
            metric["measured"] = round(outcome.score, 4)
        return raised

    def write_raised(self) -> list[Outcome]:
        improved = self.improvements()
        if improved:
            self.baseline_path.write_text(
                json.dumps(self.raised_baseline(), indent=2) + "\n", encoding="utf-8")
        return improved

    def _gate(self, gate: str) -> dict:
        try:
            return self.baseline["gates"][gate]
        except KeyError:
            raise KeyError(f"no quality gate {gate!r} in {self.baseline_path.name}") from None


def _limit(metric: dict) -> tuple[float, float, bool]:
    if "floor" in metric:
        return metric["floor"], metric["measured"], True
    return metric["ceiling"], metric["measured"], False


def _round_down(value: float) -> float:
    """To three decimals, downwards: a raised floor never passes the score it came from."""
    return math.floor(value * 1000 + EPSILON) / 1000


def _round_up(value: float) -> float:
    return math.ceil(value * 1000 - EPSILON) / 1000
