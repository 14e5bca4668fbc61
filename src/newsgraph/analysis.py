"""The Python interface: `analyze` returns the contract's record (ids and offsets only);
`Analysis` wraps such a record and resolves it, so `claim.speaker.name`,
`claim.cue.text` and `event.actor.country` read as they sound.

    >>> analysis = Analysis.from_text(text, published="2018-12-19")
    >>> [(claim.speaker.name, claim.cue.text) for claim in analysis.claims if claim.speaker]
    >>> frames = analysis.to_frames()      # pandas DataFrames, one per item type

Nothing here imports spaCy or pandas at import time: `import newsgraph` stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .contract import schema
from .document import make_document
from .errors import AnalysisError, ContractViolation, ExtraNotInstalledError
from .pipeline import Pipeline
from .stage import CONTRACT_LISTS


@lru_cache(maxsize=2)  # one per profile at most (stage.PROFILES)
def default_pipeline(profile: str = "fast") -> Pipeline:
    """The shared pipeline of this process for a profile, built on first use."""
    return Pipeline(profile=profile)


def analyze(text: str, *, published: str | None = None, outlet: str | None = None,
            id: str = "document", title: str | None = None, url: str | None = None,
            language: str | None = None, pipeline: Pipeline | None = None) -> dict:
    """Analyse one article and return the contract's analysis object.

    Raises InputError (or a subclass) for unusable text.
    """
    document = make_document(text, id=id, title=title, url=url, outlet=outlet,
                             published=published, language=language)
    return (pipeline or default_pipeline()).analyze_document(document)


# How each field of each item type resolves: "span" ([start, end] or null), "spans"
# (a list of them), "ref" (an item id or null) and "refs" (a list of ids). Fields not
# named here are plain values and pass through unchanged. An optional list the record
# leaves out (an event's `actors`, given for compound actors only) reads as empty.
FIELD_KINDS: dict[str, dict[str, str]] = {
    "entities": {"mentions": "spans"},
    "claims": {"content": "passage", "cue": "span", "source": "span", "speaker": "ref",
               "via": "refs", "time": "ref"},
    "events": {"trigger": "span", "actor": "ref", "recipient": "ref", "place": "ref",
               "time": "ref", "claim": "ref", "actors": "refs", "recipients": "refs"},
    "quantities": {"span": "span", "of": "ref", "place": "ref", "claim": "ref"},
    "places": {"mentions": "spans", "adjectival": "spans"},
    "times": {"span": "span"},
    "links": {"from": "ref", "to": "ref"},
}


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the document's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Passage:
    """A claim's content: one or more spans (a quote split around its attribution),
    read as one text."""

    parts: tuple[Span, ...]

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def text(self) -> str:
        return " ".join(part.text for part in self.parts)


class Item:
    """One entity, claim, event, quantity, place, time or link, with its references
    resolved: an id becomes the Item it names, an offset pair a Span. `record` is the
    contract's dict. A field that is a Python keyword takes a trailing underscore
    (`link.from_`)."""

    def __init__(self, kind: str, record: dict, analysis: Analysis):
        self.kind = kind
        self.record = record
        self._analysis = analysis

    def __getattr__(self, name: str) -> Any:
        field = name[:-1] if name.endswith("_") else name
        record = self.__dict__.get("record")
        if record is not None and field not in record and \
                FIELD_KINDS[self.kind].get(field) in ("refs", "spans"):
            return ()
        if record is None or field not in record:
            raise AttributeError(f"{type(self).__name__} of {self.__dict__.get('kind')!r} "
                                 f"has no field {name!r}")
        value = record[field]
        how = FIELD_KINDS[self.kind].get(field)
        if how is None or value is None:
            return value
        resolve = self._analysis
        if how == "span":
            return resolve.span(value)
        if how == "spans":
            return tuple(resolve.span(pair) for pair in value)
        if how == "passage":
            return Passage(tuple(resolve.span(pair) for pair in value))
        if how == "ref":
            return resolve.get(value)
        return tuple(resolve.get(ref) for ref in value)

    @property
    def text(self) -> str:
        """The text the item is anchored on: a quantity's or time's span, a claim's
        content; an entity or place gives its name."""
        if "span" in self.record:
            return self.span.text
        if self.kind == "claims":
            return self.content.text
        if "name" in self.record:
            return self.record["name"]
        raise AttributeError(f"an item of {self.kind!r} has no text")

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Item) and other.kind == self.kind
                and other.record == self.record)

    def __hash__(self) -> int:
        return hash((self.kind, self.record.get("id")))

    def __repr__(self) -> str:
        words = [SINGULAR[self.kind], self.record.get("id"),
                 self.record.get("name") or self.record.get("type")]
        return f"<{' '.join(word for word in words if word)}>"


class Analysis:
    """A contract analysis record with its ids and offsets resolved. Build it from a
    record (`Analysis(newsgraph.analyze(text))`) or from text (`Analysis.from_text`)."""

    def __init__(self, record: dict):
        if "error" in record:
            error = record["error"]
            raise AnalysisError(f"{record.get('document', {}).get('id', 'document')}: "
                                f"{error.get('code')}: {error.get('message')}")
        missing = [name for name in ("document", *CONTRACT_LISTS) if name not in record]
        if missing:
            raise ContractViolation(f"not an analysis record: no {', '.join(missing)}")
        self.record = record
        self.document: dict = record["document"]
        self.text: str = self.document["text"]
        self._items = {kind: tuple(Item(kind, item, self) for item in record[kind])
                       for kind in CONTRACT_LISTS}
        self._by_id = {item.record["id"]: item for items in self._items.values()
                       for item in items if "id" in item.record}

    @classmethod
    def from_text(cls, text: str, **options: Any) -> Analysis:
        """Analyse `text` (the options of `newsgraph.analyze`) and wrap the result."""
        return cls(analyze(text, **options))

    entities = property(lambda self: self._items["entities"])
    claims = property(lambda self: self._items["claims"])
    events = property(lambda self: self._items["events"])
    quantities = property(lambda self: self._items["quantities"])
    places = property(lambda self: self._items["places"])
    times = property(lambda self: self._items["times"])
    links = property(lambda self: self._items["links"])

    def get(self, item_id: str) -> Item:
        """The item of that id (E1, C3, V2, Q1, P4, T1); KeyError for an unknown id."""
        try:
            return self._by_id[item_id]
        except KeyError:
            raise KeyError(f"no item {item_id!r} in this analysis") from None

    def span(self, pair: list[int]) -> Span:
        start, end = pair
        return Span(start, end, self.text[start:end])

    def to_frames(self) -> dict[str, Any]:
        """One pandas DataFrame per item type (the contract's list names), names and
        texts resolved. Needs the `frames` extra."""
        pandas = require_pandas()
        return {kind: pandas.DataFrame([_row(item) for item in items],
                                       columns=_columns(kind, items))
                for kind, items in self._items.items()}

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(items)} {kind}" for kind, items in self._items.items())
        return f"<Analysis {self.document['id']}: {counts}>"


# The column that names what a reference points at, by the type it points at; a link's
# ends may be of any type and give their text.
LABEL_COLUMNS = {"entities": "name", "places": "name", "times": "value", "claims": "text",
                 "events": "type", "quantities": "text"}
SINGULAR = {"entities": "entity", "claims": "claim", "events": "event",
            "quantities": "quantity", "places": "place", "times": "time", "links": "link"}


def _label(item: Item) -> str:
    column = LABEL_COLUMNS[item.kind]
    return item.text if column == "text" else item.record[column]


def _field_columns(kind: str, field: str) -> list[str]:
    how = FIELD_KINDS[kind].get(field)
    if how in ("span", "passage"):
        return [f"{field}_start", f"{field}_end", f"{field}_text"]
    if how == "ref" and kind == "links":
        return [field, f"{field}_label"]
    if how == "ref" and _ref_target(field) == "entities":  # their country joins places'
        return [field, f"{field}_name", f"{field}_country"]
    if how == "ref":
        return [field, f"{field}_{LABEL_COLUMNS[_ref_target(field)]}"]
    if how == "refs":
        return [field, f"{field}_names"]
    return [field]


def _ref_target(field: str) -> str:
    """The item type a reference field of a claim, event or quantity points at."""
    return {"place": "places", "time": "times", "claim": "claims"}.get(field, "entities")


def _columns(kind: str, items: tuple[Item, ...]) -> list[str]:
    """The contract's fields in its order, then any further field the records carry."""
    definition = schema()["$defs"][SINGULAR[kind]]
    fields = dict.fromkeys([*definition["required"], *definition.get("properties", {}),
                            *(field for item in items for field in item.record)])
    return ["document_id", *(column for field in fields for column in _field_columns(kind, field))]


def _row(item: Item) -> dict:
    row = {"document_id": item._analysis.document["id"]}
    for field, value in item.record.items():
        how = FIELD_KINDS[item.kind].get(field)
        resolved = getattr(item, field)
        if how in ("span", "passage"):
            row.update(dict(zip(_field_columns(item.kind, field),
                                (None, None, None) if resolved is None
                                else (resolved.start, resolved.end, resolved.text))))
        elif how == "ref":
            row[field] = value
            columns = _field_columns(item.kind, field)
            row[columns[1]] = None if resolved is None else _label(resolved)
            if len(columns) == 3:
                row[columns[2]] = None if resolved is None else resolved.record["country"]
        elif how == "refs":
            row[field] = list(value)
            row[f"{field}_names"] = [_label(ref) for ref in resolved]
        else:
            row[field] = value
    return row


def require_pandas():
    """pandas, or ExtraNotInstalledError naming the extra that brings it."""
    try:
        import pandas
    except ImportError:
        raise ExtraNotInstalledError("frames", "Analysis.to_frames()") from None
    return pandas
