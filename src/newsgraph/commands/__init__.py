"""Subcommands with more than a few lines of their own: each module has add_parser(commands)
and run(args) -> exit status, so cli.py stays a thin dispatcher."""
