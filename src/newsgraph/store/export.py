"""Exports from a store, for `newsgraph export --db`: the analyses as JSONL (what
`analyze` wrote), one CSV per table, or one Parquet file per table (pyarrow, the
`parquet` extra). Files are written atomically (temporary name, then rename)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .. import csvsafe
from ..errors import ExtraNotInstalledError
from ..output import AtomicWriter, to_jsonl
from .store import ROW_TABLES, Store

EXPORT_TABLES = (*ROW_TABLES, "ingest_log")


def _arrow_types():
    import pyarrow as pa

    return {"TEXT": pa.string, "INTEGER": pa.int64, "REAL": pa.float64}


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
    return store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")


def export_csv(store: Store, folder: str | Path) -> list[Path]:
    """One CSV per table (`claims.csv`, ...): JSON arrays stay JSON text in their cells."""
    written = []
    for table in EXPORT_TABLES:
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
    """One Parquet file per table, written in row groups of batch_rows."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExtraNotInstalledError("parquet", "Parquet export") from None
    arrow_types = _arrow_types()
    written = []
    for table in EXPORT_TABLES:
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
