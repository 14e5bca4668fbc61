"""Generated inputs (hypothesis): texts, records, metadata and file names never raise
anything but a typed InputError in its Outcome, and every document keeps the contract.
Bounded to well under a minute; `benchmarks/fuzz.py` runs the same properties longer."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import make_document
from newsgraph.contract import document_violations, violations
from newsgraph.errors import InputError, UnparsableDateError
from newsgraph.inputs import InputOptions, iter_documents
from newsgraph.inputs.dates import parse_published
from newsgraph.inputs.records import FIELD_ALIASES
from newsgraph.pipeline import Outcome

pytestmark = pytest.mark.fuzz
FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

FIELD_NAMES = sorted({key for keys in FIELD_ALIASES.values() for key in keys}
                     | {"source-hostname", "fingerprint"})
# Lone surrogates included: JSON's "\ud800" escapes read as them.
ANY_TEXT = st.text(st.characters(exclude_categories=()))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=5), children, max_size=3), max_leaves=10)
DATES = st.one_of(
    st.text(max_size=40),
    st.dates().map(lambda d: d.strftime("%b %d, %Y")),
    st.datetimes().map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S GMT")),
    st.from_regex(r"\d{4}-\d{2}-\d{2}[a-zT ]?.{0,6}", fullmatch=True),
)


def check_items(items: list) -> None:
    """Every item is a Document that keeps the contract or an Outcome with a typed error,
    and every id and text is valid UTF-8."""
    for item in items:
        if isinstance(item, Outcome):
            assert isinstance(item.error, InputError)
            record = item.to_record()
            assert violations(record) == []
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        else:
            contract = item.as_contract()
            assert document_violations(contract) == []
            json.dumps(contract, ensure_ascii=False).encode("utf-8")


@FAST
@given(DATES)
def test_dates_are_read_or_refused_with_a_typed_error(value):
    try:
        parsed = parse_published(value)
    except UnparsableDateError:
        return
    assert parsed.date is None or len(parsed.date) == 10
    if parsed.moment is not None:
        assert parsed.moment.startswith(parsed.date)


@FAST
@given(st.text(), DATES, st.text(max_size=20))
def test_texts_and_metadata_make_documents_or_typed_errors(text, published, outlet):
    try:
        document = make_document(text, published=published, outlet=outlet)
    except InputError:
        return
    assert document_violations(document.as_contract()) == []


@FAST
@given(st.lists(st.dictionaries(st.sampled_from(FIELD_NAMES) | ANY_TEXT.map(lambda t: t[:8]),
                                JSON_VALUES, max_size=8), min_size=1, max_size=4))
def test_records_become_documents_or_error_records(records):
    with tempfile.TemporaryDirectory() as folder:
        lines = "\n".join(json.dumps(r) for r in records)
        Path(folder, "records.jsonl").write_text(lines, encoding="utf-8")
        Path(folder, "one.json").write_text(json.dumps(records[0]), encoding="utf-8")
        check_items(list(iter_documents([Path(folder)], InputOptions())))


@FAST
@given(st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\x00" not in b),
       st.binary(max_size=300))
def test_file_names_and_bytes_never_break_a_run(name, content):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), name + b".txt")
        with open(path, "wb") as handle:
            handle.write(content)
        check_items(list(iter_documents([Path(folder)], InputOptions())))


WORDS = ('Officials in Ankara said on Monday that talks with Greece would resume . " “ ” '
         "' , 3 million $ 12 % the minister told Reuters Erdoğan according to\n\n").split(" ")


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=4), min_size=1, max_size=60)
       .map(" ".join), DATES)
def test_analyses_of_generated_text_keep_the_contract(pipeline, text, published):
    try:
        document = make_document(text, published=published)
    except InputError:
        return
    assert violations(pipeline.analyze_document(document)) == []
