"""CSV that a spreadsheet opens as data: a cell that begins with `=`, `+`, `-`, `@`, a tab
or a carriage return is a formula to Excel, LibreOffice and Google Sheets (CSV injection:
`=HYPERLINK(...)`, `+cmd|...`), and article text, names and titles come from inputs
anyone can write. As OWASP recommends, such a cell gets a leading single quote, which the
spreadsheet shows as text. A cell that reads as a plain number (`-3`, `+1.5`, `-2e-3`) is
left alone: it is data, and a spreadsheet reads it as that number.

Every CSV newsgraph writes (the web's exports, `query`, `stories`, `export`) goes through
`writer` here; tab-separated lines through `safe_cells`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def safe_cell(value):
    """The value, with a leading `'` when a spreadsheet would read it as a formula."""
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not PLAIN_NUMBER_RE.match(value)):
        return "'" + value
    return value


def safe_cells(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer's writerow and writerows, each cell neutralised."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable):
        return self._writer.writerow(safe_cells(row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream, **options) -> SafeWriter:
    return SafeWriter(stream, **options)
