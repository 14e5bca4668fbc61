"""The store's schema, versioned: PRAGMA user_version counts the migrations applied.

Migrations are ordered functions; opening a store applies the ones it lacks, each in its
own transaction. Contract fields added later (the contract only grows) are added as
columns by `add_contract_columns`, as sqlite-utils' `alter=True` does, without a version.

A migration is a schema or data step in SQL: it never runs a derived writer (the story
clusterer, the claim matcher), so what a migration produces does not change when they
do. Derived tables a migration leaves empty or old are out of date (derived.py) until
`newsgraph rebuild` recomputes them.

The views of views.py read the tables: SQLite refuses to drop or rename a column a view
reads, so a migration that does either drops the views first (`drop_views`); `migrate`
creates them again, as the code defines them, after the last step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import StoreTooNewError
from .columns import ITEM_TABLES, document_columns, item_columns, quote
from .derived import TABLE as DERIVED_VERSIONS_TABLE
from .references import REFERENCES, add_key_columns
from .story_schema import INDEXES as STORY_INDEXES
from .story_schema import TABLE_NAMES as STORY_TABLE_NAMES
from .story_schema import TABLES as STORY_TABLES
from .story_schema import TERM_TABLES
from .views import drop_views, ensure_views

# Indexes for the query layer: (table, columns); skipped when a column is absent.
QUERY_INDEXES = (
    ("documents", ("id",)), ("documents", ("outlet COLLATE NOCASE",)), ("documents", ("published",)),
    ("entities", ("name COLLATE NOCASE",)), ("entities", ("type",)),
    ("claims", ("document", "speaker")),
    ("events", ("type",)), ("events", ("document", "actor")),
    ("events", ("document", "place")), ("quantities", ("unit",)),
    ("places", ("name COLLATE NOCASE",)), ("mentions", ("document",)),
)


def _documents_table() -> str:
    fields = ",\n  ".join(f"{quote(c.name)} {c.sql_type}" for c in document_columns())
    return (f"CREATE TABLE documents (\n  hash TEXT PRIMARY KEY,\n  {fields},\n"
            "  extra TEXT,\n  analysis_extra TEXT\n)")


def _item_table(table: str) -> str:
    columns = item_columns(table)
    lines = ["key TEXT PRIMARY KEY",
             "document TEXT NOT NULL REFERENCES documents(hash)",
             "position INTEGER NOT NULL"]
    if "id" not in {c.name for c in columns}:
        lines.append("id TEXT NOT NULL")
    for column in columns:
        lines.append(f"{quote(column.name)} {column.sql_type}")
        if column.text_copy:
            lines.append(f"{quote(column.text_copy)} TEXT")
    lines.append("extra TEXT")
    return f"CREATE TABLE {table} (\n  " + ",\n  ".join(lines) + "\n)"


def _fts(conn: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> None:
    """An FTS5 index kept in step by a trigger, the sqlite-utils/Datasette layout
    (`<table>_fts` with content=<table>), so Datasette offers search on it."""
    names = ", ".join(quote(c) for c in columns)
    values = ", ".join(f"new.{quote(c)}" for c in columns)
    conn.execute(f"CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, "
                 f"content={quote(table)}, content_rowid='rowid')")
    conn.execute(f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
                 f"INSERT INTO {table}_fts(rowid, {names}) VALUES (new.rowid, {values}); END")
    conn.execute(f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
                 f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) "
                 f"VALUES ('delete', old.rowid, {', '.join('old.' + quote(c) for c in columns)});"
                 " END")


# The triggers that keep the full-text indexes (migration 1's) in step as rows arrive.
SEARCH_TRIGGERS = ("documents_ai", "claims_ai")


def migration_1_base(conn: sqlite3.Connection) -> None:
    conn.execute(_documents_table())
    for table in ITEM_TABLES:
        conn.execute(_item_table(table))
        conn.execute(f"CREATE UNIQUE INDEX idx_{table}_position ON {table}(document, position)")
        conn.execute(f"CREATE UNIQUE INDEX idx_{table}_id ON {table}(document, id)")
    conn.execute("""CREATE TABLE mentions (
  item TEXT NOT NULL,
  document TEXT NOT NULL REFERENCES documents(hash),
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT,
  PRIMARY KEY (item, start, "end")
)""")
    conn.execute("""CREATE TABLE ingest_log (
  input TEXT NOT NULL,
  document TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  code TEXT,
  message TEXT,
  run TEXT,
  shard INTEGER,
  PRIMARY KEY (input, document)
)""")
    conn.execute("""CREATE TABLE corpus_runs (
  run TEXT PRIMARY KEY,
  inputs TEXT NOT NULL,
  shard_size INTEGER NOT NULL,
  shards INTEGER NOT NULL,
  merged INTEGER NOT NULL,
  complete INTEGER NOT NULL
)""")
    _fts(conn, "documents", ("title", "text"))
    _fts(conn, "claims", ("content_text",))
    create_query_indexes(conn)


def create_query_indexes(conn: sqlite3.Connection) -> None:
    for table, columns in QUERY_INDEXES:
        present = table_columns(conn, table)
        if not all(c.split()[0] in present for c in columns):
            continue
        name = f"idx_{table}_" + "_".join(c.split()[0] for c in columns)
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table}({', '.join(columns)})")


ACTOR_KEY = "name || char(9) || coalesce(type, '') || char(9) || coalesce(country, '')"


def rebuild_actors(conn: sqlite3.Connection) -> None:
    """Recount the actors table from the entities (after bulk SQL that bypassed Store)."""
    if "first_seen" in table_columns(conn, "actors"):
        # Migration 3's actors keep their ids (entity_actors points at them): recount
        # each from the entities linked to it.
        linked = ("FROM entity_actors ea JOIN entities e ON e.key = ea.entity "
                  "WHERE ea.actor = actors.id")
        dated = ("FROM entity_actors ea JOIN documents d ON d.hash = ea.document "
                 "WHERE ea.actor = actors.id")
        conn.execute(f"""UPDATE actors SET
  documents = (SELECT count(DISTINCT ea.document) FROM entity_actors ea
               WHERE ea.actor = actors.id),
  mentions = coalesce((SELECT sum(json_array_length(e.mentions)) {linked}), 0),
  claims = coalesce((SELECT sum((SELECT count(*) FROM claims c WHERE c.document = e.document
                                 AND c.speaker = e.id)) {linked}), 0),
  first_seen = (SELECT min(d.published) {dated}),
  last_seen = (SELECT max(d.published) {dated})""")
        return
    conn.execute("DELETE FROM actors")
    conn.execute(f"""INSERT INTO actors (key, name, type, country, documents, mentions, claims)
