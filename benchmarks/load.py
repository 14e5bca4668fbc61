"""The web server under load: N clients at once against `newsgraph serve` on a large store.

    .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 30] [--articles 10000]
                                        [--db FILE] [--workers 1] [--readers N]
                                        [--cache-mb MB] [--warmup 5]

The store is built once by benchmarks/replicate.py (copies of real analyses through the
real writer: --articles articles, the biggest story 200+ articles) and kept under
~/.cache/newsgraph/benchmarks/ (the path is printed; reruns reuse it). `newsgraph serve`
runs as a subprocess on 127.0.0.1 (a free port); --clients threads, each with its own
keep-alive connection, request pages and API calls one after another for --seconds (after
--warmup seconds not counted): the home page, the story list, the biggest story's page,
other stories, actor pages, article pages (any of the store's articles, so mostly not
yet cached), searches (words of the stored titles), lists with offsets, and their API
equivalents. Prints requests/s, p50/p95/p99 per kind of route and overall, the errors,
the share answered from the server's cache, and the load average (the machine may be
shared). Exit status 1 when a request failed or the overall p95 is 1 s or more.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import replicate  # noqa: E402

TARGET_P95_S = 1.0
# Five rounds of copies a day: the biggest story, bounded to 14 days by the clusterer's
# window, reaches 200+ articles (246 of 10,000).
DAYS_PER_ROUND = 0.2
REQUEST_TIMEOUT_S = 60  # a request that takes longer counts as an error
SEED = 17


def cache_path(articles: int) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newsgraph" / "benchmarks" / f"replica-{articles}-{DAYS_PER_ROUND:g}d.db"


def ensure_store(db: Path, articles: int) -> None:
    """The replicated store at `db` with at least `articles` articles (built or grown)."""
    have = 0
    if db.exists():
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            have = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    if have >= articles:
        print(f"store: {db} ({have:,} articles, reused)")
        return
    print(f"store: {db} ({have:,} articles; building to {articles:,})")
    db.parent.mkdir(parents=True, exist_ok=True)
    analyses = replicate.source_analyses()
    stats = replicate.build_replicated_store(db, articles, source_analyses=analyses,
                                             days_per_round=DAYS_PER_ROUND,
                                             progress=replicate.print_progress)
    print(f"built: {stats.added:,} articles in {stats.seconds:.0f} s "
          f"({stats.rate:.1f} articles/s)")


def routes(db: Path, rng: random.Random) -> dict[str, list[str]]:
    """Route kind -> the paths a client picks from, read from the store."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stories = [r[0] for r in conn.execute(
        "SELECT id FROM stories ORDER BY documents DESC, position LIMIT 20")]
    biggest, size = conn.execute("SELECT id, documents FROM stories ORDER BY documents DESC, "
                                 "position LIMIT 1").fetchone()
    actors = [r[0] for r in conn.execute(
        "SELECT name FROM actors WHERE type IN ('PERSON', 'ORG', 'GPE') "
        "ORDER BY documents DESC, name LIMIT 40")]
    hashes = [r[0] for r in conn.execute("SELECT hash FROM documents ORDER BY rowid")]
    titles = [r[0] or "" for r in conn.execute("SELECT title FROM documents LIMIT 200")]
    conn.close()
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)})
    rng.shuffle(hashes)
    quote = urllib.parse.quote
    print(f"biggest story: {biggest} ({size} articles); {len(stories)} stories, "
          f"{len(actors)} actors, {len(hashes):,} articles, {len(words)} search words in play")
    return {
        "home": ["/"],
        "stories list": ["/stories", "/api/stories"],
        "biggest story": [f"/stories/{quote(biggest)}"],
        "biggest story api": [f"/api/stories/{quote(biggest)}"],
        "story": [f"/stories/{quote(s)}" for s in stories],
        "actor": [f"/actors/{quote(a, safe='')}" for a in actors],
        "actor api": [f"/api/actors/{quote(a, safe='')}" for a in actors],
        "article": [f"/articles/{h}" for h in hashes[0:6000:2]],
        "article api": [f"/api/documents/{h}" for h in hashes[1:6000:2]],
        "search": [f"/search?q={quote(w)}" for w in words],
        "search api": [f"/api/search?q={quote(w)}" for w in words],
        "list": [f"/{kind}?offset={o}" for kind in ("articles", "claims", "events", "actors")
                 for o in range(0, 5000, 250)],
        "list api": [f"/api/{kind}?offset={o}" for kind in ("documents", "claims", "events",
                                                           "quantities") for o in range(0, 5000, 250)],
    }


# How often each kind is asked for, out of the sum.
WEIGHTS = {"home": 8, "stories list": 8, "biggest story": 8, "biggest story api": 4,
           "story": 6, "actor": 8, "actor api": 4, "article": 14, "article api": 8,
           "search": 8, "search api": 4, "list": 12, "list api": 8}


