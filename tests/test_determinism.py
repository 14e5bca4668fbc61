"""One corpus ingested under different hash seeds and worker counts gives the same store,
table by table: sets iterate in another order under each PYTHONHASHSEED, so any sum or
tie that follows a set's order shows here (it once gave different cross_links)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, shared_path

pytestmark = pytest.mark.slow  # three ingests
ARTICLES = 12
# Columns that differ between any two runs: wall clocks, and the run id (a hash of the
# input folder's path, which differs between the runs here).
VOLATILE_COLUMNS = {"started", "finished", "created", "updated", "at", "time", "ingested_at",
                    "started_at", "finished_at", "created_at", "run", "inputs"}


def _inputs(folder: Path) -> Path:
    polnear = shared_path(SHARED / "data" / "attribution" / "polnear")
    if not (polnear / "metadata.tsv").is_file():
        pytest.skip(f"PolNeAR is absent ({polnear})")
    with open(polnear / "metadata.tsv", encoding="utf-8") as handle:
        rows = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}
    folder.mkdir()
    for text in sorted((polnear / "dev" / "text").glob("*.txt"))[:ARTICLES]:
        (folder / text.name).write_bytes(text.read_bytes())
        row = rows.get(text.stem)
        if row:
            (folder / f"{text.stem}.meta.json").write_text(json.dumps(
                {"outlet": row["publisher"], "published": row["publication_date"],
                 "title": row["title"] if row["title"] not in ("", "None") else None}))
    for suffix in (".txt", ".meta.json"):
        name = "syria-withdrawal" + suffix
        (folder / name).write_bytes((ROOT / "examples" / name).read_bytes())
    return folder


def _tables(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    tables = {}
    for table in names:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in cursor.description]
        keep = [i for i, c in enumerate(columns) if c not in VOLATILE_COLUMNS]
        tables[table] = sorted(json.dumps([columns[i] for i in keep] + [
            row[i].hex() if isinstance(row[i], bytes) else row[i] for i in keep])
            for row in cursor)
    conn.close()
    return tables


def test_the_store_is_the_same_under_any_hash_seed_and_worker_count(tmp_path):
    inputs = _inputs(tmp_path / "in")
    stores = {}
    for seed, workers in (("0", 1), ("1", 2), ("2", 1)):
        db = tmp_path / f"seed{seed}-w{workers}.db"
        result = subprocess.run(
            [sys.executable, "-m", "newsgraph.cli", "ingest", str(inputs), "--db", str(db),
             "--workers", str(workers), "--shard-size", "4", "--progress", "never"],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed},
            capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr
        stores[(seed, workers)] = _tables(db)
    first, *others = stores.values()
    assert first["documents"] and first["cross_links"] is not None
    for key, tables in zip(list(stores)[1:], others):
        assert tables.keys() == first.keys()
        differing = [t for t in first if tables[t] != first[t]]
        assert differing == [], f"{key}: {differing}"
