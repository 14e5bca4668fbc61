"""`newsgraph export`: events as PLOVER records or GDELT rows, from analysis files or a
store; and a store's contents as JSONL analyses, CSV or Parquet tables; and Datasette's
metadata.json for a store."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..csvsafe import safe_cells
from ..errors import Exit, UsageError
from ..exports import FORMATS
from ..inputs.names import printable
from . import existing_store

STORE_FORMATS = ("jsonl", "csv", "parquet", "datasette-metadata")


def add_parser(commands) -> None:
    export = commands.add_parser(
        "export", help="events as PLOVER JSON or GDELT 2.0 event or mention rows (from "
        "analyses or a store); "
        "a store as JSONL analyses, CSV or Parquet tables")
    export.add_argument("analyses", nargs="*", metavar="ANALYSES",
                        help="analysis files (json or jsonl) written by `newsgraph analyze`")
    export.add_argument("--db", metavar="FILE", help="read a store instead of analysis files")
    export.add_argument("--dataset", metavar="DIR",
                        help="read a Parquet dataset (ingest --dataset) instead: events and "
                             "jsonl analyses, as from a store (docs/SCALE.md)")
    export.add_argument("--format", dest="formats", action="append", metavar="FORMAT",
                        choices=[*FORMATS, *STORE_FORMATS],
                        help="plover, gdelt or gdelt-mentions (events; gdelt-mentions: "
                        "GDELT's Mentions table), with jsonl (plover's default; gdelt rows as "
                        "objects by column name) or csv (gdelt: tab-separated with a header "
                        "line); with --db alone: jsonl (the analyses), csv or parquet "
                        "(one file per table into the folder given by -o), or datasette-metadata "
                        "(Datasette's metadata.json for the store: titles, descriptions, "
                        "facets, labels)")
    export.add_argument("-o", "--output", metavar="PATH",
                        help="file (or folder, for csv/parquet tables) instead of stdout; "
                        "- or /dev/stdout is stdout")


def run(args) -> int:
    formats = args.formats or []
    if bool(args.analyses) + bool(args.db) + bool(args.dataset) != 1:
        raise UsageError("export reads ANALYSES files, a store (--db FILE) or a dataset "
                         "(--dataset DIR): one of them")
    if args.db:
        existing_store(args.db)
    events = [f for f in formats if f in FORMATS]
    if len(events) > 1:
        raise UsageError("export writes one of --format plover, gdelt or gdelt-mentions")
    if events:
        return _export_events(args, events[0], formats)
    if not (args.db or args.dataset):
        raise UsageError("export of analysis files needs --format plover or --format gdelt")
    if args.dataset and formats != ["jsonl"]:
        raise UsageError("export --dataset writes events or --format jsonl (the dataset's "
                         "tables are Parquet already)")
    if len(formats) != 1:
        raise UsageError("export --db needs one --format: plover, gdelt, jsonl, csv, parquet "
                         "or datasette-metadata")
    return _export_store(args, formats[0])


def _analyses(args, unread: list):
    """The analyses to export; a line that cannot be read is reported, kept in `unread`,
    and the rest are exported."""
    if args.db:
        from ..store import Store

        with Store(args.db, readonly=True) as store:
            yield from store.analyses()
    elif args.dataset:
        from ..dataset.analyses import iter_analyses
        from ..dataset.duck import open_parquet

        with open_parquet(args.dataset) as conn:
            hashes = [h for (h,) in conn.execute("SELECT hash FROM documents ORDER BY rowid")]
            yield from (analysis for _, analysis in iter_analyses(conn, hashes))
    else:
        def report(message: str) -> None:
            unread.append(message)
            print(f"newsgraph: {printable(message)}", file=sys.stderr)

        yield from read_analyses(args.analyses, report)


def _export_events(args, kind: str, formats: list[str]) -> int:
    from ..exports import COLUMNS, export_records, store_report_groups

    header = "csv" in formats
    as_json = kind == "plover" or "jsonl" in formats
    if kind == "plover" and header:
        raise UsageError("--format plover is written as jsonl (PLOVER's nested records)")
    if "parquet" in formats:
        raise UsageError("events are written as jsonl or csv, not parquet")
    for name in args.analyses:
        if not Path(name).is_file():
            raise UsageError(f"no such file: {name}")

    unread: list[str] = []
    groups = None
    if args.db and kind != "plover":
        from ..store import Store

        with Store(args.db, readonly=True) as store:
            groups = store_report_groups(store)
    elif args.dataset and kind != "plover":
        from types import SimpleNamespace

        from ..dataset.duck import open_parquet

        with open_parquet(args.dataset) as conn:
            groups = store_report_groups(SimpleNamespace(conn=conn))
    columns = COLUMNS.get(kind)

    def write(stream) -> None:
        if columns and header:
            stream.write("\t".join(columns) + "\n")
        for record in export_records(_analyses(args, unread), kind, groups):
            if columns and as_json:
                record = dict(zip(columns, record))
            line = (json.dumps(record, ensure_ascii=False) if as_json
                    else "\t".join(safe_cells(record)))
            stream.write(line + "\n")

    _to_output(args.output, write)
    return Exit.FAILED if unread else Exit.OK


def _export_store(args, fmt: str) -> int:
    from ..store import Store
    from ..store.export import export_csv, export_parquet, write_jsonl

    if fmt == "datasette-metadata":
        return _export_datasette_metadata(args)
    if fmt != "jsonl" and (_is_stream(args.output) or Path(args.output).is_file()):
        raise UsageError(f"--format {fmt} writes one file per table: give a folder with -o")
    if args.dataset:
        _to_output(args.output, lambda stream: _write_dataset_jsonl(args, stream))
        return Exit.OK
    with Store(args.db, readonly=True) as store:
        if fmt == "jsonl":
            _to_output(args.output, lambda stream: write_jsonl(store, stream))
            return Exit.OK
        written = (export_csv if fmt == "csv" else export_parquet)(store, args.output)
        rows = store.counts(tuple(path.stem for path in written))
    for path in written:
        print(f"{path}\t{rows[path.stem]} rows", file=sys.stderr)
    print(f"wrote {len(written)} files to {args.output}", file=sys.stderr)
    return Exit.OK


def _export_datasette_metadata(args) -> int:
    """metadata.json for `datasette FILE -m metadata.json`: Datasette names a database
    after its file, so the metadata is keyed by the file's name without its suffix."""
    from ..store import Store
    from ..store.datasette import metadata_for

    with Store(args.db, readonly=True) as store:
        metadata = metadata_for(store.conn, Path(args.db).stem)
    _to_output(args.output, lambda stream: stream.write(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"))
    return Exit.OK


def _write_dataset_jsonl(args, stream) -> None:
    from ..output import to_jsonl

    for analysis in _analyses(args, []):
        stream.write(to_jsonl(analysis) + "\n")


# Outputs that are streams, not files to replace: `-o -` is stdout, as are these.
_STANDARD_STREAMS = {"-": "stdout", "/dev/stdout": "stdout", "/dev/stderr": "stderr"}


def _is_stream(output: str | None) -> bool:
    """No output (stdout), `-`, or a device (/dev/stdout, /dev/fd/3): written in place,
    since a device cannot be replaced by a renamed temporary file."""
    return not output or output in _STANDARD_STREAMS or output.startswith("/dev/")


def _to_output(output: str | None, write) -> None:
    if not output or output in _STANDARD_STREAMS:
        stream = getattr(sys, _STANDARD_STREAMS.get(output or "-", "stdout"))
        write(stream)
        stream.flush()
    elif _is_stream(output):
        with open(output, "w", encoding="utf-8") as stream:
            write(stream)
    else:
        from ..output import AtomicWriter

        with AtomicWriter(output) as stream:
            write(stream)


def read_analyses(files: list[str], on_error=None):
    """Analyses from json (one or an array) and jsonl files, in order."""
    for name in files:
        yield from analysis_records(name, on_error)


def analysis_records(name: str, on_error=None):
    """The records of one json (one or an array) or jsonl file, in order. A line (or file)
    that is not JSON, or is nested too deeply, goes to on_error(message) and the rest are
    read; without on_error it is a UsageError."""
    from ..errors import MalformedRecordError
    from ..inputs.records import json_lines, load_json

    def bad(exc: MalformedRecordError) -> None:
        if on_error is None:
            raise UsageError(exc.message)
        on_error(exc.message)

    path = Path(name)
    if not path.is_file():
        raise UsageError(f"no such file: {name}")
    text = path.read_text(encoding="utf-8")
    try:
        data = load_json(text, name)
    except MalformedRecordError:  # JSON Lines, or lines that are not JSON
        for number, line in json_lines(text):
            try:
                yield load_json(line, f"{name}:{number}")
            except MalformedRecordError as line_error:
                bad(line_error)
        return
    yield from (data if isinstance(data, list) else [data])
