"""Inputs that hold many articles: WARC web archives (warcio) and RSS/Atom feeds
(feedparser). Each article becomes a Document with id FILE#N (N counts articles from 1),
as records of a .jsonl file do; a broken article becomes an Outcome in its place."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError, MalformedRecordError, UnreadableInputError
from ..pipeline import Outcome
from .decoding import decode_bytes
from .html import html_to_text

WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom")
# A WARC response is an article when its payload is a web page or plain text.
_ARTICLE_TYPES = ("text/html", "application/xhtml", "text/plain")

Build = Callable[[str, dict, str], object]  # (text, metadata, default id) -> Document


def warc_documents(path: Path, file_id: str, build: Build) -> Iterator:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                content_type = _content_type(record)
                if record.rec_type != "response" or not content_type.startswith(_ARTICLE_TYPES):
                    continue
                number += 1
                record_id = f"{file_id}#{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    text = decode_bytes(record.content_stream().read())
                    title = None
                    if "html" in content_type:
                        text, title = html_to_text(text)
                    yield build(text, {"url": url, "title": title}, record_id)
                except InputError as exc:
                    yield Outcome(record_id, error=exc)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Outcome(f"{file_id}#{number + 1}", error=UnreadableInputError(
            f"{path}: broken WARC after {number} articles: {exc}"))


def _content_type(record) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return (value or "").split(";")[0].strip().lower()


def feed_documents(raw: bytes, file_id: str, build: Build) -> Iterator:
    import feedparser

    feed = feedparser.parse(raw)
    if not feed.entries and feed.get("bozo"):
        yield Outcome(file_id, error=MalformedRecordError(
            f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}"))
        return
    for number, entry in enumerate(feed.entries, start=1):
        record_id = f"{file_id}#{number}"
        try:
            html = _entry_html(entry)
            text, _ = html_to_text(html) if "<" in html else (html, None)
            meta = {"title": entry.get("title"), "url": entry.get("link"),
                    "published": _entry_date(entry),
                    "outlet": feed.feed.get("title") if hasattr(feed, "feed") else None}
            yield build(text, meta, record_id)
        except InputError as exc:
            yield Outcome(record_id, error=exc)


def _entry_html(entry) -> str:
    """The fullest text the entry carries: its content, else its summary."""
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or ""


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return _dt.date(*parsed[:3]).isoformat() if parsed else None
