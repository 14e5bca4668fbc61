"""The stories job's merged rows written out as they become final, so that the merge's
memory is bounded by the stories still open, not by the dataset (a million documents
make tens of millions of rows).

A row is final once no later window can change it: the rows of a story no article of a
later window can reach any more (windows.Merge flushes them after each window), and the
rows nothing changes after they are merged (an entity's actor, a contradiction). Each
table's rows keep their merged order and get their row ids as they are written; the
story terms, which the store keeps in key order, are sorted by DuckDB at the end (out
of core).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .tables import arrow_schema, to_arrow

SORTED = {"story_terms": ("term", "story")}  # table -> its key, in the store's order
BATCH_ROWS = 65536


class Spill:
    """Rows of the merged tables in files of a local folder (the job's scratch)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.written: Counter = Counter()
        self._writers: dict = {}

    def write(self, table: str, rows: list[dict]) -> None:
        """Final rows, in merged order (a sorted table's in any order)."""
        if not rows:
            return
        import pyarrow.parquet as pq

        if table not in SORTED:
            for number, row in enumerate(rows, self.written[table] + 1):
                row["rowid"] = number
        self.written[table] += len(rows)
        writer = self._writers.get(table)
        if writer is None:
            writer = self._writers[table] = pq.ParquetWriter(
                self.folder / f"{table}.parquet", arrow_schema(table), compression="zstd")
        writer.write_table(to_arrow(table, rows))

    def batches(self, table: str, rest: list[dict]) -> Iterator:
        """The table's record batches in their final order: the rows written, then `rest`
        (the rows still held); a sorted table's all sorted, numbered in that order."""
        import pyarrow.parquet as pq

        self.write(table, rest)
        writer = self._writers.pop(table, None)
        if writer is None:
            return
        writer.close()
        path = self.folder / f"{table}.parquet"
        if table not in SORTED:
            yield from pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS)
            return
        yield from _sorted(path, table, SORTED[table], self.folder)

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()


def _sorted(path: Path, table: str, key: tuple[str, ...], scratch: Path) -> Iterator:
    """The file's rows sorted by `key` (DuckDB, spilling to `scratch` past its memory
    limit), each numbered by its place in that order."""
    import duckdb

    schema = arrow_schema(table)
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = true")
        con.execute("SET memory_limit = '2GB'")
        con.execute(f"SET temp_directory = '{_quoted(str(scratch / 'sort'))}'")
        order = ", ".join(f'"{k}"' for k in key)
        columns = ", ".join(f'"{n}"' for n in schema.names if n != "rowid")
        reader = con.sql(
            f"SELECT {columns}, row_number() OVER (ORDER BY {order}) AS rowid FROM "
            f"read_parquet('{_quoted(str(path))}') ORDER BY {order}").to_arrow_reader(
                BATCH_ROWS)
        for batch in reader:
            yield batch.cast(schema)
    finally:
        con.close()


def _quoted(text: str) -> str:
    return text.replace("'", "''")
