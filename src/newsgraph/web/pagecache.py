"""Answers kept until the store changes: every successful GET of a page or of the API, as
the bytes sent, keyed by its path and query and by the store's version (pool.StoreVersion,
which changes with every commit to the file: an ingest, a rebuild). A page read again
while nothing was written is sent from memory, without a thread, a query or a template;
the first request after a write computes it afresh.

Memory is bounded in bytes, not entries: the least recently used answers go first once
the answers kept pass `budget` bytes, and an answer larger than a sixteenth of it is never
kept (a 10,000-row export streams through). Requests for an answer another request is
computing wait for that one instead of computing it again, so fifty clients opening a
large story at once cost one computation.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass

DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024
CACHE_HEADER = b"x-newsgraph-cache"  # hit or miss: what the tests and benchmarks look at
WAIT_FOR_OTHER_S = 30.0  # bound on waiting for another request's computation


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class AnswerCache:
    """A least-recently-used map of answers, bounded by the bytes of their bodies."""

    def __init__(self, budget: int = DEFAULT_BUDGET_BYTES):
        self.budget = budget
        self.largest = budget // 16
        self.entries: OrderedDict[tuple, Answer] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Answer | None:
        with self.lock:
            answer = self.entries.get(key)
            if answer is not None:
                self.entries.move_to_end(key)
            return answer

    def put(self, key: tuple, answer: Answer) -> None:
        if len(answer.body) > self.largest:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self.entries[key] = answer
            self.size += len(answer.body)
            while self.size > self.budget:
                _, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted.body)


class CachedAnswers:
    """ASGI middleware: GET requests answered from the AnswerCache when it holds the answer
    for this version of the store. `version()` gives the store's current version."""

    def __init__(self, app, cache: AnswerCache, version, skip_prefixes=("/static/",)):
        self.app = app
        self.cache = cache
        self.version = version
        self.skip_prefixes = skip_prefixes
        self.computing: dict[tuple, asyncio.Event] = {}

    async def __call__(self, scope, receive, send):
        if not self._cacheable(scope):
            return await self.app(scope, receive, send)
        # PRAGMA data_version reads the WAL index in shared memory: microseconds, so it
        # runs here rather than in a thread.
        try:
            key = (scope["path"], scope["query_string"], self.version())
        except sqlite3.Error:  # a damaged store: the app answers with the error's status
            return await self.app(scope, receive, send)
        answer = self.cache.get(key)
        if answer is None and key in self.computing:
            try:
                await asyncio.wait_for(self.computing[key].wait(), WAIT_FOR_OTHER_S)
            except asyncio.TimeoutError:
                pass
            answer = self.cache.get(key)
        if answer is not None:
            return await self._send(send, answer)
        done = self.computing.setdefault(key, asyncio.Event())
        try:
            await self._compute(key, scope, receive, send)
        finally:
            if self.computing.get(key) is done:
                del self.computing[key]
            done.set()

    def _cacheable(self, scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if scope["path"].startswith(self.skip_prefixes):
            return False
        # A token in the URL sets a cookie: that answer is for one browser only.
        return b"token=" not in scope["query_string"]

    async def _compute(self, key, scope, receive, send) -> None:
        start: dict = {}
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message):
            nonlocal size, keep
            if message["type"] == "http.response.start":
                start.update(message)
                headers = list(message.get("headers", []))
                if message["status"] != 200 or any(name.lower() == b"set-cookie"
                                                   for name, _ in headers):
                    keep = False
                message = {**message, "headers": headers + [(CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > self.cache.largest:
                    keep, chunks[:] = False, []
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keep:
                    self.cache.put(key, Answer(start["status"],
                                               tuple(start.get("headers", [])), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

    @staticmethod
    async def _send(send, answer: Answer) -> None:
        await send({"type": "http.response.start", "status": answer.status,
                    "headers": [*answer.headers, (CACHE_HEADER, b"hit")]})
        await send({"type": "http.response.body", "body": answer.body})
