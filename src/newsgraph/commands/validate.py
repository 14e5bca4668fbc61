"""`newsgraph validate FILE...`: check analyses (json or jsonl) against the contract."""

from __future__ import annotations

import sys

from ..errors import Exit


def add_parser(commands) -> None:
    validate = commands.add_parser("validate", help="check analyses (json or jsonl) against "
                                   "the contract")
    validate.add_argument("files", nargs="+", metavar="FILE")


def run(args) -> int:
    from ..contract import violations
    from ..inputs.names import printable
    from .export import analysis_records

    bad = 0
    checked = 0
    for name in args.files:
        unread: list[str] = []
        for record in analysis_records(name, unread.append):
            checked += 1
            problems = violations(record)
            if problems:
                bad += 1
                document = record.get("document") if isinstance(record, dict) else None
                doc_id = document.get("id", "?") if isinstance(document, dict) else "?"
                for problem in problems:
                    print(printable(f"{name}: {doc_id}: {problem}"), file=sys.stderr)
        for message in unread:
            print(printable(message), file=sys.stderr)
        checked += len(unread)
        bad += len(unread)
    print(f"{checked - bad} valid, {bad} invalid")
    return Exit.FAILED if bad else Exit.OK
