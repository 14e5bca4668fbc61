"""Reading a dataset's manifests: its runs, their complete shards, and the files and
documents those hold. Only what a manifest names is part of the dataset."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DatasetNotFoundError, StoreCorruptError
from .location import MANIFEST_DIR, Location

RUNS_DIR = "_runs"
INDEX = "_contents.json"
INDEX_VERSION = 1
MONTH_DIR_RE = re.compile(r"/month=([^/]+)/")
SHARD_NAME = re.compile(r"shard-(\d{6})\.json")


@dataclass
class Contents:
    """The complete shards of a dataset, in row-id order (run, then shard)."""

    manifests: list[dict] = field(default_factory=list)
    # Read from the index (INDEX): whether a document is in two shards, and no document
    # lists in the manifests.
    duplicates: bool | None = None

    def files(self, table: str) -> list[str]:
        return [f for m in self.manifests for f in m["files"].get(table, [])]

    def month_files(self, tables, months: set[str]) -> dict[str, list[str]]:
        """Each table's files holding rows of documents published in `months` (files are
        partitioned by publication month; a file outside any month partition is kept)."""
        def wanted(path: str) -> bool:
            match = MONTH_DIR_RE.search(path)
            return match is None or match[1] in months
        return {table: [f for f in self.files(table) if wanted(f)] for table in tables}

    def document_hashes(self, *, except_run: str | None = None) -> set[str]:
        if self.duplicates is not None:
            raise ValueError("contents read from the index have no document lists")
        return {h for m in self.manifests if m["run"] != except_run for h, _ in m["documents"]}

    def has_duplicates(self) -> bool:
        """Whether a document was written by two shards (the same article twice in one
        run): readers then keep each row's first copy."""
        if self.duplicates is not None:
            return self.duplicates
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


# What a manifest may name: a table's file below the dataset, never a path out of it.
FILE_RE = re.compile(r"(?:derived/)?([a-z_]+)/(?:month=[0-9A-Za-z-]+/)?[0-9A-Za-z_-]+\.parquet")


def checked(manifest, where: str) -> dict:
    """The manifest, once every file it names is a table's file inside the dataset."""
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(
            isinstance(paths, list) and all(isinstance(p, str) and (m := FILE_RE.fullmatch(p))
                                            and m[1] == table for p in paths)
            for table, paths in files.items()):
        raise StoreCorruptError(f"{where}: not a dataset manifest (or it names files "
                                "outside the dataset)")
    return manifest


def complete_shards(location: Location, run: str) -> dict[int, dict]:
    names = location.listdir(location.path(MANIFEST_DIR, run))
    # Other names (temporary files of a killed write, anything else) are not manifests.
    return {int(match[1]): checked(location.read_json(path), path) for name in names
            if (match := SHARD_NAME.fullmatch(name))
            and (path := location.path(MANIFEST_DIR, run, name))}


def read_contents(location: Location, *, required: bool = True,
                  documents: bool = True) -> Contents:
    """The dataset's complete shards. `documents=False`: from the index when it names
    exactly the shards there are (no document lists then), else from every manifest."""
    runs = [run for run in location.listdir(location.path(MANIFEST_DIR))
            if not run.startswith(".")]
    if not documents:
        listed = sorted([run, int(match[1])] for run in runs
                        for name in location.listdir(location.path(MANIFEST_DIR, run))
                        if (match := SHARD_NAME.fullmatch(name)))
        index = _read_index(location)
        if index is not None and index["shards"] == listed:
            return Contents(index["manifests"], duplicates=index["duplicates"])
    manifests = [m for run in runs for m in complete_shards(location, run).values()]
    if required and not manifests:
        raise DatasetNotFoundError(f"no dataset at {location.url} (no complete shard)")
    return Contents(sorted(manifests, key=lambda m: (m["run_seq"], m["shard"])))


def write_index(location: Location) -> None:
    """One file naming every complete shard's files (what opening the dataset reads,
    instead of every manifest and its document list): written after a run; a reader
    uses it only while it names exactly the shards there are."""
    contents = read_contents(location, required=False)
    if not contents.manifests:
        return
    location.write_json(location.path(INDEX), {
        "version": INDEX_VERSION, "shards": sorted(contents.key()),
        "duplicates": contents.has_duplicates(),
        "manifests": [{k: v for k, v in m.items() if k != "documents"}
                      for m in contents.manifests]})


def _read_index(location: Location) -> dict | None:
    path = location.path(INDEX)
    if not location.exists(path):
        return None
    index = location.read_json(path)
    if not (isinstance(index, dict) and index.get("version") == INDEX_VERSION
            and isinstance(index.get("duplicates"), bool)
            and isinstance(index.get("manifests"), list)):
        return None  # another version's, or not an index: the manifests are read instead
    for manifest in index["manifests"]:
        checked(manifest, path)
        if not (isinstance(manifest.get("run_seq"), int)
                and isinstance(manifest.get("shard"), int)):
            raise StoreCorruptError(f"{path}: not a dataset index")
    return index