class Client(threading.Thread):
    """One client: its own keep-alive connection, one request at a time until `stop`."""

    def __init__(self, number: int, host: str, port: int, paths: dict[str, list[str]],
                 stop: float, record):
        super().__init__(name=f"client-{number}", daemon=True)
        self.rng = random.Random(SEED * 1000 + number)
        self.host, self.port, self.paths = host, port, paths
        self.stop, self.record = stop, record
        self.kinds = list(WEIGHTS)
        self.weights = [WEIGHTS[k] for k in self.kinds]
        self.conn: http.client.HTTPConnection | None = None

    def run(self) -> None:
        while time.monotonic() < self.stop:
            kind = self.rng.choices(self.kinds, self.weights)[0]
            path = self.rng.choice(self.paths[kind])
            started = time.perf_counter()
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port,
                                                           timeout=REQUEST_TIMEOUT_S)
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                response.read()
                status, hit = response.status, response.getheader("x-newsgraph-cache") == "hit"
            except (OSError, http.client.HTTPException) as exc:
                status, hit = type(exc).__name__, False
                self.conn.close()
                self.conn = None
            self.record(kind, time.perf_counter() - started, status, hit, path)
        if self.conn is not None:
            self.conn.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def run_clients(host: str, port: int, paths, clients: int, seconds: float):
    results: list[tuple] = []
    lock = threading.Lock()

    def record(*row):
        with lock:
            results.append(row)

    stop = time.monotonic() + seconds
    threads = [Client(i, host, port, paths, stop, record) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT_S + 5)
    return results, time.perf_counter() - started


def report(results, elapsed: float) -> tuple[int, float]:
    by_kind = defaultdict(list)
    errors = defaultdict(list)
    hits = 0
    for kind, seconds, status, hit, path in results:
        by_kind[kind].append(seconds)
        hits += hit
        if status != 200:
            errors[kind].append(f"{status} {path}")
    print(f"{'route kind':20s} {'requests':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} "
          f"{'errors':>6s}")
    for kind in WEIGHTS:
        times = by_kind.get(kind)
        if times:
            print(f"{kind:20s} {len(times):8d} {percentile(times, .5) * 1000:8.0f} "
                  f"{percentile(times, .95) * 1000:8.0f} {percentile(times, .99) * 1000:8.0f} "
                  f"{len(errors.get(kind, [])):6d}")
    every = [r[1] for r in results] or [0.0]
    failed = sum(len(v) for v in errors.values())
    p95 = percentile(every, .95)
    print(f"{'overall':20s} {len(results):8d} {percentile(every, .5) * 1000:8.0f} "
          f"{p95 * 1000:8.0f} {percentile(every, .99) * 1000:8.0f} {failed:6d}")
    print(f"{len(results) / elapsed:.1f} requests/s over {elapsed:.1f} s; "
          f"{hits / max(1, len(results)):.0%} answered from the server's cache")
    for kind, examples in sorted(errors.items()):
        print(f"  errors on {kind}: {len(examples)}, e.g. {examples[0]}")
    return failed, p95


def start_server(db: Path, workers: int, readers: int | None, cache_mb: float | None
                 ) -> tuple[subprocess.Popen, str, int]:
    command = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", "0"]
    if workers > 1:
        command += ["--workers", str(workers)]
    if readers is not None:
        command += ["--readers", str(readers)]
    if cache_mb is not None:
        command += ["--cache-mb", f"{cache_mb:g}"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line:
            break
        found = re.search(r"at http://(127\.0\.0\.1):(\d+)/", line)
        if found:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # drain
            return server, found.group(1), int(found.group(2))
    server.kill()
    raise SystemExit("newsgraph serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=5.0,
                        help="seconds of load before the measured run (not counted)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="the store (default: the cached replica)")
    parser.add_argument("--workers", type=int, default=1, help="serve --workers")
    parser.add_argument("--readers", type=int, help="serve --readers (default: serve's)")
    parser.add_argument("--cache-mb", type=float, help="serve --cache-mb (0: nothing kept)")
    args = parser.parse_args()
    if not (1 <= args.clients <= 1000 and 0 < args.seconds <= 3600 and 0 <= args.warmup <= 600):
        parser.error("--clients 1 to 1000, --seconds up to 3600, --warmup up to 600")
    db = args.db or cache_path(args.articles)
    ensure_store(db, args.articles)
    paths = routes(db, random.Random(SEED))
    server, host, port = start_server(db, args.workers, args.readers, args.cache_mb)
    try:
        if args.warmup:
            run_clients(host, port, paths, args.clients, args.warmup)
        load_before = os.getloadavg()
        results, elapsed = run_clients(host, port, paths, args.clients, args.seconds)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.clients} clients, {args.seconds:g} s (after {args.warmup:g} s warm-up), "
          f"serve --workers {args.workers} --readers {args.readers or 'default'} "
          f"--cache-mb {'default' if args.cache_mb is None else f'{args.cache_mb:g}'}, "
          f"{os.cpu_count()} CPUs; load average before "
          f"{load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    failed, p95 = report(results, elapsed)
    met = failed == 0 and p95 < TARGET_P95_S
    print(f"target (0 errors, p95 under {TARGET_P95_S:g} s): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
