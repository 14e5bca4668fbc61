"""Reading a dataset's manifests: its runs, their complete shards, and the files and
documents those hold. Only what a manifest names is part of the dataset."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DatasetNotFoundError
from .location import MANIFEST_DIR, Location

RUNS_DIR = "_runs"


@dataclass
class Contents:
    """The complete shards of a dataset, in row-id order (run, then shard)."""

    manifests: list[dict] = field(default_factory=list)

    def files(self, table: str) -> list[str]:
        return [f for m in self.manifests for f in m["files"].get(table, [])]

    def document_hashes(self, *, except_run: str | None = None) -> set[str]:
        return {h for m in self.manifests if m["run"] != except_run for h, _ in m["documents"]}

    def has_duplicates(self) -> bool:
        """Whether a document was written by two shards (the same article twice in one
        run): readers then keep each row's first copy."""
        hashes = [h for m in self.manifests for h, _ in m["documents"]]
        return len(hashes) != len(set(hashes))

    def key(self) -> list[list]:
        """What the dataset's complete shards are, for telling whether tables derived
        from them are up to date."""
        return [[m["run"], m["shard"]] for m in self.manifests]


def run_seq(location: Location, run: str, record: dict) -> int:
    """The run's number in the dataset (its row ids' high bits): the number of runs
    before it, kept in `_runs/<run>.json` from its first start on."""
    path = location.path(RUNS_DIR, f"{run}.json")
    if location.exists(path):
        return location.read_json(path)["seq"]
    seq = len([n for n in location.listdir(location.path(RUNS_DIR)) if n.endswith(".json")])
    location.write_json(path, {**record, "seq": seq})
    return seq


def complete_shards(location: Location, run: str) -> dict[int, dict]:
    names = location.listdir(location.path(MANIFEST_DIR, run))
    return {int(n[6:12]): location.read_json(location.path(MANIFEST_DIR, run, n))
            for n in names if n.startswith("shard-") and n.endswith(".json")}


def read_contents(location: Location, *, required: bool = True) -> Contents:
    manifests = [m for run in location.listdir(location.path(MANIFEST_DIR))
                 if not run.startswith(".") for m in complete_shards(location, run).values()]
    if required and not manifests:
        raise DatasetNotFoundError(f"no dataset at {location.url} (no complete shard)")
    return Contents(sorted(manifests, key=lambda m: (m["run_seq"], m["shard"])))
