"""Exports from a store, for `newsgraph export --db`: the analyses as JSONL (what
`analyze` wrote), one CSV per table, or one Parquet file per table (pyarrow, the
`parquet` extra). Every table of the store is written except the full-text indexes
(FTS5 tables and their shadow tables, which hold index blocks, not data). Files are
written atomically (temporary name, then rename)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .. import csvsafe
from ..errors import ExtraNotInstalledError
from ..output import AtomicWriter, to_jsonl
from .store import ROW_TABLES, Store

# Written first, in this order; the store's other tables follow by name.
_LEADING_TABLES = (*ROW_TABLES, "ingest_log")
_FTS_SHADOW_SUFFIXES = ("_config", "_content", "_data", "_docsize", "_idx")


def export_tables(store: Store) -> list[str]:
    """The store's tables that the CSV and Parquet exports write: all but the FTS5
    tables and their shadow tables."""
    rows = store.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%'").fetchall()
    fts = {name for name, sql in rows if sql and _is_fts(sql)}
    tables = {name for name, _ in rows if name not in fts and not any(
        name == f"{index}{suffix}" for index in fts for suffix in _FTS_SHADOW_SUFFIXES)}
    leading = [name for name in _LEADING_TABLES if name in tables]
    return leading + sorted(tables - set(leading))


def _is_fts(sql: str) -> bool:
    return sql.upper().startswith("CREATE VIRTUAL TABLE") and "USING FTS" in sql.upper()


def _arrow_types():
    import pyarrow as pa

    return {"TEXT": pa.string, "INTEGER": pa.int64, "REAL": pa.float64,
            "BLOB": pa.binary}


def export_jsonl(store: Store, path: str | Path) -> int:
    """Every stored analysis into the file at path (see write_jsonl); returns the count."""
    with AtomicWriter(path) as stream:
        return write_jsonl(store, stream)


def write_jsonl(store: Store, stream: TextIO) -> int:
    """Every stored analysis, one contract object per line, in the order stored (what
    `analyze --format jsonl` wrote); returns the count."""
    count = 0
    for analysis in store.analyses():
        stream.write(to_jsonl(analysis) + "\n")
        count += 1
    return count


def _cursor(store: Store, table: str):
    """The table's rows in insertion order, or by primary key in a WITHOUT ROWID table."""
    rowid_table = store.conn.execute(
        "SELECT NOT (sql LIKE '%WITHOUT ROWID%') FROM sqlite_master WHERE name = ?",
        (table,)).fetchone()[0]
    if rowid_table:
        order = "rowid"
    else:
        keys = sorted((row[5], row[1]) for row in
                      store.conn.execute(f'PRAGMA table_info("{table}")') if row[5])
        order = ", ".join(f'"{name}"' for _, name in keys)
    return store.conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')


def export_csv(store: Store, folder: str | Path) -> list[Path]:
    """One CSV per table of export_tables (`claims.csv`, ...): JSON arrays stay JSON
    text in their cells."""
    written = []
    for table in export_tables(store):
        path = Path(folder) / f"{table}.csv"
        cursor = _cursor(store, table)
        with AtomicWriter(path) as stream:
            writer = csvsafe.writer(stream)
            writer.writerow([d[0] for d in cursor.description])
            for row in cursor:
                writer.writerow(tuple(row))
        written.append(path)
    return written


def export_parquet(store: Store, folder: str | Path, batch_rows: int = 50_000) -> list[Path]:
    """One Parquet file per table of export_tables, written in row groups of
    batch_rows."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExtraNotInstalledError("parquet", "Parquet export") from None
    arrow_types = _arrow_types()
    written = []
    for table in export_tables(store):
        path = Path(folder) / f"{table}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        cursor = _cursor(store, table)
        names = [d[0] for d in cursor.description]
        # Types from the declared column types, not guessed from the first rows (a column
        # empty at first would otherwise be typed null).
        declared = {row[1]: row[2].upper() for row in
                    store.conn.execute(f"PRAGMA table_info({table})")}
        schema = pa.schema([(n, arrow_types.get(declared.get(n, ""), pa.string)())
                            for n in names])
        tmp = path.with_name(f".{path.name}.tmp")
        with pq.ParquetWriter(tmp, schema) as writer:
            while rows := cursor.fetchmany(batch_rows):
                writer.write_table(pa.table(
                    {n: [row[i] for row in rows] for i, n in enumerate(names)}, schema=schema))
        tmp.replace(path)
        written.append(path)
    return written
