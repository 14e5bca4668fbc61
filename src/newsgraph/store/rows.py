"""Analysis dicts to rows and back: what is stored is what `analyze` produced.

Fields outside the contract (an extension a stage adds before the schema knows it) go to
an `extra` JSON column, so the round trip loses nothing.
"""

from __future__ import annotations

import json

from .columns import ITEM_TABLES, SPAN_JOINER, Column, document_columns, item_columns
from .ids import document_hash, item_key, link_id
from .references import add_key_cells

ANALYSIS_KEYS = ("schema", "document", *ITEM_TABLES)


# One encoder for every cell: json.dumps with options builds a new encoder per call, and
# a corpus run encodes a few hundred cells per article.
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def to_cell(column: Column, value):
    if value is None:
        return None
    if column.kind in ("json", "span", "spans"):
        return _json(value)
    if column.kind == "bool":
        return int(bool(value))
    return value


def from_cell(column: Column, value):
    if value is None:
        return None
    if column.kind in ("json", "span", "spans"):
        return json.loads(value)
    if column.kind == "bool":
        return bool(value)
    if column.kind == "real" and float(value).is_integer():
        return int(value)  # JSON does not tell 2000 from 2000.0; keep the shorter form
    return value


def span_text(text: str, column: Column, value) -> str | None:
    if value is None:
        return None
    spans = [value] if column.kind == "span" else value
    return SPAN_JOINER.join(text[start:end] for start, end in spans) or None


def _extra(record: dict, known: set[str]) -> str | None:
    rest = {key: value for key, value in record.items() if key not in known}
    return _json(rest) if rest else None


def document_row(analysis: dict) -> dict:
    document = analysis["document"]
    columns = document_columns()
    row = {"hash": document_hash(document)}
    row.update({c.name: to_cell(c, document.get(c.name)) for c in columns})
    row["extra"] = _extra(document, {c.name for c in columns})
    row["analysis_extra"] = _extra(analysis, set(ANALYSIS_KEYS))
    return row


def item_rows(analysis: dict, doc_hash: str) -> dict[str, list[dict]]:
    """Rows per item table, plus `mentions`: one row per mention of an entity or place;
    references also as declared keys (references.py)."""
    text = analysis["document"]["text"]
    tables: dict[str, list[dict]] = {"mentions": []}
    for table in ITEM_TABLES:
        columns = item_columns(table)
        names = {c.name for c in columns}
        rows = []
        for position, item in enumerate(analysis.get(table) or []):
            item_id = item.get("id") or link_id(position)
            row = {"key": item_key(doc_hash, item_id), "document": doc_hash,
                   "position": position, "id": item_id}
            for column in columns:
                value = item.get(column.name)
                row[column.name] = to_cell(column, value)
                if column.text_copy:
                    row[column.text_copy] = span_text(text, column, value)
            row["extra"] = _extra(item, names)
            rows.append(row)
            for start, end in item.get("mentions") or []:
                tables["mentions"].append({"item": row["key"], "document": doc_hash,
                                           "kind": table, "start": start, "end": end,
                                           "text": text[start:end]})
        tables[table] = rows
    add_key_cells(tables, analysis, doc_hash)
    return tables


def _record(row: dict, columns: tuple[Column, ...]) -> dict:
    present = row.keys()
    # An optional field added to the contract later reads back only where it was written.
    record = {c.name: from_cell(c, row[c.name]) for c in columns
              if c.name in present and (c.required or row[c.name] is not None)}
    if row["extra"]:
        record.update(json.loads(row["extra"]))
    return record


def analysis_from_rows(document: dict, items: dict[str, list]) -> dict:
    """The contract dict from a documents row and its item rows (each in position order)."""
    from ..pipeline import SCHEMA_ID

    analysis = {"schema": SCHEMA_ID, "document": _record(document, document_columns())}
    for table in ITEM_TABLES:
        analysis[table] = [_record(row, item_columns(table)) for row in items.get(table, [])]
    if document["analysis_extra"]:
        analysis.update(json.loads(document["analysis_extra"]))
    return analysis
