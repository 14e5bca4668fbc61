"""Answer times of the web UI and API on a store of 10,000 articles.

    .venv/bin/python benchmarks/web.py [--documents 10000] [--base 12] [--runs 15] [--db FILE]

Analyses a small base corpus through the pipeline (the example article and the first
--base PolNeAR dev articles, as benchmarks/store_queries.py does), then replicates the
stored analyses with new ids by bulk SQL until the store holds --documents articles, one
story per 20 copies of an article (rows of the store's stories tables, made in bulk).
Then `newsgraph serve` runs as a subprocess and each page and API list
is requested --runs times over HTTP: the first request (whole-store answers, the map and
the story list, are cached until the store changes), median and p95 in milliseconds;
p95 is held against 300 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from store_queries import prepare, replicate_copies  # noqa: E402

BUDGET_MS = 300
STORY_SIZE = 20


# Copies are named "<base id>~<copy number>"; every STORY_SIZE copies of one base article
# make one story.
_COPY = "CAST(substr(id, instr(id, '~') + 1) AS INTEGER)"
_BASE = "substr(id, 1, instr(id, '~') - 1)"
STORY_ROWS = (
    "INSERT INTO story_documents (document, story, position, published, outlet, headline, "
    "relays, vector) SELECT hash, 'story-' || (" + _COPY + f" / {STORY_SIZE}) || '-' || " + _BASE +
    ", (SELECT coalesce(max(position), 0) FROM story_documents) + row_number() OVER "
    "(ORDER BY rowid), published, outlet, title, '[]', '{}' FROM documents WHERE instr(id, '~') > 0",
    "INSERT INTO stories (id, position, title, first_date, last_date, documents, outlets, "
    "norm) SELECT story, (SELECT coalesce(max(position), 0) FROM stories) + row_number() "
    "OVER (ORDER BY min(position)), min(headline), min(published), max(published), "
    "count(*), count(DISTINCT outlet), 1.0 FROM story_documents WHERE story LIKE 'story-%' "
    "GROUP BY story",
)


def replicate(db: Path, documents: int) -> float:
    import sqlite3

    conn = sqlite3.connect(db)
    base = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    return replicate_copies(db, -(-documents // base) - 1, then=STORY_ROWS)


def endpoints(db: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db)
    copies = conn.execute("SELECT count(*) FROM documents WHERE id LIKE "
                          "'syria-withdrawal~%'").fetchone()[0]
    doc = conn.execute("SELECT hash FROM documents WHERE id LIKE 'syria-withdrawal~%' "
                       "LIMIT 1 OFFSET ?", (min(100, copies - 1),)).fetchone()[0]
    story = conn.execute("SELECT story FROM story_documents WHERE document = ?",
                         (doc,)).fetchone()[0]
    top = conn.execute("SELECT name FROM actors WHERE type = 'PERSON' "
                       "ORDER BY documents DESC LIMIT 1").fetchone()[0]
    conn.close()
    actor = urllib.parse.quote(top)
    pages = ["/", "/articles?offset=5000", f"/articles/{doc}", f"/articles/{doc}/story",
             "/actors", f"/actors/{actor}", "/claims", f"/claims?speaker={actor}",
             "/claims?outlet=Reuters&since=2017-01&until=2017-06", "/events",
             "/events?type=CONSULT", "/numbers", "/places", "/times", "/links", "/entities",
             "/stories", f"/stories/{story}", "/map", "/search?q=withdrawal", "/search?q=said",
             f"/search?actor={actor}&outlet=CNN"]
    api = ["/api/documents", f"/api/documents/{doc}", "/api/actors", f"/api/actors/{actor}",
           "/api/entities", "/api/claims", f"/api/claims?speaker={actor}", "/api/events",
           "/api/quantities", "/api/places", "/api/times", "/api/links", "/api/stories",
           f"/api/stories/{story}", "/api/search?q=withdrawal", "/api/map",
           "/api/claims?format=csv&limit=1000"]
    return pages + api


def time_endpoints(db: Path, runs: int) -> int:
    server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db),
                               "--port", "0"], stderr=subprocess.PIPE, text=True,
                              env={"PYTHONPATH": str(ROOT / "src")})
    over = 0
    try:
        base = re.search(r"at (http://\S+)/", server.stderr.readline()).group(1)
        print(f"{'endpoint':58s} {'first':>8s} {'median':>8s} {'p95':>8s}  status")
        for path in endpoints(db):
            times, status = [], None
            for _ in range(runs):
                started = time.perf_counter()
                with urllib.request.urlopen(base + path) as response:
                    response.read()
                    status = response.status
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
            flag = "" if p95 < BUDGET_MS else f"  OVER {BUDGET_MS} ms"
            over += 1 if flag else 0
            shown = path if len(path) <= 58 else path[:55] + "..."
            print(f"{shown:58s} {times[0]:8.1f} {median:8.1f} {p95:8.1f}  {status}{flag}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return over


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=12, help="PolNeAR dev articles analysed")
    parser.add_argument("--runs", type=int, default=15, help="requests per endpoint")
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-web-") as tmp:
        db = args.db or Path(tmp) / "web.db"
        prepare(db, args.base, lambda path: replicate(path, args.documents))
        from newsgraph.store import Store

        with Store(db, readonly=True) as store:
            counts = store.counts()
        print("store: " + ", ".join(f"{n:,} {t}" for t, n in counts.items() if n)
              + f"; {db.stat().st_size / 1e6:,.0f} MB")
        over = time_endpoints(db, args.runs)
        print(f"{over} endpoints over {BUDGET_MS} ms at p95" if over else
              f"every endpoint under {BUDGET_MS} ms at p95")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
