"""Where a dataset lies: a local folder or a filesystem URL pyarrow reads (file://,
s3://, gs://, hdfs://, abfs://, or any fsspec protocol when fsspec is installed).

Every file is written under a temporary name and moved into place, and readers only ever
read files a manifest names, so a half-written file is never read even on object stores
where a move is a copy.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from ..errors import DatasetNotFoundError, ExtraNotInstalledError, StoreCorruptError

MANIFEST_DIR = "_shards"  # one JSON manifest per complete shard, per run
DERIVED_MANIFEST = "_derived.json"  # the cross-article tables and what they were built from
# A shard's manifest lists its documents (~40 bytes each) and files; the derived one the
# (run, shard) pairs it was built from. 256 MB covers millions of shards.
MAX_MANIFEST_BYTES = 256 * 1024 * 1024


def _filesystem(url: str):
    try:
        import pyarrow.fs as pafs
    except ImportError:
        raise ExtraNotInstalledError("parquet", "the Parquet dataset") from None
    if "://" not in url:
        return pafs.LocalFileSystem(), str(Path(url).resolve())
    try:
        return pafs.FileSystem.from_uri(url)
    except ValueError:  # pyarrow.ArrowInvalid: a scheme pyarrow does not know
        pass
    except OSError as exc:  # pyarrow knows the scheme but cannot reach it
        raise DatasetNotFoundError(f"cannot open the dataset at {url}: {exc}") from None
    try:
        import fsspec
        from pyarrow.fs import FSSpecHandler, PyFileSystem
    except ImportError:
        raise DatasetNotFoundError(f"{url}: pyarrow does not know this URL scheme and "
                                   "fsspec is not installed") from None
    fs, path = fsspec.core.url_to_fs(url)
    return PyFileSystem(FSSpecHandler(fs)), path


class Location:
    """A dataset's root on its filesystem: paths are '/'-joined below `root`."""

    def __init__(self, url: str | os.PathLike):
        self.url = str(url)
        self.fs, self.root = _filesystem(self.url)
        self.local = type(self.fs).__name__ == "LocalFileSystem"

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def exists(self, path: str) -> bool:
        import pyarrow.fs as pafs

        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def listdir(self, path: str) -> list[str]:
        """Names directly under `path`, sorted ([] when it does not exist)."""
        import pyarrow.fs as pafs

        selector = pafs.FileSelector(path, allow_not_found=True)
        return sorted(info.base_name for info in self.fs.get_file_info(selector))

    def write_bytes(self, path: str, data: bytes) -> None:
        """Atomically: a temporary name in the same folder, then a move."""
        folder = path.rsplit("/", 1)[0]
        self.fs.create_dir(folder, recursive=True)
        tmp = f"{folder}/.tmp-{uuid.uuid4().hex}"
        with self.fs.open_output_stream(tmp) as stream:
            stream.write(data)
        self.fs.move(tmp, path)

    def write_json(self, path: str, value) -> None:
        self.write_bytes(path, (json.dumps(value, sort_keys=True, indent=1) + "\n").encode())

    def read_json(self, path: str):
        with self.fs.open_input_stream(path) as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
        if len(data) > MAX_MANIFEST_BYTES:
            raise StoreCorruptError(f"{path}: larger than a manifest can be")
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreCorruptError(f"{path}: not a readable manifest ({exc})") from None

    def write_batches(self, path: str, schema, batches) -> int:
        """A Parquet file of record batches, streamed (never whole in memory), atomically
        as write_bytes; returns its rows."""
        import pyarrow.parquet as pq

        folder = path.rsplit("/", 1)[0]
        self.fs.create_dir(folder, recursive=True)
        tmp = f"{folder}/.tmp-{uuid.uuid4().hex}"
        rows = 0
        with self.fs.open_output_stream(tmp) as stream, \
                pq.ParquetWriter(stream, schema, compression="zstd") as writer:
            for batch in batches:
                writer.write_batch(batch)
                rows += batch.num_rows
        self.fs.move(tmp, path)
        return rows

    def write_table(self, path: str, table) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        self.write_bytes(path, sink.getvalue().to_pybytes())
