"""Entity quality: gold attribution sources covered by entities (PolNeAR dev), and the
reference example's entities found with their attributes.

    .venv/bin/python benchmarks/entities.py [--split dev]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()

    from newsgraph import Pipeline, make_document
    from newsgraph.evaluation.actors import source_coverage
    from newsgraph.evaluation.brat_attributions import load_split
    from reference_check import entity_problems

    split = SHARED / "data" / "attribution" / "polnear" / args.split
    articles = load_split(split, args.limit)
    pipeline = Pipeline()
    started = time.perf_counter()
    outcomes = list(pipeline.analyze_documents(
        make_document(a.text, id=a.name) for a in articles))
    seconds = time.perf_counter() - started
    pairs = [(a, o.analysis) for a, o in zip(articles, outcomes) if o.ok]
    print(f"PolNeAR {args.split}: {len(pairs)}/{len(articles)} articles analysed "
          f"({len(articles) / seconds:.1f} articles/s)")
    print(f"entities per article: {sum(len(p[1]['entities']) for p in pairs) / len(pairs):.1f}")
    print("gold sources overlapped by an entity mention:")
    for kind, (covered, total) in source_coverage(pairs).items():
        print(f"  {kind:<8} {covered:5d}/{total:<5d} = {covered / total:.3f}")

    reference = json.loads((SHARED / "reference" / "syria-withdrawal.expected.json").read_text())
    text = (SHARED / "corpus" / "syria-withdrawal.txt").read_text(encoding="utf-8")
    analysis = pipeline.analyze_document(make_document(text, published="2018-12-19"))
    problems = [p for e in reference["entities"] for p in entity_problems(analysis, e)]
    print(f"reference example: {len(reference['entities']) - len({p.split(':')[0] for p in problems})}"
          f"/{len(reference['entities'])} entities found with every attribute")
    for problem in problems:
        print(f"  {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
