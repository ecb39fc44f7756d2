"""The schema in schema.py: applied idempotently, keyed and indexed as declared."""

import json

import pytest
import sqlite_utils

from claimgraph import schema
from claimgraph.db import ensure_db_shape, open_db, stable_id, upsert_rows
from claimgraph.schema import SCHEMA_VERSION
from claimgraph.timeutil import utc_sortable


def test_open_db_creates_every_declared_table(db):
    for table in schema.TABLES:
        assert db[table.name].exists(), table.name
        assert set(db[table.name].columns_dict) == set(table.columns), table.name


def test_ensure_db_shape_is_idempotent(db):
    before = db.execute("select sql from sqlite_master order by name").fetchall()
    ensure_db_shape(db)
    ensure_db_shape(db)
    assert db.execute("select sql from sqlite_master order by name").fetchall() == before


def test_schema_version_is_recorded(db):
    assert db["claimgraph_meta"].get("schema_version")["value"] == str(SCHEMA_VERSION)


def test_foreign_keys_are_declared_and_enforced(db):
    declared = {(fk.table, fk.column, fk.other_table) for fk in db["claims"].foreign_keys}
    assert ("claims", "article_id", "articles") in declared
    assert ("claims", "statement_id", "statements") in declared
    article = {"id": "a1", "text": "x"}
    db["articles"].insert(article)
    db["claims"].insert({"id": "c1", "article_id": "a1", "type": "states"})
    try:
        db["claims"].insert({"id": "c2", "article_id": "missing", "type": "states"})
    except sqlite_utils.utils.sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("a claim pointing at a missing article was accepted")


def test_every_declared_index_exists(db):
    for table_name, columns, _unique in schema.INDEXES:
        indexed = [tuple(index.columns) for index in db[table_name].indexes]
        assert tuple(columns) in indexed, (table_name, columns)


def test_missing_columns_are_added_to_an_older_database(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["articles"].create({"id": str, "url": str}, pk="id")
    old["articles"].insert({"id": "a1", "url": "https://example.com/a"})
    old.close()
    db = open_db(path)
    assert "canonical_url" in db["articles"].columns_dict
    assert db["articles"].get("a1")["url"] == "https://example.com/a"


def test_published_utc_sorts_as_sqlite_datetime_does(db):
    times = ["2014-12-23T10:00:00-05:00", "2014-12-23", "2014-12-23T14:00:00Z", "2014-12-22T23:30:00-02:00"]
    by_sqlite = [row[0] for row in db.execute(
        "select value from json_each(?) order by datetime(value)", [json.dumps(times)])]
    assert sorted(times, key=utc_sortable) == by_sqlite


def test_migration_fills_published_utc_of_articles_stored_before_it(tmp_path):
    path = tmp_path / "v1.db"
    old = sqlite_utils.Database(path)
    old["articles"].create({"id": str, "published": str, "text": str}, pk="id")
    old["articles"].insert_all([
        {"id": "a1", "published": "2014-12-23T10:30:00-05:00", "text": "x"},
        {"id": "a2", "published": "2014-12-22", "text": "y"},
        {"id": "a3", "published": None, "text": "z"},
    ])
    old["claimgraph_meta"].insert({"key": "schema_version", "value": "1"}, pk="key")
    old.close()
    db = open_db(path)
    stored = {row["id"]: row["published_utc"] for row in db["articles"].rows}
    assert stored == {"a1": "2014-12-23T15:30:00Z", "a2": "2014-12-22T00:00:00Z", "a3": None}
    assert db["claimgraph_meta"].get("schema_version")["value"] == str(SCHEMA_VERSION)


def test_migration_moves_ingest_errors_into_errors(tmp_path):
    path = tmp_path / "v2.db"
    old = sqlite_utils.Database(path)
    old["ingest_errors"].create({"id": int, "source": str, "url": str, "stage": str, "message": str, "at": str}, pk="id")
    old["ingest_errors"].insert_all([
        {"source": "feed.xml", "url": "https://example.com/a", "stage": "fetch", "message": "HTTP 500", "at": "2014-12-23T10:00:00+00:00"},
        {"source": "pages/", "url": "pages/b.html", "stage": "decode", "message": "not text", "at": "2014-12-23T10:01:00+00:00"},
    ])
    old["errors"].create({"id": int, "stage": str, "item": str, "message": str, "at": str}, pk="id")
    old["errors"].insert({"stage": "link", "item": "c1", "message": "no country", "at": "2014-12-23T11:00:00+00:00"})
    old["claimgraph_meta"].insert({"key": "schema_version", "value": "2"}, pk="key")
    old.close()
    db = open_db(path)
    assert not db["ingest_errors"].exists()
    rows = db.execute("select stage, step, source, item, message, at from errors order by at").fetchall()
    assert rows == [
        ("ingest", "fetch", "feed.xml", "https://example.com/a", "HTTP 500", "2014-12-23T10:00:00+00:00"),
        ("ingest", "decode", "pages/", "pages/b.html", "not text", "2014-12-23T10:01:00+00:00"),
        ("link", None, None, "c1", "no country", "2014-12-23T11:00:00+00:00"),
    ]
    open_db(path)  # a second open changes nothing
    assert db["errors"].count == 3


def test_full_text_search_follows_inserts(db):
    db["articles"].insert({"id": "a1", "title": "Outage", "text": "The internet went dark on Monday."})
    assert [row["id"] for row in db["articles"].search("dark")] == ["a1"]


def test_stable_id_is_stable_and_distinguishes_parts():
    assert stable_id("a", 1, 2) == stable_id("a", 1, 2)
    assert stable_id("a", 1, 2) != stable_id("a", 12)
    assert len(stable_id("x")) == 16


def test_upsert_rows_inserts_and_updates_by_key_like_upsert_all(db):
    db["articles"].insert({"id": "a1", "text": "Officials said it was over."})
    columns = next(table.columns for table in schema.TABLES if table.name == "statements")
    said = {**dict.fromkeys(columns), "id": "s1", "article_id": "a1", "content": "it was over", "start": 15, "end": 26}
    upsert_rows(db, "statements", [said])
    upsert_rows(db, "statements", [{**said, "kind": "indirect"}, {**said, "id": "s2", "start": 0}])
    assert [(row["id"], row["kind"], row["start"]) for row in db["statements"].rows_where(order_by="id")] == [
        ("s1", "indirect", 15), ("s2", None, 0)]


def test_upsert_rows_wants_every_declared_column(db):
    with pytest.raises(KeyError):
        upsert_rows(db, "statements", [{"id": "s1", "content": "it was over"}])


def test_partial_upsert_rows_only_touch_the_columns_given(db):
    db["actors"].insert({"id": "fbi", "name": "FBI", "type": "organisation", "country": "US"})
    upsert_rows(db, "actors", [{"id": "fbi", "name": "Federal Bureau of Investigation"}], partial=True)
    assert db["actors"].get("fbi") == {**db["actors"].get("fbi"), "name": "Federal Bureau of Investigation",
                                        "type": "organisation", "country": "US"}
    upsert_rows(db, "actor_aliases", [{"actor_id": "fbi", "alias_key": "fbi", "alias": "FBI"}], conflict="ignore", partial=True)
    upsert_rows(db, "actor_aliases", [{"actor_id": "fbi", "alias_key": "fbi", "alias": "F.B.I."}], conflict="ignore", partial=True)
    assert [row["alias"] for row in db["actor_aliases"].rows] == ["FBI"]
