"""The command line: a thin layer over the Python API. Exit codes live here only.

0: every document analysed; 1: some failed (each has an error record); 2: usage error.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time

from . import __version__
from .document import DEFAULT_MAX_CHARS
from .errors import NewsgraphError, UsageError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph", description="News reports into a source-attributed analysis.")
    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser("analyze", help="analyse articles into the contract's JSON")
    analyze.add_argument("paths", nargs="+", metavar="PATH",
                         help=".txt, .html/.htm, .json, .jsonl files or directories")
    analyze.add_argument("--published", help="publication date (YYYY-MM-DD) for documents "
                         "that do not carry their own")
    analyze.add_argument("--outlet", help="outlet for documents that do not carry their own")
    analyze.add_argument("--format", choices=["json", "jsonl"],
                         help="json (default for one document) or jsonl (default for more)")
    analyze.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    analyze.add_argument("--summary", action="store_true",
                         help="also print readable tables (to stdout with -o, else stderr)")
    analyze.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                         help=f"refuse documents longer than this (default {DEFAULT_MAX_CHARS:,})")
    analyze.add_argument("--progress", choices=["auto", "always", "never"], default="auto",
                         help="progress on stderr: auto shows it when stderr is a terminal")

    commands.add_parser("schema", help="print the JSON Schema of the analysis contract")

    from .commands import export, ingest, query, rebuild, stories
    from .web import serve

    ingest.add_parser(commands)
    rebuild.add_parser(commands)
    query.add_parser(commands)
    stories.add_parser(commands)
    export.add_parser(commands)
    serve.add_parser(commands)

    validate = commands.add_parser("validate", help="check analyses (json or jsonl) against "
                                   "the contract")
    validate.add_argument("files", nargs="+", metavar="FILE")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "analyze":
            return run_analyze(args)
        if args.command == "schema":
            from .contract import schema

            print(json.dumps(schema(), indent=1))
            return EXIT_OK
        if args.command == "validate":
            return run_validate(args.files)
        if args.command in ("ingest", "rebuild", "query", "stories", "story", "export"):
            from .commands import export, ingest, query, rebuild, stories

            return {"ingest": ingest, "rebuild": rebuild, "query": query, "stories": stories,
                    "story": stories, "export": export}[args.command].run(args)
        if args.command == "serve":
            from .web import serve

            return serve.run(args)
    except UsageError as exc:
        print(f"newsgraph: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`newsgraph analyze ... | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except NewsgraphError as exc:
        print(f"newsgraph: error: {exc.message}", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_USAGE


class Progress:
    """One status line on stderr, at most once a second: documents, rate, failures."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.failed = 0

    def update(self, ok: bool) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        now = time.monotonic()
        if self.enabled and now - self.last >= 1.0:
            self.last = now
            self._print(end="\r")

    def _print(self, end: str) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        print(f"analysed {self.done} documents ({self.done / elapsed:.1f}/s), "
              f"{self.failed} failed", end=end, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.enabled:
            self._print(end="\n")


def run_analyze(args) -> int:
    from .commands import input_options
    from .inputs import check_paths, iter_documents

    options = input_options(args)
    paths = check_paths(args.paths)

    items = iter_documents(paths, options)
    head = list(itertools.islice(items, 2))
    if not head:
        raise UsageError("no documents found under " + ", ".join(args.paths))
    fmt = args.format or ("json" if len(head) == 1 else "jsonl")
    show_progress = args.progress == "always" or (
        args.progress == "auto" and sys.stderr.isatty() and len(head) > 1)
    progress = Progress(show_progress)

    from .corpus.work import worker_pipeline

    pipeline = worker_pipeline(args.max_chars)  # settled, spaCy's length limit raised
    outcomes = pipeline.analyze_documents(itertools.chain(head, items))
    if args.output:
        from .output import AtomicWriter

        with AtomicWriter(args.output) as stream:
            failed, analyses = _write(outcomes, fmt, stream, progress, args.summary)
    else:
        failed, analyses = _write(outcomes, fmt, sys.stdout, progress, args.summary)
    progress.finish()
    if args.summary:
        from .summary import summarize

        target = sys.stdout if args.output else sys.stderr
        for analysis in analyses:
            print(summarize(analysis), file=target)
        if args.output:
            print(f"full analysis written to {args.output}", file=target)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _write(outcomes, fmt: str, stream, progress: Progress, keep: bool) -> tuple[int, list]:
    from .output import to_json, to_jsonl

    failed = 0
    kept = []
    records = []
    for outcome in outcomes:
        progress.update(outcome.ok)
        record = outcome.to_record()
        if not outcome.ok:
            failed += 1
            print(f"newsgraph: {outcome.document_id}: {outcome.error.code}: "
                  f"{outcome.error.message}", file=sys.stderr)
        elif keep:
            kept.append(record)
        if fmt == "jsonl":
            stream.write(to_jsonl(record) + "\n")
            stream.flush()
        else:
            records.append(record)
    if fmt == "json":
        stream.write(to_json(records[0] if len(records) == 1 else records) + "\n")
    return failed, kept


def run_validate(files: list[str]) -> int:
    from .commands.export import analysis_records
    from .contract import violations

    bad = 0
    checked = 0
    for name in files:
        records = analysis_records(name)
        for record in records:
            checked += 1
            problems = violations(record)
            if problems:
                bad += 1
                doc_id = record.get("document", {}).get("id", "?")
                for problem in problems:
                    print(f"{name}: {doc_id}: {problem}", file=sys.stderr)
    print(f"{checked - bad} valid, {bad} invalid")
    return EXIT_SOME_FAILED if bad else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
