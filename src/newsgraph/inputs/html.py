"""The main text of an HTML page and its own metadata (trafilatura, whose dates come from
htmldate), with a plain fallback for odd markup."""

from __future__ import annotations

import logging

from ..errors import NoMainTextError
from .records import split_authors

# trafilatura logs every page it finds too short; the caller reports errors itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


# The page's metadata as trafilatura names it -> the contract's document fields.
PAGE_FIELDS = {"title": "title", "sitename": "outlet", "author": "authors", "url": "url",
               "date": "published"}


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return (main text, title). Raises NoMainTextError when the page has no text."""
    text, meta = read_html(html)
    return text, meta.get("title")


def read_html(html: str) -> tuple[str, dict]:
    """(main text, metadata): title, outlet (site name), authors, url (canonical) and
    published as the page itself states them, each only when found. Raises
    NoMainTextError when the page has no text."""
    import trafilatura

    text, meta = None, {}
    try:
        result = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                             favor_recall=True, with_metadata=True)
    except Exception:  # trafilatura raises many kinds on broken markup; fall back below
        result = None
    if result is not None:
        text = getattr(result, "text", None)
        for name, field in PAGE_FIELDS.items():
            value = getattr(result, name, None)
            if isinstance(value, str) and value.strip():
                meta[field] = value.strip()
    if "authors" in meta:
        meta["authors"] = split_authors(meta["authors"])
    if not text or not text.strip():
        text = _plain_text(html)
    if not text or not text.strip():
        raise NoMainTextError("the HTML page has no readable text")
    return text.strip(), meta


def _plain_text(html: str) -> str:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    blocks = [" ".join(p.text_content().split()) for p in root.xpath("//p|//h1|//h2|//h3|//li")]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else " ".join(root.text_content().split())
