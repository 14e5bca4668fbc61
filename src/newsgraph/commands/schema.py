"""`newsgraph schema`: the JSON Schema of the analysis contract."""

from __future__ import annotations

import json

from ..errors import Exit


def add_parser(commands) -> None:
    commands.add_parser("schema", help="print the JSON Schema of the analysis contract")


def run(args) -> int:
    from ..contract import schema

    print(json.dumps(schema(), indent=1))
    return Exit.OK
