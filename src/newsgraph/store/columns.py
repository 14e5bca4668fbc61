"""The store's columns, derived from the contract's JSON Schema.

One table per contract list, one column per field of the item, so a field another stage
adds to the contract (the schema only grows) becomes a column without code here. Values
are stored as Datasette and DuckDB read them best: text, integers, reals, 0/1 booleans,
and JSON arrays (as text) for spans and multi-valued fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..contract import schema

# Contract list -> the schema definition of its items, in the contract's order.
ITEM_TABLES = {"entities": "entity", "claims": "claim", "events": "event",
               "quantities": "quantity", "places": "place", "times": "time", "links": "link"}
# Fields whose spans are words too many to copy as text (every mention of an actor).
NO_TEXT_COPY = ("mentions",)
SPAN_JOINER = " ... "

SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "bool": "INTEGER",
             "json": "TEXT", "span": "TEXT", "spans": "TEXT"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, integer, real, bool, json, span, spans
    required: bool = True  # an optional field an analysis lacks is stored as NULL

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]

    @cached_property  # read for every cell the writer stores
    def text_copy(self) -> str | None:
        """The derived column holding the words of a span field (for search and reading)."""
        if self.kind in ("span", "spans") and self.name not in NO_TEXT_COPY:
            return f"{self.name}_text"
        return None


def kind_of(prop: dict) -> str:
    """The storage kind of one schema property."""
    ref = prop.get("$ref")
    if ref is not None:
        return {"#/$defs/span": "span", "#/$defs/spans": "spans"}.get(ref, "json")
    for option in prop.get("oneOf", []) + prop.get("anyOf", []):
        if option.get("$ref") == "#/$defs/span":
            return "span"
    if "enum" in prop or "const" in prop:
        return "text"
    types = prop.get("type", "string")
    types = [types] if isinstance(types, str) else [t for t in types if t != "null"]
    first = types[0] if types else "string"
    return {"string": "text", "integer": "integer", "number": "real", "boolean": "bool",
            "array": "json", "object": "json"}.get(first, "json")


@lru_cache(maxsize=None)
def columns_of(definition: str) -> tuple[Column, ...]:
    """The contract fields of one schema definition ('claim', 'document', ...), in order."""
    definition_schema = schema()["$defs"][definition]
    props = definition_schema.get("properties", {})
    required = set(definition_schema.get("required", props))
    return tuple(Column(name, kind_of(prop), name in required) for name, prop in props.items())


def item_columns(table: str) -> tuple[Column, ...]:
    return columns_of(ITEM_TABLES[table])


def document_columns() -> tuple[Column, ...]:
    return columns_of("document")


def quote(name: str) -> str:
    """An identifier for SQL: contract fields include keywords (from, to)."""
    return '"' + name.replace('"', '""') + '"'
