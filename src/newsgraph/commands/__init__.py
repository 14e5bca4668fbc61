"""The CLI's subcommands with more than a few lines of their own (ingest, query, stories,
export) and the options they share: each module has add_parser(commands) and
run(args) -> exit status, so cli.py stays a thin dispatcher."""


def require_positive(args, *names: str) -> None:
    """A UsageError naming the first of these options (argparse dests) that is not > 0."""
    from ..errors import UsageError

    for name in names:
        if getattr(args, name) <= 0:
            raise UsageError(f"--{name.replace('_', '-')} must be positive")


def existing_store(db) -> None:
    """A UsageError for a store path with no file: reading commands never create one."""
    from pathlib import Path

    from ..errors import UsageError

    if not Path(db).is_file():
        raise UsageError(f"no such store: {db}")


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
