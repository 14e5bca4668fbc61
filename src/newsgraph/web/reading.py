"""The store a request reads: a module of its own so that the app, the API and the pages
all import it and none of them imports another."""

from __future__ import annotations

from fastapi import Request

from ..store import Store


def reading(request: Request) -> Store:
    """A read-only store for one request, used as `with reading(request) as store` (opened
    in the thread that uses it: sqlite3 connections stay in their thread)."""
    return Store(request.app.state.db, readonly=True)
