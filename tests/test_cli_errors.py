"""Mistakes a careless user makes at the command line: each is one ``Error:`` line, never a traceback."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.schema import SCHEMA_VERSION
from claimgraph.errors import InputError
from claimgraph.ingest.fetch import FetchPolicy


def invoke(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def one_line_error(result, *expected: str) -> str:
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    last = result.output.rstrip().splitlines()[-1]
    assert last.startswith("Error: "), result.output
    for text in expected:
        assert text in last, last
    return last


@pytest.fixture
def junk(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not SQLite at all\n" * 40)
    return path


@pytest.mark.parametrize("command", [
    ["query", "{db}", "who-said", "x"],
    ["extract", "{db}"],
    ["ingest", "{db}", "{db}.html"],
    ["evidence", "import", "{db}", "{db}.csv"],
    ["link", "{db}"],
    ["export", "{db}", "--format", "gexf"],
    ["publish", "{db}"],
    ["serve", "{db}"],
], ids=lambda command: command[0] if command[0] != "evidence" else "evidence-import")
def test_a_file_that_is_not_sqlite_is_named_in_one_line(junk, command):
    result = invoke(*(part.format(db=junk) for part in command))
    one_line_error(result, str(junk), "not a SQLite database" if command[0] != "evidence" else "")
    assert junk.read_bytes() == b"this is not SQLite at all\n" * 40


def test_a_database_in_a_missing_folder_is_named(tmp_path):
    one_line_error(invoke("ingest", tmp_path / "no" / "such" / "news.db", tmp_path / "a.html"), "folder", "does not exist")
    assert not (tmp_path / "no").exists()


def test_read_only_commands_do_not_write_the_schema_into_an_empty_file(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    one_line_error(invoke("query", empty, "who-said", "x"), "not a claimgraph database")
    one_line_error(invoke("export", empty, "--format", "gexf"), "not a claimgraph database")
    assert empty.stat().st_size == 0


def test_a_database_from_a_newer_claimgraph_is_refused_naming_both_versions(db_path):
    open_db(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("update claimgraph_meta set value = ? where key = 'schema_version'", [str(SCHEMA_VERSION + 7)])
    for args in (["query", db_path, "who-said", "x"], ["extract", db_path], ["ingest", db_path, db_path.with_suffix(".html")]):
        one_line_error(invoke(*args), f"schema version {SCHEMA_VERSION + 7}", f"up to {SCHEMA_VERSION}")
    with sqlite3.connect(db_path) as conn:  # left as it was
        assert conn.execute("select value from claimgraph_meta where key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION + 7)


@pytest.mark.parametrize("args, option", [
    (["ingest", "{db}", "x.html", "--concurrency", "0"], "--concurrency"),
    (["ingest", "{db}", "x.html", "--timeout", "-1"], "--timeout"),
    (["ingest", "{db}", "x.html", "--timeout", "0"], "--timeout"),
    (["ingest", "{db}", "x.html", "--delay", "-2"], "--delay"),
    (["ingest", "{db}", "x.html", "--retries", "-1"], "--retries"),
    (["ingest", "{db}", "x.html", "--max-bytes", "0"], "--max-bytes"),
    (["extract", "{db}", "--processes", "0"], "--processes"),
    (["export", "{db}", "--format", "gexf", "--depth", "-1"], "--depth"),
    (["serve", "{db}", "--port", "99999"], "--port"),
    (["serve", "{db}", "--port", "0"], "--port"),
])
def test_out_of_range_options_are_refused_before_anything_runs(db_path, args, option):
    open_db(db_path).close()
    result = invoke(*(part.format(db=db_path) for part in args))
    assert result.exit_code == 2
    assert "Invalid value for" in result.output and option in result.output
    assert "is not in the range" in result.output


def test_the_python_api_refuses_a_fetch_policy_that_would_hang():
    with pytest.raises(InputError, match="concurrency must be at least 1"):
        FetchPolicy(concurrency=0)
    with pytest.raises(InputError, match="timeout must be more than 0"):
        FetchPolicy(timeout=-1)


def test_non_utf8_config_and_gazetteer_are_named(tmp_path, db_path):
    open_db(db_path).close()
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("settings:\n  # caf\xe9\n".encode("latin-1"))
    one_line_error(invoke("serve", db_path, "--config", bad), str(bad), "not UTF-8")
    one_line_error(invoke("extract", db_path, "--gazetteer", bad), str(bad), "not UTF-8")


def test_export_overwrites_a_file_like_sqlite_utils_and_refuses_a_file_where_a_folder_is_needed(tmp_path, db_path):
    open_db(db_path).close()
    existing = tmp_path / "story.gexf"
    existing.write_text("old")
    result = invoke("export", db_path, "--format", "gexf", "-o", existing)
    assert result.exit_code == 0, result.output
    assert existing.read_text("utf-8").startswith("<?xml")
    plain = tmp_path / "plain"
    plain.write_text("keep me")
    one_line_error(invoke("export", db_path, "--format", "csv", "-o", plain), str(plain), "is a file")
    assert plain.read_text() == "keep me"
    folder = tmp_path / "folder"
    folder.mkdir()
    one_line_error(invoke("export", db_path, "--format", "gexf", "-o", folder), str(folder), "cannot write")
