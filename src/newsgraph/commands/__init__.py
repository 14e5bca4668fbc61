"""The subcommands of `newsgraph`, registered here only: each is a module of this package
with add_parser(subparsers), which adds its parser(s), and run(args) -> exit status (a
newsgraph.errors.Exit). A new command is a module here and one line in COMMANDS.

Also the option checks the commands share; the CLI, not the library, names options."""

from __future__ import annotations

# In the order `newsgraph --help` lists them.
COMMANDS = (
    "analyze",
    "schema",
    "ingest",
    "query",
    "stories",  # stories and story
    "export",
    "serve",
    "validate",
)


def require_positive(args, *names: str) -> None:
    """A UsageError naming the first of these options (argparse dests) that is not > 0."""
    from ..errors import UsageError

    for name in names:
        if getattr(args, name) <= 0:
            raise UsageError(f"--{name.replace('_', '-')} must be positive")


def existing_store(db) -> None:
    """A StoreNotFoundError (or NotAStoreError, for a folder) for a store path with no
    file: reading commands never create one."""
    from pathlib import Path

    from ..store.connection import check_store_path

    check_store_path(Path(db), readonly=True)


def input_options(args):
    """The document options shared by analyze and ingest (--published, --outlet,
    --max-chars), checked: a bad value is a UsageError naming its option."""
    from ..document import normalize_published
    from ..errors import InputError, UsageError
    from ..inputs import InputOptions

    require_positive(args, "max_chars")
    try:
        published = normalize_published(args.published)
    except InputError as exc:
        raise UsageError(f"--published: {exc.message}") from None
    return InputOptions(published=published, outlet=args.outlet, max_chars=args.max_chars)
