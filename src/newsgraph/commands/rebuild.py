"""`newsgraph rebuild --db FILE`: recompute a store's derived tables (stories, actors
across documents, matched claims, links across articles) from its stored documents; a
thin layer over newsgraph.stories.store.rebuild."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK = 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "rebuild", help="recompute a store's derived tables (stories, actors, matched "
                        "claims) from its documents, after an upgrade")
    parser.add_argument("--db", required=True, metavar="FILE", help="the store (SQLite)")
    parser.add_argument("--progress", choices=["auto", "always", "never"], default="auto",
                        help="progress on stderr: auto shows it when stderr is a terminal")


def run(args) -> int:
    from ..corpus.runner import tqdm_progress, writer_lock
    from ..store import Store
    from ..stories.store import rebuild
    from . import existing_store

    existing_store(args.db)
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    # The ingest lock: a rebuild and an ingest never write the same store at once.
    with writer_lock(Path(args.db)), Store(args.db) as store:
        total = store.counts(("documents",))["documents"]
        bar = tqdm_progress(show)(total, 0)
        documents = rebuild(store, progress=lambda done, _total: bar.update(1))
        bar.close()
    print(f"{args.db}: derived tables rebuilt from {documents} documents", file=sys.stderr)
    return EXIT_OK
