"""Train the event re-typer (src/newsgraph/models/event_typer.npz) on the NGEC synthetic
stories' four training fifths; the held-aside fifth (benchmarks/events.py) is never read.

    PYTHONPATH=src .venv/bin/python tools/train_event_typer.py [--rows rows.json]

Each story is labelled with the PLOVER type of its headline event. The story's decisive
event is the one benchmarks/events.py reads its type from (the first event of the lead
sentence, else the first event): that event's features (stages/events/candidate_features.py)
and the story's label are one training row. Stories where the rules find no event give
no row (the re-typer only re-types what the rules found) but count as misses when scored.

The L2 weight, the override margin (how much more probable than the rules' type the
model's must be) and the confidence (how probable it must be) are chosen by 4-fold
cross-validation within the four fifths, by story micro F1 as the benchmark computes it,
among the settings whose model (fitted on all four fifths) re-types at most MAX_BROKEN of
the PLOVER manual's example sentences and the project's sentences for the codebook's
definitions (src/newsgraph/evaluation/plover_definitions.tsv) against the manual: where
the synthetic labels and the manual disagree, the manual wins.
Deterministic: folds by story id, full-batch gradient descent from zero weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
NGEC = (ROOT.parent / "shared" / "data" / "events" / "ngec"
        / "gpt_synthetic_events_2023-10-19_19.csv.zip")
FOLDS = 4
L2_GRID = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
MARGIN_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
# Below 0.4 the model re-types cases the PLOVER manual settles in its definitions
# (rescued hostages AID -> RETREAT, a ceasefire observed RETREAT -> CONCEDE): 4-fold F1 0.470
# at 0.3, 0.467 at 0.4; held-out gold is coded by the manual, not by the synthetic labels.
CONFIDENCE_GRID = (0.4, 0.5, 0.6, 0.7)
# How many of the ~80 manual and definition sentences the chosen setting may re-type
# against the manual. On the training fifths (4-fold): none 0.440, one 0.457, unbounded
# 0.470 with 9 re-typed (rescued hostages AID -> RETREAT, bombed ASSAULT -> CONCEDE, spoke
# by phone CONSULT -> THREATEN): those are the synthetic labels' habits, which held-out
# gold coded by the manual does not share.
MAX_BROKEN = 1
MIN_COUNT = 2  # a feature seen in one story only says nothing general (4-fold, at most one
# sentence re-typed against the manual: 0.457 at 2, 0.456 at 5, 0.452 at 10)
STEPS = 300
BALANCED = False  # 4-fold: 0.483 unweighted, 0.476 with square-root balanced weights


@dataclass(frozen=True)
class Row:
    story: str  # story id (SHA-1 of the text)
    label: str  # the story's PLOVER type
    rule: str | None  # the rules' type of its decisive event; None: no event found
    features: dict[str, float]


def decisive(candidates, text: str):
    """The candidate benchmarks/events.py reads the story's type from."""
    from newsgraph.evaluation.events import lead_end

    end = lead_end(text)
    lead = [c for c in candidates if c.event.trigger[0] < end]
    return (lead or candidates)[0] if candidates else None


def story_rows(stories, batch_size: int = 32) -> list[Row]:
    """Parse each story, run the stages before events and the event rules (no model)."""
    from newsgraph import Pipeline, make_document

    pipeline = Pipeline()
    stage = next(s for s in pipeline.stages if s.name == "events")
    stage.load_rules()
    rows = []
    texts = (s.text for s in stories)
    for story, doc in zip(stories, pipeline.nlp.pipe(texts, batch_size=batch_size)):
        state = pipeline.run_stages(make_document(story.text, id=story.id), doc,
                                    until="events")
        rows.append(row_of(story, stage.candidates(state)))
    return rows


def row_of(story, candidates) -> Row:
    chosen = decisive(candidates, story.text)
    if chosen is None:
        return Row(story.id, story.label, None, {})
    return Row(story.id, story.label, chosen.event.type, chosen.features)


