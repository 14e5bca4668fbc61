"""WARC archives and RSS/Atom feeds as inputs: one document per article, in order."""

from __future__ import annotations

import io

from newsgraph.inputs import InputOptions, iter_documents

PAGE = ("<html><head><title>Talks resume</title></head><body><article><p>Officials in "
        "Ankara said on Monday that talks with Greece would resume next month, after a "
        "pause of two years.</p><p>The foreign ministry confirmed the date.</p></article>"
        "</body></html>")

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Planet</title>
<item><title>Talks resume</title><link>https://example.org/a</link>
<pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Officials in Ankara said that talks with Greece would resume.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/b</link><description></description></item>
</channel></rss>"""


def write_warc(path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body, content_type in (("https://example.org/talks", PAGE, "text/html"),
                                        ("https://example.org/logo.png", "PNG", "image/png"),
                                        ("https://example.org/blank", "<html></html>",
                                         "text/html; charset=utf-8")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers))


def test_warc_responses_become_documents(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    items = list(iter_documents([tmp_path], InputOptions()))
    assert [getattr(i, "id", None) or i.document_id for i in items] == ["crawl#1", "crawl#2"]
    page, blank = items
    assert page.url == "https://example.org/talks" and "talks with Greece" in page.text
    assert page.title == "Talks resume"
    assert not blank.ok and blank.error.code in ("no_text", "empty")


def test_feed_items_become_documents(tmp_path):
    (tmp_path / "planet.rss").write_text(RSS)
    items = list(iter_documents([tmp_path / "planet.rss"], InputOptions()))
    first, empty = items
    assert first.id == "planet#1" and first.published == "2020-01-06"
    assert first.outlet == "Daily Planet" and first.url == "https://example.org/a"
    assert first.text.startswith("Officials in Ankara")
    assert not empty.ok and empty.error.code == "empty"
