"""The web application: a read-only view of one store file, as HTML pages and a JSON API.

Every error, on any path, has one shape in the API (`{"error": {"code", "message"}}`) and
the same code and message on an HTML page, with the status newsgraph.errors gives its
class. With a token, every request must carry it (an `Authorization: Bearer` header, or
`?token=` once, which sets a cookie for the pages).
"""

from __future__ import annotations

import hmac
import json
import os
import sqlite3
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import HTTP_CODES, NewsgraphError, UnauthorizedError, UsageError
from ..store import Store
from ..store.connection import store_error
from . import api, pages
from .cache import StoreCache
from .guard import Guard
from .lanes import Lanes
from .pagecache import DEFAULT_BUDGET_BYTES, AnswerCache, CachedAnswers
from .pool import DEFAULT_READERS, ReaderPool, StoreVersion
from .reading import DEFAULT_BUDGET_S

HERE = Path(__file__).parent
TOKEN_COOKIE = "newsgraph_token"
# `serve --workers N` hands each worker process create_app's arguments here, as JSON.
SETTINGS_VARIABLE = "NEWSGRAPH_SERVE_SETTINGS"


def create_app(db: str | Path | None = None, token: str | None = None, *,
               dataset: str | None = None,
               allowed_hosts: list[str] | None = None,
               query_budget: float = DEFAULT_BUDGET_S, readers: int = DEFAULT_READERS,
               cache_bytes: int = DEFAULT_BUDGET_BYTES) -> FastAPI:
    """The app over the store at `db`, or over the Parquet dataset at `dataset` (DuckDB:
    the same lists and story report; no full-text search). `allowed_hosts`: the names the
    Host header may give (None: any, for an app behind a server that checks them);
    `query_budget`: seconds of queries one request may run; `readers`: the store
    connections kept open (pooled); `cache_bytes`: memory for whole answers kept until the
    store changes (0: none)."""
    if (db is None) == (dataset is None):
        raise UsageError("the app reads a store (db) or a dataset, one of them")
    if dataset is not None:
        from .datasets import DatasetSource, DatasetVersion

        version = DatasetVersion(dataset)
        source = DatasetSource(dataset, version)  # refuses a dataset it cannot serve
        pool = ReaderPool(None, readers, opener=source.open_reader, fresh=source.is_current)
    else:
        db = Path(db)
        with Store(db, readonly=True):
            pass  # a store that cannot be read is refused now, not at every request
        version = StoreVersion(db)
        pool = ReaderPool(db, readers)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Sync endpoints run in anyio's thread pool, 40 threads by default: 40 threads of
        # Python taking turns at the GIL starve the event loop, which answers kept pages
        # and accepts connections. As many threads as store readers: a thread never
        # waits for a reader, and the loop keeps its share of the interpreter.
        anyio.to_thread.current_default_thread_limiter().total_tokens = readers
        yield
        pool.close()
        version.close()
        if dataset is not None:
            source.close()

    # Swagger and ReDoc pages load their scripts from a CDN: the UI works offline, so the
    # API is described by its OpenAPI document and the /api page drawn from it.
    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan,
                  description="Read-only API over a newsgraph store: documents, actors, "
                              "claims, events, quantities, places, times, links, search.")
    app.state.db = db
    app.state.dataset = dataset
    app.state.version = version
    app.state.readers = pool
    app.state.cache = StoreCache(versions=version.current)
    app.state.answers = AnswerCache(cache_bytes)
    app.state.query_budget = query_budget
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Innermost: heavy pages take at most half the readers (only those not kept reach it).
    app.add_middleware(Lanes, heavy_slots=readers // 2)
    if cache_bytes > 0:  # behind the token check, errors never kept
        app.add_middleware(CachedAnswers, cache=app.state.answers, version=version.current)
    if token:
        _require_token(app, token)
    _error_handlers(app)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)  # outermost: sees every answer
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    return app


def app_from_environment() -> FastAPI:
    """The app of one `serve --workers N` process (uvicorn starts each worker from an
    import string): create_app's arguments from the environment variable the parent set,
    warmed as `serve` warms its one app."""
    app = create_app(**json.loads(os.environ[SETTINGS_VARIABLE]))
    warm(app)
    return app


def warm(app: FastAPI) -> threading.Thread:
    """Compute the whole-store answers (the map, the story list) in the background, so the
    first visitor of a large store does not wait for them."""
    from .pages import DEFAULT_STORY_SORT
    from .story import stories
    from .worldmap import map_data

    def run() -> None:
        try:
            with app.state.readers.reader(app.state.query_budget) as store:
                app.state.cache.get(store.conn, ("map", None), lambda: map_data(store.conn))
                # The key the stories page reads, in its default order.
                app.state.cache.get(store.conn, ("stories", 200, 0, DEFAULT_STORY_SORT),
                                    lambda: stories(store.conn, limit=200,
                                                    sort=DEFAULT_STORY_SORT))
        except (sqlite3.Error, NewsgraphError):
            pass  # the pages compute them on demand

    thread = threading.Thread(target=run, name="newsgraph-warm", daemon=True)
    thread.start()
    return thread


def _templates() -> Jinja2Templates:
    from .filters import install

    templates = Jinja2Templates(directory=HERE / "templates")
    install(templates.env)
    return templates


def _require_token(app: FastAPI, token: str) -> None:
    expected = token.encode()

    @app.middleware("http")
    async def check_token(request: Request, call_next):
        header = request.headers.get("authorization", "")
        given = (header[7:] if header.lower().startswith("bearer ") else None) or \
            request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), expected):
            return error_response(request, UnauthorizedError(
                "this server needs its token: Authorization: Bearer TOKEN, "
                "or ?token=TOKEN once in a browser"))
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.query_params.get("format") in (
        "json", "csv")


def error_response(request: Request, error: NewsgraphError):
    """The error as JSON (`{"error": {"code", "message"}}`) or as an HTML page, with the
    status the catalogue gives it."""
    return _respond(request, error.http_status, error.code, error.message)


def _respond(request: Request, status: int, code: str, message: str):
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "code": code, "message": message}, status_code=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no such page: {request.url.path}"
        return _respond(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: "
                             f"{e['msg']}" for e in exc.errors())
        return _respond(request, 422, HTTP_CODES[422], problems)

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, exc: NewsgraphError):
        return error_response(request, exc)

    @app.exception_handler(sqlite3.Error)
    async def sqlite_error(request: Request, exc: sqlite3.Error):
        return error_response(request, store_error(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        return _respond(request, 500, HTTP_CODES[500],
                        f"{type(exc).__name__} while answering {request.url.path}")
