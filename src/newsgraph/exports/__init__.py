"""Event exports: analyses (contract dicts, from any iterable) to PLOVER records or GDELT
2.0 event and mention rows.

Each format is a function from one analysis dict to a list of records (PLOVER: JSON-ready
dicts) or rows (GDELT: lists of strings in GDELT 2.0's column order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from .gdelt import GDELT_COLUMNS, GDELT_MENTION_COLUMNS, gdelt_mention_rows, gdelt_rows
from .plover import plover_records
from .reports import Report, ReportGroup, store_report_groups

FORMATS = ("plover", "gdelt", "gdelt-mentions")
COLUMNS = {"gdelt": GDELT_COLUMNS, "gdelt-mentions": GDELT_MENTION_COLUMNS}


def export_records(analyses: Iterable[dict], fmt: str,
                   groups: dict[Report, ReportGroup] | None = None
                   ) -> Iterator[dict | list[str]]:
    """Records of every event of every analysis; error records are skipped. groups (from
    a store: store_report_groups) say which articles report the same event."""
    convert = {"plover": plover_records, "gdelt": partial(gdelt_rows, groups=groups),
               "gdelt-mentions": partial(gdelt_mention_rows, groups=groups)}[fmt]
    for analysis in analyses:
        if isinstance(analysis, dict) and "events" in analysis:
            yield from convert(analysis)


__all__ = ["COLUMNS", "FORMATS", "GDELT_COLUMNS", "GDELT_MENTION_COLUMNS", "export_records",
           "gdelt_mention_rows", "gdelt_rows", "plover_records", "store_report_groups"]
