"""Checks a built wheel against the source tree: every file of src/newsgraph (modules,
models, knowledge tables, schemas, templates, static files, py.typed) must be in it,
since package-data globs in pyproject.toml that miss a file fail only on an installed
copy. Prints the wheel's files; exits 1 naming what is missing.

    python tools/check_dist.py dist/
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"


def package_files(source: Path = SOURCE) -> set[str]:
    """The package's files as wheel paths (`newsgraph/models/stance.npz`)."""
    return {path.relative_to(source).as_posix()
            for path in (source / "newsgraph").rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def missing_from_wheel(wheel_files: set[str], source: Path = SOURCE) -> list[str]:
    return sorted(package_files(source) - wheel_files)


def main(folder: str) -> int:
    wheels = sorted(Path(folder).glob("newsgraph-*.whl"))
    if not wheels:
        print(f"no newsgraph wheel in {folder}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(wheels[-1]) as wheel:
        names = set(wheel.namelist())
    for name in sorted(names):
        print(name)
    missing = missing_from_wheel(names)
    for name in missing:
        print(f"missing from {wheels[-1].name}: {name}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dist"))
