"""`newsgraph query`: placeholder, filled in below."""


def add_parser(commands) -> None:
    commands.add_parser("query", help="query a store")


def run(args) -> int:
    return 0