SELECT {ACTOR_KEY}, name, type, country, count(DISTINCT e.document),
       sum(json_array_length(e.mentions)),
       sum((SELECT count(*) FROM claims c WHERE c.document = e.document AND c.speaker = e.id))
FROM entities e GROUP BY name, type, country""")


def migration_2_actors(conn: sqlite3.Connection) -> None:
    """A running count per actor (name, type, country) across documents, kept by the
    writer, so listing actors does not scan every entity of the corpus."""
    conn.execute("""CREATE TABLE actors (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT,
  country TEXT,
  documents INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  claims INTEGER NOT NULL
)""")
    conn.execute("CREATE INDEX idx_actors_name ON actors(name COLLATE NOCASE)")
    conn.execute("CREATE INDEX idx_actors_documents ON actors(documents DESC, name)")
    conn.execute("CREATE INDEX idx_actors_type ON actors(type, documents DESC, name)")
    conn.execute("CREATE INDEX idx_actors_country ON actors(country, documents DESC, name)")
    rebuild_actors(conn)


def migration_3_stories(conn: sqlite3.Connection) -> None:
    """Cross-document actors (replacing migration 2's counts), stories, claims matched
    across articles and cross-document links (story_schema.py), created empty: a store
    with documents has them out of date until rebuilt."""
    conn.execute("DROP TABLE actors")
    for sql in STORY_TABLES + STORY_INDEXES:
        conn.execute(sql)


def migration_4_story_term_index(conn: sqlite3.Connection) -> None:
    """A story's terms by story: the writer reads them for every article it adds to a
    story, and without the index each read scanned every story's terms."""
    conn.execute("CREATE INDEX IF NOT EXISTS idx_story_terms_story "
                 "ON story_terms(story, term, weight)")


def migration_5_term_tables_without_rowid(conn: sqlite3.Connection) -> None:
    """The story and claim term tables of a store made by an older migration 3, rebuilt
    WITHOUT ROWID (same columns and rows)."""
    for table, (columns, names) in TERM_TABLES.items():
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        if "WITHOUT ROWID" in sql:  # made by this migration 3 (an upgrade from version 2)
            continue
        conn.execute(f"CREATE TABLE {table}_new ({columns}) WITHOUT ROWID")
        conn.execute(f"INSERT INTO {table}_new ({names}) SELECT {names} FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    migration_4_story_term_index(conn)


# The stories writer's version when derived tables got versions: what every store of
# version 3 to 5 holds, when the writer has seen all its documents.
STORIES_VERSION_AT_MIGRATION_6 = 1


def migration_6_derived_versions(conn: sqlite3.Connection) -> None:
    """The version of the writer each store's derived tables were written by. A store of
    version 3 to 5 holds what the stories writer of that time wrote for every document,
    unless migration 3 left its tables empty (no record: out of date)."""
    conn.execute(DERIVED_VERSIONS_TABLE)
    uncovered = conn.execute("SELECT count(*) FROM documents WHERE hash NOT IN "
                             "(SELECT document FROM story_documents)").fetchone()[0]
    if not uncovered:
        conn.execute("INSERT INTO derived_versions (name, version) VALUES ('stories', ?)",
                     (STORIES_VERSION_AT_MIGRATION_6,))


def migration_7_reference_keys(conn: sqlite3.Connection) -> None:
    """Declared foreign keys for the items' references (references.py: `speaker_key`,
    `actor_key`, ... filled from the stored references, every other cell kept), so
    Datasette and SQL readers follow a claim to its speaker without joining on two
    columns. The views that give names (views.py) are kept by `migrate`, after the
    contract's columns, since they read them."""
    add_key_columns(conn, {table: table_columns(conn, table)
                           for table in {table for table, _, _ in REFERENCES}})


def migration_8_story_dates_index(conn: sqlite3.Connection) -> None:
    """Stories by the date of their latest article, and the undated articles by arrival:
    the clusterer compares an article only with the stories of its time window, found
    through these indexes, so assigning it costs the same in a store of any size."""
    conn.execute("CREATE INDEX IF NOT EXISTS idx_stories_last_date ON stories(last_date)")
    # The undated articles among the latest (a dated article may still reach their
    # stories): without it, each dated article read the latest 2,000 articles.
    conn.execute("CREATE INDEX IF NOT EXISTS idx_story_documents_undated "
                 "ON story_documents(position) WHERE published IS NULL")


SETTINGS_TABLE = ("CREATE TABLE IF NOT EXISTS store_settings (name TEXT PRIMARY KEY, "
                  "value TEXT NOT NULL) WITHOUT ROWID")


def migration_9_settings(conn: sqlite3.Connection) -> None:
    """Settings of the whole store: `profile`, the attribution profile of every analysis
    in it. A store that already holds documents holds fast ones (the only profile there was).
    Idempotent: a store whose version was set back (the upgrade tests) keeps its settings."""
    conn.execute(SETTINGS_TABLE)
    if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None:
        conn.execute("INSERT OR IGNORE INTO store_settings (name, value) "
                     "VALUES ('profile', 'fast')")


# Applied in order; the store's user_version is the number applied.
MIGRATIONS = (migration_1_base, migration_2_actors, migration_3_stories,
              migration_4_story_term_index, migration_5_term_tables_without_rowid,
              migration_6_derived_versions, migration_7_reference_keys,
              migration_8_story_dates_index, migration_9_settings)


def back_to_version_2(conn: sqlite3.Connection) -> None:
    """Make a store a version-2 one again: the story tables, the derived versions and the
    settings dropped, migration 2's actor counts in their place (the upgrade's tests). The
    reference keys stay (migration 7 leaves present columns as they are); the views,
    which read the story tables, go."""
    drop_views(conn)
    conn.execute("DROP TABLE store_settings")
    conn.execute("DROP TABLE derived_versions")
    for table in reversed(STORY_TABLE_NAMES):
        conn.execute(f"DROP TABLE {table}")
    migration_2_actors(conn)
    conn.execute("PRAGMA user_version = 2")


def table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({quote(table)})")}


def add_contract_columns(conn: sqlite3.Connection) -> None:
    """Columns for contract fields newer than the store file."""
    wanted = {"documents": [(c.name, c.sql_type) for c in document_columns()]}
    for table in ITEM_TABLES:
        wanted[table] = []
        for column in item_columns(table):
            wanted[table].append((column.name, column.sql_type))
            if column.text_copy:
                wanted[table].append((column.text_copy, "TEXT"))
    for table, columns in wanted.items():
        present = table_columns(conn, table)
        for name, sql_type in columns:
            if name not in present:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {quote(name)} {sql_type}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (connections run in autocommit mode, so DDL is covered too);
    IMMEDIATE takes the write lock at once instead of failing half-way. Inside another
    (Store.batch) a savepoint: what it covers is still written wholly or not at all."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT part")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO part")
            conn.execute("RELEASE part")
            raise
        conn.execute("RELEASE part")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file to the current version; returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreTooNewError(f"the store is version {version}, newer than this newsgraph "
                             f"({len(MIGRATIONS)}): upgrade newsgraph")
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(conn):
            migration(conn)
            conn.execute(f"PRAGMA user_version = {number}")
    with transaction(conn):
        add_contract_columns(conn)
        ensure_views(conn)
    return len(MIGRATIONS)
