"""Attribution quality on PolNeAR dev: source, cue and content spans, exact and
overlapping precision/recall/F1, one annotator per article (the first .ann file).

    .venv/bin/python benchmarks/attribution.py [--split dev] [--limit N]
                                               [--profile fast|accurate ...]

Spans are compared after trimming whitespace; a content split around its cue counts
each segment. Overlap: a predicted span is right if it overlaps a gold span of the same
role, a gold span is found if some prediction overlaps it. With several profiles
(`--profile fast accurate`) the articles are parsed once and each profile's stages run
on the same parses; a table per profile, then the exact F1s side by side.
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
    parser.add_argument("--profile", nargs="+", default=["fast"], choices=["fast", "accurate"])
    args = parser.parse_args()

    from newsgraph import Pipeline, make_document
    from newsgraph.evaluation.attribution import score
    from newsgraph.evaluation.brat_attributions import load_split
    from newsgraph.nlp import load_model

    articles = load_split(SHARED / "data" / "attribution" / "polnear" / args.split, args.limit)
    documents = [make_document(a.text, id=a.name) for a in articles]
    nlp = load_model()
    started = time.perf_counter()
    docs = list(nlp.pipe((d.text for d in documents), batch_size=32))
    print(f"PolNeAR {args.split}: {len(articles)} articles parsed in "
          f"{time.perf_counter() - started:.1f} s")
    gold = sum(len(a.attributions) for a in articles)
    side_by_side = {}
    for profile in args.profile:
        pipeline = Pipeline(nlp=nlp, profile=profile)
        pipeline.load()
        started = time.perf_counter()
        analyses = [pipeline.contract(pipeline.run_stages(d, doc))
                    for d, doc in zip(documents, docs)]
        seconds = time.perf_counter() - started
        pairs = list(zip(articles, analyses))
        claims = sum(len(a["claims"]) for a in analyses)
        print(f"\nprofile {profile}: {gold} gold attributions, {claims} claims found; "
              f"stages {1000 * seconds / len(articles):.0f} ms/article (parse not counted)")
        print(f"{'role':<8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} "
              f"{'F1':>6}   {'gold':>6} {'pred':>6}")
        for role, s in score(pairs).items():
            ep, er, ef = s.exact()
            op, orr, of = s.overlap()
            side_by_side.setdefault(role, {})[profile] = (ef, of)
            print(f"{role:<8} {ep:8.3f} {er:6.3f} {ef:6.3f}   {op:9.3f} {orr:6.3f} {of:6.3f}"
                  f"   {s.gold:6d} {s.pred:6d}")
    if len(args.profile) > 1:
        print("\nexact F1 (overlap F1) by profile")
        print(f"{'role':<8} " + " ".join(f"{p:>16}" for p in args.profile))
        for role, by_profile in side_by_side.items():
            print(f"{role:<8} " + " ".join(
                f"{by_profile[p][0]:8.3f} ({by_profile[p][1]:.3f})" for p in args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
