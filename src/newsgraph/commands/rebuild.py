"""`newsgraph rebuild --db FILE`: recompute a store's derived tables (stories, actors
across documents, matched claims, links across articles) from its stored documents; a
thin layer over newsgraph.stories.store.rebuild."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import Exit
from ..progress import CHOICES, Progress, wanted


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "rebuild", help="recompute a store's derived tables (stories, actors, matched "
                        "claims) from its documents, after an upgrade")
    parser.add_argument("--db", required=True, metavar="FILE", help="the store (SQLite)")
    parser.add_argument("--progress", choices=CHOICES, default="auto",
                        help="progress on stderr: auto shows it when stderr is a terminal")


def run(args) -> int:
    from ..corpus.runner import writer_lock
    from ..store import Store
    from ..stories.store import rebuild
    from . import existing_store

    existing_store(args.db)
    # The ingest lock: a rebuild and an ingest never write the same store at once.
    with writer_lock(Path(args.db)), Store(args.db) as store:
        total = store.counts(("documents",))["documents"]
        bar = Progress(wanted(args.progress), total, verb="rebuilt", failures=False)
        documents = rebuild(store, progress=lambda _done, _total: bar.update())
        bar.close()
    print(f"{args.db}: derived tables rebuilt from {documents} documents", file=sys.stderr)
    return Exit.OK
