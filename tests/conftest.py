"""Fixtures shared by every test module: databases, the demo data and the spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.db import open_db

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = DATA / "articles" / "newsy-2014-12-23-north-korea-internet-outage.txt"


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path):
    """An empty claimgraph database (real SQLite file) with its shape ensured."""
    return open_db(db_path)


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once per test session."""
    from claimgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database built by the real CLI from data/: ingest, evidence, extract, link, publish.

    Built once per test session; tests must only read it.
    """
    from click.testing import CliRunner

    from claimgraph.cli import cli

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(path), "--data", str(DATA), "--no-serve"])
    assert result.exit_code == 0, result.output
    return path
