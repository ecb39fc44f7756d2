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
