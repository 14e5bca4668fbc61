"""DuckDB over Parquet files, answering the store's own SQL: the list specifications of
newsgraph.store.lists and the story report run unchanged on a `DuckConnection`, which
looks like a sqlite3 connection to them (execute, cursors with description and fetch*,
rows by position and by name).

The one place where SQLite's dialect becomes DuckDB's is `translate`; the tables are views
with the store's columns and a `rowid` column ordering rows as the store's rowids do.
Nothing is downloaded: Parquet and JSON are built into DuckDB's wheel, and extension
autoloading is switched off, so a query that needed one fails instead of fetching it.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

from ..errors import (DatasetNotFoundError, ExtraNotInstalledError, QueryTooCostlyError,
                      StoreError)
from .location import DERIVED_MANIFEST, Location
from .manifests import checked, read_contents
from ..store.query import ITEM_DAY
from .tables import DATASET_COLUMNS, SHARD_TABLES, store_columns

# The columns that make a row the same row in the store (its primary key there): a
# document written by two shards of one run is read once, its first copy.
ROW_KEYS = {"documents": ("hash",), "mentions": ("item", "start", "end"),
            "ingest_log": ("input", "document")}
DUCK_TYPES = {"TEXT": "VARCHAR", "INTEGER": "BIGINT", "REAL": "DOUBLE", "BLOB": "BLOB"}
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# The log as the store writes it: a worker cannot know that another shard of its run
# stored the same article first, so a later copy's "ok" reads as the store's "skipped,
# duplicate", and a duplicate names the document first stored (documents: its first copy).
INGEST_LOG = (
    "WITH raw AS ({body}), ranked AS (SELECT *, CASE WHEN status = 'ok' THEN row_number() "
    "OVER (PARTITION BY document, status ORDER BY rowid) END AS copy FROM raw) "
    "SELECT input, document, CASE WHEN copy > 1 THEN 'skipped' ELSE status END AS status, "
    "CASE WHEN copy > 1 THEN 'duplicate' ELSE code END AS code, "
    "CASE WHEN copy > 1 OR code = 'duplicate' THEN 'same text and metadata as document ' || "
    "(SELECT d.id FROM documents d WHERE d.hash = ranked.document) ELSE message END AS "
    "message, run, shard, rowid FROM ranked")
# SQLite's sets of ids handed over as a JSON array.
JSON_EACH_RE = re.compile(r"SELECT value FROM json_each\(\?\)")
NUMBERED_RE = re.compile(r"\?(\d+)")


def translate(sql: str) -> str:
    """SQLite's SQL as the store's code writes it, in DuckDB's dialect."""
    sql = JSON_EACH_RE.sub("SELECT unnest(CAST(CAST(? AS JSON) AS VARCHAR[]))", sql)
    return NUMBERED_RE.sub(r"$\1", sql)


class Row(tuple):
    """A result row by position and by column name, as sqlite3.Row."""

    names: dict[str, int]

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


class Cursor:
    """A query's rows, read whole (pages and reports are small; the DuckDB connection is
    free again at once, so cursors can nest as sqlite3's do)."""

    def __init__(self, description, rows: list[tuple]):
        self.description = description
        names = {d[0]: i for i, d in enumerate(description or ())}
        row_type = type("Row", (Row,), {"names": names})
        self._rows = [row_type(row) for row in rows]
        self._next = 0

    def fetchone(self):
        row = self._rows[self._next] if self._next < len(self._rows) else None
        self._next += row is not None
        return row

    def fetchmany(self, size: int) -> list:
        rows = self._rows[self._next:self._next + size]
        self._next += len(rows)
        return rows

    def fetchall(self) -> list:
        return self.fetchmany(len(self._rows))

    def __iter__(self):
        return iter(self.fetchall())