MANUAL = ROOT.parent / "shared" / "data" / "events" / "plover" / "PLOVER_MANUAL.tex"


def manual_rows() -> list[tuple[tuple[str, ...], list[Row]]]:
    """The PLOVER manual's example sentences and DEFINITIONS: the accepted types and a row per
    lead-sentence event the rules found (the events the re-typer may re-type)."""
    from newsgraph import Pipeline, make_document
    from newsgraph.evaluation.events import definition_sentences, manual_sentences

    pipeline = Pipeline()
    stage = next(s for s in pipeline.stages if s.name == "events")
    stage.load_rules()
    found = []
    sentences = [(example.types, text) for example, text in manual_sentences(MANUAL)
                 if example.types != ("*",)] + list(DEFINITIONS) + [
        ((d.type,), d.text) for d in definition_sentences()]
    for types, text in sentences:
        state = pipeline.run_stages(make_document(text, id="manual"), pipeline.nlp(text),
                                    until="events")
        rows = [Row("manual", "", c.event.type, c.features) for c in stage.candidates(state)
                if c.sentence == 0]
        found.append((types, rows))
    return found


# Sentences written by the project to illustrate the PLOVER manual's definitions where the
# synthetic labels draw the line elsewhere: rescues and freed victims are AID, a ceasefire
# observed is RETREAT (the manual's own examples are read from the .tex).
DEFINITIONS = (
    (("AID",), "Soldiers rescued eight hostages near the border."),
    (("AID",), "Police freed 12 trafficking victims during a raid."),
    (("RETREAT",), "The fighters stopped fighting after the talks."),
)


def broken_examples(model, examples, margin: float, confidence: float) -> int:
    """How many manual examples the rules type as the manual does that the re-typer types
    otherwise: the manual's boundaries outrank the synthetic stories' labels. The run time
    re-types a sentence's first event only, and so does this check."""
    broken = 0
    for types, rows in examples:
        if not rows or rows[0].rule not in types:
            continue
        chosen = model.choose([rows[0].features], [rows[0].rule], margin, confidence)
        broken += chosen[0] not in types
    return broken


def fit(rows: list[Row], l2: float, margin: float, confidence: float = 0.0):
    """An EventRetyper fitted on the rows that have an event."""
    from newsgraph.stages.events.retyper import EventRetyper
    from newsgraph.stories.logistic import SparseRows, fit as fit_logistic

    rows = [r for r in rows if r.rule is not None]
    counts = Counter(name for r in rows for name in r.features)
    vocabulary = sorted(name for name, n in counts.items() if n >= MIN_COUNT)
    labels = sorted({r.label for r in rows})
    columns = {name: i for i, name in enumerate(vocabulary)}
    x = SparseRows.from_dicts([r.features for r in rows], columns)
    y = np.array([labels.index(r.label) for r in rows])
    freq = np.bincount(y, minlength=len(labels)).astype(float)
    # Square-root balanced class weights: NGEC's stories are 18% CONCEDE and 2% AID, far
    # from what news reports; the rare types' evidence must not drown.
    class_weight = np.sqrt(freq.sum() / (len(labels) * np.maximum(freq, 1))) \
        if BALANCED else None
    weights = fit_logistic(x, y, len(labels), l2=l2, steps=STEPS, class_weight=class_weight)
    return EventRetyper(vocabulary, labels, weights, margin, confidence)


def micro_f1(rows: list[Row], predicted: list[str | None]) -> float:
    """Story micro F1 as benchmarks/events.py computes it: no event is no prediction."""
    from newsgraph.evaluation.events import NONE, prf

    return prf([r.label for r in rows], [p or NONE for p in predicted])["micro"]["f1"]


