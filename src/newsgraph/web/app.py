"""The web application: a read-only view of one store file, as HTML pages and a JSON API.

Every error, on any path, has one shape in the API (`{"error": {"code", "message"}}`) and
the same code and message on an HTML page. With a token, every request must carry it (an
`Authorization: Bearer` header, or `?token=` once, which sets a cookie for the pages).
"""

from __future__ import annotations

import hmac
import sqlite3
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from .. import __version__
from ..store import Store
from ..store.query import BadFilter
from .cache import StoreCache
from .detail import NotFound

HERE = Path(__file__).parent
TOKEN_COOKIE = "newsgraph_token"
CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
         422: "invalid_parameter", 500: "internal_error"}


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    db = Path(db)
    if not db.is_file():
        raise FileNotFoundError(f"no such store: {db}")
    # Swagger and ReDoc pages load their scripts from a CDN: the UI works offline, so the
    # API is described by its OpenAPI document and the /api page drawn from it.
    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Read-only API over a newsgraph store: documents, actors, "
                              "claims, events, quantities, places, times, links, search.")
    app.state.db = db
    app.state.cache = StoreCache()
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if token:
        _require_token(app, token)
    _error_handlers(app)
    from . import api, pages

    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    return app


def warm(app: FastAPI) -> threading.Thread:
    """Compute the whole-store answers (the map, the story list) in the background, so the
    first visitor of a large store does not wait for them."""
    from .story import stories
    from .worldmap import map_data

    def run() -> None:
        try:
            with Store(app.state.db, readonly=True) as store:
                app.state.cache.get(store.conn, ("map", None), lambda: map_data(store.conn))
                app.state.cache.get(store.conn, ("stories", 200, 0),
                                    lambda: stories(store.conn, limit=200))
        except sqlite3.Error:
            pass  # the pages compute them on demand

    thread = threading.Thread(target=run, name="newsgraph-warm", daemon=True)
    thread.start()
    return thread


def _templates() -> Jinja2Templates:
    from .filters import install

    templates = Jinja2Templates(directory=HERE / "templates")
    install(templates.env)
    return templates


def reading(request: Request) -> Store:
    """A read-only store for one request, used as `with reading(request) as store` (opened
    in the thread that uses it: sqlite3 connections stay in their thread)."""
    return Store(request.app.state.db, readonly=True)


def _require_token(app: FastAPI, token: str) -> None:
    expected = token.encode()

    @app.middleware("http")
    async def check_token(request: Request, call_next):
        header = request.headers.get("authorization", "")
        given = (header[7:] if header.lower().startswith("bearer ") else None) or \
            request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), expected):
            return error_response(request, 401, "unauthorized",
                                  "this server needs its token: Authorization: Bearer TOKEN, "
                                  "or ?token=TOKEN once in a browser")
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.query_params.get("format") in (
        "json", "csv")


def error_response(request: Request, status: int, code: str, message: str):
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "code": code, "message": message}, status_code=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no such page: {request.url.path}"
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: "
                             f"{e['msg']}" for e in exc.errors())
        return error_response(request, 422, "invalid_parameter", problems)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error_response(request, 404, "not_found", str(exc.args[0]))

    @app.exception_handler(BadFilter)
    async def bad_filter(request: Request, exc: BadFilter):
        return error_response(request, 400, "bad_filter", str(exc))

    @app.exception_handler(sqlite3.OperationalError)
    async def store_error(request: Request, exc: sqlite3.OperationalError):
        return error_response(request, 503, "store_unavailable", f"the store failed: {exc}")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        return error_response(request, 500, "internal_error",
                              f"{type(exc).__name__} while answering {request.url.path}")

