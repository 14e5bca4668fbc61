"""Opening a store file, and what sqlite3's failures mean to a caller: every one becomes
a StoreError of newsgraph.errors, here, so no sqlite3 exception reaches a user."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import (NotAStoreError, StoreCorruptError, StoreError, StoreLockedError,
                      StoreNotFoundError, StoreReadOnlyError)

BUSY_TIMEOUT_S = 30


def check_store_path(path: Path, *, readonly: bool) -> None:
    """Refuse a path that cannot hold a store: a folder, or (for reading, which never
    creates a store) no file at all. A writer creates the missing folders."""
    if path.is_dir():
        raise NotAStoreError(f"{path} is a folder, not a store file")
    if readonly:
        if not path.exists():
            raise StoreNotFoundError(f"no such store: {path}")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise StoreReadOnlyError(f"cannot create the folder of {path}: permission denied"
                                 ) from None
    except OSError as exc:  # a file where a folder should be
        raise StoreNotFoundError(f"cannot create the folder of {path}: {exc.strerror}"
                                 ) from None


def connect(path: Path, *, readonly: bool, any_thread: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode with rows by name, after reading the file's header
    and schema, so that a file that is not SQLite, or is cut short, fails here.
    `any_thread`: usable from a thread other than its own (one at a time: a pool's)."""
    check_store_path(path, readonly=readonly)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True,
                                   isolation_level=None, timeout=BUSY_TIMEOUT_S,
                                   check_same_thread=not any_thread)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                                   check_same_thread=not any_thread)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    conn.row_factory = sqlite3.Row
    return conn


def store_error(exc: sqlite3.Error, path: str | Path | None = None) -> StoreError:
    """The StoreError that says what a sqlite3 error means for the store at path."""
    where = f"{path}: " if path is not None else ""
    primary = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if primary == sqlite3.SQLITE_NOTADB:
        return NotAStoreError(f"{where}not a newsgraph store (not a SQLite file)")
    if primary == sqlite3.SQLITE_CORRUPT:
        return StoreCorruptError(f"{where}the store file is damaged or cut short ({exc})")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreLockedError(f"{where}another process is writing to the store ({exc})")
    if primary == sqlite3.SQLITE_READONLY:
        return StoreReadOnlyError(f"{where}the store is read-only ({exc})")
    if primary == sqlite3.SQLITE_CANTOPEN and path is not None:
        folder = Path(path).parent
        if not folder.is_dir():
            return StoreNotFoundError(f"no such store: {path} (its folder is missing)")
        if not os.access(folder, os.W_OK):
            return StoreReadOnlyError(f"{where}cannot open the store: its folder is read-only")
    return StoreError(f"{where}the store failed: {exc}")
