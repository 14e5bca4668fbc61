"""Any list as a CSV download (JSON is the API's own answer), formula cells neutralised
(newsgraph.csvsafe)."""

from __future__ import annotations

import io

from fastapi.responses import Response

from .. import csvsafe


def export(columns: list[str], rows: list[dict], name: str) -> Response:
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer)
    writer.writerow(columns)
    writer.writerows([row.get(c) for c in columns] for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}.csv"'})
