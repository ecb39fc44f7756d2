"""The documentation stays true: README is a short front door whose links work, docs/ is generated
where it can be (cog) and up to date, and every command, table, column, format and query it names exists."""

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.schema import TABLES
from claimgraph.evidence.registry import FORMATS as EVIDENCE_FORMATS
from claimgraph.graph.export import FORMATS as EXPORT_FORMATS
from claimgraph.publish.metadata import metadata_for, read_metadata
from claimgraph.queries import QUERIES

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
COGGED = [path for path in PAGES if "[[[cog" in path.read_text("utf-8")]
README_MAX_LINES = 250


def text(name: str) -> str:
    return (ROOT / name).read_text("utf-8")


def all_commands(group=cli, prefix=()):
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from all_commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


@pytest.mark.parametrize("path,command", list(all_commands()), ids=lambda value: " ".join(value) if isinstance(value, tuple) else "")
def test_every_command_has_help_and_a_reference(path, command):
    assert command.help and command.help.strip(), f"{' '.join(path)} has no help"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert f"$ claimgraph {' '.join(path)} --help" in text("docs/cli.md"), f"docs/cli.md lacks {' '.join(path)} (run cog -r docs/cli.md)"


def test_readme_opens_with_exactly_two_setup_commands():
    quick_start = README.read_text("utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick_start.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["bash scripts/demo.sh    # install into .venv, build demo.db from data/, serve it on http://127.0.0.1:8001/",
                        "bash scripts/test.sh    # install into .venv with the test extras, run the tests"]
    assert "bash scripts/test.sh" in text(".ci/run")


def test_readme_is_short():
    lines = len(README.read_text("utf-8").splitlines())
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; move reference material into docs/"


def test_readme_walks_through_the_five_stages_in_order():
    readme = README.read_text("utf-8")
    positions = [readme.find(f"**{number}. {stage}") for number, stage in enumerate(["Ingest", "Extract", "Evidence", "Link", "Publish"], 1)]
    assert -1 not in positions and positions == sorted(positions), positions


def heading_anchors(markdown: str) -> set[str]:
    """GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", markdown, flags=re.S), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def local_links(page: Path):
    """(target path, anchor) of every relative Markdown link and image on ``page``, code blocks aside."""
    markdown = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", markdown):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        yield (page.parent / path).resolve() if path else page, anchor


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_every_local_link_resolves(page):
    broken = []
    for target, anchor in local_links(page):
        if not target.exists():
            broken.append(f"{target.relative_to(ROOT)} does not exist")
        elif anchor and anchor not in heading_anchors(target.read_text("utf-8")):
            broken.append(f"{target.relative_to(ROOT)} has no heading #{anchor}")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_the_readme_links_every_docs_page():
    linked = {target for target, _ in local_links(README)}
    assert set(DOCS) <= linked, f"README.md does not link {sorted(p.name for p in set(DOCS) - linked)}"


@pytest.mark.parametrize("page", COGGED, ids=lambda path: path.name)
def test_generated_parts_are_up_to_date(page):
    from cogapp import Cog

    assert Cog().main(["cog", "--check", str(page)]) == 0, f"{page.name} is out of date: run .venv/bin/cog -r {page.relative_to(ROOT)}"


def test_the_generated_pages_are_checked():
    assert {path.name for path in COGGED} >= {"cli.md", "schema.md", "publishing.md"}


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_table_and_column_is_described_in_the_schema_page(table):
    assert table.description
    assert set(table.describe) == set(table.columns), f"{table.name}: describe does not match columns"
    schema = text("docs/schema.md")
    assert f"## `{table.name}`" in schema, f"docs/schema.md lacks table {table.name} (run cog -r docs/schema.md)"
    for column in table.columns:
        assert f"| `{column}` | {table.describe[column]} |" in schema, f"docs/schema.md: {table.name}.{column} (run cog -r docs/schema.md)"


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_table_and_column_is_described_to_datasette(table):
    tables = metadata_for(read_metadata(), ["news"])["databases"]["news"]["tables"]
    assert tables[table.name]["description"] == table.description
    assert tables[table.name]["columns"] == table.describe


def example_commands():
    """Every ``claimgraph ...`` line in the code blocks of README.md and docs/, as (page, argv)."""
    for page in PAGES:
        for block in re.findall(r"```[a-z]*\n(.*?)```", page.read_text("utf-8"), flags=re.S):
            for line in block.splitlines():
                line = line.split(" && ")[0].strip()
                if line.startswith("claimgraph "):
                    yield page, shlex.split(line.split("  #")[0].split(" > ")[0])


def test_example_commands_name_registered_formats_and_queries():
    wrong = []
    for page, argv in example_commands():
        known = {"export": EXPORT_FORMATS, "evidence": EVIDENCE_FORMATS}.get(argv[1])
        if known is not None and "--format" in argv and argv[argv.index("--format") + 1] not in known:
            wrong.append(f"{page.name}: {' '.join(argv)}: no format {argv[argv.index('--format') + 1]!r}")
        if argv[1] == "query" and len(argv) > 3 and argv[3] not in QUERIES:
            wrong.append(f"{page.name}: {' '.join(argv)}: no query {argv[3]!r}")
        if argv[1] not in cli.commands:
            wrong.append(f"{page.name}: {' '.join(argv)}: no command {argv[1]!r}")
    assert not wrong, "\n".join(wrong)


def test_example_commands_are_found():
    argvs = [argv for _, argv in example_commands()]
    assert any(argv[1] == "export" and "--format" in argv for argv in argvs)
    assert any(argv[1] == "query" and len(argv) > 3 for argv in argvs)
