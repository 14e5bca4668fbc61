"""What every response carries and every request must pass before the app sees it: the
security headers (a strict Content-Security-Policy: the shipped scripts and styles only),
the Host check that keeps a DNS-rebinding page from reading a localhost store, and a bound
on the URL's length. A plain ASGI middleware, so that it wraps every answer, the static
files and the framework's own errors included."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..errors import NewsgraphError, RequestTooLargeError, UnknownHostError

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
MAX_URL_BYTES = 8192  # path and query string together
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(value: str) -> str:
    """The name or address of a Host header (or of a --host value), without its port or
    IPv6 brackets, lower-cased: `[::1]:8765` -> `::1`."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:
        value = value.split(":")[0]
    return value.rstrip(".")


class Guard:
    """ASGI middleware. `allowed_hosts` None accepts any Host header (an app embedded
    behind a server that checks it); `newsgraph serve` always gives the set."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None = None):
        self.app = app
        self.allowed_hosts = (None if allowed_hosts is None
                              else frozenset(host_name(h) for h in allowed_hosts))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refused = self._refusal(scope)
        if refused is not None:
            return await self._answer(send, refused)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    header for header in SECURITY_HEADERS if header[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope) -> NewsgraphError | None:
        size = len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
        if size > MAX_URL_BYTES:
            return RequestTooLargeError(f"the URL is {size} bytes; at most {MAX_URL_BYTES}")
        if self.allowed_hosts is not None:
            headers = dict(scope["headers"])
            given = headers.get(b"host", b"").decode("latin-1")
            if host_name(given) not in self.allowed_hosts:
                return UnknownHostError(
                    f"this server does not answer to the host {given!r}; `newsgraph serve "
                    "--allowed-host NAME` adds a name (a proxy's)")
        return None

    @staticmethod
    async def _answer(send, error: NewsgraphError) -> None:
        body = json.dumps({"error": error.as_record()}).encode()
        await send({"type": "http.response.start", "status": error.http_status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})
