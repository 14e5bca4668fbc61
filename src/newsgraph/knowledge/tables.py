"""The shipped tables as rows, and the lookup key of a name: what every table reader of
the package shares (knowledge/__init__.py and gazetteer.py both read through here)."""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated table shipped with the package, comments skipped."""
    raw = resources.files("newsgraph.knowledge").joinpath(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    rows = []
    for line in raw.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE_END = re.compile(r"'s$")
_SPACES = re.compile(r"\s+")


# A pure function of its argument, so a process-wide cache changes no result; the same
# names are folded over and over (~260 calls an article).
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a name: lowercase, no leading article, single spaces."""
    text = text.lower().replace("’", "'").strip(" .,;:'\"")
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE_END.sub("", text)
    return _SPACES.sub(" ", text)
