"""Reading inputs: every format of the contract, and bad input that loses nothing."""

from __future__ import annotations

import json
import os

import pytest

from newsgraph.errors import (BinaryInputError, DocumentTooLargeError, EmptyDocumentError,
                              UsageError)
from newsgraph.inputs import InputOptions, check_paths, decode_bytes, html_to_text, iter_documents
from newsgraph.pipeline import Outcome

ARTICLE = "Officials in Ankara said on Monday that talks with Greece would resume."


def _read(tmp_path, *names, **options):
    paths = check_paths([str(tmp_path / n) for n in names] if names else [str(tmp_path)])
    return list(iter_documents(paths, InputOptions(**options)))


def test_directory_walk_is_sorted_recursive_and_skips_sidecars(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "Daily Planet",
                                                      "published": "2019-01-02"}))
    (tmp_path / "notes.md").write_text("ignored")
    items = _read(tmp_path, outlet="Fallback Outlet")
    assert [d.id for d in items] == ["a", "b/z"]
    assert items[0].outlet == "Daily Planet" and items[0].published == "2019-01-02"
    assert items[1].outlet == "Fallback Outlet"


def test_records_from_json_and_jsonl(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "r1", "text": ARTICLE, "title": "T"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": ARTICLE}, {"text": ARTICLE}]))
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"text": ARTICLE, "published": "2020-02-02"}) + "\n\n"
        + "{not json\n" + json.dumps({"html": f"<html><body><p>{ARTICLE}</p></body></html>"}) + "\n")
    items = _read(tmp_path)
    ids = [i.id if not isinstance(i, Outcome) else i.document_id for i in items]
    assert ids == ["lines#1", "lines#3", "lines#4", "many#1", "many#2", "r1"]
    bad = items[1]
    assert isinstance(bad, Outcome) and bad.error.code == "malformed_record"
    assert items[0].published == "2020-02-02"
    assert "talks with Greece" in items[2].text


def test_html_main_text_and_title():
    html = ("<html><head><title>Talks resume</title><script>var x = 1;</script></head><body>"
            "<nav>Home | World | Sport</nav><article><h1>Talks resume</h1>"
            f"<p>{ARTICLE}</p><p>The ministry gave no date for the first round.</p>"
            "</article><footer>Copyright</footer></body></html>")
    text, title = html_to_text(html)
    assert "talks with Greece" in text and "var x" not in text
    assert title == "Talks resume"


def test_malformed_html_still_yields_its_text():
    text, _ = html_to_text(f"<div><p>{ARTICLE}<p>Unclosed <b>bold <i>and</div></span>")
    assert "talks with Greece" in text


def test_encodings_are_detected():
    assert decode_bytes("Erdoğan said “no”.".encode("utf-16")) == "Erdoğan said “no”."
    latin = ("Le ministre a déclaré à l'AFP que la réunion était reportée à février. " * 3)
    assert decode_bytes(latin.encode("latin-1")) == latin
    assert decode_bytes(b"\xef\xbb\xbfplain") == "plain"


def test_binary_input_is_refused():
    with pytest.raises(BinaryInputError):
        decode_bytes(bytes(range(256)) * 10)


