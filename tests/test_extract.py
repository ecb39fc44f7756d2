"""The extract stage: what ``run_extract`` and ``claimgraph extract`` leave in the database.

Articles are inserted as rows (the ingest stage is tested elsewhere): the seed article
read from data/articles/, and short articles written for the corpus-level cases.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import SEED

from claimgraph.cli import cli
from claimgraph.db import open_db
from claimgraph.extract import run_extract, store


def add_article(db, article_id: str, text: str, published: str = "2014-12-23") -> None:
    db["articles"].insert({"id": article_id, "text": text, "title": text.split("\n")[0], "published": published}, pk="id")


def actor_of(db, article_id: str, text: str) -> str:
    """The actor id of the first mention written ``text`` in the article."""
    row = db.execute("select actor_id from mentions where article_id = ? and text = ? order by start",
                     [article_id, text]).fetchone()
    assert row is not None, f"no mention {text!r} in {article_id}"
    return row[0]


@pytest.fixture
def seed_db(db):
    add_article(db, "seed", SEED.read_text("utf-8"))
    return db


def test_seed_actors_mentions_and_roles_are_saved(seed_db):
    report = run_extract(seed_db)
    assert (report.articles, report.errors) == (1, [])
    actors = {row["id"]: (row["type"], row["affiliation_id"]) for row in seed_db.query("select * from actors")}
    assert actors["samantha-power"] == ("person", "united-states")
    assert actors["marie-harf"] == ("person", "us-department-of-state")
    assert actors["security-researcher-arbor-networks"] == ("unnamed", "arbor-networks")
    assert actors["anonymous"][0] == actors["lizard-squad"][0] == "group"
    assert {"getty-images", "tom-perez", "thomas-perez", "trump", "ip", "ddos", "days"}.isdisjoint(actors)
    roles = {(row["role"], row["actor_id"], row["affiliation_id"]) for row in seed_db.query("select * from actor_roles")}
    assert ("U.S. Ambassador to the U.N.", "samantha-power", "united-states") in roles
    assert ("spokeswoman", "marie-harf", "us-department-of-state") in roles
    assert ("President", "barack-obama", "united-states") in roles
    for text in ("Pyongyang", "North Koreans", "the isolated country", "N. Korea"):
        assert actor_of(seed_db, "seed", text) == "north-korea"
    row = seed_db["mentions"].get(next(r["id"] for r in seed_db.query(
        "select id from mentions where text = 'North Koreans'")))
    assert (row["label"], row["method"]) == ("NORP", "demonym")
    article = seed_db["articles"].get("seed")
    assert article["extracted_at"] and "claimgraph-" in article["extractor"]


def test_seed_statements_are_saved_with_corpus_speakers(seed_db):
    run_extract(seed_db)
    speakers = {row["speaker_id"] for row in seed_db.query("select speaker_id from statements")}
    assert {"samantha-power", "marie-harf", "security-researcher-arbor-networks"} <= speakers


def test_only_unprocessed_articles_run_unless_forced(seed_db):
    first = run_extract(seed_db)
    assert run_extract(seed_db).articles == 0
    again = run_extract(seed_db, force=True)
    assert (again.articles, again.mentions, again.statements) == (1, first.mentions, first.statements)
    assert seed_db["mentions"].count == first.mentions, "re-extracting replaces, never duplicates"
    assert again.actors == 0


def test_re_extracting_a_linked_article_drops_its_clusters_until_the_next_link(seed_db):
    from claimgraph.link import run_link

    add_article(seed_db, "reprint", SEED.read_text("utf-8"), published="2014-12-24")
    run_extract(seed_db)
    run_link(seed_db)
    assert seed_db["claim_clusters"].count > 0
    again = run_extract(seed_db, force=True)
    assert again.errors == []
    assert seed_db["claim_clusters"].count == seed_db["claim_cluster_members"].count == 0
    assert run_link(seed_db).clusters > 0


def test_worker_processes_give_the_same_rows(tmp_path):
    rows = {}
    for processes in (1, 2):
        db = open_db(tmp_path / f"p{processes}.db")
        add_article(db, "a", "U.S. Department of State spokeswoman Marie Harf said Pyongyang was warned.")
        add_article(db, "b", "Harf told reporters that N. Korea had been warned by a researcher for Arbor Networks.")
        assert run_extract(db, processes=processes, batch_size=1).errors == []
        rows[processes] = sorted((r["article_id"], r["start"], r["actor_id"], r["method"])
                                 for r in db.query("select * from mentions"))
    assert rows[1] == rows[2]
    assert ("b", 0, "marie-harf", "ner") in rows[2]


def test_actor_ids_are_shared_across_articles(db):
    add_article(db, "a", "U.S. Department of State spokeswoman Marie Harf said North Korea must stop. "
                         "Researchers at Arbor Networks agreed.")
    add_article(db, "b", "Harf told reporters that Pyongyang had been warned. The Dept. of State said more. "
                         "Arbor Network engineers saw the outage.")
    run_extract(db)
    assert actor_of(db, "b", "Harf") == "marie-harf"
    assert actor_of(db, "b", "Pyongyang") == "north-korea"
    assert actor_of(db, "b", "Dept. of State") == "us-department-of-state"
    assert actor_of(db, "b", "Arbor Network") == "arbor-networks"
    assert db.execute("select count(*) from actors where name like '%Harf%'").fetchone()[0] == 1


def test_a_name_first_seen_alone_joins_the_full_name_seen_later(db):
    add_article(db, "a", "The ruling was unfair, Okafor said.")
    add_article(db, "b", "Lawyer Jane Okafor filed an appeal on Monday.")
    run_extract(db)
    assert actor_of(db, "a", "Okafor") == actor_of(db, "b", "Jane Okafor") == "jane-okafor"
    assert db.execute("select count(*) from actors where name like '%Okafor%'").fetchone()[0] == 1
    assert {row["alias"] for row in db.query("select alias from actor_aliases where actor_id = 'jane-okafor'")} >= {
        "Okafor", "Jane Okafor"}


def test_an_ambiguous_surname_stays_its_own_actor(db):
    add_article(db, "a", "Bill Clinton and Hillary Clinton arrived together. The visit was short, Clinton said.")
    report = run_extract(db)
    assert report.errors == []
    assert {"bill-clinton", "hillary-clinton"} <= {row["id"] for row in db.query("select id from actors")}
    assert actor_of(db, "a", "Clinton") not in ("bill-clinton", "hillary-clinton")


def test_empty_articles_are_processed_with_nothing_found(db):
    add_article(db, "empty", "")
    add_article(db, "blank", "  \n\n  ")
    report = run_extract(db)
    assert (report.articles, report.mentions, report.errors) == (2, 0, [])
    assert db.execute("select count(*) from articles where extracted_at is null").fetchone()[0] == 0


def test_a_failing_article_is_recorded_and_the_run_goes_on(db, monkeypatch):
    add_article(db, "good", "Marie Harf said the talks were over.")
    add_article(db, "bad", "Samantha Power said the talks were over.")
    save = store.save_statements

    def failing(db, article_id, doc, actor_ids, **options):
        if article_id == "bad":
            raise ValueError("statement writer broke")
        return save(db, article_id, doc, actor_ids, **options)

    monkeypatch.setattr(store, "save_statements", failing)
    report = run_extract(db)
    assert report.articles == 1
    assert report.errors == ["bad: ValueError: statement writer broke"]
    assert [(row["stage"], row["item"]) for row in db.query("select * from errors")] == [("extract", "bad")]
    assert db["articles"].get("bad")["extracted_at"] is None
    assert db.execute("select count(*) from mentions where article_id = 'bad'").fetchone()[0] == 0
    monkeypatch.setattr(store, "save_statements", save)
    assert run_extract(db).articles == 1, "the failed article is picked up by the next run"


def test_cli_extract_prints_a_summary(db_path, seed_db):
    result = CliRunner().invoke(cli, ["extract", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Extracted 1 article: ")
    assert result.output.rstrip().endswith(" 0 errors")


def test_cli_extract_with_a_user_gazetteer(db_path, db, tmp_path):
    add_article(db, "x", "The Hermit Kingdom denied everything.")
    extra = tmp_path / "mine.yml"
    extra.write_text("- {name: North Korea, type: country, country: KP, aliases: [Hermit Kingdom]}\n")
    result = CliRunner().invoke(cli, ["extract", str(db_path), "--gazetteer", str(extra)])
    assert result.exit_code == 0, result.output
    assert actor_of(open_db(db_path), "x", "Hermit Kingdom") == "north-korea"


def test_cli_extract_missing_model_is_one_error_line(db_path, db):
    result = CliRunner().invoke(cli, ["extract", str(db_path), "--model", "no_such_model_xx"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: spaCy model 'no_such_model_xx' is not installed: install one with")
    assert "Traceback" not in result.output


def test_a_component_module_that_registers_no_factory_is_an_error():
    from claimgraph.extract.pipeline import _register_factory

    with pytest.raises(RuntimeError, match="does not register the spaCy factory 'claimgraph_nothing'"):
        _register_factory("claimgraph_nothing", "claimgraph.extract.resolver")
    with pytest.raises(ModuleNotFoundError):
        _register_factory("claimgraph_nothing", "claimgraph.extract.no_such_module")
