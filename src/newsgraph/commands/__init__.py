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
    "rebuild",
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


def add_profile_argument(parser) -> None:
    from ..stage import DEFAULT_PROFILE, PROFILES

    parser.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE,
                        help="attribution profile: fast (default) or accurate (a transformer "
                             "encoder; about 2x slower, higher F1 on PolNeAR)")


def add_input_arguments(parser) -> None:
    """The options on reading inputs that analyze and ingest share (docs/INPUTS.md)."""
    from ..inputs.dates import DATE_ORDERS, DEFAULT_DATE_ORDER

    parser.add_argument("--date-order", choices=DATE_ORDERS, default=DEFAULT_DATE_ORDER,
                        help="how numeric dates such as 11/12/2016 are read: month first "
                        f"(MDY, the default), day first (DMY) or year first (YMD)")
    parser.add_argument("--strict-dates", action="store_true",
                        help="a publication date that cannot be read fails its document "
                        "(default: the document is analysed undated, with a warning)")
    parser.add_argument("--name-pattern", metavar="PATTERN",
                        help="metadata in file names, e.g. '{outlet}_{published}_{slug}' "
                        "(fields: outlet, published, title, language, id; others are skipped)")


def input_options(args):
    """The document options shared by analyze and ingest (--published, --outlet,
    --max-chars, --date-order, --strict-dates, --name-pattern), checked: a bad value is a
    UsageError naming its option."""
    from ..document import normalize_published
    from ..errors import InputError, UsageError
    from ..inputs import InputOptions
    from ..inputs.names import NamePattern

    require_positive(args, "max_chars")
    try:
        # Checked here so a bad value is a usage error; passed on as given, so a time
        # of day in it reaches `published_at` as a sidecar's would.
        normalize_published(args.published, args.date_order)
    except InputError as exc:
        raise UsageError(f"--published: {exc.message}") from None
    try:
        pattern = NamePattern.compile(args.name_pattern) if args.name_pattern else None
    except UsageError as exc:
        raise UsageError(f"--name-pattern: {exc.message}") from None
    return InputOptions(published=args.published, outlet=args.outlet, max_chars=args.max_chars,
                        date_order=args.date_order, strict_dates=args.strict_dates,
                        name_pattern=pattern)
