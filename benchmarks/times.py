"""Time expressions on TimeBank + AQUAINT (TBAQ-cleaned, TimeML): TempEval-3 style
relaxed and strict span F1, value F1 (value correct on relaxed-matched pairs; P =
correct / system, R = correct / gold) and type accuracy, per subcorpus and overall.
The document creation time is the publication date and is not scored.

    .venv/bin/python benchmarks/times.py [--limit N] [--speed] [--errors [CLASS]]

--speed also times the stage alone on PolNeAR dev (parsed once; the budget is 1 ms per
article). --errors counts the disagreements with the gold (value wrong, missed, spurious)
per expression class and lists gold against system for CLASS, or for every class. It
also counts the value errors whose reading the gold gives the same words elsewhere
(read against each document's creation date: "last week" as the week before it, W-1, or
as an unknown week of its year, Y+0-WXX), and the spurious expressions whose words the
gold tags elsewhere, in the documents read: where the gold disagrees with itself, no
rule can agree with all of it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "data" / "time" / "TBAQ-cleaned"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"


_WEEKDAY = r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# The expression classes of TempEval-3's error analysis, tried in this order on the
# words of the gold timex (or of the system one where there is no gold).
ERROR_CLASSES = (
    ("time of day", r"a\.m|p\.m|\b[ap]m\b|noon|midnight|morning|afternoon|evening|night"
                    r"|o'clock|overnight|midday"),
    ("quarter/fiscal", r"quarter|\bhalf\b|fiscal|period|year-ago|year-earlier|year ago"
                       r"|year earlier|months ended"),
    ("weekday", _WEEKDAY),
    ("ago/later", r"\b(?:ago|earlier|later|before|after)\b"),
    ("month day", _MONTH + r"\s*\d"),
    ("month", _MONTH + r"(?!\w)"),
    ("set", r"\b(?:every|each|per|daily|weekly|monthly|annually|yearly|quarterly"
            r"|a (?:day|week|month|year))\b"),
    ("vague reference", r"\b(?:now|current|currently|recent|recently|future|soon|already"
                        r"|previously|past|then|once|term|moment|time|lately)\b"),
    ("last/this/next unit", r"\b(?:last|this|next|coming|past|previous|following|that|same)\b"
                            r".*\b(?:year|month|week|day|decade|century|weekend)s?\b"),
    ("duration/anaphoric unit", r"\b(?:day|week|month|year|weekend|decade|hour|minute)s?\b"),
    ("decade/century", r"\d0'?s|century|decade"),
    ("year", r"\b\d{4}\b"),
    ("today", r"today|yesterday|tomorrow|tonight"),
)


def error_class(words: str) -> str:
    lower = words.lower()
    return next((name for name, pattern in ERROR_CLASSES if re.search(pattern, lower)), "other")


def print_errors(errors, listed: str | None, readings) -> None:
    from newsgraph.evaluation.timeml import gold_elsewhere, wording

    counts = Counter((error_class(e.words()), e.kind) for e in errors)
    found_elsewhere = [gold_elsewhere(e, readings) for e in errors]
    elsewhere = Counter(error_class(e.words()) for e, n in zip(errors, found_elsewhere) if n)
    classes = Counter(error_class(e.words()) for e in errors)
    print(f"\n{len(errors)} disagreements with the gold, by class:")
    for name, count in classes.most_common():
        kinds = "  ".join(f"{kind} {counts[name, kind]:3d}" for kind in ("value", "missed", "spurious"))
        print(f"  {name:<24} {count:4d} | {kinds} | gold elsewhere {elsewhere[name]:3d}")
    for e in errors:
        name = error_class(e.words())
        if listed in (name, "all"):
            gold = f"{e.gold.type} {e.gold.value}" if e.gold else "-"
            system = f"{e.system.type} {e.system.value}" if e.system else "-"
            print(f"{name:<24} {e.kind:<8} gold {gold:<20} system {system:<20} "
                  f"dct {e.document.published} | {e.context()}")
    values = sum(e.kind == "value" for e in errors)
    once = sum(n >= 1 for n in found_elsewhere)  # counted for value errors only
    twice = sum(n >= 2 for n in found_elsewhere)
    print(f"\n{values} value errors: in {once} the system's reading is one the gold gives "
          f"the same words elsewhere ({twice} of them two times or more)")
    spurious = [e for e in errors if e.kind == "spurious"]
    tagged = sum(wording(e.words()) in readings for e in spurious)
    print(f"{len(spurious)} spurious: in {tagged} the gold tags the same words elsewhere")


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
    parser.add_argument("--errors", nargs="?", const="", metavar="CLASS",
                        help="count the errors per class; list those of CLASS ('all': every one)")
    args = parser.parse_args()

    from newsgraph.evaluation.timeml import TimexScore, gold_readings, load_corpus, score_documents
    from newsgraph.knowledge import Knowledge
    from newsgraph.nlp import load_model
    from newsgraph.stages.times import TimeStage

    nlp, stage = load_model(), TimeStage(Knowledge())
    total, total_seconds, total_docs = TimexScore(), 0.0, 0
    errors, everything = [], []
    for corpus in ("TimeBank", "AQUAINT"):
        documents = load_corpus(TBAQ, corpus, args.limit)
        everything.extend(documents)
        score, seconds = score_documents(nlp, stage, documents, errors)
        report(corpus, score, seconds, len(documents))
        for field in vars(total):
            setattr(total, field, getattr(total, field) + getattr(score, field))
        total_seconds += seconds
        total_docs += len(documents)
    report("overall", total, total_seconds, total_docs)
    if args.errors is not None:
        print_errors(errors, args.errors or None, gold_readings(everything))
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
