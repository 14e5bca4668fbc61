"""The command line: a thin layer over the Python API. The subcommands are the modules
listed in newsgraph.commands.COMMANDS; an error ends the run with the exit status
newsgraph.errors gives its class, after one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys

from . import __version__
from .commands import COMMANDS
from .errors import Exit, NewsgraphError


def build_parser() -> argparse.ArgumentParser:
    return _parser_and_runners()[0]


def _parser_and_runners() -> tuple[argparse.ArgumentParser, dict]:
    """The parser, and each subcommand's run function by the subcommand's name."""
    parser = argparse.ArgumentParser(
        prog="newsgraph", description="News reports into a source-attributed analysis.")
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    runners = {}
    for name in COMMANDS:
        module = importlib.import_module(f"{__package__}.commands.{name}")
        before = set(subparsers.choices)
        module.add_parser(subparsers)
        runners.update(dict.fromkeys(set(subparsers.choices) - before, module.run))
    return parser, runners


def main(argv: list[str] | None = None) -> int:
    parser, runners = _parser_and_runners()
    args = parser.parse_args(argv)
    try:
        return runners[args.command](args)
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`newsgraph analyze ... | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.BROKEN_PIPE
    except sqlite3.Error as exc:  # a store that failed after it was opened
        from .store.connection import store_error

        return _report(store_error(exc, getattr(args, "db", None)))
    except NewsgraphError as exc:
        return _report(exc)


def _report(error: NewsgraphError) -> int:
    print(f"newsgraph: error: {error.message}", file=sys.stderr)
    return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
