"""The docs keep up with the code (datasette's tests/test_docs.py is the model): every
CLI command and option, every web route, every error code and every contract field is
documented, a figure quoted in two places has one value, and every figure says how it
is measured.

Where each thing must be documented:
- a command: `newsgraph COMMAND` (`newsgraph query claims`) in docs/CLI.md; each of its
  options in a section of docs/CLI.md (text between two headings) that names the command;
- a route of the web app: its path in docs/WEB.md (`{name}` for any parameter, and
  `/api/{documents,actors}` stands for both);
- an error code: `` `code` `` in docs/ERRORS.md;
- a figure: FIGURES below names each figure the docs quote in more than one place, with
  the words that introduce it; all its occurrences must give one value. Every figure is a
  row of docs/BENCHMARKS.md with the command that measures it;
- a field of the analysis contract: a row of its item's table in docs/CONTRACT.md;
- README.md: first the two commands `make demo` and `make test`, then a quick start of
  at most 15 lines, the screenshot, and a link to every doc; nothing a user lacks
  (`../shared`).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import pkgutil
import re
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CLI_DOC = ROOT / "docs" / "CLI.md"

# Figure name -> pattern capturing its value (one group, or alternatives of one group
# each). Add a figure here when a second doc quotes it.
FIGURES = {
    "throughput ratio, pipeline / bare spaCy": r"\bratio (\d\.\d{3})\b",
    "web benchmark store size": r"10,010 articles \((\d+ MB)",
    "web pages and lists p95 bound": r"(\d+ ms) at p95|every p95 under (\d+ ms)",
    "list totals cap": r"capped at (\d{1,3}(?:,\d{3})*)",
    "largest list limit": r"`limit` up to (\d{1,3}(?:,\d{3})*)|"
                          r"`limit` \(1 to (\d{1,3}(?:,\d{3})*)",
    "documents per ingest transaction": r"--commit-every (\d+)|transactions of at least "
                                        r"(\d+) documents",
    "gazetteer towns' least population": r"towns of (\d{1,3}(?:,\d{3})*)\+",
    "range of \"hundreds\"": r"\"hundreds\": (\d+-\d+)",
    "web median, lists": r"lists (\d+-\d+) ms",
    "web median, a 20-article story": r"a 20-article story (\d+ ms)",
    "GDELT event columns": r"(\d+) columns",
}


def _sections(docs=DOCS) -> list[tuple[str, str]]:
    """(doc name, text) of every section: the text between two headings."""
    sections = []
    for path in docs:
        text = path.read_text(encoding="utf-8")
        sections += [(path.name, part) for part in re.split(r"^#+ ", text, flags=re.M)]
    return sections


def _commands(parser: argparse.ArgumentParser, path=()):
    """(command words, [option strings of each option]) of the parser and every
    subcommand under it."""
    options = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from _commands(subparser, (*path, name))
        elif action.option_strings and not isinstance(action, argparse._HelpAction):
            options.append(action.option_strings)
    yield path, options


def _mentions(text: str, words: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text) is not None


def test_every_command_and_option_is_documented():
    from newsgraph.cli import build_parser

    sections = _sections([CLI_DOC])
    everything = "\n".join(text for _, text in sections)
    missing = []
    for path, options in _commands(build_parser()):
        command = " ".join(("newsgraph", *path))
        if not _mentions(everything, command):
            missing.append(command)
            continue
        where = [text for _, text in sections if _mentions(text, command)]
        missing += [f"{command} {'/'.join(names)}" for names in options  # -o or --output
                    if not any(_mentions(text, name) for text in where for name in names)]
    assert missing == []


def _route_paths(routes, prefix=""):
    for route in routes:
        if hasattr(route, "include_context"):  # a router included with a prefix
            context = route.include_context
            yield from _route_paths(context.included_router.routes, prefix + context.prefix)
        elif hasattr(route, "methods"):  # not the /static mount
            yield prefix + route.path


def _normal(path: str) -> str:
    return re.sub(r"\{[^{},]+\}", "{}", path)


def _documented_paths(text: str) -> set[str]:
    paths = set()
    for token in re.findall(r"(?<![\w.])/[\w{},.:/-]*", text):
        # "{a,b}" splits into alternatives (odd pieces); "{name}" is a parameter
        pieces = re.split(r"\{([^{}]*,[^{}]*)\}", token.rstrip(".,:"))
        choices = [piece.split(",") if i % 2 else [piece] for i, piece in enumerate(pieces)]
        paths.update(_normal("".join(parts)) for parts in itertools.product(*choices))
    return paths


def test_every_web_route_is_documented(tmp_path):
    pytest.importorskip("fastapi")
    from newsgraph.web.app import create_app

    (tmp_path / "empty.db").touch()
    routes = {_normal(path) for path in _route_paths(create_app(tmp_path / "empty.db").routes)}
    documented = _documented_paths((ROOT / "docs" / "WEB.md").read_text(encoding="utf-8"))
    assert len(routes) > 20
    assert sorted(routes - documented) == []


def _error_classes():
    """Every NewsgraphError subclass in the package, wherever it is defined."""
    import newsgraph
    from newsgraph.errors import NewsgraphError

    for module in pkgutil.walk_packages(newsgraph.__path__, "newsgraph."):
        try:
            importlib.import_module(module.name)
        except ImportError as exc:  # an optional extra (ray, pyarrow) not installed
            if exc.name and exc.name.split(".")[0] == "newsgraph":
                raise
    pending, found = [NewsgraphError], []
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending += cls.__subclasses__()
    return found


def test_every_error_code_is_documented():
    errors = (ROOT / "docs" / "ERRORS.md").read_text(encoding="utf-8")
    classes = _error_classes()
    assert len(classes) > 10
    assert sorted({f"{c.__name__} ({c.code})" for c in classes
                   if f"`{c.code}`" not in errors}) == []


def test_a_figure_quoted_twice_has_one_value():
    found = {name: [] for name in FIGURES}
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for name, pattern in FIGURES.items():
            for match in re.finditer(pattern, text):
                value = next(group for group in match.groups() if group is not None)
                found[name].append((path.name, value))
    assert [name for name, values in found.items() if not values] == []  # still quoted
    assert {name: values for name, values in found.items()
            if len({value for _, value in values}) > 1} == {}


def test_the_route_reading_expands_alternatives_and_parameters():
    text = "GET `/api/{documents,actors}` with `/api/documents/{hash}/story`, not a/b."
    assert _documented_paths(text) == {"/api/documents", "/api/actors",
                                       "/api/documents/{}/story"}
    assert _normal("/actors/{name:path}") == "/actors/{}"


def test_every_package_says_what_it_owns_and_ships_its_types():
    import ast
    import tomllib

    src = ROOT / "src" / "newsgraph"
    silent = [str(init.relative_to(src)) for init in sorted(src.rglob("__init__.py"))
              if not ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))]
    assert silent == []
    assert (src / "py.typed").is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["newsgraph"]


def _section(text: str, heading: str) -> str:
    """The text under `## heading` up to the next heading of any level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^#)", text + "\n#", re.M | re.S)
    assert match, heading
    return match.group(1)


