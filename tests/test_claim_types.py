"""Claim types per class of issue 18, through the real CLI (ingest + extract) on the invented
articles of tests/fixtures/claim_types/tune (benchmarks/claim_types.py scores all of them).

Each test names a sentence and the typed claims it must (or must not) hold: threats made as
promises and warnings, accusations inside other clauses and as nouns or adjectives, several
claims in one sentence, claims of responsibility in hints and posts, and observations of
network state as measurements.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from claimgraph.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "claim_types"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("claim_types") / "claims.db"
    runner = CliRunner()
    for command in (["ingest", path, FIXTURES / "tune"], ["extract", path]):
        result = runner.invoke(cli, list(map(str, command)))
        assert result.exit_code == 0, result.output
    return sqlite_utils.Database(path)


def claims_in(db, sentence: str) -> list[dict]:
    """The claims whose text starts inside the (unique) stored sentence holding ``sentence``."""
    rows = db.execute("select id, text from articles where instr(text, ?) > 0", [sentence]).fetchall()
    assert len(rows) == 1, sentence
    article_id, text = rows[0]
    start = text.index(sentence)
    return list(db.query(
        "select * from claims where article_id = ? and start >= ? and start < ? order by start",
        [article_id, start, start + len(sentence)],
    ))


def one(db, sentence: str, claim_type: str) -> dict:
    found = [c for c in claims_in(db, sentence) if c["type"] == claim_type]
    assert len(found) == 1, [(c["type"], c["text"]) for c in claims_in(db, sentence)]
    return found[0]


def test_every_gold_sentence_is_in_its_article():
    parts = sorted(path.parent.name for path in FIXTURES.glob("*/gold.yml"))
    assert {"tune", "heldout", "fresh3"} <= set(parts)
    for part in parts:
        gold = yaml.safe_load((FIXTURES / part / "gold.yml").read_text("utf-8"))
        assert gold["split"] == part
        for article in gold["articles"]:
            text = (FIXTURES / part / f"{article['id']}.txt").read_text("utf-8")
            for sentence in article["sentences"]:
                assert text.count(sentence["text"]) == 1, sentence["text"]


# 1. Promises and warnings of action are threats.
@pytest.mark.parametrize("sentence, source", [
    ("Deveraux accused Russia of sheltering the gang and promised a proportionate response.", "paul-deveraux"),
    ("Dalvian President Ion Varga pledged retaliatory strikes", "ion-varga"),
    ("Karesh's defence minister warned that its army was ready to use all types of weapons", None),
    ("Varga said Dalvia would respond to any further provocation but did not say how.", "ion-varga"),
    ("Kareshi state television declared vengeance", None),
    ("Estonia's defence minister said the country would strike back", None),
    ("The league condemned the chaos and said it would fine the club.", None),
])
def test_promises_and_warnings_of_action_are_threats(db, sentence, source):
    claim = one(db, sentence, "threatens")
    if source:
        assert claim["source_actor_id"] == source


@pytest.mark.parametrize("sentence", [
    "A local councillor warned that more outages were likely this winter.",
    "Lomu promised that the government would build a second cable by 2025.",
    "SeaLink expects a repair ship to reach the site within ten days.",
])
def test_forecasts_and_benign_promises_are_not_threats(db, sentence):
    assert "threatens" not in {c["type"] for c in claims_in(db, sentence)}


# 2. Accusations inside other clauses and in noun or adjective form.
def test_accusation_in_a_reported_clause(db):
    claim = one(db, "the FBI said North Korea was responsible for the hack of Sony Pictures", "accuses")
    assert (claim["source_actor_id"], claim["object_id"], claim["certainty"]) == ("fbi", "north-korea", 1.0)


def test_accusation_in_a_relative_clause(db):
    claim = one(db, "which the government has accused of exploiting the outage", "accuses")
    assert claim["object_id"] == "liberal-party"


@pytest.mark.parametrize("sentence, accused, hedge", [
    ("Local media reports said China might have been involved.", "china", "might"),
    ("Greyline said the malware was believed to be linked to a group operating from Russia.", "russia", "believed"),
    ("Karesh was widely seen as the likely perpetrator", "karesh", "likely"),
    ("Berg said the botnet was likely controlled by operators in Russia.", "russia", "likely"),
    ("Some analysts speculated that a state intelligence service was behind the attack.", None, "speculated"),
])
def test_hedged_accusations_keep_their_type_with_lower_certainty(db, sentence, accused, hedge):
    claim = one(db, sentence, "accuses")
    assert claim["certainty"] < 1.0
    assert hedge in claim["hedge"]
    if accused:
        assert claim["object_id"] == accused


def test_blaming_a_thing_is_not_an_accusation(db):
    assert {c["type"] for c in claims_in(db, "Coastline Power blamed a failed transformer")} == {"states"}


def test_a_denied_accusation_is_a_denial_only(db):
    types = [c["type"] for c in claims_in(db, "North Korea denied it was behind the attack")]
    assert "denies" in types and "accuses" not in types


# 3. One sentence, several claims, each with its own source and object.
def test_one_sentence_holds_an_accusation_and_a_threat(db):
    sentence = "Washington has accused Pyongyang of the hack, and President Obama has promised a proportional response."
    accusation, threat = one(db, sentence, "accuses"), one(db, sentence, "threatens")
    assert (accusation["source_actor_id"], accusation["object_id"]) == ("united-states", "north-korea")
    assert threat["source_actor_id"] == "barack-obama"


def test_one_statement_holds_an_accusation_and_a_threat(db):
    sentence = "Cabral promised a proportional response and said Lusora would expel Chinese diplomats"
    assert {c["type"] for c in claims_in(db, sentence)} == {"threatens"}
    assert len(claims_in(db, sentence)) == 2


# 4. Claims of responsibility in hints and posts.
@pytest.mark.parametrize("sentence, source", [
    ("The hacking group Lizard Squad hinted on Twitter that it was responsible for the outage.", None),
    ('"Carrow hospital off button," the group wrote', None),
    ("A pro-Russian hacker group called RedFang claimed the attack", "redfang"),
])
def test_claims_of_responsibility_in_hints_and_posts(db, sentence, source):
    claim = one(db, sentence, "claims_responsibility")
    if source:
        assert claim["source_actor_id"] == source


def test_a_posted_next_target_is_a_threat(db):
    claim = one(db, '"Nordvik off button. Estonia next," the group posted.', "threatens")
    assert claim["object_id"] == "estonia"


# 5. Observations of network state are measurements.
@pytest.mark.parametrize("sentence", [
    "North Korea's internet went dark on Monday and stayed down for more than nine hours.",
    "The hospital's website was totally offline for most of Tuesday.",
    "All the routes to the country's networks disappeared from the global routing table",
    "Dyn Research said the problems began on Saturday and had gotten progressively worse over the weekend.",
    "By Thursday morning the hospital's email system was back online after three days.",
    "The attack peaked at 410 Gbps shortly after 9 a.m.",
    "Engineers restored power at 9:52 p.m.",
    "Traffic to the commission's servers returned to normal by 3 a.m.",
])
def test_observations_of_network_state_are_measurements(db, sentence):
    types = {c["type"] for c in claims_in(db, sentence)}
    assert "reports_measurement" in types and "states" not in types


def test_a_measurement_reported_by_a_monitor_has_it_as_source(db):
    claim = one(db, "Dyn Research said the problems began on Saturday", "reports_measurement")
    assert claim["source_actor_id"] == "dyn-research"


def test_a_forecast_of_restoration_is_no_measurement(db):
    assert {c["type"] for c in claims_in(db, "The board expects the hospital's systems to be fully restored")} == {"predicts"}
