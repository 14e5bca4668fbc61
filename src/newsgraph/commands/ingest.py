"""`newsgraph ingest PATH... --db FILE`: analyse a corpus into the store, resumably; with
`--dataset DIR` instead, into a Parquet dataset written by the workers themselves
(newsgraph.dataset)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from ..document import DEFAULT_MAX_CHARS
from ..errors import Exit, UsageError
from ..progress import CHOICES, Progress, wanted


def add_parser(commands) -> None:
    from ..corpus.engines import COMMIT_EVERY, DEFAULT_MAX_TASKS, DEFAULT_MEMORY_MB

    parser = commands.add_parser(
        "ingest", help="analyse articles into a SQLite store (resumable corpus runs)")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="the inputs of analyze, plus .warc/.warc.gz and .rss/.atom files")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--db", metavar="FILE", help="the store (SQLite)")
    target.add_argument("--dataset", metavar="DIR",
                        help="a Parquet dataset instead: a folder or a filesystem URL "
                             "(s3://..., gs://..., file://...), written by the workers, "
                             "partitioned by publication month (docs/SCALE.md)")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes (local) or CPUs (local Ray); default 1")
    parser.add_argument("--engine", choices=["local", "ray"], default="local",
                        help="local process pool (default) or Ray (pip install newsgraph[ray])")
    parser.add_argument("--address", help="Ray cluster address (default: a local instance)")
    parser.add_argument("--shard-size", type=int, default=16, metavar="N",
                        help="documents per shard, the unit of work and of resuming (16)")
    parser.add_argument("--commit-every", type=int, default=COMMIT_EVERY, metavar="N",
                        help="documents per store transaction: finished shards are merged "
                             f"together until they hold N ({COMMIT_EVERY}); readers see "
                             "documents as they are committed")
    parser.add_argument("--published", help="publication date for documents without one")
    parser.add_argument("--outlet", help="outlet for documents without one")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    from . import add_input_arguments

    add_input_arguments(parser)
    parser.add_argument("--worker-memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                        help=f"address-space cap per local worker ({DEFAULT_MEMORY_MB}; 0: none)")
    parser.add_argument("--max-tasks", type=int, default=DEFAULT_MAX_TASKS, metavar="N",
                        help=f"shards per worker before it is renewed ({DEFAULT_MAX_TASKS})")
    parser.add_argument("--keep-shards", action="store_true",
                        help="keep the run directory's shard files after the run")
    from . import add_profile_argument

    add_profile_argument(parser)
    parser.add_argument("--progress", choices=CHOICES, default="auto",
                        help="progress on stderr: auto shows it when stderr is a terminal")


def run(args) -> int:
    from ..corpus import EngineOptions, ingest
    from ..inputs import check_paths
    from . import input_options, require_positive

    require_positive(args, "workers", "shard_size", "commit_every")
    if args.address and args.engine != "ray":
        raise UsageError("--address is for --engine ray")
    options = input_options(args)
    paths = check_paths(args.paths)
    engine_options = EngineOptions(workers=args.workers, memory_mb=args.worker_memory,
                                   max_tasks=args.max_tasks, address=args.address,
                                   profile=args.profile)
    show = wanted(args.progress)
    if args.dataset:
        return _ingest_dataset(args, paths, options, engine_options, show)
    summary = ingest(paths, Path(args.db), options=options, engine=args.engine,
                     engine_options=engine_options, shard_size=args.shard_size,
                     commit_every=args.commit_every,
                     progress=partial(Progress, show, verb="ingested", failures=False),
                     keep_shards=args.keep_shards)
    print_summary(summary, Path(args.db))
    return Exit.FAILED if summary.counts.get("failed") else Exit.OK


def _ingest_dataset(args, paths, options, engine_options, show) -> int:
    from ..dataset.ingest import describe, ingest_dataset

    if args.keep_shards:
        raise UsageError("--keep-shards is for --db: a dataset's shards are its files")
    if args.profile != "fast":
        raise UsageError("--dataset is written with the fast profile only (docs/SCALE.md)")
    summary = ingest_dataset(paths, args.dataset, options=options, engine=args.engine,
                             engine_options=engine_options, shard_size=args.shard_size,
                             progress=partial(Progress, show, verb="ingested",
                                              failures=False))
    print(run_line(summary), file=sys.stderr)
    print(describe(args.dataset), file=sys.stderr)
    return Exit.FAILED if summary.counts.get("failed") else Exit.OK


def run_line(summary) -> str:
    counts = summary.counts
    resumed = ""
    if summary.resumed_from >= summary.shards:
        resumed = " (this run was already complete)"
    elif summary.resumed_from:
        resumed = f", resumed after {summary.resumed_from} of {summary.shards} shards"
    return (f"{summary.inputs} inputs in {summary.shards} shards{resumed}: "
            f"{counts.get('ok', 0)} stored, {counts.get('skipped', 0)} skipped, "
            f"{counts.get('failed', 0)} failed")


def print_summary(summary, db: Path) -> None:
    from ..store import Store

    print(run_line(summary), file=sys.stderr)
    with Store(db, readonly=True) as store:
        tally = store.counts(("documents", "claims", "entities", "events"))
        reasons = ", ".join(f"{code} {n}" for (status, code), n in
                            sorted(store.log_summary().items(), key=str) if status != "ok")
    size = db.stat().st_size / 1e6
    print(f"{db}: {tally['documents']} documents, {tally['claims']} claims, "
          f"{tally['entities']} entities, {tally['events']} events ({size:.1f} MB)"
          + (f"; not stored (all runs): {reasons}" if reasons else ""), file=sys.stderr)
