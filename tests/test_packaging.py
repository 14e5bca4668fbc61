"""The package as it is published: the wheel holds every file of src/newsgraph (models,
knowledge tables, schemas, templates, static files, py.typed), and the README renders
as the long description. `make dist` (run by .ci/run) builds both distributions with
build isolation and runs twine check and tools/check_dist.py on them."""

from __future__ import annotations

import fnmatch
import importlib.util
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "newsgraph"


def load_check_dist():
    spec = importlib.util.spec_from_file_location("check_dist", ROOT / "tools" / "check_dist.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_package_data_globs_cover_every_data_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["newsgraph"]
    data = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc")]
    assert {"py.typed", "models/attribution.crfsuite", "schema/analysis.schema.json",
            "web/templates/article.html", "web/static/style.css"} <= set(data)
    assert [name for name in data
            if not any(fnmatch.fnmatch(name, glob) for glob in globs)] == []
    # setuptools finds packages by their __init__.py: a folder of modules without one
    # would be left out of the wheel.
    folders = {path.parent for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts}
    assert [str(f) for f in folders if not (f / "__init__.py").is_file()] == []


def test_wheel_check_names_a_missing_file():
    check_dist = load_check_dist()
    files = check_dist.package_files()
    assert "newsgraph/models/stance.npz" in files and "newsgraph/cli.py" in files
    assert check_dist.missing_from_wheel(files) == []
    assert check_dist.missing_from_wheel(files - {"newsgraph/py.typed"}) == \
        ["newsgraph/py.typed"]


def test_readme_renders_as_the_long_description():
    # PyPI renders the README as CommonMark (GFM); markdown-it-py is a CommonMark parser.
    markdown_it = pytest.importorskip("markdown_it")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["readme"] == "README.md"
    html = markdown_it.MarkdownIt("commonmark").render(
        (ROOT / "README.md").read_text(encoding="utf-8"))
    assert "<h2>Install</h2>" in html
    assert "<code>pip install -c constraints.txt -e '.[web,ray,parquet,frames]'" in html
    assert "<code>pip install 'newsgraph[ray]'</code>" in html


@pytest.mark.slow
def test_the_built_wheel_holds_every_package_file(tmp_path):
    pytest.importorskip("build")
    pytest.importorskip("wheel", reason="no-isolation build needs `wheel` (make dist "
                        "builds with isolation)")
    # Built from a copy: setuptools writes build/ and an .egg-info beside the sources.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "src", project / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--skip-dependency-check", "--outdir", str(tmp_path), str(project)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("newsgraph-*.whl")
    if importlib.util.find_spec("twine"):
        subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(wheel)],
                       check=True, capture_output=True)
    with zipfile.ZipFile(wheel) as archive:
        assert load_check_dist().missing_from_wheel(set(archive.namelist())) == []
