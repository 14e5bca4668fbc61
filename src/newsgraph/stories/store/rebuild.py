"""Recomputing the derived tables from the stored documents: what `newsgraph rebuild`
runs on a store whose derived tables are out of date (an upgraded old store, a newer
writer), or on any store (the result is what a fresh ingest of its documents leaves)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...store import Store
from ...store.derived import DerivedWriter, clear_tables, record_up_to_date
from ...store.migrations import transaction
from .writer import StoryWriter

# The derived writers of a newsgraph store, in the order they run for each document.
DERIVED_WRITERS: tuple[type[DerivedWriter], ...] = (StoryWriter,)


def open_store(path, *, readonly: bool = False) -> Store:
    """The store at `path` with newsgraph's derived writers (what ingest writes with)."""
    return Store(path, readonly=readonly, derived_writers=DERIVED_WRITERS)


def rebuild(store: Store, *, progress: Callable[[int, int], None] | None = None,
            writers: Sequence[type[DerivedWriter]] = DERIVED_WRITERS) -> int:
    """Empty the writers' tables and replay every stored document through them, in the
    order they were stored, in one transaction; returns the number of documents.
    `progress(done, total)` is called after each document."""
    hashes = [h for (h,) in store.conn.execute("SELECT hash FROM documents ORDER BY rowid")]
    with transaction(store.conn):
        for writer in writers:
            clear_tables(store.conn, writer)
        instances = [writer(store.conn) for writer in writers]
        for done, (doc_hash, analysis) in enumerate(zip(hashes, store.analyses(hashes)), 1):
            for instance in instances:
                instance.add(analysis, doc_hash)
            if progress is not None:
                progress(done, len(hashes))
        record_up_to_date(store.conn, writers)
    return len(hashes)