def test_the_readme_starts_with_the_two_commands_and_a_short_quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = readme.splitlines()
    assert lines[0] == "# newsgraph" and lines[1] == ""
    assert lines[2].split()[:2] == ["make", "demo"] and lines[3].split()[:2] == ["make", "test"]
    quick = _section(readme, "Quick start")
    # every line but the code fences and the screenshot counts
    counted = [line for line in quick.splitlines()
               if line.strip() and not line.startswith(("```", "!["))]
    assert 5 <= len(counted) <= 15, counted
    image = re.search(r"!\[[^\]]+\]\((docs/[\w.-]+\.png)\)", readme)
    assert image and (ROOT / image.group(1)).stat().st_size < 300_000
    assert "../shared" not in readme  # users have no ../shared
    linked = set(re.findall(r"\]\((docs/[\w.-]+\.md)\)", readme))
    assert sorted({f"docs/{path.name}" for path in (ROOT / "docs").glob("*.md")} - linked) == []


def test_every_contract_field_is_in_docs_contract():
    from newsgraph.contract import schema

    text = (ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    headings = {"document": "Document", "entity": "Entity", "claim": "Claim",
                "event": "Event", "quantity": "Quantity", "place": "Place", "time": "Time",
                "link": "Link"}
    definitions = schema()["$defs"]
    missing = []
    for definition, heading in headings.items():
        table = re.search(rf"^### {heading}\b.*?(?=^#|\Z)", text, re.M | re.S).group(0)
        rows = {name.strip() for line in table.splitlines() if line.startswith("| ")
                for name in line.split("|")[1].split(",")}
        missing += [f"{definition}.{field}" for field in definitions[definition]["properties"]
                    if field not in rows]
    assert missing == []


def test_every_benchmark_figure_names_the_command_that_measures_it():
    text = (ROOT / "docs" / "BENCHMARKS.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")
            and not line.startswith(("| benchmark ", "|---"))]
    assert len(rows) > 10
    for row in rows:
        command = row.rstrip(" |").rsplit("|", 1)[1]
        script = re.search(r"`\.venv/bin/python ((?:benchmarks|tools)/\w+\.py)\b", command)
        assert script and (ROOT / script.group(1)).is_file(), row
