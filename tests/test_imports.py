"""No import cycles between the modules of newsgraph, counting the imports written inside
functions: an import moved into a function only hides a cycle from the interpreter, the
two modules still cannot be understood (or tested) one without the other.

An edge is an import the module writes. Importing `a.b` also runs `a/__init__.py` first;
that implicit edge is left out, or every package whose __init__ imports its own
submodules would be a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1] / "src" / "newsgraph"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_under(root: Path) -> dict[str, Path]:
    """Every module of the package at `root`, by dotted name (a package by its own name)."""
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _is_type_checking_block(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST):
    """Every import statement, in functions and classes too; those under
    `if TYPE_CHECKING:` never run, so they are no edge."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking_block(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _known_prefix(name: str, known: set[str]) -> str | None:
    """`name` or the longest enclosing module of it that is one of ours."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ours that the module `name` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base_parts = package.split(".")
                if node.level > 1:
                    base_parts = base_parts[:-(node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from . import x` imports the submodule x when there is one, else the name x
            # of the package's __init__.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        for target in targets:
            module = _known_prefix(target, known)
            if module is not None and module != name:
                found.add(module)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    modules = modules_under(root)
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted,
    in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        # Iterative, so a deep graph cannot hit the recursion limit.
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(found)


def one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A concrete path a -> b -> ... -> a inside a component, for the message."""
    members = set(component)
    start = component[0]
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return component


def _describe(graph, components) -> str:
    return "\n".join(" -> ".join(one_cycle(graph, c)) + f"   (all of: {', '.join(c)})"
                     for c in components)


def test_no_import_cycle_between_newsgraph_modules():
    graph = import_graph(PACKAGE_ROOT)
    assert len(graph) > 50 and any(graph.values())  # it did read the package
    found = cycles(graph)
    assert not found, f"import cycles (imports inside functions count):\n{_describe(graph, found)}"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_a_cycle_hidden_in_a_function_is_found(tmp_path):
    root = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/engine.py": "def build():\n    from .parts import wheel\n    return wheel\n",
        "pkg/parts/__init__.py": "",
        "pkg/parts/wheel.py": "from .. import engine\n",
        "pkg/alone.py": "import pkg.engine\n",
    })
    graph = import_graph(root)
    assert graph["pkg.engine"] == {"pkg.parts.wheel"}  # `from .parts import wheel`: the submodule
    assert graph["pkg.parts.wheel"] == {"pkg.engine"}
    assert graph["pkg.alone"] == {"pkg.engine"}
    assert cycles(graph) == [["pkg.engine", "pkg.parts.wheel"]]
    assert one_cycle(graph, ["pkg.engine", "pkg.parts.wheel"]) == [
        "pkg.engine", "pkg.parts.wheel", "pkg.engine"]


def test_relative_names_resolve_to_the_package_or_the_submodule(tmp_path):
    root = _write(tmp_path, {
        "pkg/__init__.py": "from .core import run\n",
        "pkg/core.py": "def run():\n    pass\n",
        "pkg/sub/__init__.py": "from ..core import run\nfrom .. import core\n",
        "pkg/sub/leaf.py": "from .. import run\nfrom . import helper\n",
        "pkg/sub/helper.py": "from typing import TYPE_CHECKING\n"
                             "if TYPE_CHECKING:\n    from .leaf import x\n",
    })
    graph = import_graph(root)
    assert graph["pkg"] == {"pkg.core"}
    assert graph["pkg.sub"] == {"pkg.core"}
    assert graph["pkg.sub.leaf"] == {"pkg", "pkg.sub.helper"}  # `from .. import run`: __init__
    assert graph["pkg.sub.helper"] == set()  # TYPE_CHECKING imports never run
    assert cycles(graph) == []


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set(), "c": {"d"}, "d": {"c"}}, [["c", "d"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_cycles_are_the_strongly_connected_components(edges, expected):
    assert cycles(edges) == expected


@pytest.mark.slow
def test_importing_newsgraph_leaves_spacy_out():
    """`import newsgraph` and the pipeline module do not import the stages, hence spaCy
    (about a second): the commands that never analyse (query, stories, serve) start
    without it."""
    import subprocess
    import sys

    code = ("import sys, newsgraph, newsgraph.cli, newsgraph.pipeline, newsgraph.stage; "
            "print(sorted(name for name in sys.modules "
            "if name.split('.')[0] == 'spacy' or name.startswith('newsgraph.stages')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
