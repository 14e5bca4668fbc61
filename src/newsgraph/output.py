"""Writing analyses: one JSON line each, or indented JSON; byte-identical for the same input."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def to_jsonl(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def to_json(record) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


class AtomicWriter:
    """Write to a temporary file beside the target and rename it into place on success,
    so an interrupted run never leaves a truncated file under the final name."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.stream = os.fdopen(handle, "w", encoding="utf-8")

    def __enter__(self):
        return self.stream

    def __exit__(self, exc_type, exc, tb):
        self.stream.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            os.unlink(self._tmp)
        return False
