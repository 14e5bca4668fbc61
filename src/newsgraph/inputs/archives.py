"""Inputs that hold many articles: WARC web archives (warcio) and RSS/Atom feeds
(feedparser). Each article becomes a Document with id FILE#N (N counts articles from 1),
as records of a .jsonl file do; a broken article becomes an Outcome in its place.

A response record without WARC-Target-URI is read all the same (warcio would stop the
archive there). An archive cut off inside a record gives its complete records and a
`truncated` error for the cut one: a shortened article is never analysed as whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError, MalformedRecordError, TruncatedInputError, UnreadableInputError
from ..pipeline import Outcome
from .decoding import decode_bytes
from .html import read_html
from .names import safe_name

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
            records = ArchiveIterator(stream)
            records.loader = _loader()
            for record in records:
                content_type = _content_type(record)
                if record.rec_type != "response" or not content_type.startswith(_ARTICLE_TYPES):
                    continue
                number += 1
                yield _warc_article(record, content_type, f"{file_id}#{number}", build)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Outcome(f"{file_id}#{number + 1}", error=UnreadableInputError(
            f"{safe_name(str(path))}: broken WARC after {number} articles: {exc}"))


def _warc_article(record, content_type: str, record_id: str, build: Build):
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    try:
        payload = record.content_stream().read()
        if record.raw_stream.limit > 0:  # the file ended before the record's length
            raise TruncatedInputError(
                f"the archive ends inside this record ({record.raw_stream.limit:,} bytes "
                "missing): not analysed as if it were whole")
        text = decode_bytes(payload)
        meta = {"url": url, "extra": {"warc_record_id": headers.get_header("WARC-Record-ID")}}
        if "html" in content_type:
            text, page = read_html(text)
            meta = {**page, **meta, "url": url or page.get("url")}
        return build(text, meta, record_id)
    except InputError as exc:
        return Outcome(record_id, error=exc)


def _loader():
    """warcio's record loader, reading the HTTP headers of a response record that has no
    WARC-Target-URI (warcio itself fails on it with an AttributeError)."""
    from warcio.recordloader import ArcWarcRecordLoader

    class Loader(ArcWarcRecordLoader):
        def load_http_headers(self, rec_type, uri, stream, length):
            return super().load_http_headers(rec_type, uri or "http:", stream, length)

    return Loader(verify_http=False, arc2warc=False)


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
            text = read_html(html)[0] if "<" in html else html
            meta = {"title": entry.get("title"), "url": entry.get("link"),
                    "published": entry.get("published") or entry.get("updated"),
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
