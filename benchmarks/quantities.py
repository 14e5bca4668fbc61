"""Quantity quality: quantulum3's own English test cases run through the real pipeline,
and the reference example's quantities.

    .venv/bin/python benchmarks/quantities.py [--failures]

A case passes when the set of (value, unit) pairs newsgraph finds equals quantulum3's.
Comparison rules (documented in docs/BENCHMARKS.md):
- units: newsgraph's unit name is mapped to quantulum3's through the unit table both
  come from (knowledge/units.tsv: "km" <-> "kilometre", "USD" <-> "dollar" or "united
  states dollar", "percent" <-> "percentage"); a rate "USD/kg" maps to "dollar per
  kilogram", and a power "s2" maps to "square second". A counted noun ("troop", "car") or no unit ("") is quantulum3's
  "dimensionless"; the noun "time" is its "count". quantulum3's counting units are
  numbers: 1 dozen = 12, 1 gross = 144, 1 baker's dozen = 13 (dimensionless).
- values: quantulum3 gives a range as its mean ("10-15 exabytes" is 12.5); newsgraph
  gives low and high, so the point compared is the value, else the mean of both bounds,
  else the one bound ("up to 4,000 km" is 4000). Vague counts ("several hundred",
  "hundreds": no digits and no value) have no counterpart in quantulum3 and are skipped.
- policy: newsgraph does not read years or numbers inside names as quantities (docs/EXTRACTORS.md);
  the "policy" rate also passes a case that matches once those expected items are
  dropped (a four-digit year 1000-2100 without a unit, and the names listed in
  NAME_NUMBERS), and says which they are.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = SHARED / "data" / "quantities" / "quantulum3_en_US_tests" / "quantities.json"
REFERENCE = SHARED / "reference" / "syria-withdrawal.expected.json"
sys.path.insert(0, str(ROOT / "tests"))

COUNTING_UNITS = {"dozen": 12, "gross": 144, "baker's dozen": 13}
# Expected quantities that are numbers inside names (product, course, company names).
NAME_NUMBERS = {("Voyager 2", "2"), ('"English 101"', "101"), ("South 32 Ltd", "32"),
                ("Core i7 860", "860")}


def reference_units(table) -> dict[str, str]:
    """newsgraph unit name -> quantulum3 unit name, from the shared unit table."""
    mapping: dict[str, str] = {}
    for reference, unit in table.by_reference.items():
        mapping.setdefault(unit.name, reference)
    return mapping


def our_pairs(analysis: dict, mapping: dict, table) -> set[tuple[float, str]]:
    pairs = set()
    text = analysis["document"]["text"]
    for q in analysis["quantities"]:
        span = text[q["span"][0]:q["span"][1]]
        if q["value"] is None and not re.search(r"\d", span):
            continue  # vague: "several hundred years"
        if q["value"] is not None:
            point = q["value"]
        elif q["low"] is not None and q["high"] is not None:
            point = (q["low"] + q["high"]) / 2
        else:
            point = q["low"] if q["low"] is not None else q["high"]
        pairs.add((round(point, 6), reference_name(q["unit"], mapping, table)))
    return pairs


def reference_name(unit: str, mapping: dict, table) -> str:
    if "/" in unit:
        return " per ".join(reference_name(part, mapping, table) for part in unit.split("/"))
    if unit == "time":
        return "count"
    if unit in mapping:
        return mapping[unit]
    power = re.fullmatch(r"(.+?)([23])", unit)
    if power and power.group(1) in mapping:  # "s2" is a square second
        return ("square " if power.group(2) == "2" else "cubic ") + mapping[power.group(1)]
    return "dimensionless"


def expected_pairs(case: dict, policy: bool) -> tuple[set, list[str]]:
    pairs, dropped = set(), []
    for item in case["res"]:
        value, unit, surface = item["value"], item["unit"], item["surface"]
        if policy and _policy_excluded(case["req"], value, unit, surface):
            dropped.append(surface)
            continue
        if unit in COUNTING_UNITS:
            value, unit = value * COUNTING_UNITS[unit], "dimensionless"
        pairs.add((round(float(value), 6), unit))
    return pairs, dropped


def _policy_excluded(text: str, value, unit: str, surface: str) -> bool:
    if unit == "dimensionless" and re.fullmatch(r"\d{4}", surface) and 1000 <= value <= 2100:
        return True
    return any(name in text and surface == number for name, number in NAME_NUMBERS)


def score_cases(pipeline) -> tuple[dict, list[str], list[str], float]:
    """Pass rates on quantulum3's cases: (rates, failure lines, dropped surfaces, seconds)."""
    from newsgraph import make_document
    from newsgraph.stages.quantities import QuantityStage

    cases = json.loads(CASES.read_text(encoding="utf-8"))
    stage = next(s for s in pipeline.stages if isinstance(s, QuantityStage))
    stage.prepare()  # its unit table loaded
    table = stage.reader.table
    mapping = reference_units(table)
    counts = {"both": 0, "value": 0, "unit": 0, "policy": 0}
    dropped_all, problems = [], []
    started = time.perf_counter()
    outcomes = pipeline.analyze_documents(make_document(c["req"], id=str(n))
                                          for n, c in enumerate(cases))
    for case, outcome in zip(cases, outcomes):
        analysis = outcome.analysis
        ours = our_pairs(analysis, mapping, table)
        expected, _ = expected_pairs(case, policy=False)
        policy_expected, dropped = expected_pairs(case, policy=True)
        dropped_all += dropped
        counts["both"] += ours == expected
        counts["value"] += {v for v, _ in ours} == {v for v, _ in expected}
        counts["unit"] += {u for _, u in ours} == {u for _, u in expected}
        counts["policy"] += ours in (expected, policy_expected)
        if ours != expected:
            problems.append(f"  {case['req'][:70]!r}\n      expected {sorted(expected)}\n"
                            f"      found    {sorted(ours)}")
    seconds = time.perf_counter() - started
    return ({k: v / len(cases) for k, v in counts.items()}, problems, dropped_all,
            seconds / len(cases))


