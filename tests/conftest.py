"""Fixtures shared by every test module: databases, the demo data and the spaCy model."""

from __future__ import annotations

import shutil
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
def empty_db_file(tmp_path_factory) -> Path:
    """An empty claimgraph database made once per session, for tests that copy it: creating the schema is slow."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_db(path).close()
    return path


@pytest.fixture
def copied_db(empty_db_file, db_path):
    """Like ``db`` (an empty database at ``db_path``), copied from ``empty_db_file`` instead of created: faster."""
    shutil.copy(empty_db_file, db_path)
    return open_db(db_path)


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once per test session."""
    from claimgraph.extract.pipeline import load_pipeline

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


CORPUS = FIXTURES / "corpus"


@pytest.fixture
def corpus_db(corpus_template, db_path):
    """The graph test corpus in a fresh database at ``db_path``: the seed story plus four fictional
    reports of the same outage, with the rows extraction would make (tests/fixtures/corpus/rows.yml).
    """
    import shutil

    shutil.copyfile(corpus_template, db_path)
    return open_db(db_path)


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory) -> Path:
    """The corpus database, built once per session and copied for each test (creating one costs a second).

    Spans in the YAML are text; their offsets are found here, and mentions are made for every
    actor alias the article text contains.
    """
    import yaml

    from claimgraph.db import stable_id
    from claimgraph.names import alias_key
    from claimgraph.timeutil import utc_sortable

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    db = open_db(path)
    rows = yaml.safe_load((CORPUS / "rows.yml").read_text("utf-8"))
    texts = {a["id"]: (ROOT / a["file"]).read_text("utf-8") for a in rows["articles"]}

    def span(article_id: str, text: str) -> dict:
        start = texts[article_id].index(text)
        return {"start": start, "end": start + len(text)}

    tables: dict[str, list[dict]] = {name: [] for name in (
        "outlets", "articles", "actors", "actor_aliases", "mentions", "statements", "claims", "quantities",
        "evidence_sources", "measurements", "claim_evidence")}
    tables["outlets"] = rows["outlets"]
    for a in rows["articles"]:
        tables["articles"].append({"id": a["id"], "outlet_id": a["outlet"], "title": texts[a["id"]].splitlines()[0],
                                   "text": texts[a["id"]], "published": a["published"],
                                   "published_utc": utc_sortable(a["published"]),
                                   "ingested_at": a["ingested_at"], "url": a["file"]})
    for actor in rows["actors"]:
        tables["actors"].append({"id": actor["id"], "name": actor["name"], "type": actor["type"],
                                 "country": actor.get("country"), "affiliation_id": actor.get("affiliation"),
                                 "source": "gazetteer"})
        for alias in [actor["name"], *actor.get("aliases", [])]:
            tables["actor_aliases"].append(
                {"actor_id": actor["id"], "alias_key": alias_key(alias), "alias": alias, "source": "gazetteer"})
            for article_id, text in texts.items():
                for start in (i for i in range(len(text)) if text.startswith(alias, i)):
                    tables["mentions"].append({"id": stable_id(article_id, start, alias), "article_id": article_id,
                                               "actor_id": actor["id"], "start": start, "end": start + len(alias),
                                               "text": alias, "method": "gazetteer"})
    for s in rows["statements"]:
        speaker = span(s["article"], s["speaker_text"])
        tables["statements"].append({"id": s["id"], "article_id": s["article"], "speaker_id": s["speaker"],
                                     "speaker_text": s["speaker_text"], "speaker_start": speaker["start"],
                                     "speaker_end": speaker["end"], "cue": s["cue"], "content": s["content"],
                                     "kind": s["kind"], **span(s["article"], s["content"]), "method": "fixture"})
    for c in rows["claims"]:
        tables["claims"].append({"id": c["id"], "article_id": c["article"], "statement_id": c["statement"],
                                 "source_actor_id": c["source"], "type": c["type"], "subject_id": c.get("subject"),
                                 "object_id": c.get("object"), "polarity": c.get("polarity", "positive"),
                                 "certainty": c.get("certainty", 1.0), "hedge": c.get("hedge"),
                                 "event_time": c.get("event_time"), "event_time_text": c.get("event_time_text"),
                                 "text": c["text"], **span(c["article"], c["text"]), "method": "fixture"})
        for q in c.get("quantities", []):
            tables["quantities"].append({"id": f"{c['id']}:{q['text']}", "article_id": c["article"],
                                         "claim_id": c["id"], **span(c["article"], q["text"]), **q})
    tables["evidence_sources"] = rows["evidence_sources"]
    tables["measurements"] = [{**{k: v for k, v in m.items() if k != "source"}, "source_id": m["source"]}
                              for m in rows["measurements"]]
    tables["claim_evidence"] = [{"claim_id": e["claim"], "measurement_id": e["measurement"], "verdict": e["verdict"],
                                 "claimed": e["claimed"], "measured": e["measured"],
                                 "explanation": e["explanation"], "rule": "fixture"} for e in rows["claim_evidence"]]
    with db.conn:
        for name, table_rows in tables.items():
            db[name].insert_all(table_rows, ignore=True)
    db.conn.execute("pragma wal_checkpoint(truncate)")
    db.conn.close()
    return path
