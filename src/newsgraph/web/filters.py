"""Template helpers: every one escapes what it is given before adding markup."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from ..store.lists import MATCH_CLOSE, MATCH_OPEN
from .highlight import actor_href

NAV = [("/", "Articles"), ("/actors", "Actors"), ("/claims", "Claims"), ("/events", "Events"),
       ("/numbers", "Numbers"), ("/places", "Places"), ("/times", "Dates"),
       ("/links", "Links"), ("/stories", "Stories"), ("/map", "Map"), ("/search", "Search"),
       ("/api", "API")]


WEB_URL_RE = re.compile(r"https?://[^\x00-\x20\x7f]+\Z", re.IGNORECASE)


def web_url(value) -> str | None:
    """The value when it is an http or https URL, else None: a stored URL comes from an
    input (a sidecar, a record, a feed), and a `javascript:` one must never become a link.
    Browsers drop spaces and control characters inside a scheme, so none is allowed."""
    return value if isinstance(value, str) and WEB_URL_RE.match(value) else None


def snippet(text) -> Markup:
    """An FTS5 snippet: escaped, then its match markers made into <mark>."""
    if text is None:
        return Markup("")
    return Markup(str(escape(text)).replace(MATCH_OPEN, "<mark>").replace(MATCH_CLOSE,
                                                                           "</mark>"))


def with_query(path: str, values: dict, **changes) -> str:
    """path?query from a dict of filters, with some changed (None removes one)."""
    merged = {**values, **changes}
    pairs = [(k, v) for k, v in merged.items() if v not in (None, "")]
    return path + ("?" + urlencode(pairs) if pairs else "")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("["):
        try:
            items = json.loads(value)
            if isinstance(items, list):
                return ", ".join(str(i) for i in items)
        except ValueError:
            pass
    return str(value)


def install(env) -> None:
    env.filters["snippet"] = snippet
    env.filters["cell"] = cell
    env.filters["web_url"] = web_url
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    env.globals["with_query"] = with_query
    env.globals["nav"] = NAV
    env.globals["actor_href"] = actor_href
