"""Subcommands with more than a few lines of their own: each module has add_parser(commands)
and run(args) -> exit status, so cli.py stays a thin dispatcher."""


def input_options(args):
    """The document options shared by analyze and ingest (--published, --outlet,
    --max-chars), checked: a bad value is a UsageError naming its option."""
    from ..document import normalize_published
    from ..errors import InputError, UsageError
    from ..inputs import InputOptions

    if args.max_chars <= 0:
        raise UsageError("--max-chars must be positive")
    try:
        published = normalize_published(args.published)
    except InputError as exc:
        raise UsageError(f"--published: {exc.message}") from None
    return InputOptions(published=published, outlet=args.outlet, max_chars=args.max_chars)
