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
    from .export import analysis_records

    bad = 0
    checked = 0
    for name in args.files:
        for record in analysis_records(name):
            checked += 1
            problems = violations(record)
            if problems:
                bad += 1
                doc_id = record.get("document", {}).get("id", "?")
                for problem in problems:
                    print(f"{name}: {doc_id}: {problem}", file=sys.stderr)
    print(f"{checked - bad} valid, {bad} invalid")
    return Exit.FAILED if bad else Exit.OK
