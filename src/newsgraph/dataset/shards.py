"""The worker's side of a dataset ingest: a shard's records become rows of the store's
tables (store.rows, the code the SQLite store stores with), written by the worker itself
as one Parquet file per table and month, then the shard's manifest, last.

A shard without its manifest is not part of the dataset (readers read only the files
manifests name), so a run killed at any point leaves only whole shards, and the resumed
run writes the missing ones again under the same names."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..corpus.work import analyze_shard
from ..store.rows import document_row, item_rows
from ..store.store import SKIP_CODES
from .location import MANIFEST_DIR, Location
from .tables import (SHARD_TABLES, add_event_days, add_references, month_of, rowid,
                     to_arrow)

MANIFEST_VERSION = 1


def manifest_path(location: Location, run: str, index: int) -> str:
    return location.path(MANIFEST_DIR, run, f"shard-{index:06d}.json")


def file_name(run: str, index: int) -> str:
    return f"{run}-{index:06d}.parquet"


def log_row(record: dict, doc_hash: str, run: str, index: int) -> dict:
    """The ingest_log row the SQLite store writes for a record (a duplicate's message
    names no first document: a worker cannot know which copy another shard wrote)."""
    status = record["status"]
    if status == "analysis":
        return {"input": record["input"], "document": doc_hash, "status": "ok",
                "code": None, "message": None, "run": run, "shard": index}
    if status == "known":
        return {"input": record["input"], "document": record["hash"], "status": "skipped",
                "code": "duplicate", "message": None, "run": run, "shard": index}
    error = record["error"]
    return {"input": record["input"], "document": "", "run": run, "shard": index,
            "status": "skipped" if error["code"] in SKIP_CODES else "failed",
            "code": error["code"], "message": error["message"]}


def shard_rows(records: list[dict], run: str, run_seq: int, index: int
               ) -> tuple[dict, Counter, list]:
    """(table -> month -> rows, outcome counts, [(hash, month)] of the shard's documents).
    Row ids follow the records' order whatever their months, as the store's rowids do."""
    tables: dict[str, dict[str, list[dict]]] = {t: defaultdict(list) for t in SHARD_TABLES}
    next_row: Counter = Counter()
    counts: Counter = Counter()
    documents = []

    def put(table: str, month: str, row: dict) -> None:
        row["rowid"] = rowid(run_seq, index, next_row[table])
        next_row[table] += 1
        tables[table][month].append(row)

    for record in records:
        doc_hash, month = "", month_of(None)
        if record["status"] == "analysis":
            analysis = record["analysis"]
            row = document_row(analysis)
            doc_hash = row["hash"]
            month = month_of(row.get("published"))
            put("documents", month, row)
            items = item_rows(analysis, doc_hash)
            add_event_days(items, row.get("published"))
            for table, rows in items.items():
                for item in rows:
                    put(table, month, item)
            add_references(items)
            documents.append([doc_hash, month])
        log = log_row(record, doc_hash, run, index)
        counts[log["status"]] += 1
        put("ingest_log", month, log)
    return tables, counts, documents


def write_shard(location: Location, records: list[dict], *, run: str, run_seq: int,
                index: int) -> dict:
    """Write one shard's files and then its manifest; returns the manifest."""
    tables, counts, documents = shard_rows(records, run, run_seq, index)
    files: dict[str, list[str]] = {}
    for table, months in tables.items():
        for month in sorted(months):
            relative = f"{table}/month={month}/{file_name(run, index)}"
            location.write_table(location.path(relative), to_arrow(table, months[month]))
            files.setdefault(table, []).append(relative)
    manifest = {"version": MANIFEST_VERSION, "run": run, "run_seq": run_seq, "shard": index,
                "records": len(records), "counts": dict(sorted(counts.items())),
                "documents": documents, "files": files}
    location.write_json(manifest_path(location, run, index), manifest)
    return manifest


def analyze_and_write(payload: list[dict], max_chars: int, *, url: str, run: str,
                      run_seq: int, index: int) -> dict:
    """The task a worker runs for a dataset (an engine's task: newsgraph.corpus.engines):
    analyse the shard as corpus.work does, then write it; returns its manifest."""
    records = analyze_shard(payload, max_chars)
    return write_shard(Location(url), records, run=run, run_seq=run_seq, index=index)
