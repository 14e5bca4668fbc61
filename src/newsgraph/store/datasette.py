"""Datasette metadata for a store: titles, descriptions of every table, view and column,
facets, label columns (what a foreign key shows in place of a key) and default sorts.

The package ships it for a store named `newsgraph.db` (`schema/datasette.metadata.json`,
`datasette newsgraph.db -m metadata.json`); `metadata_for` writes it for a store of any
name and describes every column the store holds, contract fields added later included.
Datasette reads the links themselves from the schema's foreign keys (references.py).
"""

from __future__ import annotations

import copy
import json
import sqlite3
from importlib import resources

from ..contract import schema
from .columns import ITEM_TABLES, quote
from .references import REFERENCES, key_column

SHIPPED_NAME = "newsgraph"  # the database name the shipped file describes (newsgraph.db)

# Columns every item table has, described once.
COMMON_COLUMNS = {
    "key": "the item's store key: document hash / item id; the primary key",
    "document": "the article (documents.hash)",
    "position": "the item's order in the analysis",
    "id": "the item's id in its analysis (E1, C1, V1, Q1, P1, T1; L1 for links)",
    "extra": "item fields outside the contract (JSON)",
}


def shipped_metadata() -> dict:
    """The metadata shipped with the package, for a store named newsgraph.db."""
    text = resources.files("newsgraph.schema").joinpath("datasette.metadata.json").read_text(
        encoding="utf-8")
    return json.loads(text)


def _described_tables(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """(name, columns) of the store's tables and views, full-text indexes left out (Datasette
    hides them and offers search on their tables)."""
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE '%\\_fts%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY type, name")]
    return [(name, [row[1] for row in conn.execute(f"PRAGMA table_info({quote(name)})")])
            for name in names]


def _contract_descriptions() -> dict[str, dict[str, str]]:
    """table -> column -> the contract schema's own description, where it has one."""
    definitions = schema()["$defs"]
    tables = {"documents": "document", **ITEM_TABLES}
    return {table: {name: prop["description"]
                    for name, prop in definitions[definition].get("properties", {}).items()
                    if "description" in prop}
            for table, definition in tables.items()}


def _generic_description(table: str, column: str, contract: dict[str, dict[str, str]]) -> str:
    """A description for a column the shipped file does not name."""
    keys = {key_column(field): (field, target) for t, field, target in REFERENCES if t == table}
    if column in keys:
        field, target = keys[column]
        return f"the {target} row `{field}` refers to ({target}.key, a declared foreign key)"
    if column in contract.get(table, {}):
        return contract[table][column]
    if column.endswith("_text"):
        return f"the words of `{column[:-5]}`"
    if table in ITEM_TABLES or table == "documents":
        return f"the contract's `{column}` field (docs/CONTRACT.md)"
    return COMMON_COLUMNS.get(column, "")


def metadata_for(conn: sqlite3.Connection, database: str) -> dict:
    """The Datasette metadata for the store open on `conn`, served as `database` (the
    file's name without `.db`): every table and view it holds, every column described."""
    shipped = shipped_metadata()
    described = shipped["databases"][SHIPPED_NAME]["tables"]
    contract = _contract_descriptions()
    tables = {}
    for name, columns in _described_tables(conn):
        entry = copy.deepcopy(described.get(name, {"title": name, "description": ""}))
        explicit = entry.get("columns", {})
        entry["columns"] = {
            column: explicit.get(column) or (COMMON_COLUMNS.get(column)
                                             if name in ITEM_TABLES else None)
            or _generic_description(name, column, contract)
            for column in columns}
        tables[name] = entry
    metadata = {key: value for key, value in shipped.items() if key != "databases"}
    metadata["databases"] = {database: {"tables": tables}}
    return metadata