def run_cases(pipeline, failures: bool) -> None:
    rates, problems, dropped_all, seconds = score_cases(pipeline)
    total = len(json.loads(CASES.read_text(encoding="utf-8")))
    counts = {k: round(v * total) for k, v in rates.items()}
    print(f"quantulum3 en_US test cases: {total} ({seconds * 1000:.1f} ms per case, "
          "whole pipeline)")
    for key, label in (("both", "value and unit"), ("value", "value only"),
                       ("unit", "unit only")):
        print(f"  {label:<15} {counts[key]:3d}/{total} = {counts[key] / total:.3f}")
    print(f"  policy (value and unit, years and names in names dropped: "
          f"{', '.join(dropped_all)}) {counts['policy']}/{total} = {counts['policy'] / total:.3f}")
    print(f"failures ({len(problems)}):")
    for problem in problems if failures else [p.split("\n")[0] for p in problems]:
        print(problem)


def reference_check(pipeline) -> None:
    from newsgraph import make_document
    from reference_check import quantity_problems

    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    text = (SHARED / "corpus" / "syria-withdrawal.txt").read_text(encoding="utf-8")
    analysis = pipeline.analyze_document(make_document(text, published="2018-12-19"))
    problems = [p for q in reference["quantities"]
                for p in quantity_problems(analysis, q, with_place=bool(analysis["places"]))]
    print(f"reference example: {len(reference['quantities']) - len({p.split(':')[0] for p in problems})}"
          f"/{len(reference['quantities'])} quantities found with value, bounds and unit"
          + ("" if analysis["places"] else " (no places in this branch: place not checked)"))
    for problem in problems:
        print(f"  {problem}")


def stage_speed(pipeline) -> None:
    """The quantities stage alone on PolNeAR dev: parse once, run the stages before it,
    then time it (CPU time of this process, and wall time, best of three)."""
    from newsgraph import make_document
    from newsgraph.pipeline import AnalysisState
    from newsgraph.stages.quantities import QuantityStage

    files = sorted((SHARED / "data" / "attribution" / "polnear" / "dev" / "text").glob("*.txt"))
    if not files:
        print("PolNeAR dev not available: stage speed not measured")
        return
    texts = [f.read_text(encoding="utf-8") for f in files]
    states = []
    for text, doc in zip(texts, pipeline.nlp.pipe(texts)):
        state = AnalysisState(document=make_document(text), doc=doc)
        for stage in pipeline.stages:
            if isinstance(stage, QuantityStage):
                quantities = stage
                break
            stage(state)
        states.append(state)
    quantities(states[0])
    cpu = wall = float("inf")
    for _ in range(3):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        for state in states:
            quantities(state)
        cpu = min(cpu, time.process_time() - cpu_start)
        wall = min(wall, time.perf_counter() - wall_start)
    found = sum(len(s.quantities) for s in states)
    print(f"quantities stage on PolNeAR dev: {cpu / len(states) * 1000:.3f} ms/article CPU, "
          f"{wall / len(states) * 1000:.3f} ms/article wall ({len(states)} articles, "
          f"{found / len(states):.1f} quantities/article)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="show expected and found")
    parser.add_argument("--no-speed", action="store_true", help="skip the PolNeAR timing")
    args = parser.parse_args()
    from newsgraph import Pipeline

    pipeline = Pipeline()
    run_cases(pipeline, args.failures)
    reference_check(pipeline)
    if not args.no_speed:
        stage_speed(pipeline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
