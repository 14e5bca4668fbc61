"""Two lanes for the requests that reach the thread pool: the heavy pages (a story, an
actor, a search, the map, a CSV export: tens to hundreds of milliseconds each) may hold
at most half of the store readers at once, so the light ones (an article, a list page,
the home page: a few milliseconds) always find a thread. Without them, four story pages
computed at once after an ingest held every thread and an article page waited behind
them for seconds: one slow page starved the others.

A heavy request waits for its lane on the event loop, holding no thread and no reader.
"""

from __future__ import annotations

import asyncio
import re

# Paths whose answers cost more than a few milliseconds of the store and of Python.
HEAVY_PATHS = re.compile(r"^/(api/)?(stories/[^/]+|actors/.+|search|map|"
                         r"articles/[^/]+/story|documents/[^/]+/story)$")


def is_heavy(path: str, query_string: bytes) -> bool:
    return bool(HEAVY_PATHS.match(path)) or b"format=csv" in query_string


class Lanes:
    """ASGI middleware: at most `heavy_slots` heavy requests inside the app at once."""

    def __init__(self, app, heavy_slots: int):
        self.app = app
        self.heavy_slots = max(1, heavy_slots)
        self._lane: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not is_heavy(scope["path"], scope["query_string"]):
            return await self.app(scope, receive, send)
        if self._lane is None:
            self._lane = asyncio.Semaphore(self.heavy_slots)
        async with self._lane:
            await self.app(scope, receive, send)
