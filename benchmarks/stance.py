"""Stance on Emergent: k-fold cross-validation grouped by claim (no claim in both a
training and a test fold), accuracy and per-class P/R/F1. Each class is printed as
Emergent's gold label and the word newsgraph says for it (for = supports, against =
denies, observing = reports).

    .venv/bin/python benchmarks/stance.py [--folds 5]

Ferreira & Vlachos (2016) report 0.73 accuracy on their own test split with a logistic
regression over hand-built features; this is the same kind of model (stories/stance.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMERGENT = (ROOT.parent / "shared" / "data" / "stance" / "emergent"
            / "url-versions-2015-06-14-clean.csv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    from newsgraph.evaluation.stance import (accuracy, cross_validate_stance, load_pairs,
                                             per_class)
    from newsgraph.stories.stance import LABELS, stance_word

    pairs = load_pairs(EMERGENT)
    started = time.perf_counter()
    gold, predicted = cross_validate_stance(pairs, args.folds)
    seconds = time.perf_counter() - started
    claims = len({p.claim_id for p in pairs})
    print(f"Emergent: {len(pairs)} claim/headline pairs, {claims} claims, {args.folds}-fold "
          f"cross-validation grouped by claim ({seconds:.0f} s)")
    print(f"accuracy {accuracy(gold, predicted):.3f}")
    print(f"{'Emergent':<10} {'newsgraph':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    scores = per_class(gold, predicted, LABELS)
    for label, (p, r, f, n) in scores.items():
        print(f"{label:<10} {stance_word(label):<10} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    print(f"macro F1 {sum(s[2] for s in scores.values()) / len(scores):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
