"""The store as Datasette and SQL readers see it (issue 19): declared foreign keys for the
items' references, views that give names, and the metadata.json written for a store.

The expected names come from the analysis itself (entity ids to names, spans to words),
never from knowing what the example says.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

import pytest

from newsgraph.cli import main
from newsgraph.store import Store
from newsgraph.store.columns import quote
from newsgraph.store.migrations import MIGRATIONS, add_contract_columns, transaction
from newsgraph.store.references import REFERENCES, key_column
from newsgraph.store.rows import document_row, item_rows
from newsgraph.stories.store import open_store


@pytest.fixture(scope="module")
def store_path(example_store):
    return example_store


def rows(path, sql: str, *params) -> list[dict]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def foreign_keys(path, table: str) -> dict[str, tuple[str, str]]:
    """column -> (table, column) of the table's declared foreign keys."""
    return {row["from"]: (row["table"], row["to"])
            for row in rows(path, f"PRAGMA foreign_key_list({table})")}


def test_references_are_declared_foreign_keys(store_path):
    claims, events = foreign_keys(store_path, "claims"), foreign_keys(store_path, "events")
    assert claims["speaker_key"] == ("entities", "key")
    assert claims["document"] == ("documents", "hash")
    assert events["actor_key"] == ("entities", "key")
    assert events["recipient_key"] == ("entities", "key")
    assert events["place_key"] == ("places", "key")
    for table, field, target in REFERENCES:
        assert foreign_keys(store_path, table)[key_column(field)] == (target, "key")
    # the keys hold the referenced rows' primary keys, one for every stored reference
    for table, field, target in REFERENCES:
        dangling = rows(store_path, f'SELECT count(*) AS n FROM {table} WHERE "{field}" IS '
                        f'NOT NULL AND {key_column(field)} IS NULL')[0]["n"]
        assert dangling == 0
    assert rows(store_path, "PRAGMA foreign_key_check") == []


def test_named_claims_give_speaker_cue_content_and_outlet(store_path, example_analysis):
    text = example_analysis["document"]["text"]
    names = {e["id"]: e["name"] for e in example_analysis["entities"]}
    view = {row["id"]: row for row in rows(store_path, "SELECT * FROM named_claims")}
    assert len(view) == len(example_analysis["claims"]) > 10
    spoken = 0
    for claim in example_analysis["claims"]:
        row = view[claim["id"]]
        assert row["speaker"] == names.get(claim["speaker"])
        spoken += row["speaker"] is not None
        if claim["cue"]:
            assert row["cue"] == text[claim["cue"][0]:claim["cue"][1]]
        assert row["content"].startswith(text[claim["content"][0][0]:claim["content"][0][1]])
        assert row["outlet"] == example_analysis["document"]["outlet"]
        assert row["title"] == example_analysis["document"]["title"]
        assert row["published"] == example_analysis["document"]["published"]
    assert spoken > 5
    # a speaker's actor across articles is the one entity_actors gives
    actors = {r["entity"]: r["actor"] for r in rows(store_path, "SELECT * FROM entity_actors")}
    assert all(row["speaker_actor"] == actors[row["speaker_key"]]
               for row in view.values() if row["speaker_key"])


def test_named_events_and_numbers(store_path, example_analysis):
    entities = {e["id"]: e for e in example_analysis["entities"]}
    places = {p["id"]: p for p in example_analysis["places"]}
    view = {row["id"]: row for row in rows(store_path, "SELECT * FROM named_events")}
    assert len(view) == len(example_analysis["events"]) > 5
    for event in example_analysis["events"]:
        row = view[event["id"]]
        for role in ("actor", "recipient"):
            entity = entities.get(event[role])
            assert row[role] == (entity and entity["name"])
            assert row[f"{role}_country"] == (entity and entity["country"])
        place = places.get(event["place"])
        assert row["place"] == (place and place["name"])
        assert row["place_country"] == (place and place["country_alpha3"])
    assert any(row["actor"] for row in view.values())
    numbers = rows(store_path, "SELECT * FROM named_numbers ORDER BY key")
    assert len(numbers) == len(example_analysis["quantities"])
    owned = {q["id"]: entities[q["of"]]["name"] for q in example_analysis["quantities"]
             if q["of"] in entities}
    assert owned and all(row["of"] == owned.get(row["id"]) for row in numbers)


