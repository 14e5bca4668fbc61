"""Fault test: kill -9 a 2-worker ingest at random moments, resume each, compare stores.

    .venv/bin/python benchmarks/faults.py [--moments 10] [--seed 17] [--articles 12]
                                          [--workers 2] [--shard-size 2]
                                          [--commit-every 2]

The corpus is the example article and the --articles smallest PolNeAR dev articles with
their sidecars (the example and examples/demo/ when ../shared is absent). One
uninterrupted run gives the reference store and the span the moments are drawn from
(seeded, uniform): from its first finished shard to its end. For each moment a fresh run
is started, its whole process group killed with SIGKILL that long after its own first
shard finished, and the run resumed by the same command. Prints each kill's moment, the
shards merged when it was killed and whether the resumed store equals the reference
table by table (as tools/snapshot.py normalises tables); exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from snapshot import EXAMPLE, POLNEAR, build_inputs, dump_store  # noqa: E402

DEMO = ROOT / "examples" / "demo"


@dataclass(frozen=True)
class Trial:
    moment: float  # seconds after the run's first shard file appeared
    merged: int  # shards merged into the store when it was killed
    finished: bool  # the run had ended before the kill (nothing was interrupted)
    differing: tuple[str, ...]  # tables of the resumed store unlike the reference's


def build_corpus(folder: Path, articles: int) -> None:
    """The example plus the `articles` smallest PolNeAR dev articles with their sidecars,
    or the example plus examples/demo/ when ../shared is absent."""
    folder.mkdir(parents=True, exist_ok=True)
    if not POLNEAR.is_dir():
        for path in sorted(DEMO.iterdir()):
            shutil.copy(path, folder / path.name)
        shutil.copy(EXAMPLE.with_suffix(".txt"), folder / "zz-example.txt")
        shutil.copy(EXAMPLE.with_suffix(".meta.json"), folder / "zz-example.meta.json")
        return
    with tempfile.TemporaryDirectory() as tmp:
        everything = Path(tmp)
        build_inputs(everything)  # every dev article with its sidecar, and the example
        texts = sorted(everything.glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))
        chosen = [p for p in texts if p.stem != "zz-example"][:articles]
        for text in chosen + [everything / "zz-example.txt"]:
            for path in (text, text.with_suffix(".meta.json")):
                if path.exists():
                    shutil.copy(path, folder / path.name)


def ingest_command(corpus: Path, db: Path, workers: int, shard_size: int,
                   commit_every: int | None = None) -> list[str]:
    commits = ["--commit-every", str(commit_every)] if commit_every else []
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db),
            "--workers", str(workers), "--shard-size", str(shard_size),
            "--progress", "never", *commits]


def _environment() -> dict:
    # This checkout's source first, so the subprocesses run the code under test.
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def run_ingest(command: list[str]) -> None:
    """Run to the end; its stderr (the run's summary) shown only when it fails."""
    result = subprocess.run(command, env=_environment(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n"
                           f"{result.stderr}")


def timed_run(command: list[str], db: Path) -> float:
    """Run to the end, watching the run directory next to the store: the seconds from the
    first shard's file appearing to the run's end (the part a kill can interrupt after
    something was written)."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    shards = db.with_name(db.name + ".runs")
    appeared = None
    while process.poll() is None:
        if appeared is None and shards.exists():
            appeared = time.monotonic() - started
        time.sleep(0.02)
    ended = time.monotonic() - started
    stderr = process.stderr.read()
    process.stderr.close()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
    return ended - (ended if appeared is None else appeared)


def merged_shards(db: Path) -> int:
    """Shards of the run merged into the store so far (0 before the store exists)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT merged FROM corpus_runs").fetchone()
        finally:
            conn.close()
        return row[0] if row else 0
    except sqlite3.OperationalError:  # not created yet
        return 0


def kill_at(command: list[str], db: Path, moment: float) -> tuple[int, bool]:
    """Start the run and SIGKILL its whole process group (the writer and its workers)
    `moment` seconds after its first shard's file appeared (timed from the run's own
    progress, as model loading takes however long a busy machine makes it): the shards
    merged by then, and whether the run had already ended."""
    process = subprocess.Popen(command, env=_environment(), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shards = db.with_name(db.name + ".runs")
    while process.poll() is None and not shards.exists():
        time.sleep(0.005)
    try:
        process.wait(timeout=moment)
        return merged_shards(db), True
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return merged_shards(db), False


def dump_tables(db: Path, out: Path) -> dict[str, bytes]:
    """Every table, normalised as tools/snapshot.py does: rows sorted, clock and run-id
    columns left out. ingest_log's `run` goes with them; its `shard` stays, as a resumed
    run has the same plan (same inputs, same shard size), so every input keeps its shard."""
    dump_store(db, out)
    return {path.stem: path.read_bytes() for path in sorted(out.glob("*.jsonl"))}


def differing_tables(reference: dict[str, bytes], other: dict[str, bytes]) -> tuple[str, ...]:
    return tuple(sorted(name for name in reference.keys() | other.keys()
                        if reference.get(name) != other.get(name)))


def draw_moments(count: int, seed: int, span: float) -> list[float]:
    generator = random.Random(seed)
    return sorted(round(generator.uniform(0, span), 3) for _ in range(count))


def fault_trial(corpus: Path, work: Path, moment: float, reference: dict[str, bytes],
                workers: int, shard_size: int, commit_every: int) -> Trial:
    db = work / "store.db"
    command = ingest_command(corpus, db, workers, shard_size, commit_every)
    merged, finished = kill_at(command, db, moment)
    run_ingest(command)
    differing = differing_tables(reference, dump_tables(db, work / "tables"))
    if db.with_name(db.name + ".runs").exists():  # shard files must go once merged
        differing += ("shard files left behind",)
    return Trial(moment, merged, finished, differing)


def run_faults(corpus: Path, work: Path, moments: int, seed: int, workers: int = 2,
               shard_size: int = 2, commit_every: int = 2, report=print) -> list[Trial]:
    """The reference run, then one killed-and-resumed run per moment, drawn over the time
    the reference run took from its first finished shard to its end: before that the
    workers load their models, and a kill leaves nothing to resume from. The reference
    commits with the default grouping, the killed runs every `commit_every` documents,
    so that kills fall between commits (the store must not depend on the grouping)."""
    reference_db = work / "reference" / "store.db"
    reference_db.parent.mkdir(parents=True)
    span = timed_run(ingest_command(corpus, reference_db, workers, shard_size), reference_db)
    reference = dump_tables(reference_db, work / "reference" / "tables")
    report(f"reference run: {span:.2f} s from its first shard to its end, "
           f"{merged_shards(reference_db)} shards, {len(reference)} tables")
    trials = []
    for index, moment in enumerate(draw_moments(moments, seed, span)):
        trial = fault_trial(corpus, work / f"kill{index:02d}", moment, reference, workers,
                            shard_size, commit_every)
        trials.append(trial)
        outcome = "equal" if not trial.differing else "DIFFER: " + ", ".join(trial.differing)
        state = "ended before the kill" if trial.finished else f"{trial.merged} shards merged"
        report(f"kill {index + 1:2d} at first shard + {moment:5.3f} s ({state}): resumed store {outcome}")
    return trials


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moments", type=int, default=10)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=2)
    parser.add_argument("--commit-every", type=int, default=2, metavar="N",
                        help="documents per commit in the killed and resumed runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        build_corpus(corpus, args.articles)
        print(f"{len(list(corpus.glob('*.txt')))} articles in {args.shard_size}-article "
              f"shards, {args.workers} workers, seed {args.seed}")
        try:
            trials = run_faults(corpus, Path(tmp), args.moments, args.seed, args.workers,
                                args.shard_size, args.commit_every)
        except RuntimeError as error:  # an ingest that failed outright, not a difference
            print(error, file=sys.stderr)
            return 2
    failed = [t for t in trials if t.differing]
    print(f"{len(trials)} kills, {len(failed)} resumed stores differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
