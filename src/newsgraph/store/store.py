"""The store: one SQLite file (WAL, foreign keys, FTS5) holding documents, every contract
item and the record of each ingest.

Writes come from one writer at a time (the corpus merger, or a script); readers keep
working while it writes, as WAL allows. Documents are keyed by a hash of their text and
metadata and items by that hash plus their id, so storing an analysis twice adds nothing.

Tables derived from the documents (stories, actors across documents) are written by the
derived writers the caller gives (derived.py); the store knows them only by that
protocol.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import ProfileMismatchError
from .columns import ITEM_TABLES, quote
from .connection import connect, store_error
from .derived import DerivedWriter, forget_others, record_up_to_date, require_up_to_date
from .ids import document_hash
from .migrations import SEARCH_TRIGGERS, migrate, transaction
from .rows import analysis_from_rows, document_row, item_rows
from .references import referenced_first

# Input problems that are a reason to pass a document by rather than a failure.
SKIP_CODES = frozenset({"empty", "not_english", "duplicate"})
WRITER_CACHE_KIB = 64 * 1024
ROW_TABLES = ("documents", *ITEM_TABLES, "mentions", "actors", "stories", "cross_links")


class Store:
    """A newsgraph store file. Use as a context manager, or call close().

    `derived_writers`: the writers of the derived tables (derived.DerivedWriter classes),
    called for each document stored; newsgraph.stories.store.open_store gives newsgraph's.
    Opening for writing with writers whose tables are out of date raises
    DerivedTablesOutOfDate (rebuild them first); an empty store is up to date.
    `any_thread`: the store may be used from threads other than the one that opened it,
    one at a time (the web server's pool of readers). `scratch`: a file deleted after one
    job (the stories job's windows): no durability, no full-text index."""

    def __init__(self, path: str | Path, *, readonly: bool = False,
                 derived_writers: Sequence[type[DerivedWriter]] = (), any_thread: bool = False,
                 scratch: bool = False):
        self.path = Path(path)
        self.conn = connect(self.path, readonly=readonly, any_thread=any_thread)
        self.derived_writers = tuple(derived_writers)
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                if scratch:
                    # A file deleted after one job (a stories window): nothing to survive
                    # a crash for.
                    self.conn.execute("PRAGMA journal_mode = MEMORY")
                    self.conn.execute("PRAGMA synchronous = OFF")
                else:
                    self.conn.execute("PRAGMA journal_mode = WAL")
                    # NORMAL in WAL mode: a commit survives a crash of the process (the
                    # tests' kill -9); only a power cut can lose the last commits, never
                    # corrupt the file.
                    self.conn.execute("PRAGMA synchronous = NORMAL")
                # The writer revisits the same index pages (terms, actors, FTS) article after
                # article; SQLite's default 2 MB page cache re-read them from the OS cache
                # (a tenth of the writer's time on the corpus benchmark).
                self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
                migrate(self.conn)
                if scratch:  # nobody searches it: no full-text index to keep
                    for trigger in SEARCH_TRIGGERS:
                        self.conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
                self._check_derived()
            self._profile = self._read_profile()
        except BaseException as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.Error):
                raise store_error(exc, self.path) from None
            raise
        # Instances made once: the stories writer loads its stance model on first use.
        self._writers = [] if readonly else [writer(self.conn) for writer in self.derived_writers]

    def _check_derived(self) -> None:
        if not self.derived_writers:
            return
        if self.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
            with transaction(self.conn):  # nothing derived yet: up to date
                record_up_to_date(self.conn, self.derived_writers)
        else:  # raises only when a writer's tables are stale
            require_up_to_date(self.path, self.conn, self.derived_writers)

    def close(self) -> None:
        self.conn.close()

    # The profile -------------------------------------------------------------------------

    def _read_profile(self) -> str | None:
        from ..pipeline import DEFAULT_PROFILE

        try:
            row = self.conn.execute(
                "SELECT value FROM store_settings WHERE name = 'profile'").fetchone()
        except sqlite3.OperationalError:  # read-only, older than migration 7 (or empty)
            try:
                has_documents = self.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone()
            except sqlite3.OperationalError:
                return None
            return DEFAULT_PROFILE if has_documents else None
        return row[0] if row else None

    @property
    def profile(self) -> str | None:
        """The attribution profile of every analysis stored here; None for an empty store."""
        return self._profile

    def require_profile(self, profile: str) -> None:
        """A ProfileMismatchError unless analyses of `profile` may be stored here: one
        store never mixes two profiles' claims silently."""
        if self._profile is not None and self._profile != profile:
            raise ProfileMismatchError(
                f"{self.path} holds analyses of the {self._profile} profile, not {profile}: "
                f"use another store for --profile {profile}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Writing -----------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Many writes in one transaction, each still whole or absent: for a scratch
        store (a stories window), whose commits would otherwise write its pages out
        after every document (a tenth of a window's time)."""
        with transaction(self.conn):
            yield self

    def add(self, analysis: dict, *, input_id: str | None = None) -> str:
        """Store one analysis in its own transaction; returns 'ok', or 'skipped' for a duplicate."""
        record = {"input": input_id or analysis["document"]["id"], "status": "analysis",
                  "analysis": analysis}
        with transaction(self.conn):
            return self._merge_record(record, run=None, shard=None)

    def merge_shards(self, shards: list[tuple[int, list[dict]]], *, run: str) -> Counter:
        """Write consecutive shards' records (and the run's progress) in one transaction,
        so a crash leaves each shard either wholly merged or not at all."""
        counts: Counter = Counter()
        with transaction(self.conn):
            for shard, records in shards:
                for record in records:
                    counts[self._merge_record(record, run=run, shard=shard)] += 1
            self.conn.execute("UPDATE corpus_runs SET merged = ? WHERE run = ?",
                              (shards[-1][0] + 1, run))
        return counts

    def _merge_record(self, record: dict, *, run: str | None, shard: int | None) -> str:
        status = record["status"]
        if status == "analysis":
            doc_hash, inserted = self._insert_analysis(record["analysis"])
            if inserted:
                self._log(record["input"], doc_hash, "ok", None, None, run, shard)
                return "ok"
            return self._log_duplicate(record["input"], doc_hash, run, shard)
        if status == "known":
            return self._log_duplicate(record["input"], record["hash"], run, shard)
        error = record["error"]
        outcome = "skipped" if error["code"] in SKIP_CODES else "failed"
        self._log(record["input"], "", outcome, error["code"], error["message"], run, shard)
        return outcome

    def _log_duplicate(self, input_id: str, doc_hash: str, run, shard) -> str:
        first = self.conn.execute("SELECT id FROM documents WHERE hash = ?",
                                  (doc_hash,)).fetchone()
        message = f"same text and metadata as document {first['id']}" if first else None
        self._log(input_id, doc_hash, "skipped", "duplicate", message, run, shard)
        return "skipped"

    def _log(self, input_id, doc_hash, status, code, message, run, shard) -> None:
        # The first word on an input stays: ingesting the same corpus again changes nothing.
        self.conn.execute("INSERT OR IGNORE INTO ingest_log (input, document, status, code, "
                          "message, run, shard) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          (input_id, doc_hash, status, code, message, run, shard))

    def _insert_analysis(self, analysis: dict) -> tuple[str, bool]:
        from ..pipeline import DEFAULT_PROFILE

        profile = analysis.get("profile", DEFAULT_PROFILE)
        self.require_profile(profile)
        if self._profile is None:  # in the transaction of the store's first document
            self.conn.execute("INSERT INTO store_settings (name, value) VALUES ('profile', ?)",
                              (profile,))
            self._profile = profile
        row = document_row(analysis)
        doc_hash = row["hash"]
        if not self._insert("documents", [row], ignore=True):
            return doc_hash, False
        tables = item_rows(analysis, doc_hash)
        for table in referenced_first(tables):  # see references.py: no pending violation
            self._insert(table, tables[table])
        for writer in self._writers:
            writer.add(analysis, doc_hash)
        forget_others(self.conn, self.derived_writers)
        return doc_hash, True

    def _insert(self, table: str, rows: list[dict], *, ignore: bool = False) -> int:
        if not rows:
            return 0
        names = list(rows[0])
        sql = (f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} "
               f"({', '.join(quote(n) for n in names)}) VALUES ({', '.join('?' * len(names))})")
        before = self.conn.total_changes
        self.conn.executemany(sql, [tuple(r[n] for n in names) for r in rows])
        # total_changes counts trigger writes (FTS) too; only "any row at all" matters here.
        return self.conn.total_changes - before

    # Runs --------------------------------------------------------------------------------

    def run_progress(self, run: str) -> tuple[int, bool]:
        """(shards merged, complete) of a corpus run; (0, False) for a new run."""
        row = self.conn.execute("SELECT merged, complete FROM corpus_runs WHERE run = ?",
                                (run,)).fetchone()
        return (row["merged"], bool(row["complete"])) if row else (0, False)

    def start_run(self, run: str, inputs: str, shard_size: int, shards: int) -> None:
        with transaction(self.conn):
            self.conn.execute("INSERT OR IGNORE INTO corpus_runs (run, inputs, shard_size, "
                              "shards, merged, complete) VALUES (?, ?, ?, ?, 0, 0)",
                              (run, inputs, shard_size, shards))

    def finish_run(self, run: str) -> None:
        with transaction(self.conn):
            self.conn.execute("UPDATE corpus_runs SET complete = 1 WHERE run = ?", (run,))

    # Reading -----------------------------------------------------------------------------

    def has_document(self, doc_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE hash = ?",
                                 (doc_hash,)).fetchone() is not None

    def analyses(self, hashes: Iterable[str] | None = None) -> Iterator[dict]:
        """Each stored analysis as the contract dict, in the order they were stored."""
        if hashes is None:
            rows = self.conn.execute("SELECT * FROM documents ORDER BY rowid")
        else:
            rows = (self.conn.execute("SELECT * FROM documents WHERE hash = ?", (h,)).fetchone()
                    for h in hashes)
        for document in rows:
            if document is None:
                continue
            items = {table: self.conn.execute(
                f"SELECT * FROM {table} WHERE document = ? ORDER BY position",
                (document["hash"],)).fetchall() for table in ITEM_TABLES}
            yield analysis_from_rows(document, items)

    def analysis(self, document: dict | str) -> dict | None:
        """The stored analysis of a document (its hash, or its contract dict)."""
        doc_hash = document if isinstance(document, str) else document_hash(document)
        return next(self.analyses([doc_hash]), None)

    def counts(self, tables: tuple[str, ...] = (*ROW_TABLES, "ingest_log")) -> dict[str, int]:
        """Rows per table (tables an older store, opened read-only, lacks are left out)."""
        present = {name for (name,) in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in tables if table in present}

    def version(self) -> int:
        """The number of migrations the file has (older than this newsgraph's when it was
        opened read-only and not upgraded)."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def log_summary(self) -> Counter:
        return Counter({(row["status"], row["code"]): row["n"] for row in self.conn.execute(
            "SELECT status, code, count(*) AS n FROM ingest_log GROUP BY status, code")})
