"""The run directory next to the store: one file per finished shard.

A shard file is written to a temporary name and renamed into place (AtomicWriter), and a
completion marker follows, so a file under its final name with its marker is always whole:
a run killed at any point finds only complete shards to reuse.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..output import AtomicWriter, to_jsonl


class RunDirectory:
    def __init__(self, db: Path, run: str):
        self.path = db.with_name(db.name + ".runs") / run

    def _data(self, index: int) -> Path:
        return self.path / f"shard-{index:06d}.jsonl"

    def _marker(self, index: int) -> Path:
        return self.path / f"shard-{index:06d}.done"

    def is_done(self, index: int) -> bool:
        return self._marker(index).exists() and self._data(index).exists()

    def write(self, index: int, records: list[dict]) -> None:
        with AtomicWriter(self._data(index)) as stream:
            for record in records:
                stream.write(to_jsonl(record) + "\n")
        with AtomicWriter(self._marker(index)) as stream:
            stream.write(json.dumps({"records": len(records)}) + "\n")

    def read(self, index: int) -> list[dict]:
        with self._data(index).open(encoding="utf-8") as stream:
            return [json.loads(line) for line in stream if line.strip()]

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        try:
            self.path.parent.rmdir()  # the .runs folder, when no other run is in it
        except OSError:
            pass
