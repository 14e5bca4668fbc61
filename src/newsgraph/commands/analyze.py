"""`newsgraph analyze PATH...`: articles into the contract's JSON, one analysis each."""

from __future__ import annotations

import itertools
import sys

from ..document import DEFAULT_MAX_CHARS
from ..errors import Exit, UsageError
from ..inputs.names import printable
from ..progress import CHOICES, Progress, wanted
from . import add_input_arguments, add_profile_argument


def add_parser(commands) -> None:
    analyze = commands.add_parser("analyze", help="analyse articles into the contract's JSON")
    analyze.add_argument("paths", nargs="+", metavar="PATH",
                         help=".txt, .html/.htm, .json, .jsonl, .xml (trafilatura), "
                         ".warc(.gz), .rss/.atom files or directories")
    analyze.add_argument("--published", help="publication date for documents that do not "
                         "carry their own")
    analyze.add_argument("--outlet", help="outlet for documents that do not carry their own")
    analyze.add_argument("--format", choices=["json", "jsonl"],
                         help="json (default for one document) or jsonl (default for more)")
    analyze.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    analyze.add_argument("--summary", action="store_true",
                         help="also print readable tables (to stdout with -o, else stderr)")
    analyze.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                         help=f"refuse documents longer than this (default {DEFAULT_MAX_CHARS:,})")
    add_profile_argument(analyze)
    analyze.add_argument("--progress", choices=CHOICES, default="auto",
                         help="progress on stderr: auto shows it when stderr is a terminal")
    add_input_arguments(analyze)


def run(args) -> int:
    from ..corpus.work import worker_pipeline
    from ..inputs import check_paths, iter_documents
    from . import input_options

    options = input_options(args)
    paths = check_paths(args.paths)

    items = iter_documents(paths, options)
    head = list(itertools.islice(items, 2))
    if not head:
        raise UsageError("no documents found under " + ", ".join(args.paths))
    fmt = args.format or ("json" if len(head) == 1 else "jsonl")
    show = wanted(args.progress, many=len(head) > 1)
    # The bar's total and time left need the count up front: reading the inputs once more
    # costs little beside parsing them (ingest's plan reads them twice too).
    total = sum(1 for _ in iter_documents(paths, options)) if show else None
    progress = Progress(show, total)

    pipeline = worker_pipeline(args.max_chars, args.profile)  # settled, length limit raised
    outcomes = pipeline.analyze_documents(itertools.chain(head, items))
    if args.output:
        from ..output import AtomicWriter

        with AtomicWriter(args.output) as stream:
            failed, analyses = _write(outcomes, fmt, stream, progress, args.summary)
    else:
        failed, analyses = _write(outcomes, fmt, sys.stdout, progress, args.summary)
    progress.close()
    if args.summary:
        from ..summary import summarize

        target = sys.stdout if args.output else sys.stderr
        for analysis in analyses:
            print(printable(summarize(analysis)), file=target)
        if args.output:
            print(f"full analysis written to {args.output}", file=target)
    return Exit.FAILED if failed else Exit.OK


def _write(outcomes, fmt: str, stream, progress: Progress, keep: bool) -> tuple[int, list]:
    from ..output import to_json, to_jsonl

    failed = 0
    kept = []
    records = []
    for outcome in outcomes:
        progress.update(failed=0 if outcome.ok else 1)
        record = outcome.to_record()
        if not outcome.ok:
            failed += 1
            print(printable(f"newsgraph: {outcome.document_id}: {outcome.error.code}: "
                            f"{outcome.error.message}"), file=sys.stderr)
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
