"""The tables of stories across outlets (migration 3), kept by the stories writer
(newsgraph.stories.store) and derived from the stored documents: `newsgraph rebuild`
recomputes them. Plain SQL here, so that migrations create them without the writer.

- `actors` becomes the cross-document actor table: one row per actor keyed by its
  normalised canonical name, type and country (the running counts of migration 2 stay,
  with first/last seen); `actor_attributes` keeps the roles, sectors and aliases seen
  over time; `entity_actors` points each stored entity at its actor.
- `stories`, `story_documents`, `story_terms`, `story_df`: the incremental clusterer's
  state (story centroids as postings, document frequencies), so ingesting on continues
  exactly where the last run stopped.
- `claim_sources`: each claim's story, matched-claim group, origin (who first reported
  it) and relay chain; `claim_groups`: the same claim across articles with its count of
  independent sources; `cross_links`: contradicts links between items of different
  documents of one story.

A store upgraded from version 2 gets them empty: they are out of date until rebuilt
(newsgraph.store.derived).
"""

from __future__ import annotations

# The writer's term tables, keyed by term: without a rowid the key's b-tree holds the row,
# so a term's postings are one range read instead of an index read and a row lookup each
# (story assignment reads ~5,000 postings per article). Name -> (columns, column names).
TERM_TABLES = {
    "story_terms": ("term TEXT NOT NULL, story TEXT NOT NULL REFERENCES stories(id), "
                    "weight REAL NOT NULL, PRIMARY KEY (term, story)", "term, story, weight"),
    "story_df": ("term TEXT PRIMARY KEY, n INTEGER NOT NULL", "term, n"),
    "claim_df": ("term TEXT PRIMARY KEY, n INTEGER NOT NULL", "term, n"),
}

TABLES = (
    """CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT,
  country TEXT,
  sector TEXT,
  documents INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  claims INTEGER NOT NULL,
  first_seen TEXT,
  last_seen TEXT
)""",
    """CREATE TABLE actor_attributes (
  actor TEXT NOT NULL REFERENCES actors(id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  documents INTEGER NOT NULL,
  first_seen TEXT,
  last_seen TEXT,
  PRIMARY KEY (actor, kind, value)
)""",
    """CREATE TABLE entity_actors (
  entity TEXT PRIMARY KEY REFERENCES entities(key),
  document TEXT NOT NULL REFERENCES documents(hash),
  actor TEXT NOT NULL REFERENCES actors(id)
)""",
    """CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  title TEXT,
  claim TEXT,
  first_date TEXT,
  last_date TEXT,
  documents INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  norm REAL NOT NULL
)""",
    """CREATE TABLE story_documents (
  document TEXT PRIMARY KEY REFERENCES documents(hash),
  story TEXT NOT NULL REFERENCES stories(id),
  position INTEGER NOT NULL UNIQUE,
  published TEXT,
  outlet TEXT,
  headline TEXT,
  similarity REAL,
  stance TEXT,
  stance_probability REAL,
  relays TEXT,
  vector TEXT NOT NULL
)""",
    *(f"CREATE TABLE {name} ({columns}) WITHOUT ROWID"
      for name, (columns, _names) in TERM_TABLES.items()),
    """CREATE TABLE claim_groups (
  id TEXT PRIMARY KEY,
  story TEXT NOT NULL REFERENCES stories(id),
  first_document TEXT NOT NULL REFERENCES documents(hash),
  first_published TEXT,
  members INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  origins TEXT NOT NULL
)""",
    """CREATE TABLE claim_sources (
  claim TEXT PRIMARY KEY REFERENCES claims(key),
  document TEXT NOT NULL REFERENCES documents(hash),
  story TEXT NOT NULL REFERENCES stories(id),
  grp TEXT NOT NULL REFERENCES claim_groups(id),
  position INTEGER NOT NULL UNIQUE,
  published TEXT,
  speaker_actor TEXT,
  anonymous INTEGER NOT NULL,
  denial INTEGER NOT NULL,
  origin TEXT NOT NULL,
  independent INTEGER NOT NULL,
  chain TEXT NOT NULL,
  stems TEXT NOT NULL
)""",
    """CREATE TABLE cross_links (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  type TEXT NOT NULL,
  "from" TEXT NOT NULL,
  "to" TEXT NOT NULL,
  from_document TEXT NOT NULL REFERENCES documents(hash),
  to_document TEXT NOT NULL REFERENCES documents(hash),
  story TEXT NOT NULL REFERENCES stories(id),
  reason TEXT NOT NULL
)""",
)

# The tables above by name, in the order they are created (each refers only to earlier ones).
TABLE_NAMES = tuple(sql.split("(", 1)[0].split()[-1] for sql in TABLES)

INDEXES = (
    "CREATE INDEX idx_actors_name ON actors(name COLLATE NOCASE)",
    "CREATE INDEX idx_actors_documents ON actors(documents DESC, name)",
    "CREATE INDEX idx_actors_type ON actors(type, documents DESC, name)",
    "CREATE INDEX idx_actors_country ON actors(country, documents DESC, name)",
    "CREATE INDEX idx_entity_actors_actor ON entity_actors(actor)",
    "CREATE INDEX idx_story_documents_story ON story_documents(story, position)",
    "CREATE INDEX idx_claim_sources_story ON claim_sources(story, position)",
    "CREATE INDEX idx_claim_sources_group ON claim_sources(grp, position)",
    "CREATE INDEX idx_claim_sources_document ON claim_sources(document)",
    "CREATE INDEX idx_claim_groups_story ON claim_groups(story)",
    "CREATE INDEX idx_cross_links_story ON cross_links(story, position)",
)
