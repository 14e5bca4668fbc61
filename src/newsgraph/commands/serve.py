"""`newsgraph serve --db FILE`: the web UI and JSON API on 127.0.0.1.

Another address only when asked, and then only with a token: a store of analyses is not
something to publish to a network by accident.
"""

from __future__ import annotations

import ipaddress
import sys

from ..errors import Exit, ExtraNotInstalledError, UsageError
from ..store import Store
from ..web.guard import LOOPBACK_HOSTS, MAX_URL_BYTES
from ..web.reading import DEFAULT_BUDGET_S
from . import existing_store

DEFAULT_PORT = 8765
DEFAULT_READERS = 8
DEFAULT_CACHE_MB = 64
MAX_WORKERS = 64
MAX_READERS = 256
LOOPBACK_NAMES = {"localhost"}


def add_parser(commands) -> None:
    parser = commands.add_parser("serve", help="serve a store as web pages and a JSON API")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", metavar="FILE", help="the store to read")
    source.add_argument("--dataset", metavar="DIR",
                        help="a Parquet dataset (ingest --dataset, its stories built) or a "
                             "folder of export --format parquet, read with DuckDB; no "
                             "full-text search")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; any other needs --token)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--token", help="require this token on every request "
                        "(Authorization: Bearer TOKEN, or ?token=TOKEN once in a browser)")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="HOST",
                        help="also answer requests whose Host header names HOST (a proxy's "
                        "name; repeatable); localhost, 127.0.0.1, [::1] and --host always")
    parser.add_argument("--query-budget", type=float, default=DEFAULT_BUDGET_S,
                        metavar="SECONDS", help="seconds of store queries one request may "
                        f"run before it is answered 503 query_too_costly (default "
                        f"{DEFAULT_BUDGET_S:g})")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="server processes sharing the port (default 1); each has its own "
                        "readers and cache, and uses one core for Python")
    parser.add_argument("--readers", type=int, default=DEFAULT_READERS, metavar="N",
                        help="store connections each process keeps open and lends to requests "
                        f"(default {DEFAULT_READERS})")
    parser.add_argument("--cache-mb", type=float, default=DEFAULT_CACHE_MB, metavar="MB",
                        help="memory each process keeps answers in until the store changes "
                        f"(default {DEFAULT_CACHE_MB:g}; 0: keep none)")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: list[str]) -> list[str] | None:
    """The names a request's Host header may give: the loopback names, the bound address
    and the --allowed-host ones. None (any) when bound to every address (0.0.0.0, ::)
    without --allowed-host: the token, which such a server must have, guards it."""
    if host in ("0.0.0.0", "::", "") and not extra:
        return None
    return [*LOOPBACK_HOSTS, host, *extra]


def check(host: str, port: int, token: str | None, db: str | None) -> None:
    if db is not None:
        existing_store(db)
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: 0 to 65535")
    if not is_loopback(host) and not token:
        raise UsageError(f"--host {host} is reachable from other machines: give --token too")
    if token is not None and len(token) < 8:
        raise UsageError("--token: at least 8 characters")


def check_capacity(workers: int, readers: int, cache_mb: float, query_budget: float) -> None:
    if not 1 <= workers <= MAX_WORKERS:
        raise UsageError(f"--workers {workers}: 1 to {MAX_WORKERS}")
    if not 1 <= readers <= MAX_READERS:
        raise UsageError(f"--readers {readers}: 1 to {MAX_READERS}")
    if not 0 <= cache_mb <= 65536:
        raise UsageError(f"--cache-mb {cache_mb:g}: 0 to 65536")
    if not query_budget > 0:
        raise UsageError(f"--query-budget {query_budget:g}: more than 0 seconds")


def run(args) -> int:
    check(args.host, args.port, args.token, args.db)
    check_capacity(args.workers, args.readers, args.cache_mb, args.query_budget)
    try:
        import uvicorn

        from ..web.app import create_app, warm
    except ImportError:
        raise ExtraNotInstalledError("web", "the web UI") from None
    source = {"dataset": args.dataset} if args.dataset else {"db": str(args.db)}
    settings = {**source, "token": args.token,
                "allowed_hosts": allowed_hosts(args.host, args.allowed_host),
                "query_budget": args.query_budget, "readers": args.readers,
                "cache_bytes": int(args.cache_mb * 1024 * 1024)}
    # h11 refuses a request head past its limit with a bare text 400 before the app sees
    # it: a limit well past the app's own lets the app answer long URLs in the JSON shape.
    options = {"host": args.host, "port": args.port, "log_level": "warning",
               "access_log": False, "h11_max_incomplete_event_size": 8 * MAX_URL_BYTES}
    if args.workers > 1:
        _refuse_unreadable(args)  # here, before the workers start
        return _run_workers(args, settings, options)
    app = create_app(**settings)
    warm(app)
    config = uvicorn.Config(app, **options)
    server = uvicorn.Server(config)
    # Say where it listens once the socket is bound (port 0 picks one).
    original = server.startup

    async def startup(sockets=None):
        await original(sockets=sockets)
        for listener in server.servers:
            for sock in listener.sockets:
                host, port = sock.getsockname()[:2]
                shown = f"[{host}]" if ":" in host else host
                print(f"newsgraph: serving {args.db or args.dataset} at "
                      f"http://{shown}:{port}/", flush=True, file=sys.stderr)

    server.startup = startup
    server.run()
    return Exit.OK


def _refuse_unreadable(args) -> None:
    if args.db:
        with Store(args.db, readonly=True):
            return
    from ..dataset.duck import open_parquet
    from ..web.datasets import require_built

    require_built(args.dataset)
    open_parquet(args.dataset).close()


def _run_workers(args, settings: dict, options: dict) -> int:
    """`--workers N`: uvicorn's supervisor binds the socket here and starts N processes
    that accept on it; each builds its app from the settings this process hands down in
    an environment variable (uvicorn starts a worker from an import string)."""
    import json
    import os

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from ..web.app import SETTINGS_VARIABLE

    os.environ[SETTINGS_VARIABLE] = json.dumps(settings)
    config = uvicorn.Config("newsgraph.web.app:app_from_environment", factory=True,
                            workers=args.workers, **options)
    sock = config.bind_socket()
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"newsgraph: serving {args.db or args.dataset} at http://{shown}:{port}/ with "
          f"{args.workers} workers", flush=True, file=sys.stderr)
    Multiprocess(config, sockets=[sock]).run()
    return Exit.OK
