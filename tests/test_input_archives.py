"""WARC archives and RSS/Atom feeds as inputs: one document per article, in order."""

from __future__ import annotations

import io

from newsgraph.inputs import InputOptions, iter_documents
from newsgraph.pipeline import Outcome

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


def write_warc_records(path, urls, gzip: bool) -> None:
    """Response records of PAGE; a url of None leaves out WARC-Target-URI."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url in urls:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url or "", "response", http_headers=headers,
                                               payload=io.BytesIO(PAGE.encode()))
            if url is None:
                record.rec_headers.remove_header("WARC-Target-URI")
            writer.write_record(record)


def test_warc_response_without_target_uri_is_analysed(tmp_path):
    write_warc_records(tmp_path / "crawl.warc", ["https://example.org/a", None,
                                                 "https://example.org/c"], gzip=False)
    items = list(iter_documents([tmp_path], InputOptions()))
    assert [i.id for i in items] == ["crawl#1", "crawl#2", "crawl#3"]
    assert items[1].url is None and "talks with Greece" in items[1].text
    assert items[1].extra["warc_record_id"].startswith("<urn:uuid:")


def test_truncated_warc_gives_its_complete_records_and_a_truncated_error(tmp_path):
    for name, gzip in (("cut.warc", False), ("cut.warc.gz", True)):
        whole = tmp_path / ("whole" + name[3:])
        write_warc_records(whole, ["https://example.org/a", "https://example.org/b"], gzip)
        (tmp_path / name).write_bytes(whole.read_bytes()[:-150])
        complete = list(iter_documents([whole], InputOptions()))
        items = list(iter_documents([tmp_path / name], InputOptions()))
        assert [isinstance(i, Outcome) for i in items] == [False, True], name
        assert items[0].text == complete[0].text and "talks with Greece" in items[0].text
        assert items[1].error.code == "truncated" and items[1].document_id == "cut#2"


def test_feed_dates_go_through_the_date_parser(tmp_path):
    (tmp_path / "planet.atom").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title>'
        '<entry><title>Talks</title><link href="https://example.org/a"/>'
        '<published>2016-12-17T23:30:00-05:00</published>'
        '<content type="html">&lt;p&gt;Officials in Ankara said that talks with Greece '
        'would resume.&lt;/p&gt;</content></entry></feed>')
    (entry,) = iter_documents([tmp_path / "planet.atom"], InputOptions())
    # The site's own day, not the UTC day feedparser converts to.
    assert (entry.published, entry.published_at) == ("2016-12-17", "2016-12-17T23:30:00-05:00")