class DuckConnection:
    def __init__(self, con, description: str, *, local: bool = True):
        self.con = con
        self.description = description  # what the views read, for messages
        # Views over local files can be read from another connection to the same
        # database; a remote dataset's views read Arrow datasets registered on this one.
        self.local = local
        # Pages in two steps (newsgraph.store.lists._keyed_rows): ids, then columns.
        self.keyed_pages = True
        # Table -> the dataset's own columns (dataset.tables.DATASET_COLUMNS) that every
        # file of the table has: filters and orders read those instead of a join.
        self.complete: dict[str, set[str]] = {}
        # A caller's time budget (time.monotonic()): a query still running then is
        # interrupted, one asked for after it is refused (QueryTooCostlyError).
        self.deadline: float | None = None

    def materialised(self, spec) -> dict[str, str]:
        """What a list's filters and order may read from the main table's own columns:
        its date expression (an event's day) and the name and row id of a referenced item
        (`s.name` -> `c.speaker_name`, `s.rowid` -> `c.speaker_rowid`)."""
        if " " not in spec.main:
            return {}
        table, alias = spec.main.split()
        have = self.complete.get(table, set())
        found = {spec.dates: f"{alias}.day"} if spec.dates == ITEM_DAY and "day" in have else {}
        for _target, other, owner, column in REFERENCE_JOIN_RE.findall(spec.source):
            if owner == alias and {f"{column}_name", f"{column}_rowid"} <= have:
                found[f"{other}.name"] = f"{alias}.{column}_name"
                found[f"{other}.rowid"] = f"{alias}.{column}_rowid"
        return found

    def cursor(self) -> DuckConnection:
        """Another connection to the same views, for another thread (DuckDB runs one
        query at a time per connection)."""
        if not self.local:
            raise StoreError(f"{self.description}: a remote dataset's views are this "
                             "connection's only")
        other = DuckConnection(self.con.cursor(), self.description)
        other.complete = self.complete
        return other

    def execute(self, sql: str, params=()) -> Cursor:
        import duckdb

        timer = None
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise QueryTooCostlyError(f"{self.description}: past the time budget")
            timer = threading.Timer(left, self.con.interrupt)
            timer.daemon = True
            timer.start()
        try:
            cursor = self.con.execute(translate(sql), list(params))
            return Cursor(cursor.description, cursor.fetchall() if cursor.description else [])
        except duckdb.InterruptException:
            raise QueryTooCostlyError(f"{self.description}: a query ran past the time "
                                      "budget") from None
        except duckdb.Error as exc:
            raise StoreError(f"{self.description}: the query failed: {exc}") from None
        finally:
            if timer is not None:
                timer.cancel()

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _connect():
    try:
        import duckdb
    except ImportError:
        raise ExtraNotInstalledError("parquet", "DuckDB queries") from None
    con = duckdb.connect(":memory:", config=dict(OFFLINE))
    con.execute("SET enable_progress_bar = false")  # stderr is the CLI's
    # A file is never rewritten once a manifest names it: its footer is read once.
    con.execute("SET parquet_metadata_cache = true")
    # SQLite sorts NULL as the smallest value: first going up, last going down.
    con.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'")
    # SQLite's julianday() (the stories list's span order): days since the Julian epoch,
    # null for text that is no date or timestamp.
    con.execute("CREATE MACRO julianday(d) AS "
                "epoch(TRY_CAST(d AS TIMESTAMP)) / 86400.0 + 2440587.5")
    return con


