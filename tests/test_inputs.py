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