def test_bad_files_become_error_records_and_the_rest_go_on(tmp_path):
    (tmp_path / "a-empty.txt").write_text("  \n ")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "c-good.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "missing.txt", tmp_path / "d-dangling.txt")
    (tmp_path / "e-huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))  # 50 MB
    (tmp_path / "f-quotes.txt").write_text("“He said it was over, the minister said. ”” \"")
    items = _read(tmp_path, max_chars=1_000_000)
    codes = {(i.document_id if isinstance(i, Outcome) else i.id):
             (i.error.code if isinstance(i, Outcome) else "ok") for i in items}
    assert codes == {"a-empty": "empty", "b-binary": "binary", "c-good": "ok",
                     "d-dangling": "unreadable", "e-huge": "too_large", "f-quotes": "ok"}


def test_missing_path_and_unknown_suffix_are_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        check_paths([str(tmp_path / "nope.txt")])
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(UsageError):
        check_paths([str(tmp_path / "x.pdf")])


def test_make_document_rejects_empty_and_oversized():
    from newsgraph import make_document

    with pytest.raises(EmptyDocumentError):
        make_document("   ")
    with pytest.raises(DocumentTooLargeError):
        make_document("x" * 101, max_chars=100)


# Publication dates as sites print them: (string, date, date and time or None).
SITE_DATES = [
    ("Dec 17, 2016 8:46 AM ET", "2016-12-17", "2016-12-17T08:46:00-05:00"),
    ("17 December 2016 GMT", "2016-12-17", None),
    ("Wed Nov 23, 2016 | 4:58pm EST", "2016-11-23", "2016-11-23T16:58:00-05:00"),
    ("11/28/2016", "2016-11-28", None),
    ("December 9th 2016", "2016-12-09", None),
    ("Updated: Dec 17, 2016 8:46 a.m. EDT", "2016-12-17", "2016-12-17T08:46:00-04:00"),
    ("Mon, 06 Jan 2020 10:00:00 GMT", "2020-01-06", "2020-01-06T10:00:00+00:00"),
    ("2016-11-08T14:44:34Z", "2016-11-08", "2016-11-08T14:44:34+00:00"),
    ("2016-11-09 00:00:00", "2016-11-09", None),
    ("Saturday 17 December 2016 08.46 GMT", "2016-12-17", "2016-12-17T08:46:00+00:00"),
    ("Published 10:04 PM ET Dec 17, 2016 | Updated 11:00 PM ET Dec 18, 2016", "2016-12-17",
     "2016-12-17T22:04:00-05:00"),
    ("December 17, 20168:46 AM ET", "2016-12-17", "2016-12-17T08:46:00-05:00"),
    ("Updated March 3, 201911:05 PM EST", "2019-03-03", "2019-03-03T23:05:00-05:00"),
]


@pytest.mark.parametrize("printed, day, moment", SITE_DATES)
def test_dates_in_the_shapes_sites_print(printed, day, moment):
    from newsgraph.inputs.dates import parse_published

    parsed = parse_published(printed)
    assert (parsed.date, parsed.moment) == (day, moment)


def test_numeric_dates_follow_the_date_order():
    from newsgraph.inputs.dates import parse_published

    assert parse_published("11/12/2016").date == "2016-11-12"
    assert parse_published("11/12/2016", "DMY").date == "2016-12-11"


@pytest.mark.parametrize("printed", ["2018-12-19garbage", "2018-13-45", "Updated 3 hours ago",
                                     "December 2016", "tomorrow", "x" * 500])
def test_a_date_that_is_no_date_is_a_warning_never_coerced(printed):
    from newsgraph import make_document
    from newsgraph.errors import UnparsableDateError

    document = make_document(ARTICLE, published=printed)
    assert document.published is None and document.published_at is None
    assert [w["code"] for w in document.warnings] == ["bad_date"]
    assert document.as_contract()["warnings"][0]["code"] == "bad_date"
    with pytest.raises(UnparsableDateError):
        make_document(ARTICLE, published=printed, strict_dates=True)


def test_clean_documents_keep_their_contract_fields():
    from newsgraph import make_document

    document = make_document(ARTICLE, id="a", published="2018-12-19", outlet="Post")
    assert list(document.as_contract()) == ["id", "title", "url", "outlet", "published",
                                            "language", "text"]


NEWS_PLEASE = {
    "authors": ["Jane Roe", "John Doe"], "date_download": "2016-12-18 10:00:00",
    "date_modify": None, "date_publish": "2016-12-17 08:46:00", "description": "Talks resume.",
    "filename": "https%3A%2F%2Fplanet.example%2Ftalks.json", "image_url": None,
    "language": "en", "localpath": None, "maintext": ARTICLE, "source_domain": "planet.example",
    "text": None, "title": "Talks resume", "title_page": None, "title_rss": None,
    "url": "https://planet.example/talks",
}
TRAFILATURA_JSON = {
    "title": "Talks resume", "author": "Jane Roe; John Doe", "hostname": "planet.example",
    "date": "2016-12-17", "fingerprint": "71fc4d5f79e017e3", "id": None, "license": None,
    "comments": "", "raw_text": ARTICLE, "text": ARTICLE, "language": None, "image": None,
    "pagetype": None, "filedate": "2016-12-18", "source": "https://planet.example/talks",
    "source-hostname": "Daily Planet", "excerpt": None, "categories": "", "tags": "",
}
TRAFILATURA_XML = (
    '<doc sitename="Daily Planet" title="Talks resume" author="Jane Roe; John Doe" '
    'date="2016-12-17" url="https://planet.example/talks" hostname="planet.example" '
    f'fingerprint="71fc4d5f79e017e3"><main><head rend="h1">Talks resume</head><p>{ARTICLE}</p>'
    '<p>The ministry gave no date.</p></main><comments/></doc>')


def test_crawler_records_map_to_the_contract(tmp_path):
    (tmp_path / "np.json").write_text(json.dumps(NEWS_PLEASE))
    (tmp_path / "tf.json").write_text(json.dumps(TRAFILATURA_JSON))
    (tmp_path / "tf2.xml").write_text(TRAFILATURA_XML)
    news_please, trafilatura, xml = _read(tmp_path)
    assert news_please.id == "np" and news_please.text == ARTICLE
    assert (news_please.title, news_please.outlet, news_please.url, news_please.published,
            news_please.published_at) == ("Talks resume", "planet.example",
                                          "https://planet.example/talks", "2016-12-17",
                                          "2016-12-17T08:46:00")
    assert news_please.authors == ("Jane Roe", "John Doe")
    assert news_please.extra["description"] == "Talks resume."
    for record in (trafilatura, xml):
        assert (record.title, record.outlet, record.url, record.published) == (
            "Talks resume", "Daily Planet", "https://planet.example/talks", "2016-12-17")
        assert record.authors == ("Jane Roe", "John Doe")
    assert xml.text.split("\n")[1] == ARTICLE


def test_generic_records_use_common_field_names_and_keep_the_rest(tmp_path):
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"headline": "Talks resume", "body": ARTICLE, "pubDate": "Mon, 06 Jan 2020 10:00:00 GMT",
         "link": "https://planet.example/a", "source": {"id": "dp", "name": "Daily Planet"},
         "section": "World"},
        {"article": ARTICLE, "datePublished": "2020-01-07", "site": "Planet", "byline": "Roe"},
    ]))
    first, second = _read(tmp_path)
    assert (first.title, first.outlet, first.url, first.published) == (
        "Talks resume", "Daily Planet", "https://planet.example/a", "2020-01-06")
    assert first.extra == {"section": "World"}
    assert (second.outlet, second.published, second.authors) == ("Planet", "2020-01-07",
                                                                  ("Roe",))


