"""`newsgraph serve --db FILE`: the web UI and JSON API on 127.0.0.1.

Another address only when asked, and then only with a token: a store of analyses is not
something to publish to a network by accident.
"""

from __future__ import annotations

import ipaddress
import sys

from ..errors import Exit, ExtraNotInstalledError, UsageError
from . import existing_store

DEFAULT_PORT = 8765
LOOPBACK_NAMES = {"localhost"}


def add_parser(commands) -> None:
    parser = commands.add_parser("serve", help="serve a store as web pages and a JSON API")
    parser.add_argument("--db", required=True, metavar="FILE", help="the store to read")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; any other needs --token)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--token", help="require this token on every request "
                        "(Authorization: Bearer TOKEN, or ?token=TOKEN once in a browser)")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check(host: str, port: int, token: str | None, db: str) -> None:
    existing_store(db)
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: 0 to 65535")
    if not is_loopback(host) and not token:
        raise UsageError(f"--host {host} is reachable from other machines: give --token too")
    if token is not None and len(token) < 8:
        raise UsageError("--token: at least 8 characters")


def run(args) -> int:
    check(args.host, args.port, args.token, args.db)
    try:
        import uvicorn

        from ..web.app import create_app, warm
    except ImportError:
        raise ExtraNotInstalledError("web", "the web UI") from None
    app = create_app(args.db, args.token)
    warm(app)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    # Say where it listens once the socket is bound (port 0 picks one).
    original = server.startup

    async def startup(sockets=None):
        await original(sockets=sockets)
        for listener in server.servers:
            for sock in listener.sockets:
                host, port = sock.getsockname()[:2]
                shown = f"[{host}]" if ":" in host else host
                print(f"newsgraph: serving {args.db} at http://{shown}:{port}/", flush=True,
                      file=sys.stderr)

    server.startup = startup
    server.run()
    return Exit.OK