def _quoted_list(paths: list[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


def _view(con, table: str, source: str | None, *, dedupe: bool, shards: bool = True
          ) -> None:
    """The view `table` with the store's columns (null where the files predate one) and
    rowid, over `source` (a FROM item), or empty without one."""
    columns = [*store_columns()[table], *DATASET_COLUMNS.get(table, ()), ("rowid", "INTEGER")]
    present = set()
    if source is not None:
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    select = ", ".join(f'"{name}"' if name in present else
                       f'CAST(NULL AS {DUCK_TYPES.get(kind, "VARCHAR")}) AS "{name}"'
                       for name, kind in columns)
    body = f"SELECT {select} FROM {source}" if source else f"SELECT {select} WHERE false"
    shard_log = shards and table == "ingest_log"  # written by workers, not by the store
    # Only the shards' tables can hold a row twice (the derived ones are built deduplicated).
    if ((dedupe and table in SHARD_TABLES) or shard_log) and source:
        keys = ", ".join(f'"{k}"' for k in ROW_KEYS.get(table, ("key",)))
        body += f" QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY rowid) = 1"
    if shard_log:
        body = INGEST_LOG.format(body=body)
    con.execute(f'CREATE VIEW "{table}" AS {body}')


def _source(location: Location, con, table: str, files: list[str]) -> str | None:
    if not files:
        return None
    paths = [location.path(f) for f in files]
    if location.local:
        return f"read_parquet({_quoted_list(paths)}, union_by_name = true)"
    # DuckDB reads remote files only through an extension: hand it pyarrow's reading.
    import pyarrow.dataset as ds

    con.register(f"arrow_{table}", ds.dataset(paths, filesystem=location.fs, format="parquet"))
    return f"arrow_{table}"


def derived_record(location: Location) -> dict | None:
    path = location.path(DERIVED_MANIFEST)
    return checked(location.read_json(path), path) if location.exists(path) else None


def open_dataset(url: str) -> DuckConnection:
    """The dataset's tables as DuckDB views: the shards' tables, and the cross-article
    tables `stories build` wrote (empty before it ran)."""
    location = Location(url)
    contents = read_contents(location, documents=False)
    con = _connect()
    dedupe = contents.has_duplicates()
    derived = derived_record(location) or {"files": {}}
    for table in sorted(store_columns(), key=lambda t: t != "documents"):
        files = contents.files(table) if table in SHARD_TABLES else derived["files"].get(table, [])
        _view(con, table, _source(location, con, table, files), dedupe=dedupe)
    connection = DuckConnection(con, url, local=location.local)
    if location.local:
        connection.complete = {table: _in_every_file(con, [location.path(f) for f in
                                                           contents.files(table)], columns)
                               for table, columns in DATASET_COLUMNS.items()}
    return connection


def open_files(url: str, files: dict[str, list[str]], *, dedupe: bool) -> DuckConnection:
    """Views over only these files of the dataset's shard tables (a part of it the caller
    chose from its manifests, as a stories window its months); the other tables empty.
    Reads no manifest."""
    location = Location(url)
    con = _connect()
    for table in sorted(store_columns(), key=lambda t: t != "documents"):
        _view(con, table, _source(location, con, table, files.get(table, [])), dedupe=dedupe)
    return DuckConnection(con, url, local=location.local)


def _in_every_file(con, paths: list[str], columns) -> set[str]:
    """Those of the columns every one of these Parquet files has (files written before a
    column was added read it as null)."""
    if not paths:
        return {name for name, _ in columns}
    rows = con.execute(f"SELECT name, count(DISTINCT file_name) FROM parquet_schema("
                       f"{_quoted_list(paths)}) GROUP BY name").fetchall()
    return {name for name, files in rows if files == len(set(paths))} & {
        name for name, _ in columns}


# A list's join to the item a reference names: LEFT JOIN entities s ON s.document =
# c.document AND s.id = c.speaker (newsgraph.store.lists._ref).
REFERENCE_JOIN_RE = re.compile(r"LEFT JOIN (\w+) (\w+) ON \2\.document = (\w+)\.document "
                               r"AND \2\.id = \3\.(\w+)")


def open_export(folder: str | Path) -> DuckConnection:
    """The folder `newsgraph export --db FILE --format parquet -o FOLDER` wrote, as the
    same views: its files hold each table in the store's row order, which becomes rowid."""
    folder = Path(folder)
    if not (folder / "documents.parquet").is_file():
        raise DatasetNotFoundError(f"{folder}: no documents.parquet (not a Parquet export)")
    con = _connect()
    for table in sorted(store_columns(), key=lambda t: t != "documents"):
        path = folder / f"{table}.parquet"
        source = None
        if path.is_file():
            name = _quoted_list([str(path)])
            con.execute(f'CREATE VIEW "export_{table}" AS SELECT * EXCLUDE (file_row_number), '
                        f"file_row_number AS rowid FROM read_parquet({name}, "
                        "file_row_number = true)")
            source = f'"export_{table}"'
        _view(con, table, source, dedupe=False, shards=False)
    return DuckConnection(con, str(folder))


def is_export(url: str) -> bool:
    """Whether `url` is a folder of `export --format parquet` rather than a dataset."""
    return "://" not in url and (Path(url) / "documents.parquet").is_file()


def open_parquet(url: str) -> DuckConnection:
    """A dataset, or a folder of `export --format parquet` (what `--dataset` reads)."""
    if is_export(url):
        return open_export(url)
    return open_dataset(url)
