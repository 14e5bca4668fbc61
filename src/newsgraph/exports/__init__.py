"""Event exports: analyses (contract dicts, from any iterable) to PLOVER or GDELT records.

Each format is a function from one analysis dict to a list of records (PLOVER: JSON-ready
dicts) or rows (GDELT: lists of strings in GDELT 2.0's column order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .gdelt import GDELT_COLUMNS, gdelt_rows
from .plover import plover_records

FORMATS = ("plover", "gdelt")


def export_records(analyses: Iterable[dict], fmt: str) -> Iterator[dict | list[str]]:
    """Records of every event of every analysis; error records are skipped."""
    convert = plover_records if fmt == "plover" else gdelt_rows
    for analysis in analyses:
        if isinstance(analysis, dict) and "events" in analysis:
            yield from convert(analysis)


__all__ = ["FORMATS", "GDELT_COLUMNS", "export_records", "gdelt_rows", "plover_records"]
