"""The HTML pages, rendered on the server from the same functions as the API."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..errors import BadFilter
from ..store.lists import MAX_LIMIT, MAX_OFFSET, SPECS, fetch, filters_of
from . import detail, story
from .reading import full_text, reading
from .search import search as run_search
from .worldmap import WorldShapes, map_data, shaded

router = APIRouter(default_response_class=HTMLResponse)
SHAPES = WorldShapes()
# Page path -> list spec; columns whose value names an actor link to the actor's page.
LIST_PAGES = {"articles": "documents", "actors": "actors", "entities": "entities",
              "claims": "claims", "events": "events", "numbers": "quantities",
              "places": "places", "times": "times", "links": "links"}
ACTOR_COLUMNS = {"speaker", "actor", "recipient", "of"}


def render(request: Request, template: str, **context):
    return request.app.state.templates.TemplateResponse(request, template, context)


def _whole_number(request: Request, name: str, default: int, low: int, high: int) -> int:
    """A page's numeric parameter, clamped to [low, high]; BadFilter when not a number."""
    value = request.query_params.get(name) or str(default)
    if not value.strip().lstrip("+-").isdigit() or len(value) > 20:
        raise BadFilter(f"{name} is a whole number from {low} to {high}, not {value[:40]!r}")
    return min(high, max(low, int(value)))


def _offset(request: Request) -> int:
    return _whole_number(request, "offset", 0, 0, MAX_OFFSET)


def _list_page(request: Request, path: str, name: str, page_size: int = 50, **extra):
    spec = SPECS[name]
    values = {k: v for k, v in request.query_params.items() if k in filters_of(spec)}
    offset = _offset(request)
    limit = _whole_number(request, "limit", page_size, 1, MAX_LIMIT)
    with reading(request) as store:
        page = fetch(store.conn, spec, values, limit=limit, offset=offset)
    return render(request, "list.html", title=spec.title, path=path, api=f"/api/{name}",
                  filters=filters_of(spec), values=values, page=page, choices=spec.choices,
                  columns=[c for c in page.columns if c not in spec.hidden],
                  actor_columns=ACTOR_COLUMNS | ({"name"} if name in ("actors", "entities")
                                                 else set()), **extra)


@router.get("/")
def index(request: Request):
    # A store's rowids count its rows (it only grows); a dataset's encode run and shard.
    count = "count(*)" if request.app.state.dataset else "max(rowid)"
    with reading(request) as store:
        counts = {table: store.conn.execute(f"SELECT {count} FROM {table}").fetchone()[0]
                  or 0 for table in ("documents", "claims", "events", "actors")}
    return _list_page(request, "/", "documents", page_size=25, counts=counts)


for _path, _name in LIST_PAGES.items():
    if _path == "articles":
        continue

    def _page(request: Request, _p=_path, _n=_name):
        return _list_page(request, f"/{_p}", _n)

    router.add_api_route(f"/{_path}", _page, methods=["GET"], include_in_schema=False,
                         response_class=HTMLResponse, name=f"page_{_path}")


@router.get("/articles")
def articles(request: Request):
    return _list_page(request, "/articles", "documents")


@router.get("/articles/{doc_hash}")
def article(request: Request, doc_hash: str):
    with reading(request) as store:
        analysis = detail.article(store, doc_hash)
        story_id = story.story_of(store.conn, doc_hash)
    return render(request, "article.html", doc=analysis["document"], hash=doc_hash,
                  story_id=story_id, view=detail.article_view(analysis))


@router.get("/actors/{name:path}")
def actor(request: Request, name: str):
    with reading(request) as store:
        info = detail.actor(store.conn, name)
    return render(request, "actor.html", actor=info,
                  network=detail.network(info["name"], info["relations"]))


StorySort = Literal[tuple(SPECS["stories"].sorts)]  # type: ignore[valid-type]
DEFAULT_STORY_SORT = "size"


@router.get("/stories")
def stories(request: Request, sort: StorySort = Query(DEFAULT_STORY_SORT)):  # type: ignore[valid-type]
    with reading(request) as store:
        rows = request.app.state.cache.get(
            store.conn, ("stories", 200, 0, sort),
            lambda: story.stories(store.conn, limit=200, sort=sort))
        recent = fetch(store.conn, SPECS["documents"], {}, limit=20, count=False).rows
    return render(request, "stories.html", stories=rows, recent=recent, sort=sort,
                  sorts=list(SPECS["stories"].sorts))


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str):
    with reading(request) as store:
        view = story.story_view(store, story.story_hashes(store.conn, story_id), story_id)
    return render(request, "story.html", story_id=story_id, view=view, single=None,
                  drawn=story.drawings(view))


@router.get("/articles/{doc_hash}/story")
def article_story(request: Request, doc_hash: str):
    with reading(request) as store:
        analysis = detail.article(store, doc_hash)
        story_id = story.story_of(store.conn, doc_hash)
        hashes = story.story_hashes(store.conn, story_id) if story_id else [doc_hash]
        view = story.story_view(store, hashes, story_id)
    return render(request, "story.html", story_id=story_id, view=view,
                  single=None if story_id else analysis["document"], drawn=story.drawings(view))


@router.get("/map")
def world_map(request: Request, document: str | None = Query(None)):
    with reading(request) as store:
        data = request.app.state.cache.get(store.conn, ("map", document),
                                           lambda: map_data(store.conn, document))
    names = {c["iso3"]: c["name"] for c in SHAPES.countries}
    return render(request, "map.html", countries=shaded(SHAPES, data["countries"]),
                  places=data["places"], document=document,
                  named=[(iso3, names.get(iso3, iso3), n) for iso3, n in
                         sorted(data["countries"].items(), key=lambda kv: -kv[1])[:30]])


@router.get("/search")
def search(request: Request):
    keys = ("q", "actor", "outlet", "event_type", "since", "until")
    full_text(request)
    values = {k: request.query_params.get(k) or "" for k in keys}
    offset = _offset(request)
    with reading(request) as store:
        result = run_search(store.conn, values, limit=20, offset=offset)
    return render(request, "search.html", values=values, result=result,
                  event_types=SPECS["events"].choices["type"])


@router.get("/api")
def api_page(request: Request):
    schema = request.app.openapi()
    endpoints = [{"path": path, "summary": (op.get("description") or op.get("summary") or ""),
                  "parameters": [p["name"] for p in op.get("parameters", [])]}
                 for path, methods in schema["paths"].items() for op in methods.values()]
    return render(request, "api.html", endpoints=endpoints)
