"""The CLI's contract: database path first, helpful --help, one-line errors, no tracebacks."""

from click.testing import CliRunner

from claimgraph.cli import cli


def invoke(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_help_lists_every_stage():
    result = invoke("--help")
    assert result.exit_code == 0
    for stage in ("ingest", "extract", "evidence", "link", "publish", "serve", "export", "query", "demo"):
        assert f"  {stage} " in result.output


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.startswith("claimgraph, version ")


def test_commands_that_need_a_database_say_so_in_one_line(tmp_path):
    missing = tmp_path / "nope.db"
    for command in (["extract"], ["link"], ["publish"], ["export", "--format", "gexf"], ["query"]):
        result = invoke(*command[:1], missing, *command[1:])
        assert result.exit_code == 2, command
        assert "does not exist" in result.output
        assert "Traceback" not in result.output


def test_missing_article_is_a_one_line_error(tmp_path):
    result = invoke("ingest", tmp_path / "news.db", tmp_path / "missing.html")
    assert result.exit_code == 1
    assert "missing.html" in result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1] == "Error: nothing could be ingested"


def test_unknown_evidence_format_is_rejected_by_click(tmp_path):
    result = invoke("evidence", "import", tmp_path / "news.db", tmp_path / "x.csv", "--format", "pdf")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_extract_with_nothing_to_do_says_why(tmp_path):
    from claimgraph.db import open_db

    db_path = tmp_path / "news.db"
    open_db(db_path).conn.close()
    result = invoke("extract", db_path)
    assert result.exit_code == 0
    assert f"No articles in {db_path}: run `claimgraph ingest" in result.output

    db = open_db(db_path)
    db["articles"].insert({"id": "a1", "url": "https://example.org/a", "text": "Text.", "extracted_at": "2026-03-04T00:00:00+00:00"})
    db.conn.close()
    result = invoke("extract", db_path)
    assert result.exit_code == 0
    assert "All 1 articles were extracted before; add --force" in result.output


def test_link_names_the_countries_it_cannot_check_for_want_of_an_iso_code(tmp_path):
    from claimgraph.db import open_db

    db_path = tmp_path / "news.db"
    db = open_db(db_path)
    db["actors"].insert_all([
        {"id": "freedonia", "name": "Freedonia", "type": "country"},
        {"id": "ruritania", "name": "Ruritania", "type": "country", "country": "RU"},
    ])
    db["articles"].insert({"id": "a1", "url": "https://example.org/a", "text": "Freedonia was offline for 9 hours."})
    db["claims"].insert({"id": "c1", "article_id": "a1", "type": "reports_measurement", "subject_id": "freedonia",
                         "text": "Freedonia was offline for 9 hours.", "start": 0, "end": 34})
    db.conn.close()
    result = invoke("link", db_path)
    assert result.exit_code == 0
    assert "Note: no ISO country code for Freedonia, so claims about them are not checked" in result.output
    assert "Ruritania" not in result.output


def test_a_query_for_an_unknown_actor_says_no_actor_matches(tmp_path):
    from claimgraph.db import open_db

    db_path = tmp_path / "news.db"
    open_db(db_path).conn.close()
    result = invoke("query", db_path, "who-said", "Jane Nobody")
    assert result.exit_code == 0
    assert "No actor matches 'Jane Nobody' (by id, name or alias)" in result.output
    assert "No actor matches" not in invoke("query", db_path, "accusations").output
