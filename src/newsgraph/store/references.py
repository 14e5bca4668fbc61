"""Item references as declared foreign keys.

The contract's references (`claims.speaker`, `events.actor`, ...) hold an item id within
the same document ("E4"), so joining them takes two columns (`document`, `id`), which
SQLite's foreign keys, Datasette and most tools that read a schema cannot follow. Each
reference therefore also gets a `<field>_key` column holding the referenced item's store
key (`<document hash>/<id>`, the target's primary key) with a declared foreign key:
`PRAGMA foreign_key_list` lists it, and Datasette links a claim to its speaker's entity
row (and shows the entity's name in its place).

The keys are DEFERRABLE INITIALLY DEFERRED, checked when the document's transaction
commits. The store nonetheless writes a document's tables referenced first (`referenced_first`:
entities, places and times before the claims and events that point at them): while a
reference points at a row not yet written, SQLite counts a pending violation, and with
one pending, each row inserted into a referenced table makes it scan the referring
tables (whose key columns have no index) for references the row resolves, a cost that
grew with the store (at 1,100 stored articles, ~295 ms of an article's ~345 ms add).
A reference to an id the analysis does not hold gets no key (NULL), so a damaged
analysis never fails the transaction that stores it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from .columns import quote
from .ids import item_key

# (table, contract field, referenced table): single-valued references to another item of
# the same document. Lists (`via`, `actors`) and links' `from`/`to` (any item table) are
# left out: a foreign key names one column of one table.
REFERENCES = (
    ("claims", "speaker", "entities"),
    ("claims", "time", "times"),
    ("events", "actor", "entities"),
    ("events", "recipient", "entities"),
    ("events", "place", "places"),
    ("events", "time", "times"),
    ("events", "claim", "claims"),
    ("quantities", "of", "entities"),
    ("quantities", "place", "places"),
    ("quantities", "claim", "claims"),
)


def referenced_first(tables: Iterable[str]) -> list[str]:
    """`tables` in the order they are given, but each after the tables its references
    point at (REFERENCES has no cycle)."""
    tables = list(tables)
    targets: dict[str, list[str]] = {}
    for table, _, target in REFERENCES:
        targets.setdefault(table, []).append(target)
    ordered: list[str] = []

    def place(table: str) -> None:
        if table in ordered:
            return
        for target in targets.get(table, ()):
            if target in tables:
                place(target)
        ordered.append(table)

    for table in tables:
        place(table)
    return ordered


def key_column(field: str) -> str:
    return f"{field}_key"


def column_sql(field: str, target: str) -> str:
    """The column's definition, as CREATE TABLE and ALTER TABLE ADD COLUMN take it."""
    return (f"{quote(key_column(field))} TEXT REFERENCES {target}(key) "
            "DEFERRABLE INITIALLY DEFERRED")


def add_key_cells(tables: dict[str, list[dict]], analysis: dict, doc_hash: str) -> None:
    """Fill the `<field>_key` cells of one analysis's rows (in place)."""
    ids = {table: {item.get("id") for item in analysis.get(table) or []}
           for table in {target for _, _, target in REFERENCES}}
    for table, field, target in REFERENCES:
        for row in tables.get(table, []):
            value = row.get(field)
            known = isinstance(value, str) and value in ids[target]
            row[key_column(field)] = item_key(doc_hash, value) if known else None


def add_key_columns(conn: sqlite3.Connection, present: dict[str, set[str]]) -> None:
    """Add the key columns a store lacks and fill them from the stored references
    (`present`: each table's columns now)."""
    for table, field, target in REFERENCES:
        column = key_column(field)
        if column in present[table] or field not in present[table]:
            continue
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column_sql(field, target)}")
        conn.execute(
            f"UPDATE {table} SET {quote(column)} = document || '/' || {quote(field)} "
            f"WHERE {quote(field)} IS NOT NULL AND EXISTS (SELECT 1 FROM {target} t "
            f"WHERE t.key = {table}.document || '/' || {table}.{quote(field)})")
