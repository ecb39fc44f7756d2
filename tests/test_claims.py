"""Typed claims: the claimgraph_claims component on short invented articles.

Each article is a few sentences; the tests check the claim type, who makes it, who it is
about or aimed at, polarity, certainty, quantities and event time.
"""

from __future__ import annotations

import pytest

from claimgraph.extract.store import Found, save_claims, save_statements
from claimgraph.vocabulary import vocabulary


def extract(nlp, text: str, published: str):
    doc = nlp.make_doc(text)
    doc._.article = {"id": "test", "published": published, "title": "Test"}
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def claims_of(doc, type_: str, words: str | None = None):
    found = [c for c in doc._.claims if c.type == type_ and (words is None or words in c.text(doc))]
    assert found, [(c.type, c.text(doc)) for c in doc._.claims]
    return found


# Wednesday 4 March 2015.
BLACKOUT = """Iran blamed Israel for a cyberattack that cut power to Tehran on Monday.

Israel denied any role in the attack. "We had nothing to do with it," Prime Minister Benjamin Netanyahu said.

According to the grid operator, the outage lasted about six hours and affected nearly 2 million people.

A hacker group called Black Lantern claimed responsibility for the attack and threatened Iran's banks.

No government has condemned the attack so far.

Security researcher Omar Haddad said the malware could possibly have come from Russia.

Officials said the grid will be fully repaired Friday.
"""


@pytest.fixture(scope="module")
def blackout(nlp):
    return extract(nlp, BLACKOUT, "2015-03-04")


def test_every_claim_type_is_in_the_vocabulary(blackout):
    known = set(vocabulary().claim_types)
    assert blackout._.claims and {c.type for c in blackout._.claims} <= known


def test_accusation_has_the_accuser_as_source_and_the_accused_as_object(blackout):
    [claim] = claims_of(blackout, "accuses", "blamed Israel")
    assert (claim.source, claim.subject, claim.object) == ("iran", "iran", "israel")
    assert claim.event_time == "2015-03-02"
    assert claim.event_time_text == "Monday"


def test_denial(blackout):
    [claim] = claims_of(blackout, "denies", "any role")
    assert claim.source == "israel"


def test_quote_claims_belong_to_the_speaker(blackout):
    [claim] = [c for c in blackout._.claims if "nothing to do with it" in c.text(blackout)]
    assert claim.source == "benjamin-netanyahu"
    statement = blackout._.statements[claim.statement]
    assert statement.speaker_actor == "benjamin-netanyahu"


def test_reported_measurement_with_normalised_quantities(blackout):
    [claim] = claims_of(blackout, "reports_measurement", "six hours")
    assert claim.statement is not None
    quantities = {q.text: q for q in claim.quantities}
    assert quantities["about six hours"].normalized_value == 6 * 3600
    assert quantities["about six hours"].qualifier == "approximately"
    assert quantities["nearly 2 million people"].value == 2_000_000
    assert quantities["nearly 2 million people"].qualifier == "approximately"


def test_claimed_responsibility_and_threat_by_the_same_group(blackout):
    [responsibility] = claims_of(blackout, "claims_responsibility")
    assert responsibility.polarity == "positive"
    threats = claims_of(blackout, "threatens", "threatened Iran's banks")
    assert [t.object for t in threats] == ["iran"]


def test_a_negated_subject_makes_a_negative_claim(blackout):
    [claim] = claims_of(blackout, "condemns")
    assert claim.polarity == "negative"
    assert claim.source is None


def test_hedges_lower_certainty_and_are_kept_as_written(blackout):
    [claim] = [c for c in blackout._.claims if "malware" in c.text(blackout)]
    assert claim.source == "omar-haddad"
    assert claim.hedge == "could … possibly"
    assert claim.certainty < 0.5


def test_future_tense_resolves_a_weekday_forwards_and_is_a_prediction(blackout):
    [claim] = [c for c in blackout._.claims if "fully repaired" in c.text(blackout)]
    assert claim.type == "predicts"
    assert claim.event_time == "2015-03-06"


CONDITIONAL = """If the leak is confirmed, the minister might resign. The party never accused the minister of lying.

The ministry did not deny the report on Tuesday."""


def test_conditions_and_negation(nlp):
    doc = extract(nlp, CONDITIONAL, "2016-06-01")
    [resign] = [c for c in doc._.claims if "resign" in c.text(doc)] or [None]
    if resign is not None:
        assert resign.condition == "If the leak is confirmed"
        assert resign.certainty <= 0.4
    [accusation] = claims_of(doc, "accuses")
    assert accusation.polarity == "negative"
    [denial] = claims_of(doc, "denies")
    assert denial.polarity == "negative"
    assert denial.event_time == "2016-05-31"


def test_claims_and_quantities_are_saved_with_offsets(nlp, db):
    doc = extract(nlp, BLACKOUT, "2015-03-04")
    db["articles"].insert({"id": "a1", "text": BLACKOUT})
    keys = {k for c in doc._.claims for k in (c.source, c.subject, c.object) if k}
    keys |= {s.speaker_actor for s in doc._.statements if s.speaker_actor}
    db["actors"].insert_all([{"id": key.upper(), "name": key} for key in keys], pk="id")
    actor_ids = {key: key.upper() for key in keys}
    with db.conn:
        save_statements(db, "a1", Found.from_doc(doc), actor_ids)
        count = save_claims(db, "a1", Found.from_doc(doc), actor_ids)
    assert count == db["claims"].count == len(doc._.claims)
    for row in db["claims"].rows:
        assert BLACKOUT[row["start"]:row["end"]] == row["text"]
    quantities = list(db["quantities"].rows_where(order_by="start"))
    assert [q["text"] for q in quantities] == ["about six hours", "nearly 2 million people"]
    assert {q["claim_id"] for q in quantities} <= {row["id"] for row in db["claims"].rows}
    assert {row["subject_id"] for row in db["claims"].rows} - {None} <= set(actor_ids.values()), "stored actor ids"
    with db.conn:
        save_claims(db, "a1", Found.from_doc(doc), actor_ids)
    assert db["claims"].count == count, "saving again upserts instead of duplicating"


def test_claims_are_stored_as_plain_data(blackout):
    import json

    from claimgraph.extract.extensions import Claim

    records = blackout._.claim_records
    assert json.loads(json.dumps(records)) == records
    assert [Claim.from_record(r) for r in records] == blackout._.claims


def test_warnings_are_predictions_and_only_a_future_main_verb_makes_one(nlp):
    doc = extract(nlp, "Forecasters warned that the storm could hit the coast. The mayor said the wall, which will cost more, is a mistake.", "2016-06-01")
    [warning] = [c for c in doc._.claims if "storm" in c.text(doc)]
    assert warning.type == "predicts"
    [opinion] = [c for c in doc._.claims if "wall" in c.text(doc)]
    assert opinion.type == "states"


def test_an_event_interval_sets_event_time_end(nlp):
    doc = extract(nlp, "According to the grid operator, power was cut from Monday to Wednesday.", "2015-03-06")
    [claim] = doc._.claims
    assert (claim.event_time, claim.event_time_end) == ("2015-03-02", "2015-03-04")
    assert claim.event_time_text == "from Monday to Wednesday"
