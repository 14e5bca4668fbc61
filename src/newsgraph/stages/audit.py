"""Stages checked against what they really read and write, as spaCy's pipe analysis checks
the attributes components declare.

audit_stages() runs a pipeline's stages over real documents on a state that records
every field read and written, and every field of an earlier stage's items a stage reads
or changes, then compares that with each stage's `requires` and `assigns`:

- a read of a field the stage neither requires nor assigns;
- a write (or an in-place change) of a field, or of an item field ("claims.time"), the
  stage does not assign;
- a read of an item field another stage assigns, which the stage does not require;
- a requirement never read, or an assignment never written, on any of the documents.

For tests and for whoever writes a stage; the pipeline itself never runs it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import get_args, get_type_hints

from spacy.tokens import Doc

from ..document import Document
from ..stage import AnalysisState, Stage

# Field name -> the item class of the lists of AnalysisState ("claims" -> Claim).
ITEM_LISTS: dict[str, type] = {
    name: get_args(hint)[0]
    for name, hint in get_type_hints(AnalysisState, localns={"Doc": Doc}).items()
    if getattr(hint, "__origin__", None) is list}
STATE_FIELDS = frozenset(f.name for f in fields(AnalysisState) if not f.name.startswith("_"))
# Reading the TokenView is reading the parse it is a view of.
DERIVED = {"tokens": "doc"}


@dataclass
class Accesses:
    """What one stage did to the state: field names and "list.field" names."""

    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)


class RecordingState(AnalysisState):
    """An AnalysisState that notes each field a stage reads or assigns."""

    recording: Accesses | None = None  # what the running stage did; None between stages

    def __getattribute__(self, name: str):
        if name in STATE_FIELDS or name in DERIVED:
            recording = object.__getattribute__(self, "recording")
            if recording is not None:
                recording.reads.add(DERIVED.get(name, name))
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value) -> None:
        if name in STATE_FIELDS:
            recording = object.__getattribute__(self, "recording")
            if recording is not None:
                recording.writes.add(name)
        object.__setattr__(self, name, value)


def _recording_class(item_class: type, list_name: str, classes: dict) -> type:
    """A subclass of an item class whose instances note reads of their fields as
    "list.field" in the `recording` of the class (set while a stage runs)."""
    if item_class not in classes:
        names = frozenset(f.name for f in fields(item_class))

        def __getattribute__(self, name):
            if name in names:
                recording = type(self).recording
                if recording is not None:
                    recording.reads.add(f"{list_name}.{name}")
            return object.__getattribute__(self, name)

        classes[item_class] = type(f"Recording{item_class.__name__}", (item_class,),
                                   {"__getattribute__": __getattribute__, "recording": None})
    return classes[item_class]


@contextmanager
def _unrecorded(state: RecordingState):
    """The audit's own reads of the state, not counted as the stage's."""
    recording, state.recording = state.recording, None
    try:
        yield state
    finally:
        state.recording = recording


def _snapshot(state: RecordingState) -> dict:
    """What a stage may change in place: copies of the fields that are not item lists,
    the items of each list by identity, and copies of each item's fields."""
    with _unrecorded(state):
        return {
            "values": {name: copy.deepcopy(getattr(state, name)) for name in STATE_FIELDS
                       if name not in ITEM_LISTS and name not in ("document", "doc")},
            "lists": {name: [id(item) for item in getattr(state, name)]
                      for name in ITEM_LISTS},
            "items": {id(item): (name, copy.deepcopy(vars(item)))
                      for name in ITEM_LISTS for item in getattr(state, name)},
        }


def _changes(state: RecordingState, before: dict, old_items: list) -> set[str]:
    """The fields and item fields changed since the snapshot, in place or not (a stage
    that assigns a list may rebuild it; one that does not may still edit its items)."""
    with _unrecorded(state):
        changed = {name for name, old in before["values"].items()
                   if getattr(state, name) != old}
        changed |= {name for name, ids in before["lists"].items()
                    if [id(item) for item in getattr(state, name)] != ids}
    for item in old_items:
        list_name, old_fields = before["items"][id(item)]
        changed |= {f"{list_name}.{key}" for key, old in old_fields.items()
                    if vars(item)[key] != old}
    return changed


def run_recorded(stages: list[Stage], document: Document,
                 doc: Doc) -> tuple[RecordingState, dict[str, Accesses]]:
    """The stages over one parsed document: the state they leave (its items of their own
    classes again) and what each stage read and wrote."""
    state = RecordingState(document=document, doc=doc)
    classes: dict[type, type] = {}
    found = {}
    for stage in stages:
        stage.prepare()
        recording = Accesses()
        before = _snapshot(state)
        old_items = []
        for name, item_class in ITEM_LISTS.items():
            recorder = _recording_class(item_class, name, classes)
            for item in getattr(state, name):
                item.__class__ = recorder
                old_items.append(item)
        for recorder in classes.values():
            recorder.recording = recording
        state.recording = recording
        try:
            stage(state)
        finally:
            state.recording = None
            for recorder in classes.values():
                recorder.recording = None
            for item in old_items:
                item.__class__ = type(item).__mro__[1]
        recording.writes |= _changes(state, before, old_items)
        found[stage.name] = recording
    return state, found


def undeclared_accesses(stages: list[Stage], accesses: Iterable[dict[str, Accesses]]
                        ) -> list[str]:
    """What the stages did against what they declare, over the runs of several
    documents: one line per fault, sorted."""
    item_fields_assigned = {name for stage in stages for name in stage.assigns if "." in name}
    problems = set()
    seen = {stage.name: Accesses() for stage in stages}
    for run in accesses:
        for stage in stages:
            done = run[stage.name]
            seen[stage.name].reads |= done.reads
            seen[stage.name].writes |= done.writes
            declared = set(stage.requires) | set(stage.assigns)
            for name in sorted(done.reads):
                if "." not in name and name not in declared:
                    problems.add(f"{stage.name}: reads {name}, which it does not require")
                elif name in item_fields_assigned and name not in declared:
                    problems.add(f"{stage.name}: reads {name}, which another stage assigns "
                                 "and it does not require")
            for name in sorted(done.writes - set(stage.assigns)):
                problems.add(f"{stage.name}: writes {name}, which it does not assign")
    for stage in stages:
        for name in stage.requires:
            if name not in seen[stage.name].reads:
                problems.add(f"{stage.name}: requires {name} but never reads it")
        for name in stage.assigns:
            if name not in seen[stage.name].writes:
                problems.add(f"{stage.name}: assigns {name} but never writes it")
    return sorted(problems)


def audit_stages(pipeline, documents: Iterable[Document]) -> list[str]:
    """Run `pipeline`'s stages over the documents, recording; the faults found (empty
    when every stage's declarations are true on these documents)."""
    documents = list(documents)
    runs = [run_recorded(pipeline.stages, document, doc)[1]
            for document, doc in zip(documents, pipeline.nlp.pipe(d.text for d in documents))]
    return undeclared_accesses(pipeline.stages, runs)
