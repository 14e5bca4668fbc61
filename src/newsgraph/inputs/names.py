"""File names as inputs give them: ids that are valid UTF-8 whatever the bytes of the name,
text safe for a terminal, and metadata a corpus encodes in its names (--name-pattern)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import UsageError

# C0 controls but tab and newline, DEL and the C1 controls: a terminal acts on them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Fields a name pattern may hold; slug (or any other name in braces) matches and is dropped.
NAME_FIELDS = ("id", "outlet", "published", "title", "language")
_FIELD = re.compile(r"\{([a-z_]+)\}")


def printable(text: str) -> str:
    """Control characters (but tab and newline) and lone surrogates written as escapes,
    so text from inputs never reaches a terminal or a UTF-8 file raw."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def safe_name(name: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (which Python keeps as
    surrogates) become \\xNN escapes, and control characters are escaped."""
    raw = os.fsencode(name)
    return printable(raw.decode("utf-8", "backslashreplace"))


@dataclass(frozen=True)
class NamePattern:
    """A pattern such as '{outlet}_{published}_{slug}' over file names without suffix."""

    pattern: str
    regex: re.Pattern

    @classmethod
    def compile(cls, pattern: str) -> NamePattern:
        fields = _FIELD.findall(pattern)
        if not fields:
            raise UsageError(f"{pattern!r} names no field such as {{outlet}}")
        if len(set(fields)) != len(fields):
            raise UsageError(f"{pattern!r} names a field twice")
        parts, last = [], 0
        for match in _FIELD.finditer(pattern):
            parts.append(re.escape(pattern[last:match.start()]))
            name = match.group(1)
            # The last field takes the rest of the name; the others the least they can.
            greedy = match.end() == len(pattern)
            parts.append(f"(?P<{name}>.+)" if greedy else f"(?P<{name}>.+?)")
            last = match.end()
        parts.append(re.escape(pattern[last:]))
        return cls(pattern, re.compile("".join(parts) + r"\Z"))

    def metadata(self, stem: str) -> dict:
        """The fields the name gives (slug and unknown fields dropped); raises ValueError
        when the name does not fit the pattern."""
        match = self.regex.match(stem)
        if match is None:
            raise ValueError(f"the file name {stem!r} does not fit the name pattern "
                             f"{self.pattern!r}")
        return {key: value for key, value in match.groupdict().items() if key in NAME_FIELDS}