def _version_6_store(path, analysis) -> None:
    """A store as newsgraph wrote it before the reference keys: migrations 1-6, the
    analysis's rows without the key columns."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:6], start=1):
        with transaction(conn):
            migration(conn)
            conn.execute(f"PRAGMA user_version = {number}")
    with transaction(conn):
        add_contract_columns(conn)
        document = document_row(analysis)
        tables = {"documents": [document], **item_rows(analysis, document["hash"])}
        keys = {key_column(field) for _, field, _ in REFERENCES}
        for table, table_rows in tables.items():
            for row in table_rows:
                names = [n for n in row if n not in keys]
                conn.execute(f"INSERT INTO {table} ({', '.join(quote(n) for n in names)}) "
                             f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
    conn.close()


def test_migration_7_adds_the_keys_and_keeps_every_row(tmp_path, store_path, example_analysis):
    old = tmp_path / "v6.db"
    _version_6_store(old, example_analysis)
    tables = sorted({table for table, _, _ in REFERENCES} | {"entities", "places", "documents"})
    before = {t: rows(old, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}
    assert "speaker_key" not in before["claims"][0]
    with Store(old):  # opening it migrates
        pass
    after = {t: rows(old, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}
    keys = {key_column(field) for _, field, _ in REFERENCES}
    for table in tables:  # every cell kept, the keys added
        assert [{k: v for k, v in row.items() if k not in keys} for row in after[table]] == \
            before[table]
    fresh = {t: rows(store_path, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}
    assert after == {t: [{k: row[k] for k in after[t][0]} for row in fresh[t]] for t in tables}
    assert rows(old, "SELECT count(*) AS n FROM named_claims")[0]["n"] == len(before["claims"])
    assert rows(old, "PRAGMA user_version")[0]["user_version"] == len(MIGRATIONS)


def test_metadata_describes_every_table_and_column(store_path, tmp_path, capsys):
    out = tmp_path / "metadata.json"
    assert main(["export", "--db", str(store_path), "--format", "datasette-metadata",
                 "-o", str(out)]) == 0
    metadata = json.loads(out.read_text(encoding="utf-8"))
    tables = metadata["databases"]["example"]["tables"]
    stored = [r["name"] for r in rows(store_path, "SELECT name FROM sqlite_master WHERE "
                                      "type IN ('table', 'view') AND name NOT LIKE '%fts%'")]
    assert sorted(tables) == sorted(stored)
    for name in stored:
        columns = [r["name"] for r in rows(store_path, f"PRAGMA table_info({name})")]
        assert tables[name]["title"] and tables[name]["description"], name
        assert sorted(tables[name]["columns"]) == sorted(columns)
        assert [c for c, text in tables[name]["columns"].items() if not text] == [], name
        assert set(tables[name].get("facets", [])) <= set(columns), name
        assert tables[name].get("label_column", columns[0]) in columns, name
    for table in ("documents", "entities", "places", "actors", "stories"):
        assert tables[table]["label_column"] in ("name", "title")
    assert "speaker_key" in tables["claims"]["columns"]


def test_datasette_links_a_claim_to_its_speaker_and_document(store_path, example_analysis,
                                                             tmp_path):
    datasette_app = pytest.importorskip("datasette.app")
    out = tmp_path / "metadata.json"
    assert main(["export", "--db", str(store_path), "--format", "datasette-metadata",
                 "-o", str(out)]) == 0
    datasette = datasette_app.Datasette([str(store_path)],
                                        metadata=json.loads(out.read_text(encoding="utf-8")))
    names = {e["id"]: e["name"] for e in example_analysis["entities"]}
    spoken = [c for c in example_analysis["claims"] if c["speaker"]]

    async def get(path: str):
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response

    async def visit():
        table = (await get("/example/claims.json?_labels=on&_shape=array&_size=max")).json()
        page = (await get("/example/claims")).text
        view = (await get("/example/named_claims.json?_shape=array&_size=max")).json()
        facets = (await get("/example/claims.json")).json()
        row_page = (await get(f"/example/entities/{table[0]['document']['value']}~2F"
                              f"{spoken[0]['speaker']}")).text
        return table, page, view, facets, row_page

    table, page, view, facets, row_page = asyncio.run(visit())
    by_id = {row["id"]: row for row in table}
    for claim in spoken:  # the speaker's key shown as the entity's name
        assert by_id[claim["id"]]["speaker_key"]["label"] == names[claim["speaker"]]
    assert by_id[spoken[0]["id"]]["document"]["label"] == example_analysis["document"]["title"]
    first = names[spoken[0]["speaker"]]
    assert re.search(r'<a href="/example/entities/[^"]+">' + re.escape(first) + "</a>", page)
    assert {row["speaker"] for row in view} >= {names[c["speaker"]] for c in spoken}
    assert {"kind", "channel"} <= set(facets["facet_results"])
    assert "Claims" in page and first in row_page  # the entity row names the claims' speaker


def test_the_shipped_metadata_names_only_what_a_store_holds(tmp_path):
    from newsgraph.store.datasette import SHIPPED_NAME, metadata_for, shipped_metadata

    open_store(tmp_path / "newsgraph.db").close()
    conn = sqlite3.connect(tmp_path / "newsgraph.db")
    try:
        made = metadata_for(conn, SHIPPED_NAME)["databases"][SHIPPED_NAME]["tables"]
    finally:
        conn.close()
    shipped = shipped_metadata()["databases"][SHIPPED_NAME]["tables"]
    assert sorted(set(shipped) - set(made)) == []  # no table or view that is gone
    stale = [f"{table}.{column}" for table, entry in shipped.items()
             for column in entry.get("columns", {}) if column not in made[table]["columns"]]
    assert stale == []
    assert all(made[t]["columns"][c] == text for t, entry in shipped.items()
               for c, text in entry.get("columns", {}).items())
