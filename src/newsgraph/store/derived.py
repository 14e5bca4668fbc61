"""Derived tables: what a writer computes from the stored documents (stories, actors
across documents, matched claims), as opposed to the documents and their items.

The store takes its derived writers from the caller (newsgraph.stories.store.open_store
gives the stories writer) and calls each for every document it stores. Each writer has
a name and a version; the store records, per name, the version its tables were written
by (`derived_versions`). Tables are up to date when that is the writer's version: an
upgraded old store, a newer writer, or documents stored without the writer leave them
out of date until recomputed from the documents (newsgraph.stories.store.rebuild).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import ClassVar, Protocol

from ..errors import DerivedTablesOutOfDate


class DerivedWriter(Protocol):
    name: ClassVar[str]
    version: ClassVar[int]
    tables: ClassVar[tuple[str, ...]]  # in creation order: each refers only to earlier ones

    def __init__(self, conn: sqlite3.Connection) -> None: ...

    def add(self, analysis: dict, doc_hash: str) -> object:
        """Write the derived rows of one stored document, inside its transaction."""


TABLE = """CREATE TABLE derived_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
)"""


def recorded_versions(conn: sqlite3.Connection) -> dict[str, int]:
    """Writer name -> version its tables were written by ({} for a store older than
    the record)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'derived_versions'"
                    ).fetchone() is None:
        return {}
    return dict(conn.execute("SELECT name, version FROM derived_versions"))


def record_up_to_date(conn: sqlite3.Connection, writers: Sequence[type[DerivedWriter]]) -> None:
    """The writers' tables are now up to date."""
    conn.executemany("INSERT INTO derived_versions (name, version) VALUES (?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET version = excluded.version",
                     [(w.name, w.version) for w in writers])


def forget_others(conn: sqlite3.Connection, writers: Sequence[type[DerivedWriter]]) -> None:
    """A document stored without some writers: their tables are out of date."""
    names = [w.name for w in writers]
    conn.execute(f"DELETE FROM derived_versions WHERE name NOT IN ({','.join('?' * len(names))})",
                 names)


def require_up_to_date(path, conn: sqlite3.Connection,
                       writers: Sequence[type[DerivedWriter]]) -> None:
    """A DerivedTablesOutOfDate naming the writers whose tables are out of date."""
    recorded = recorded_versions(conn)
    stale = ", ".join(f"{w.name} written by version {recorded.get(w.name, 'none')}, this "
                      f"newsgraph writes {w.version}" for w in writers
                      if recorded.get(w.name) != w.version)
    if stale:
        raise DerivedTablesOutOfDate(f"derived tables are out of date: run newsgraph rebuild "
                                     f"--db {path} ({stale})")


def clear_tables(conn: sqlite3.Connection, writer: type[DerivedWriter]) -> None:
    """Empty a writer's tables (the later ones first: they refer to the earlier)."""
    for table in reversed(writer.tables):
        conn.execute(f"DELETE FROM {table}")
