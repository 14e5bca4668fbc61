"""`newsgraph query KIND --db FILE`: actors, claims, events, numbers or full-text search
over a store, as a table, JSON or CSV. Each kind runs the store's list spec that the web
UI and the API run (newsgraph.store.lists), so the same filters give the same rows in
the same order; its options are that spec's filters."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .. import csvsafe
from ..errors import BadFilter, Exit, NoFullTextIndexError, UsageError
from ..inputs.names import printable
from ..store import Store
from ..store.connection import store_error
from ..store.lists import SEARCHES, SPECS, describe, fetch, filters_of, plain_snippet
from . import existing_store, require_positive

MAX_CELL = 60  # table cells longer than this are shortened (JSON and CSV keep everything)
# Kind -> (list spec, help); `search` runs SEARCHES[--in].
KINDS = {"actors": ("actors", "actors by name, type, country: articles, mentions, claims"),
         "claims": ("claims", "claims by speaker, outlet, date, ..."),
         "events": ("events", "events by type, actor, place, date, ..."),
         "numbers": ("quantities", "quantities by unit, ..."),
         "search": ("", "full-text search over claims (or articles)")}


def add_parser(commands) -> None:
    parser = commands.add_parser("query", help="query a store: actors, claims, events, "
                                 "numbers, search")
    kinds = parser.add_subparsers(dest="list", required=True)  # "kind" is a filter
    for kind, (name, text) in KINDS.items():
        sub = kinds.add_parser(kind, help=text)
        output_options(sub, ["table", "json", "csv"], 20)
        # Both searches take one set of filters.
        spec = SEARCHES["claims"] if kind == "search" else SPECS[name]
        if kind == "search":
            sub.add_argument("q", metavar="text", help=describe(spec, "q"))
            sub.add_argument("--in", dest="target", choices=list(SEARCHES), default="claims")
        filter_options(sub, spec)


def source_options(parser) -> None:
    """--db FILE (the SQLite store) or --dataset DIR (DuckDB over Parquet)."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", metavar="FILE", help="the store (SQLite)")
    source.add_argument("--dataset", metavar="DIR",
                        help="a Parquet dataset (ingest --dataset) or a folder of export "
                             "--format parquet, read with DuckDB")


@contextmanager
def reader(args) -> Iterator:
    """The connection the command's SQL runs on: the store's, or DuckDB's over the
    Parquet files (the same list specifications, the same answers)."""
    if args.dataset:
        from ..dataset.duck import open_parquet

        with open_parquet(args.dataset) as conn:
            yield conn
        return
    existing_store(args.db)
    with Store(args.db, readonly=True) as store:
        yield store.conn


def output_options(parser, formats: list[str], limit: int) -> None:
    source_options(parser)
    parser.add_argument("--format", choices=formats, default="table")
    parser.add_argument("--limit", type=int, default=limit, metavar="N",
                        help=f"rows at most (default {limit})")
    parser.add_argument("--offset", type=int, default=0, metavar="N", help="rows to skip")


def filter_options(parser, spec) -> None:
    """One option per filter of a list spec (`q`, the search text, is an argument)."""
    for key in filters_of(spec):
        if key != "q":
            parser.add_argument(f"--{key.replace('_', '-')}", dest=key,
                                metavar="DATE" if key in ("since", "until") else
                                "N" if key in spec.integers else None,
                                help=describe(spec, key))


def run(args) -> int:
    spec = SEARCHES[args.target] if args.list == "search" else SPECS[KINDS[args.list][0]]
    require_positive(args, "limit")
    if args.dataset and spec.match:
        raise NoFullTextIndexError("search needs a store (--db): a dataset has no full-text "
                                   "index")
    with reader(args) as conn:
        try:
            page = read_page(conn, spec, args)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_ERROR:
                raise store_error(exc, args.db) from None
            # An FTS5 syntax error (the only SQL a user writes) names the fault: say it.
            raise UsageError(f"query failed: {exc}") from None
    write(page, spec, args.format, sys.stdout)
    return Exit.OK


def read_page(conn, spec, args):
    """The page of `spec` that the command's options ask for. A cut list says so on
    stderr, so stdout stays one clean table, JSON or CSV document."""
    if args.offset < 0:
        raise UsageError("--offset must be 0 or more")
    values = {key: getattr(args, key) for key in filters_of(spec)}
    try:
        page = fetch(conn, spec, values, limit=args.limit, offset=args.offset,
                     sort=getattr(args, "sort", None))
    except BadFilter as exc:
        key, _, problem = str(exc).partition(": ")
        option = "text" if key == "q" else f"--{key.replace('_', '-')}"
        raise UsageError(f"{option}: {problem}" if key in values else str(exc)) from None
    if page.cut:
        sys.stderr.write(cut_note(page) + "\n")
    return page


def cut_note(page) -> str:
    """'20 of 22 rows; --limit' (and where the page starts, with an offset)."""
    shown = len(page.rows)
    if page.offset:
        return (f"rows {page.offset + 1}-{page.offset + shown} of {page.shown_total()}; "
                "--limit, --offset")
    return f"{shown} of {page.shown_total()} rows; --limit"


def write(page, spec, fmt: str, stream) -> None:
    rows = [{k: plain_snippet(v) if k in spec.snippets else v for k, v in row.items()}
            for row in page.rows]
    if fmt == "json":
        stream.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        writer = csvsafe.writer(stream)
        writer.writerow(page.columns)
        writer.writerows([row[c] for c in page.columns] for row in rows)
    else:
        columns = list(spec.brief) or [c for c in page.columns if c not in spec.hidden]
        stream.write(table(columns, [[row[c] for c in columns] for row in rows]) + "\n")


def _cell(value) -> str:
    # An outlet or a title is the input's own: its escape sequences must not reach the
    # terminal ("\x1b]0;..." retitles it, "\x1b[2J" clears it).
    text = "" if value is None else printable(" ".join(str(value).split()))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 3] + "..."


def table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    width = shutil.get_terminal_size((160, 20)).columns
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(line[:width] for line in lines)