def test_html_pages_give_their_own_metadata(tmp_path):
    (tmp_path / "page.html").write_text(
        '<html><head><title>Talks resume - Daily Planet</title>'
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta name="author" content="Lois Lane">'
        '<link rel="canonical" href="https://planet.example/talks">'
        '<meta property="article:published_time" content="2016-12-17T08:46:00-05:00">'
        f'</head><body><article><h1>Talks resume</h1><p>{ARTICLE}</p></article></body></html>')
    (page,) = _read(tmp_path)
    assert (page.title, page.outlet, page.url, page.published, page.authors) == (
        "Talks resume", "Daily Planet", "https://planet.example/talks", "2016-12-17",
        ("Lois Lane",))
    (tmp_path / "page.meta.json").write_text(json.dumps({"outlet": "Sidecar Outlet"}))
    assert _read(tmp_path)[0].outlet == "Sidecar Outlet"


def test_name_pattern_gives_outlet_and_date(tmp_path):
    from newsgraph.inputs.names import NamePattern

    (tmp_path / "nyt_2016-10-02_talks-resume.txt").write_text(ARTICLE)
    (tmp_path / "notes.txt").write_text(ARTICLE)
    pattern = NamePattern.compile("{outlet}_{published}_{slug}")
    undated, dated = _read(tmp_path, name_pattern=pattern)  # notes < nyt_...
    assert (dated.outlet, dated.published) == ("nyt", "2016-10-02")
    assert undated.published is None and undated.warnings[0]["code"] == "name_pattern"
    with pytest.raises(UsageError):
        NamePattern.compile("no fields")


def test_utf16_without_bom_is_text():
    text = "Erdoğan said the talks would resume in Ankara on Monday."
    assert decode_bytes(text.encode("utf-16-le")) == text
    assert decode_bytes(text.encode("utf-16-be")) == text


def test_terminal_text_has_no_raw_control_characters():
    from newsgraph.inputs.names import printable, safe_name

    assert printable("a\x1b[31mred\x07\x9b") == "a\\x1b[31mred\\x07\\x9b"
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"
    assert safe_name(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": f"{ARTICLE} \ud800", "title": "\udfff"})
                                      + "\n" + json.dumps({"id": "x\ud800", "text": 1}))
    document, failed = _read(tmp_path)
    assert document.text == f"{ARTICLE} \ufffd" and document.title == "\ufffd"
    assert failed.document_id == "x\ufffd"
    json.dumps(document.as_contract(), ensure_ascii=False).encode("utf-8")
    json.dumps(failed.to_record(), ensure_ascii=False).encode("utf-8")


def test_sidecars_use_the_record_mapping_and_site_dates(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps({
        "headline": "Talks resume", "date": "Dec 17, 2016 8:46 AM ET", "source_domain": "ap.org"}))
    (document,) = _read(tmp_path)
    assert (document.title, document.outlet, document.published, document.published_at) == (
        "Talks resume", "ap.org", "2016-12-17", "2016-12-17T08:46:00-05:00")
