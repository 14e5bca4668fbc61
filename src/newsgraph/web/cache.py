"""Answers over the whole store (the map's counts, the list of stories), kept until the
store changes. The store only grows, and an article's rows are written in the same
transaction as the article, so the highest document rowid is the store's version."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable


class StoreCache:
    def __init__(self, size: int = 64):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def version(conn: sqlite3.Connection) -> int:
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
