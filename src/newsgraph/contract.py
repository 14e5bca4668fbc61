"""The analysis contract: its JSON Schema, validation and the checks a schema cannot say."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .errors import ContractViolation


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of one output line (analysis or error record); read once."""
    return json.loads(resources.files("newsgraph").joinpath("schema/analysis.schema.json")
                      .read_text(encoding="utf-8"))


@lru_cache(maxsize=3)
def _validator(kind: str):
    """A validator for one branch of the schema, so messages name the real fault
    instead of 'not valid under any of the given schemas'."""
    from jsonschema import Draft202012Validator

    full = schema()
    return Draft202012Validator({"$schema": full["$schema"], "$defs": full["$defs"],
                                 "$ref": f"#/$defs/{kind}"})


def violations(record: dict) -> list[str]:
    """Every way the record breaks the contract; empty when it keeps it."""
    if not isinstance(record, dict):
        return ["(root): a record must be a JSON object"]
    kind = "error_record" if "error" in record else "analysis"
    problems = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in _validator(kind).iter_errors(record)]
    if problems or "error" in record:
        return problems
    text = record["document"]["text"]
    ids = set()
    for name in ("entities", "claims", "events", "quantities", "places", "times"):
        for item in record[name]:
            if item["id"] in ids:
                problems.append(f"{name}: duplicate id {item['id']}")
            ids.add(item["id"])
            for span in _spans_of(item):
                start, end = span
                if not 0 <= start < end <= len(text):
                    problems.append(f"{name}/{item['id']}: span {span} outside the text")
    for name, fields in _REFERENCES.items():
        for item in record[name]:
            for field in fields:
                values = item.get(field)
                for value in values if isinstance(values, list) else [values]:
                    if value is not None and value not in ids:
                        problems.append(f"{name}/{item['id']}: {field} {value} is not an item")
    for link in record["links"]:
        for end in (link["from"], link["to"]):
            if end not in ids:
                problems.append(f"links: {end} is not an item of this analysis")
    return problems


# Fields that hold the id of another item of the same analysis.
_REFERENCES = {
    "claims": ("speaker", "via", "time"),
    "events": ("actor", "recipient", "actors", "recipients", "place", "time", "claim"),
    "quantities": ("of", "place", "claim"),
}


def _spans_of(item: dict):
    for key in ("mentions", "content"):
        yield from item.get(key) or []
    for key in ("span", "cue", "source", "trigger"):
        if item.get(key):
            yield item[key]


def document_violations(document: dict) -> list[str]:
    """Every way one document object (an analysis's `document`) breaks the contract."""
    return [f"document/{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in _validator("document").iter_errors(document)]


def validate(record: dict) -> None:
    problems = violations(record)
    if problems:
        raise ContractViolation("; ".join(problems[:10]))
