"""Query times on a store of one million claims.

    .venv/bin/python benchmarks/store_queries.py [--claims 1000000] [--base 24] [--db FILE]

Analyses a small base corpus through the pipeline (the example article and the first
--base PolNeAR dev articles), then replicates those stored analyses with new ids by bulk
SQL (INSERT ... SELECT over a numbered series: new document hashes, ids, publication
dates and outlets) until the store holds --claims claims, then times each `newsgraph
query` example of docs/CLI.md (best of 5, milliseconds). Events and quantities are only
as many as the base analyses have.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.store.columns import quote
from newsgraph.store.ids import HASH_CHARS
from newsgraph.store.lists import SEARCHES, SPECS, fetch

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
OUTLETS = ("New York Post", "Reuters", "Associated Press", "CNN", "Breitbart", "Al Jazeera")

EXAMPLES = (  # (docs/CLI.md command, list spec, filters): what the command runs
    ("query actors --name 'Donald Trump'", SPECS["actors"], {"name": "Donald Trump"}),
    ("query actors --type PERSON --country TUR", SPECS["actors"],
     {"type": "PERSON", "country": "TUR"}),
    ("query claims --speaker 'Donald Trump'", SPECS["claims"], {"speaker": "Donald Trump"}),
    ("query claims --outlet 'New York Post' --since 2018-12-01 --until 2018-12-31",
     SPECS["claims"], {"outlet": "New York Post", "since": "2018-12-01", "until": "2018-12-31"}),
    ("query events --type RETREAT --since 2018-12", SPECS["events"],
     {"type": "RETREAT", "since": "2018-12"}),
    ("query numbers --unit troop", SPECS["quantities"], {"unit": "troop"}),
    ("query search 'withdrawal'", SEARCHES["claims"], {"q": "withdrawal"}),
    ("query search '\"northeastern Syria\"' --in documents", SEARCHES["documents"],
     {"q": '"northeastern Syria"'}),
)


def build_base(db: Path, base: int) -> None:
    import shutil

    from newsgraph.corpus import ingest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("syria-withdrawal.txt", "syria-withdrawal.meta.json"):
            shutil.copy(ROOT / "examples" / name, folder / name)
        for path in sorted(POLNEAR_DEV.glob("*.txt"))[:base]:
            shutil.copy(path, folder / path.name)
        ingest([folder], db, shard_size=8)


def _expression(table: str, column: str) -> str:
    """How a replica's column is made from the base row's, copy number c.i."""
    new_hash = f"substr({{}}, 1, {HASH_CHARS - 8}) || printf('%08d', c.i)"
    if column in ("document", "hash"):
        return new_hash.format(quote(column))
    if column in ("key", "item", "entity"):
        return new_hash.format(quote(column)) + f" || substr({quote(column)}, {HASH_CHARS + 1})"
    if table == "documents" and column == "id":
        return "id || '~' || c.i"
    if table == "documents" and column == "published":
        return "date('2016-01-01', '+' || (c.i % 1200) || ' days')"
    if table == "documents" and column == "outlet":
        cases = " ".join(f"WHEN {n} THEN '{o}'" for n, o in enumerate(OUTLETS))
        return f"CASE c.i % {len(OUTLETS)} {cases} END"
    return quote(column)


def replicate(db: Path, claims: int) -> float:
    conn = sqlite3.connect(db)
    base_claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    return replicate_copies(db, -(-claims // base_claims) - 1)


def replicate_copies(db: Path, copies: int, then: tuple[str, ...] = ()) -> float:
    """Add `copies` copies of every stored document and item, with new hashes and ids, by
    bulk SQL; run the statements `then` in the same transaction; seconds taken."""
    from newsgraph.store.migrations import rebuild_actors, transaction

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -512000")
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("CREATE TEMP TABLE c (i INTEGER PRIMARY KEY)")
    conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                 "INSERT INTO c SELECT i FROM n", (copies,))
    for table in ("documents", "entities", "claims", "events", "quantities", "places", "times",
                  "links", "mentions", "entity_actors"):
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        conn.execute(f"CREATE TEMP TABLE base_{table} AS SELECT * FROM main.{table}")
        select = ", ".join(_expression(table, col) for col in columns)
        conn.execute(f"INSERT INTO main.{table} ({', '.join(map(quote, columns))}) "
                     f"SELECT {select} FROM c, base_{table} ORDER BY c.i")
    for statement in then:
        conn.execute(statement)
    conn.execute("COMMIT")
    with transaction(conn):
        rebuild_actors(conn)  # the writer's running counts, redone for the bulk copies
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - started


def prepare(db: Path, base: int, replicate_to) -> None:
    """A store at `db`: kept as it is when it exists, else the base analysed and then
    replicated by `replicate_to(db)`."""
    if db.exists():
        print(f"{db} exists; timing it as it is")
        return
    started = time.perf_counter()
    build_base(db, base)
    print(f"base analysed in {time.perf_counter() - started:.1f} s")
    print(f"replicated by bulk SQL in {replicate_to(db):.1f} s")


def time_queries(db: Path) -> None:
    from newsgraph.store import Store

    with Store(db, readonly=True) as store:
        counts = store.counts()
        print("store: " + ", ".join(f"{n:,} {t}" for t, n in counts.items() if n)
              + f"; {db.stat().st_size / 1e6:,.0f} MB")
        for command, spec, values in EXAMPLES:
            best, rows = float("inf"), 0
            for _ in range(5):
                started = time.perf_counter()
                rows = len(fetch(store.conn, spec, values, limit=20).rows)
                best = min(best, time.perf_counter() - started)
            flag = "" if best < 0.1 else "  (over 100 ms)"
            print(f"{best * 1000:8.2f} ms  {rows:3d} rows  newsgraph {command}{flag}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=24, help="PolNeAR dev articles analysed")
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-queries-") as tmp:
        db = args.db or Path(tmp) / "million.db"
        prepare(db, args.base, lambda path: replicate(path, args.claims))
        time_queries(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
