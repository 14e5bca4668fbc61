"""`newsgraph query KIND --db FILE`: actors, claims, events, numbers or full-text search
over a store, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import sys

from ..errors import Exit, UsageError
from . import existing_store, require_positive

MAX_CELL = 60  # table cells longer than this are shortened (JSON and CSV keep everything)


def add_parser(commands) -> None:
    parser = commands.add_parser("query", help="query a store: actors, claims, events, "
                                 "numbers, search")
    kinds = parser.add_subparsers(dest="kind", required=True)
    common = {"actors": "actors by name: articles, mentions, claims",
              "claims": "claims by speaker, outlet, date",
              "events": "events by type, actor, place, date",
              "numbers": "quantities by unit",
              "search": "full-text search over claims (or articles)"}
    sub = {name: kinds.add_parser(name, help=text) for name, text in common.items()}
    for name, kind in sub.items():
        kind.add_argument("--db", required=True, metavar="FILE")
        kind.add_argument("--format", choices=["table", "json", "csv"], default="table")
        kind.add_argument("--limit", type=int, default=20)
    sub["actors"].add_argument("--name")
    sub["actors"].add_argument("--type", help="PERSON, ORG, GPE, ...")
    sub["actors"].add_argument("--country", help="ISO alpha-3")
    sub["claims"].add_argument("--speaker", help="the speaker's canonical name")
    sub["claims"].add_argument("--outlet")
    sub["events"].add_argument("--type", help="PLOVER type: ASSAULT, RETREAT, ...")
    sub["events"].add_argument("--actor")
    sub["events"].add_argument("--place")
    for name in ("claims", "events"):
        sub[name].add_argument("--since", metavar="DATE", help="from this date (inclusive)")
        sub[name].add_argument("--until", metavar="DATE", help="to this date (inclusive)")
    sub["numbers"].add_argument("--unit", help="singular lemma or code: troop, km, USD")
    sub["search"].add_argument("text", help='FTS5 query: words, "a phrase", OR, prefix*')
    sub["search"].add_argument("--in", dest="target", choices=["claims", "documents"],
                               default="claims")


def run(args) -> int:
    from ..store import Store, query
    from ..store.connection import store_error

    existing_store(args.db)
    require_positive(args, "limit")
    options = {k: v for k, v in vars(args).items()
               if k not in ("command", "kind", "db", "format", "limit", "text")}
    with Store(args.db, readonly=True) as store:
        try:
            if args.kind == "search":
                result = query.search(store.conn, args.text, target=args.target,
                                      limit=args.limit)
            else:
                result = getattr(query, args.kind)(store.conn, limit=args.limit, **options)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_ERROR:
                raise store_error(exc, args.db) from None
            # An FTS5 syntax error (the only SQL a user writes) names the fault: say it.
            raise UsageError(f"query failed: {exc}") from None
    write(result, args.format, sys.stdout)
    return Exit.OK


def write(result, fmt: str, stream) -> None:
    if fmt == "json":
        stream.write(json.dumps(result.records(), ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(result.columns)
        writer.writerows(result.rows)
    else:
        stream.write(table(result.columns, result.rows) + "\n")


def _cell(value) -> str:
    text = "" if value is None else " ".join(str(value).split())
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
