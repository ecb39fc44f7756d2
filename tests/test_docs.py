"""The documentation stays true: every command, table and column is documented."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.db import TABLES

ROOT = Path(__file__).resolve().parent.parent

README = (ROOT / "README.md").read_text("utf-8")


def all_commands(group=cli, prefix=()):
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from all_commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


@pytest.mark.parametrize("path,command", list(all_commands()), ids=lambda value: " ".join(value) if isinstance(value, tuple) else "")
def test_every_command_has_help_and_is_in_readme(path, command):
    assert command.help and command.help.strip(), f"{' '.join(path)} has no help"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert f"$ claimgraph {' '.join(path)} --help" in README, f"README lacks the reference of {' '.join(path)} (run cog -r README.md)"


def test_readme_opens_with_exactly_two_setup_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick_start.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["bash scripts/demo.sh    # install into .venv, build demo.db from data/, serve it on http://127.0.0.1:8001/",
                        "bash scripts/test.sh    # install into .venv with the test extras, run the tests"]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "bash scripts/test.sh" in ci


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_table_and_column_is_described(table):
    assert table.description
    assert set(table.describe) == set(table.columns), f"{table.name}: describe does not match columns"
    assert f"### `{table.name}`" in README, f"README lacks table {table.name} (run cog -r README.md)"
    for column in table.columns:
        assert f"| `{column}` | {table.describe[column]} |" in README, f"README: {table.name}.{column} (run cog -r README.md)"


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_table_and_column_is_in_metadata_json(table):
    metadata = json.loads((ROOT / "metadata.json").read_text("utf-8"))
    tables = next(iter(metadata["databases"].values()))["tables"]
    assert table.name in tables, f"metadata.json lacks {table.name}"
    assert tables[table.name].get("description"), f"metadata.json: {table.name} has no description"
    columns = tables[table.name].get("columns", {})
    missing = set(table.columns) - set(columns)
    assert not missing, f"metadata.json: {table.name} lacks descriptions of {sorted(missing)}"


def test_readme_generated_parts_are_up_to_date():
    from cogapp import Cog

    status = Cog().main(["cog", "--check", str(ROOT / "README.md")])
    assert status == 0, "README.md is out of date: run .venv/bin/cog -r README.md"
