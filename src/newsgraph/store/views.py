"""SQL views that give names where the tables give keys: a claim with its speaker's name,
its cue and content words, its document's outlet, title and date; an event with its
actor's and recipient's names and countries; a number with its document. For readers of
the SQLite file (Datasette, DuckDB, the sqlite3 shell), not for the query layer, which has
its own lists (lists.py).

Each view joins on the declared key columns (references.py), so it reads no more than a
row lookup per name.
"""

from __future__ import annotations

import sqlite3

# name -> SELECT; the views' columns are what docs/STORE.md and the Datasette metadata say.
VIEWS = {
    "named_claims": """SELECT c.key, c.document, c.id,
  speaker.name AS speaker, speaker.key AS speaker_key, ea.actor AS speaker_actor,
  c.cue_text AS cue, c.content_text AS content, c.source_text AS source,
  c.kind, c.channel, c.anonymous, c.time_key,
  d.outlet, d.title, d.published
FROM claims c
JOIN documents d ON d.hash = c.document
LEFT JOIN entities speaker ON speaker.key = c.speaker_key
LEFT JOIN entity_actors ea ON ea.entity = c.speaker_key""",
    "named_events": """SELECT v.key, v.document, v.id, v.type, v.mode, v.cameo, v.status,
  v.trigger_text AS trigger,
  actor.name AS actor, actor.country AS actor_country,
  recipient.name AS recipient, recipient.country AS recipient_country,
  place.name AS place, place.country_alpha3 AS place_country,
  d.outlet, d.title, d.published
FROM events v
JOIN documents d ON d.hash = v.document
LEFT JOIN entities actor ON actor.key = v.actor_key
LEFT JOIN entities recipient ON recipient.key = v.recipient_key
LEFT JOIN places place ON place.key = v.place_key""",
    "named_numbers": """SELECT q.key, q.document, q.id, q.span_text AS number, q.value, q.low,
  q.high, q.approximate, q.unit, owner.name AS "of", place.name AS place,
  d.outlet, d.title, d.published
FROM quantities q
JOIN documents d ON d.hash = q.document
LEFT JOIN entities owner ON owner.key = q.of_key
LEFT JOIN places place ON place.key = q.place_key""",
}


def _create_sql(name: str) -> str:
    return f"CREATE VIEW {name} AS {VIEWS[name]}"


def ensure_views(conn: sqlite3.Connection) -> None:
    """Create the views a store lacks and replace those whose SQL differs from the code's
    (a view is only its SQL, so replacing it loses nothing); a current store is left
    untouched, so opening it writes nothing."""
    stored = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))
    for name in VIEWS:
        if stored.get(name) != _create_sql(name):
            conn.execute(f"DROP VIEW IF EXISTS {name}")
            conn.execute(_create_sql(name))


def drop_views(conn: sqlite3.Connection) -> None:
    for name in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {name}")
