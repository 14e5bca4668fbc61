"""Attribution quality on PolNeAR dev: source, cue and content spans, exact and
overlapping precision/recall/F1, one annotator per article (the first .ann file).

    .venv/bin/python benchmarks/attribution.py [--split dev] [--limit N]

Spans are compared after trimming whitespace; a content split around its cue counts
each segment. Overlap: a predicted span is right if it overlaps a gold span of the same
role, a gold span is found if some prediction overlaps it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()

    from newsgraph import Pipeline, make_document
    from newsgraph.evaluation.attribution import score
    from newsgraph.evaluation.brat_attributions import load_split

    articles = load_split(SHARED / "data" / "attribution" / "polnear" / args.split, args.limit)
    pipeline = Pipeline()
    started = time.perf_counter()
    outcomes = list(pipeline.analyze_documents(make_document(a.text, id=a.name)
                                               for a in articles))
    seconds = time.perf_counter() - started
    pairs = [(a, o.analysis) for a, o in zip(articles, outcomes) if o.ok]
    claims = sum(len(p[1]["claims"]) for p in pairs)
    gold = sum(len(a.attributions) for a in articles)
    print(f"PolNeAR {args.split}: {len(pairs)} articles, {gold} gold attributions, "
          f"{claims} claims found; {len(articles) / seconds:.2f} articles/s (full pipeline)")
    print(f"{'role':<8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"
          f"   {'gold':>6} {'pred':>6}")
    for role, s in score(pairs).items():
        ep, er, ef = s.exact()
        op, orr, of = s.overlap()
        print(f"{role:<8} {ep:8.3f} {er:6.3f} {ef:6.3f}   {op:9.3f} {orr:6.3f} {of:6.3f}"
              f"   {s.gold:6d} {s.pred:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
