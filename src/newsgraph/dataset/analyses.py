"""The dataset's documents as the contract dicts the pipeline produced, in the order
they were written (rowid), read with DuckDB and rebuilt by the store's own row code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..store.columns import ITEM_TABLES
from ..store.rows import analysis_from_rows
from .duck import DuckConnection

BATCH = 256  # documents read together


def _rows(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def iter_analyses(conn: DuckConnection, hashes: list[str],
                  tables: tuple[str, ...] = tuple(ITEM_TABLES)
                  ) -> Iterator[tuple[str, dict]]:
    """(hash, analysis) for each of `hashes`, in that order; of the item tables, only
    `tables` are read (the others are left empty)."""
    for start in range(0, len(hashes), BATCH):
        batch = hashes[start:start + BATCH]
        marks = ", ".join("?" * len(batch))
        documents = {row["hash"]: row for row in _rows(conn.execute(
            f"SELECT * EXCLUDE (rowid) FROM documents WHERE hash IN ({marks})", batch))}
        items: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for table in tables:
            for row in _rows(conn.execute(f"SELECT * EXCLUDE (rowid) FROM {table} WHERE "
                                          f"document IN ({marks}) ORDER BY document, position",
                                          batch)):
                items[row["document"]][table].append(row)
        for doc_hash in batch:
            yield doc_hash, analysis_from_rows(documents[doc_hash], items[doc_hash])
