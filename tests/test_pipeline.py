"""End to end: the real CLI on the seed story, checked from the database and through Datasette.

The seed is a Newsy story of 23 Dec 2014 (North Korea's Internet outage after the Sony hack),
saved as plain text with its page's boilerplate tail. These are the foundation's acceptance
checks; tests/test_seed_gold.py checks the extraction against a full hand-written gold file.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette

from claimgraph.cli import cli
from claimgraph.publish.metadata import metadata_for, read_metadata

from conftest import ROOT, SEED


def actor_names(db):
    """Every name an actor is known by: canonical names and aliases."""
    names = {row["name"] for row in db["actors"].rows}
    return names | {row["alias"] for row in db["actor_aliases"].rows}


def test_demo_names_the_actors_of_the_story(demo_db):
    db = sqlite_utils.Database(demo_db)
    names = actor_names(db)
    for expected in ("FBI", "Samantha Power", "Marie Harf", "Arbor Networks", "Anonymous", "Lizard Squad",
                     "Dyn Research", "North Korea", "Barack Obama"):
        assert expected in names, expected
    for junk in ("Getty Images", "Tom Perez", "Thomas Perez", "Trump", "IP", "DDOS", "Days"):
        assert junk not in names, junk
    assert not any("Faces Internet Outage" in name for name in names), "the headline became an actor"
    (fbi,) = db.execute("select distinct actor_id from actor_aliases where alias = 'FBI'").fetchall()
    mentioned = {row[0] for row in db.execute("select distinct actor_id from mentions")}
    assert fbi[0] in mentioned


def test_north_korea_is_one_actor_whatever_the_alias(demo_db):
    db = sqlite_utils.Database(demo_db)
    rows = db.execute(
        "select distinct actor_id from mentions where text in ('N. Korea', 'North Korea', 'Pyongyang', 'North Koreans', 'North Korea''s')"
    ).fetchall()
    assert [row[0] for row in rows] == ["north-korea"]


def test_boilerplate_tail_is_not_article_text(demo_db):
    db = sqlite_utils.Database(demo_db)
    (text,) = db.execute("select text from articles").fetchone()
    assert text.rstrip().endswith("had been restored.")
    for boilerplate in ("Getty Images", "Featured Stories", "Like Newsy on Facebook", "Tom Perez"):
        assert boilerplate not in text
    assert not text.startswith("N. Korea Faces Internet Outage"), "the headline is not body text"


def speakers(db):
    return {
        (row["speaker"], row["content"][:40])
        for row in db.query(
            "select actors.name as speaker, statements.content from statements join actors on actors.id = statements.speaker_id"
        )
    }


def test_quotes_of_power_and_harf_have_the_right_speaker(demo_db):
    db = sqlite_utils.Database(demo_db)
    said = speakers(db)
    assert any(speaker == "Samantha Power" and "When regimes warn" in content for speaker, content in said), said
    assert any(speaker == "Marie Harf" and "We are considering" in content for speaker, content in said), said


def test_every_extracted_row_points_into_its_article(demo_db):
    db = sqlite_utils.Database(demo_db)
    text, title, description = db.execute("select text, title, description from articles").fetchone()
    fields = {None: text, "title": title, "description": description}
    for row in db["mentions"].rows:
        assert fields[row["field"]][row["start"]:row["end"]] == row["text"]
    for row in db["statements"].rows:
        assert fields[row["field"]][row["start"]:row["end"]] == row["content"]
    for row in db["claims"].rows:
        assert fields[row["field"]][row["start"]:row["end"]] == row["text"]
    assert {row["field"] for row in db["claims"].rows} == {None, "description"}  # the standfirst is read too


def test_running_every_stage_again_changes_nothing(demo_db, tmp_path):
    copy = tmp_path / "again.db"
    copy.write_bytes(demo_db.read_bytes())

    def snapshot():
        db = sqlite_utils.Database(copy)
        tables = ("articles", "actors", "actor_aliases", "mentions", "statements", "claims", "quantities",
                  "measurements", "evidence_sources", "claim_evidence", "claim_clusters")
        return {name: sorted(map(repr, db.execute(f"select * from {name}").fetchall())) for name in tables
                if name != "articles"} | {
            "articles": sorted(map(repr, db.execute("select id, text, title, published, updated_at from articles").fetchall()))
        }

    before = snapshot()
    result = CliRunner().invoke(cli, ["demo", "--db", str(copy), "--data", str(ROOT / "data"), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert snapshot() == before


@pytest.fixture
def datasette(demo_db):
    return Datasette([str(demo_db)], metadata=metadata_for(read_metadata(), [demo_db.stem]))


async def test_datasette_serves_every_table_with_its_description(datasette):
    response = await datasette.client.get("/demo.json")
    assert response.status_code == 200
    tables = {table["name"] for table in response.json()["tables"]}
    assert {"articles", "actors", "statements", "claims", "measurements", "claim_evidence"} <= tables
    page = await datasette.client.get("/demo/statements")
    assert page.status_code == 200
    assert "Who said what" in page.text


async def test_datasette_joins_a_statement_to_its_speaker(datasette):
    response = await datasette.client.get(
        "/demo.json",
        params={
            "sql": "select actors.name, statements.content from statements join actors on actors.id = statements.speaker_id where actors.name = :name",
            "name": "Marie Harf",
            "_shape": "objects",
        },
    )
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert rows and "We are considering a range of options" in rows[0]["content"]


class BrokenSite(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>Not here</body></html>")

    def log_message(self, *args):
        pass


@pytest.fixture
def broken_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BrokenSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_bad_inputs_are_skipped_one_line_each_and_the_rest_is_ingested(tmp_path, broken_site):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "photo.html"
    binary.write_bytes(bytes(range(256)) * 40)
    latin = tmp_path / "latin.html"
    latin.write_bytes(
        "<html><head><meta charset='windows-1252'><title>Café société</title></head><body><article>"
        "<p>Le café était fermé lundi, a déclaré le maire de la ville aux journalistes présents.</p>"
        "<p>Les habitants ont attendu devant la porte pendant deux heures avant de rentrer chez eux.</p>"
        "</article></body></html>".encode("cp1252")
    )
    missing = tmp_path / "missing.html"
    url = f"{broken_site}/gone"
    db_path = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["ingest", str(db_path), str(empty), str(binary), str(latin), str(missing), url, str(SEED), "--allow-private"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("Skipped: ")]
    for name in ("empty.txt", "photo.html", "missing.html", url):
        assert sum(name in line for line in skipped) == 1, (name, skipped)
    assert "Traceback" not in result.output
    db = sqlite_utils.Database(db_path)
    titles = {row["title"] for row in db["articles"].rows}
    assert "Café société" in titles
    assert db["articles"].count == 2
    assert db["errors"].count_where("stage = 'ingest'") == 4
