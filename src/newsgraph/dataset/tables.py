"""The dataset's tables are the store's: the same names, columns and cell values (JSON as
text, booleans as 0/1), read from the schema the store's own migrations create, plus one
column, `rowid`, that orders rows as the store's rowids do (run, shard, row in shard), so
the list specifications' orders mean the same on both.

Rows are partitioned by the publication month of their document (`month=YYYY-MM`, and
`month=unknown` for documents without a readable date)."""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

from ..store.migrations import migrate

# Written by the workers for each shard; the cross-article tables come from `stories build`.
SHARD_TABLES = ("documents", "entities", "claims", "events", "quantities", "places",
                "times", "links", "mentions", "ingest_log")
UNKNOWN_MONTH = "unknown"
STORE_BOOKKEEPING = ("corpus_runs", "derived_versions", "store_settings")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})")
# rowid = run << RUN_SHIFT | shard << SHARD_SHIFT | row: a million rows a shard's table,
# a million shards a run (a shard holds tens of documents; the row count is checked).
SHARD_SHIFT = 20
RUN_SHIFT = 40
ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64", "BLOB": "binary"}
# Columns only the dataset has, computed as its rows are written so that DuckDB reads a
# value instead of a join a row: an event's day (newsgraph.store.query.ITEM_DAY: the date
# its time names, else its article's publication date), which `--since/--until` bound;
# and for each reference the lists filter by name (the speaker, an event's actor, ...)
# the referenced item's name and row id (`speaker_name`, `speaker_rowid`), which a name
# filter and its order read.
REFERENCES = {"claims": {"speaker": "entities"},
              "events": {"actor": "entities", "recipient": "entities", "place": "places"},
              "quantities": {"of": "entities", "place": "places"}}
DATASET_COLUMNS = {table: (*((("day", "TEXT"),) if table == "events" else ()),
                           *((f"{column}_{part}", kind) for column in references
                             for part, kind in (("name", "TEXT"), ("rowid", "INTEGER"))))
                   for table, references in REFERENCES.items()}
DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@lru_cache(maxsize=1)
def store_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Table -> ((column, declared type), ...) of a fresh store, every table but the
    full-text indexes and the store's bookkeeping (its runs, its writers' versions, its
    settings: a dataset is written by the fast profile only)."""
    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn)
        names = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL%' AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%'")]
        return {name: tuple((row[1], (row[2] or "TEXT").upper()) for row in
                            conn.execute(f'PRAGMA table_info("{name}")'))
                for name in sorted(names) if name not in STORE_BOOKKEEPING}
    finally:
        conn.close()


def arrow_schema(table: str):
    import pyarrow as pa

    columns = [*store_columns()[table], *DATASET_COLUMNS.get(table, ())]
    return pa.schema([(name, getattr(pa, ARROW_TYPES.get(kind, "string"))())
                      for name, kind in columns] + [("rowid", pa.int64())])


def add_references(rows: dict[str, list[dict]]) -> None:
    """Each reference of one document's item rows (REFERENCES) with the name and row id
    of the item it names (rows with their `rowid` already)."""
    for table, references in REFERENCES.items():
        for column, target in references.items():
            named = {row["id"]: row for row in rows.get(target, ())}
            for row in rows.get(table, ()):
                found = named.get(row.get(column))
                row[f"{column}_name"] = found["name"] if found else None
                row[f"{column}_rowid"] = found["rowid"] if found else None


def add_event_days(rows: dict[str, list[dict]], published: str | None) -> None:
    """Each event row of one document with its `day`, as ITEM_DAY computes it (GLOB's
    [0-9] is ASCII digits, as this pattern's)."""
    values = {row["id"]: row["value"] for row in rows.get("times", ())}
    for event in rows.get("events", ()):
        value = values.get(event.get("time")) or ""
        event["day"] = value[:10] if DAY_RE.match(value) else published


def month_of(published: str | None) -> str:
    match = MONTH_RE.match(published or "")
    return f"{match[1]}-{match[2]}" if match else UNKNOWN_MONTH


def rowid(run_seq: int, shard: int, row: int) -> int:
    if row >= 1 << SHARD_SHIFT or shard >= 1 << (RUN_SHIFT - SHARD_SHIFT):
        raise ValueError(f"shard {shard} row {row} past the dataset's row numbering")
    return (run_seq << RUN_SHIFT) | (shard << SHARD_SHIFT) | row


def to_arrow(table: str, rows: list[dict]):
    """Rows (dicts by column name; missing columns are null) as an Arrow table of the
    store's columns."""
    import pyarrow as pa

    schema = arrow_schema(table)
    return pa.table({field.name: [row.get(field.name) for row in rows] for field in schema},
                    schema=schema)
