"""A snapshot of what newsgraph produces, for checking that a refactoring changes nothing.

    .venv/bin/python tools/snapshot.py OUT_DIR          # write the snapshot
    .venv/bin/python tools/snapshot.py --compare A B    # list the differences of two snapshots

The snapshot is the `analyze` output (sorted JSON, one file per document) of the PolNeAR
dev articles (their publisher, date and title from metadata.tsv as sidecars) and of the
example article, and every table of a store ingested from the same folder, row by row
(sorted, one JSON line per row). Columns that differ between any two runs (clocks, run ids) are left out.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear"
EXAMPLE = ROOT / "examples" / "syria-withdrawal"
# Columns that differ between any two runs: wall clocks, and the run id, a hash of the
# (temporary) input folder's path.
VOLATILE_COLUMNS = {"started", "finished", "created", "updated", "at", "time", "ingested_at",
                    "started_at", "finished_at", "created_at", "run", "inputs"}


def build_inputs(folder: Path) -> None:
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as handle:
        rows = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}
    for text in sorted((POLNEAR / "dev" / "text").glob("*.txt")):
        shutil.copy(text, folder / text.name)
        row = rows.get(text.stem)
        if row:
            (folder / f"{text.stem}.meta.json").write_text(json.dumps(
                {"outlet": row["publisher"], "published": row["publication_date"],
                 "title": row["title"] if row["title"] not in ("", "None") else None}))
    shutil.copy(EXAMPLE.with_suffix(".txt"), folder / "zz-example.txt")
    shutil.copy(EXAMPLE.with_suffix(".meta.json"), folder / "zz-example.meta.json")


def dump_store(db: Path, out: Path) -> None:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out.mkdir(parents=True, exist_ok=True)
    for table in tables:
        try:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
        except sqlite3.DatabaseError as exc:
            (out / f"{table}.jsonl").write_text(f"unreadable: {exc}\n")
            continue
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if n not in VOLATILE_COLUMNS]
        lines = sorted(json.dumps({names[i]: _plain(row[i]) for i in keep}, sort_keys=True)
                       for row in cursor)
        (out / f"{table}.jsonl").write_text("".join(line + "\n" for line in lines))
    conn.close()


def _plain(value):
    return value.hex() if isinstance(value, bytes) else value


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        build_inputs(folder)
        bin_dir = Path(sys.executable).parent
        analyses = Path(tmp) / "analyses.jsonl"
        subprocess.run([bin_dir / "newsgraph", "analyze", str(folder), "--format", "jsonl",
                        "-o", str(analyses), "--progress", "never"], check=False)
        analyze_dir = out / "analyze"
        analyze_dir.mkdir(exist_ok=True)
        for line in analyses.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            name = record["document"]["id"].replace("/", "_")
            (analyze_dir / f"{name}.json").write_text(json.dumps(record, sort_keys=True, indent=1))
        db = Path(tmp) / "store.db"
        subprocess.run([bin_dir / "newsgraph", "ingest", str(folder), "--db", str(db),
                        "--workers", "1"], check=True, stdout=subprocess.DEVNULL)
        dump_store(db, out / "store")


def compare(a: Path, b: Path) -> int:
    differing = 0
    names = sorted({p.relative_to(a) for p in a.rglob("*") if p.is_file()}
                   | {p.relative_to(b) for p in b.rglob("*") if p.is_file()})
    for name in names:
        left, right = a / name, b / name
        if not left.exists() or not right.exists():
            print(f"only in {'B' if not left.exists() else 'A'}: {name}")
            differing += 1
        elif left.read_bytes() != right.read_bytes():
            lines_a = set(left.read_text().splitlines())
            lines_b = set(right.read_text().splitlines())
            print(f"differs: {name} (-{len(lines_a - lines_b)} +{len(lines_b - lines_a)} lines)")
            differing += 1
    print(f"{len(names)} files, {differing} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("give OUT_DIR or --compare A B")
    if not POLNEAR.is_dir():
        print(f"{POLNEAR} is not available", file=sys.stderr)
        return 1
    snapshot(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
