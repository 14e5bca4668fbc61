"""Answers over the whole store (the map's counts, the list of stories), kept until the
store changes: the app gives its StoreVersion (web/pool.py, which changes with every
commit, a rebuild's included); without one, the highest document rowid is the version
(the store only grows, and an article's rows are written in the same transaction as the
article). Whole answers of pages and the API are kept by web/pagecache.py."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable


class StoreCache:
    def __init__(self, size: int = 64, versions: Callable[[], int] | None = None):
        self.size = size
        self.versions = versions
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def version(self, conn: sqlite3.Connection) -> int:
        if self.versions is not None:
            return self.versions()
        return conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]

    def get(self, conn: sqlite3.Connection, key: tuple, compute: Callable[[], object]):
        full_key = (key, self.version(conn))
        with self.lock:
            if full_key in self.entries:
                self.entries.move_to_end(full_key)
                return self.entries[full_key]
        value = compute()
        with self.lock:
            self.entries[full_key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value
