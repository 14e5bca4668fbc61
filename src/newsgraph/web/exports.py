"""Any list as a CSV or JSON download."""

from __future__ import annotations

import csv
import io
import json

from fastapi.responses import Response


def export(columns: list[str], rows: list[dict], fmt: str, name: str) -> Response:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([row.get(c) for c in columns] for row in rows)
        body, media = buffer.getvalue(), "text/csv; charset=utf-8"
    else:
        body = json.dumps(rows, ensure_ascii=False, indent=1)
        media = "application/json"
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
