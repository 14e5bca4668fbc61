"""The server's readers of the store: a bounded pool of read-only connections, and the
store's version that tells a cached answer from a stale one.

Opening a store costs a file open, the schema read and a fresh page cache; a pool keeps
at most `size` of them open and lends one to a request for its duration, so the pages a
request reads stay cached for the next and the number of open files never grows with
the number of clients. A request that finds every reader lent waits, at most its time
budget, then is answered 503 server_busy.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ServerBusyError, UsageError
from ..store import Store

DEFAULT_READERS = 8  # more than the cores: SQLite releases the GIL, so queries overlap


class ReaderPool:
    """At most `size` read-only stores of the file at `db`, each lent to one thread at a
    time (`with pool.reader(wait_s) as store`). `opener` and `fresh` stand in for the
    store file: readers of a dataset (web/datasets.py), opened by `opener()`, and an idle
    one that `fresh(reader)` says is stale is closed rather than lent again."""

    def __init__(self, db: str | Path | None, size: int = DEFAULT_READERS, *,
                 opener: Callable[[], object] | None = None,
                 fresh: Callable[[object], bool] | None = None):
        if size < 1:
            raise UsageError("a pool holds at least one reader")
        self.db = Path(db) if db is not None else None
        self.opener = opener or (lambda: Store(self.db, readonly=True, any_thread=True))
        self.fresh = fresh
        self.size = size
        self.opened = 0  # stores open now, lent or idle
        self.most_opened = 0  # the most ever open at once: what the tests bound
        self.idle: list[Store] = []
        self.closed = False
        self._ready = threading.Condition()

    @contextmanager
    def reader(self, wait_s: float) -> Iterator[Store]:
        store = self._take(wait_s)
        healthy = False
        try:
            yield store
            healthy = True
        except sqlite3.Error:
            raise  # a store that failed is closed below, not lent again
        except BaseException:
            healthy = True  # the request's own error: the connection is fine
            raise
        finally:
            self._give_back(store, healthy)

    def _take(self, wait_s: float) -> Store:
        deadline = time.monotonic() + wait_s
        with self._ready:
            while not self.idle and self.opened >= self.size:
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise ServerBusyError(f"all {self.size} readers of the store stayed busy "
                                          f"for {wait_s:g} s; try again")
                self._ready.wait(left)
            stale = []
            while self.idle and self.fresh is not None and not self.fresh(self.idle[-1]):
                stale.append(self.idle.pop())
                self.opened -= 1
            if self.idle:
                reader = self.idle.pop()
            else:
                reader = None
                self.opened += 1  # the slot is ours while it opens, outside the lock
                self.most_opened = max(self.most_opened, self.opened)
        for old in stale:
            old.close()
        if reader is not None:
            return reader
        try:
            return self.opener()
        except BaseException:
            with self._ready:
                self.opened -= 1
                self._ready.notify()
            raise

    def _give_back(self, store: Store, healthy: bool) -> None:
        if isinstance(store, Store):
            store.conn.set_progress_handler(None, 0)
        else:
            store.set_deadline(None)
        with self._ready:
            if healthy and not self.closed:
                self.idle.append(store)
                store = None
            else:
                self.opened -= 1
            self._ready.notify()
        if store is not None:
            store.close()

    def close(self) -> None:
        """Close the idle stores now and each lent one when it comes back."""
        with self._ready:
            self.closed = True
            idle, self.idle = self.idle, []
            self.opened -= len(idle)
            self._ready.notify_all()
        for store in idle:
            store.close()


class Version:
    """A number that changes whenever what is served changes: `observe()` gives a token of
    the data's state, and the number goes up when the token differs from the last one.
    Checks are serialised, so a request that starts after a change always sees a later
    version than any answer computed before it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = 0
        self.seen = self.observe()

    def observe(self):
        raise NotImplementedError

    def current(self) -> int:
        with self.lock:
            seen = self.observe()
            if seen != self.seen:
                self.seen = seen
                self.generation += 1
            return self.generation

    def close(self) -> None:
        pass


class StoreVersion(Version):
    """The store's version: SQLite's `PRAGMA data_version` on one connection of its own,
    which changes with every commit by another connection (an ingest, a rebuild)."""

    def __init__(self, db: str | Path):
        self.store = Store(db, readonly=True, any_thread=True)
        super().__init__()

    def observe(self) -> int:
        return self.store.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self.lock:
            self.store.close()
