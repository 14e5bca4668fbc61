"""Time expressions on TimeBank + AQUAINT (TBAQ-cleaned, TimeML): TempEval-3 style
relaxed and strict span F1, value F1 (value correct on relaxed-matched pairs; P =
correct / system, R = correct / gold) and type accuracy, per subcorpus and overall.
The document creation time is the publication date and is not scored.

    .venv/bin/python benchmarks/times.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "data" / "time" / "TBAQ-cleaned"


def report(label: str, score, seconds: float, count: int) -> None:
    rp, rr, rf = score.relaxed()
    sp, sr, sf = score.strict_f1()
    vp, vr, vf = score.value()
    print(f"{label:<9} docs {count:3d} gold {score.gold:4d} system {score.system:4d} | "
          f"relaxed P {rp:.3f} R {rr:.3f} F1 {rf:.3f} | strict F1 {sf:.3f} | "
          f"value P {vp:.3f} R {vr:.3f} F1 {vf:.3f} | type acc {score.type_accuracy():.3f} | "
          f"stage {1000 * seconds / max(count, 1):.2f} ms/article (CPU)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="documents per subcorpus")
    args = parser.parse_args()

    from newsgraph.evaluation.timeml import TimexScore, load_corpus, score_documents
    from newsgraph.knowledge import Knowledge
    from newsgraph.nlp import load_model
    from newsgraph.stages.times import TimeStage

    nlp, stage = load_model(), TimeStage(Knowledge())
    total, total_seconds, total_docs = TimexScore(), 0.0, 0
    for corpus in ("TimeBank", "AQUAINT"):
        documents = load_corpus(TBAQ, corpus, args.limit)
        score, seconds = score_documents(nlp, stage, documents)
        report(corpus, score, seconds, len(documents))
        for field in vars(total):
            setattr(total, field, getattr(total, field) + getattr(score, field))
        total_seconds += seconds
        total_docs += len(documents)
    report("overall", total, total_seconds, total_docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