def predictions(model, rows: list[Row], margin: float,
                confidence: float = 0.0) -> list[str | None]:
    typed = [r for r in rows if r.rule is not None]
    chosen = iter(model.choose([r.features for r in typed], [r.rule for r in typed], margin,
                               confidence))
    return [next(chosen) if r.rule is not None else None for r in rows]


def fold_of(row: Row) -> int:
    return int(row.story[8:16], 16) % FOLDS  # independent of the held-aside digits


def cross_validate(rows: list[Row]) -> dict[tuple[float, float, float], float]:
    """Micro F1 over all held-out folds for each (l2, margin, confidence)."""
    scores = {}
    settings = [(m, c) for m in MARGIN_GRID for c in CONFIDENCE_GRID]
    for l2 in L2_GRID:
        by_setting: dict[tuple[float, float], dict[str, str | None]] = {s: {} for s in settings}
        for fold in range(FOLDS):
            train = [r for r in rows if fold_of(r) != fold]
            test = [r for r in rows if fold_of(r) == fold]
            model = fit(train, l2, 0.0)
            for margin, confidence in settings:
                by_setting[(margin, confidence)].update(zip(
                    (r.story for r in test), predictions(model, test, margin, confidence)))
        for (margin, confidence), predicted in by_setting.items():
            scores[(l2, margin, confidence)] = micro_f1(rows, [predicted[r.story] for r in rows])
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path,
                        help="read the training rows from this JSON file if it exists, "
                             "else write them there (parsing 3,600 stories takes minutes)")
    parser.add_argument("--out", type=Path, default=None, help="model file to write")
    args = parser.parse_args()
    from newsgraph.evaluation.events import held_aside, load_ngec
    from newsgraph.stages.events.retyper import MODEL_PATH

    if args.rows and args.rows.is_file():
        rows = [Row(**r) for r in json.loads(args.rows.read_text(encoding="utf-8"))]
    else:
        started = time.perf_counter()
        stories = [s for s in load_ngec(NGEC) if not held_aside(s)]
        rows = story_rows(stories)
        print(f"{len(rows)} training stories parsed in {time.perf_counter() - started:.0f} s")
        if args.rows:
            args.rows.write_text(json.dumps([r.__dict__ for r in rows]), encoding="utf-8")
    rules = micro_f1(rows, [r.rule for r in rows])
    scores = cross_validate(rows)
    print(f"rules alone: micro F1 {rules:.3f} on the four training fifths")
    for (l2, margin, confidence), score in sorted(scores.items()):
        print(f"  l2 {l2:g} margin {margin:.2f} confidence {confidence:.1f}: "
              f"{FOLDS}-fold micro F1 {score:.3f}")
    # The best setting whose model, fitted on all four fifths, re-types at most MAX_BROKEN
    # of the PLOVER manual's examples and the project's sentences for its definitions
    # against them (else the fewest); among equals the larger confidence, margin and L2
    # (closer to the rules).
    examples = manual_rows()
    fitted = {l2: fit(rows, l2, 0.0) for l2 in L2_GRID}
    broken = {key: broken_examples(fitted[key[0]], examples, key[1], key[2]) for key in scores}
    l2, margin, confidence = min(scores, key=lambda k: (max(broken[k], MAX_BROKEN),
                                                        -scores[k], -k[2], -k[1], -k[0]))
    best = scores[(l2, margin, confidence)]
    print(f"  settings that keep every example: {sum(1 for b in broken.values() if not b)}"
          f" of {len(broken)}")
    model = fitted[l2]
    model.margin, model.confidence = margin, confidence
    print(f"chosen: l2 {l2:g}, margin {margin:.2f}, confidence {confidence:.1f} ({best:.3f}, "
          f"{broken[(l2, margin, confidence)]} examples re-typed against the manual)")
    out = args.out or MODEL_PATH
    model.save(out)
    print(f"{out}: {len(model.vocabulary)} features x {len(model.labels)} types, "
          f"{out.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
