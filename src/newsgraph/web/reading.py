"""The store a request reads: a module of its own so that the app, the API and the pages
all import it and none of them imports another."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING


from ..errors import QueryTooCostlyError

if TYPE_CHECKING:  # the CLI imports this module; FastAPI is the `web` extra
    from fastapi import Request

    from ..store import Store

DEFAULT_BUDGET_S = 5.0  # a request's queries, together
PROGRESS_STEPS = 1_000  # SQLite instructions between looks at the clock


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    """A read-only store for one request, used as `with reading(request) as store`: one
    of the app's pooled readers (web/pool.py), lent to the thread that answers the
    request until it is done. Its queries stop at the app's time budget with a
    QueryTooCostlyError, so one costly search cannot hold a worker thread and a core for
    long; waiting for a reader counts against the same budget (ServerBusyError)."""
    budget = getattr(request.app.state, "query_budget", DEFAULT_BUDGET_S)
    deadline = time.monotonic() + budget
    with request.app.state.readers.reader(budget) as store:
        if hasattr(store, "set_deadline"):  # a dataset's reader (web/datasets.py)
            store.set_deadline(deadline)
        else:
            store.conn.set_progress_handler(lambda: time.monotonic() > deadline,
                                            PROGRESS_STEPS)
        try:
            yield store
        except (sqlite3.OperationalError, QueryTooCostlyError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and "interrupted" not in str(exc):
                raise
            raise QueryTooCostlyError(f"{request.url.path} needed more than {budget:g} s of "
                                      "queries; narrow the search") from None


def full_text(request: Request) -> None:
    """A NoFullTextIndexError where the app reads a dataset: search is FTS5's."""
    if getattr(request.app.state, "dataset", None):
        from .datasets import no_full_text

        raise no_full_text(request.url.path)
