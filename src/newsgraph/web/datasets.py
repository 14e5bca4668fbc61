"""`serve --dataset DIR`: the app's readers over a Parquet dataset instead of a store file.

A reader here is what the pages and the API ask of a Store: `conn`, which answers the
store's SQL (a DuckDB connection to the dataset's views, newsgraph.dataset.duck), and
`analysis(hash)`. Its version, which keys the kept answers, changes when the dataset's
manifests do (a shard written by an ingest, a stories build); the views are opened again
then, because they read only the files the manifests named when they were made.

The views are opened while the stories built over the dataset cover every shard: after an
ingest wrote shards that `stories build` has not read yet, the server goes on answering
from the views it had (every page agreeing with the stories), until the build is done.
"""

from __future__ import annotations

import threading

from ..dataset.analyses import iter_analyses
from ..dataset.duck import DuckConnection, is_export, open_parquet
from ..dataset.location import DERIVED_MANIFEST, MANIFEST_DIR, Location
from ..errors import NoFullTextIndexError
from .pool import Version


def no_full_text(what: str) -> NoFullTextIndexError:
    return NoFullTextIndexError(f"{what} needs a store (serve --db): a Parquet dataset has no "
                                "full-text index (FTS5 is SQLite's); the lists filter by "
                                "actor, outlet, type and date")


class DatasetReader:
    """One request's reading of the dataset, as a read-only Store offers it."""

    full_text = False

    def __init__(self, conn: DuckConnection, generation: int):
        self.conn = conn
        self.generation = generation  # the dataset's version its views were made at

    def analysis(self, doc_hash: str) -> dict | None:
        if self.conn.execute("SELECT 1 FROM documents WHERE hash = ?",
                             (doc_hash,)).fetchone() is None:
            return None
        return next(analysis for _, analysis in iter_analyses(self.conn, [doc_hash]))

    def set_deadline(self, deadline: float | None) -> None:
        self.conn.deadline = deadline

    def close(self) -> None:
        self.conn.close()


class DatasetVersion(Version):
    """A number that changes whenever the dataset's manifests change: the set of shard
    manifests and `_derived.json`, with their sizes and modification times (on a local
    folder, the times of the manifests' folders, which every manifest moved in changes:
    one look per run, not per shard)."""

    def __init__(self, url: str):
        self.location = Location(url)
        super().__init__()

    def observe(self) -> tuple:
        import pyarrow.fs as pafs

        if is_export(self.location.url):  # an export folder: its tables' files
            selector = pafs.FileSelector(self.location.root)
            infos = [info for info in self.location.fs.get_file_info(selector)
                     if info.base_name.endswith(".parquet")]
        elif self.location.local:
            # A manifest is moved into its run's folder, which changes the folder's time:
            # the folders tell a change without listing every shard's manifest.
            selector = pafs.FileSelector(self.location.path(MANIFEST_DIR), allow_not_found=True)
            folders = self.location.fs.get_file_info(selector)
            infos = [self.location.fs.get_file_info(self.location.path(MANIFEST_DIR)),
                     *folders]
            return self._key(infos, pafs.FileType.Directory) + self._key(
                [self.location.fs.get_file_info(self.location.path(DERIVED_MANIFEST))],
                pafs.FileType.File)
        else:
            selector = pafs.FileSelector(self.location.path(MANIFEST_DIR), recursive=True,
                                         allow_not_found=True)
            infos = [info for info in self.location.fs.get_file_info(selector)
                     if info.base_name.startswith("shard-")]
        derived = self.location.fs.get_file_info(self.location.path(DERIVED_MANIFEST))
        return self._key([*infos, derived], pafs.FileType.File)

    @staticmethod
    def _key(infos, kind) -> tuple:
        return tuple(sorted((info.path, info.size, info.mtime_ns) for info in infos
                            if info.type == kind))


def require_built(url: str) -> None:
    """A dataset's stories cover its shards (an export's tables are the store's as they
    were exported: nothing to check)."""
    from ..dataset.stories_job import require_built as built

    if not is_export(url):
        built(url)


class DatasetSource:
    """The views the readers share (one DuckDB database; each reader a connection of its
    own to it), made again when the version changes and the stories cover the dataset."""

    def __init__(self, url: str, version: DatasetVersion):
        self.url = url
        self.version = version
        self.lock = threading.Lock()
        require_built(url)  # refused now, as `stories` and `story` refuse it
        self.generation = version.current()
        self.views = open_parquet(url)

    def _current_views(self) -> tuple[DuckConnection, int]:
        from ..errors import DerivedTablesOutOfDate

        generation = self.version.current()
        with self.lock:
            if generation != self.generation:
                try:
                    require_built(self.url)
                    self.views = open_parquet(self.url)
                except DerivedTablesOutOfDate:
                    pass  # the views that agree with the stories, until they are built
                self.generation = generation
            return self.views, self.generation

    def open_reader(self) -> DatasetReader:
        views, generation = self._current_views()
        if views.local:
            return DatasetReader(views.cursor(), generation)
        # A remote dataset's views read Arrow datasets registered on their connection.
        return DatasetReader(open_parquet(self.url), generation)

    def is_current(self, reader: DatasetReader) -> bool:
        return reader.generation == self.version.current()

    def close(self) -> None:
        self.views.close()
