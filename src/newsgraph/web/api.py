"""The JSON API: one list endpoint per kind of item (filters, limit/offset pages, CSV or
JSON export with `format`), one endpoint per article, actor and story, search and the map.

List endpoints are made from the store's list specs (newsgraph.store.lists.SPECS, which
`newsgraph query` and `newsgraph stories` run too) with a signature FastAPI reads, so
each filter is a documented query parameter in the OpenAPI document.
"""

from __future__ import annotations

import inspect
from typing import Literal

from fastapi import APIRouter, Query, Request

from ..store.lists import MAX_EXPORT, MAX_OFFSET, SPECS, describe, fetch, filters_of, plain_snippet
from . import detail, story
from .exports import export
from .filters import with_query
from .reading import full_text, reading
from .search import search as run_search
from .worldmap import map_data

router = APIRouter()
Limit = Query(50, ge=1, le=MAX_EXPORT, description="rows per page (up to 10,000 for exports)")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="rows to skip")
Format = Query("json", description="json: a page; csv: the same rows as a CSV download")


def envelope(request: Request, page) -> dict:
    """A page of a list with the link to the next one."""
    values = dict(request.query_params)
    following = page.next_offset
    return {"items": page.rows, "total": page.total, "total_capped": page.capped,
            "limit": page.limit, "offset": page.offset,
            "next": with_query(request.url.path, values, offset=following)
            if following is not None else None}


def _list_endpoint(name: str):
    def endpoint(request: Request, **params):
        limit, offset, fmt = params.pop("limit"), params.pop("offset"), params.pop("format")
        sort = params.pop("sort", None)
        with reading(request) as store:
            page = fetch(store.conn, SPECS[name], params, limit=limit, offset=offset,
                         count=fmt == "json", sort=sort)
        if fmt == "csv":
            return export(page.columns, page.rows, name)
        return envelope(request, page)

    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=Request)]
    for key in filters_of(SPECS[name]):
        parameters.append(inspect.Parameter(
            key, inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
            default=Query(None, description=describe(SPECS[name], key))))
    if SPECS[name].sorts:  # a closed set: FastAPI answers any other value 422
        parameters.append(inspect.Parameter(
            "sort", inspect.Parameter.KEYWORD_ONLY,
            annotation=Literal[tuple(SPECS[name].sorts)],  # type: ignore[valid-type]
            default=Query(next(iter(SPECS[name].sorts)),
                          description="order: " + ", ".join(SPECS[name].sorts))))
    parameters += [
        inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, annotation=int, default=Limit),
        inspect.Parameter("offset", inspect.Parameter.KEYWORD_ONLY, annotation=int,
                          default=Offset),
        inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY,
                          annotation=Literal["json", "csv"], default=Format)]
    endpoint.__signature__ = inspect.Signature(parameters)
    endpoint.__name__ = f"list_{name}"
    endpoint.__doc__ = (f"{SPECS[name].title}, filtered and paged, in the order every list "
                        "of newsgraph.store.lists keeps (the CLI's too).")
    return endpoint


for _name in SPECS:
    router.add_api_route(f"/{_name}", _list_endpoint(_name), methods=["GET"],
                         tags=["stories" if _name == "stories" else "lists"])


@router.get("/documents/{doc_hash}", tags=["articles"])
def get_document(request: Request, doc_hash: str) -> dict:
    """One article's analysis, as the contract defines it, with its store hash."""
    with reading(request) as store:
        return detail.article(store, doc_hash)


@router.get("/actors/{name:path}", tags=["actors"])
def get_actor(request: Request, name: str, limit: int = Query(50, ge=1, le=500)) -> dict:
    """An actor across the store: identities, roles, what they said and what was said
    about them, their events and the actors they deal with."""
    with reading(request) as store:
        return detail.actor(store.conn, name, limit=limit)


@router.get("/stories/{story_id}", tags=["stories"])
def get_story(request: Request, story_id: str) -> dict:
    """A story's articles, timeline, sources and their independence, corroborations and
    contradictions."""
    with reading(request) as store:
        return {"story": story_id,
                **story.story_view(store, story.story_hashes(store.conn, story_id), story_id)}


@router.get("/documents/{doc_hash}/story", tags=["stories"])
def get_article_story(request: Request, doc_hash: str) -> dict:
    """The story of one article: its story's articles when it has a story id, else the
    article alone."""
    with reading(request) as store:
        detail.article(store, doc_hash)
        story_id = story.story_of(store.conn, doc_hash)
        hashes = story.story_hashes(store.conn, story_id) if story_id else [doc_hash]
        return {"story": story_id, **story.story_view(store, hashes, story_id)}


@router.get("/search", tags=["search"])
def search(request: Request, q: str | None = Query(None, description="FTS5 query or words"),
           actor: str | None = None, outlet: str | None = None,
           event_type: str | None = None, since: str | None = None, until: str | None = None,
           limit: int = Query(20, ge=1, le=MAX_EXPORT), offset: int = Offset,
           format: Literal["json", "csv"] = Format):
    """Articles matching words (FTS5), filtered by actor, outlet, event type and date,
    with the matching claims and facets over the matching articles."""
    full_text(request)
    values = {"q": q, "actor": actor, "outlet": outlet, "event_type": event_type,
              "since": since, "until": until}
    with reading(request) as store:
        result = run_search(store.conn, values, limit=limit, offset=offset)
    for row in result["documents"] + result["claims"]:
        for key in ("match", "content"):
            if key in row:
                row[key] = plain_snippet(row[key])
    if format == "csv":
        rows = result["documents"]
        return export(["hash", "document", "published", "outlet", "title", "match"], rows,
                      "search")
    return result


@router.get("/map", tags=["map"])
def get_map(request: Request, document: str | None = Query(None, description="one article")):
    """Countries (ISO alpha-3: articles naming them) and geocoded places with their events."""
    with reading(request) as store:
        return request.app.state.cache.get(store.conn, ("map", document),
                                           lambda: map_data(store.conn, document))
