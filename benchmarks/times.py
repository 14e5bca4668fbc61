"""Time expressions on TimeBank + AQUAINT (TBAQ-cleaned, TimeML): TempEval-3 style
relaxed and strict span F1, value F1 (value correct on relaxed-matched pairs; P =
correct / system, R = correct / gold) and type accuracy, per subcorpus and overall.
The document creation time is the publication date and is not scored.

    .venv/bin/python benchmarks/times.py [--limit N] [--speed]

--speed also times the stage alone on PolNeAR dev (parsed once; the budget is 1 ms per
article).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "data" / "time" / "TBAQ-cleaned"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"


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
    parser.add_argument("--speed", action="store_true", help="time the stage on PolNeAR dev")
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
    if args.speed:
        polnear_speed(nlp, stage)
    return 0


def polnear_speed(nlp, stage, repeat: int = 5) -> None:
    """The stage's CPU time per PolNeAR dev article, best of `repeat` passes."""
    import time

    from newsgraph import make_document
    from newsgraph.pipeline import AnalysisState

    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))]
    states = [AnalysisState(document=make_document(text, published="2016-10-15"), doc=doc)
              for text, doc in zip(texts, nlp.pipe(texts))]
    for state in states:
        state.tokens  # built by the earlier stages in the pipeline
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for state in states:
            stage(state)
        best = min(best, time.process_time() - started)
    count = sum(len(s.times) for s in states)
    print(f"PolNeAR dev: {len(states)} articles, {count / len(states):.1f} times/article, "
          f"stage {1000 * best / len(states):.2f} ms/article (CPU, best of {repeat})")


if __name__ == "__main__":
    sys.exit(main())
