"""Verdicts: claims checked against the registry data and the published outage figures.

Claims are inserted as the extract stage writes them (claims + quantities rows), so these
tests state the rules independently of the NLP. The evidence is the repository's demo
evidence: APNIC's delegations and the curated published figures.
"""

import shutil

import pytest
from datasette.app import Datasette

from claimgraph.db import open_db
from claimgraph.evidence import import_evidence
from claimgraph.link.verdicts import compare, link_claims, rounding_step

from conftest import DATA, FIXTURES

HOURS = 3600


@pytest.fixture(scope="module")
def evidence_db_file(empty_db_file, tmp_path_factory):
    """APNIC's delegations, the published figures, the seed's article date and three actors; built once per module."""
    path = tmp_path_factory.mktemp("template") / "evidence.db"
    shutil.copy(empty_db_file, path)
    db = open_db(path)
    import_evidence(db, FIXTURES / "evidence" / "delegated-apnic-excerpt.txt")
    import_evidence(db, DATA / "evidence" / "published-figures.yml")
    db["articles"].insert({"id": "newsy", "text": "…", "published": "2014-12-23"}, pk="id")
    for actor_id, name, country in (("north-korea", "North Korea", "KP"), ("south-korea", "South Korea", "KR"),
                                    ("dyn-research", "Dyn Research", None)):
        db["actors"].insert({"id": actor_id, "name": name, "type": "country" if country else "organisation",
                             "country": country}, pk="id")
    db.close()
    return path


@pytest.fixture
def db(copied_db):
    """Every test here starts from a copy of the empty database (see conftest)."""
    return copied_db


@pytest.fixture
def evidence_db(evidence_db_file, db_path):
    """A fresh copy of the evidence database for each test."""
    shutil.copy(evidence_db_file, db_path)
    return open_db(db_path)


def add_claim(db, claim_id, text, *, type="reports_measurement", subject="north-korea", event_time=None,
              event_time_text=None, polarity="positive", quantities=()):
    """Insert a claim the way the extract stage writes it; quantities are (text, value, unit, kind, normalized, base unit, qualifier)."""
    db["claims"].insert({"id": claim_id, "article_id": "newsy", "type": type, "subject_id": subject,
                         "source_actor_id": "dyn-research", "text": text, "sentence": text, "event_time": event_time,
                         "event_time_text": event_time_text, "polarity": polarity, "certainty": 1.0}, pk="id")
    for number, (quoted, value, unit, kind, normalized, base, qualifier) in enumerate(quantities):
        db["quantities"].insert({"id": f"{claim_id}-q{number}", "article_id": "newsy", "claim_id": claim_id, "text": quoted,
                                 "value": value, "unit": unit, "kind": kind, "normalized_value": normalized,
                                 "normalized_unit": base, "qualifier": qualifier}, pk="id")


def hours(quoted, value, qualifier="exact"):
    return (quoted, value, "hours", "duration", value * HOURS, "s", qualifier)


def verdicts(db, claim_id):
    return list(db.query(
        "select measurements.kind, measurements.start, claim_evidence.* from claim_evidence "
        "join measurements on measurements.id = claim_evidence.measurement_id where claim_id = ? order by measurements.kind",
        [claim_id]))


# --------------------------------------------------------------------------- the seed's claims


def test_shut_down_monday_is_supported_by_the_outage_that_began_that_day(evidence_db):
    add_claim(evidence_db, "shutdown", "North Korea's limited Internet access was completely shut down Monday",
              event_time="2014-12-22", event_time_text="Monday")
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "shutdown")
    assert (row["kind"], row["start"], row["verdict"]) == ("outage", "2014-12-22T16:15:00+00:00", "supports")
    assert row["claimed"] == "Monday, 2014-12-22"
    assert row["explanation"] == (
        "The first outage of North Korea, 22 Dec 2014 16:15 \u2013 23 Dec 2014 01:46 UTC, reported by Dyn Research, "
        "began 22 Dec 2014 16:15 UTC, on the claimed day, Monday, 2014-12-22, in UTC.")


def test_shut_down_tuesday_as_asian_outlets_said_is_right_in_pyongyang_time(evidence_db):
    add_claim(evidence_db, "tuesday", "North Korea's Internet was shut down on Tuesday", event_time="2014-12-23",
              event_time_text="Tuesday")
    link_claims(evidence_db)
    first = next(row for row in verdicts(evidence_db, "tuesday") if row["start"] == "2014-12-22T16:15:00+00:00")
    assert first["verdict"] == "supports"
    assert "on the claimed day, Tuesday, 2014-12-23, in a time zone east or west of UTC." in first["explanation"]


def test_1024_addresses_and_9_hours(evidence_db):
    add_claim(evidence_db, "loss", "The country's 1,024 IP addresses suffered serious instability and eventually "
              "complete loss of access for 9 hours",
              quantities=[("1,024 IP addresses", 1024, "ip_addresses", "count", 1024, "addresses", "exact"),
                          hours("9 hours", 9)])
    link_claims(evidence_db)
    allocation, outage = verdicts(evidence_db, "loss")
    assert (allocation["kind"], allocation["verdict"], allocation["measured"]) == (
        "ipv4_allocation", "supports", "1,024 addresses (175.45.176.0/22)")
    assert allocation["rule"] == "count, exact: within ±1%"
    assert allocation["explanation"] == ("The figure of 1,024 IP addresses in the claim matches the 1,024 IPv4 addresses "
                                         "that APNIC records as allocated to North Korea (175.45.176.0/22).")
    assert (outage["kind"], outage["start"], outage["verdict"]) == ("outage", "2014-12-22T16:15:00+00:00", "supports")
    assert outage["rule"] == "duration, exact: claimed 8 h to 10 h vs measured 9 h 31 min (bound by the week before the article)"
    assert outage["claimed"] == "9 hours" and outage["measured"].startswith("9 h 31 min")


def test_restored_as_of_noon_local_time_is_consistent_with_restoration_at_0146_utc(evidence_db):
    add_claim(evidence_db, "restored", "As of noon Tuesday local time, North Korea's Internet access had been restored",
              type="states", event_time="2014-12-23T12:00:00+09:00", event_time_text="noon Tuesday local time")
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "restored")
    assert (row["start"], row["verdict"]) == ("2014-12-22T16:15:00+00:00", "supports")
    assert row["rule"].startswith("end, by: claimed by 23 Dec 2014 03:30 UTC vs measured 23 Dec 2014 01:46 UTC")
    assert row["measured"].startswith("23 Dec 2014 01:46 UTC (the first outage of North Korea")
    assert "ended 23 Dec 2014 01:46 UTC, so it was over by noon Tuesday local time" in row["explanation"]


@pytest.mark.parametrize(
    "text, event_time, verdict, says",
    [
        ("North Korea went offline at 16:15 UTC", "2014-12-22T16:15:00+00:00", "supports", "as claimed"),
        ("North Korea's Internet went down again at 3:41 UTC", "2014-12-23T03:41:00+00:00", "contradicts",
         "The second outage of North Korea, 23 Dec 2014 15:41\u201316:12 UTC, reported by Dyn Research, began 23 Dec 2014 "
         "15:41 UTC, 12 h after the claimed at 3:41 UTC"),
        ("Shortly after noon ET, North Korea's Internet went out", "2014-12-22T12:00:00-05:00", "contradicts",
         "45 min before the claimed"),
    ],
)
def test_a_claimed_clock_time_of_going_down_is_compared_with_the_outage_start(evidence_db, text, event_time, verdict, says):
    add_claim(evidence_db, "clock", text, type="states", event_time=event_time)
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "clock")
    assert row["verdict"] == verdict
    assert says in row["explanation"]


def test_down_as_of_a_moment_is_supported_by_an_outage_under_way(evidence_db):
    add_claim(evidence_db, "asof", "As of 8 p.m. Monday Eastern time, North Korea remained offline", type="states",
              event_time="2014-12-22T20:00:00-05:00")
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "asof")
    assert (row["start"], row["verdict"]) == ("2014-12-22T16:15:00+00:00", "supports")
    assert "was under way at the claimed time, 8 p.m. Monday Eastern time" in row["explanation"]


# --------------------------------------------------------------------------- numbers and tolerances


@pytest.mark.parametrize(
    "quoted, value, qualifier, verdict",
    [
        ("9.5 hours", 9.5, "exact", "supports"),
        ("about 9.5 hours", 9.5, "approximately", "supports"),
        ("nearly 10 hours", 10, "at_most", "supports"),
        ("more than 9 hours", 9, "more_than", "supports"),
        ("more than two hours", 2, "more_than", "supports"),
        ("12 hours", 12, "exact", "contradicts"),
        ("less than two hours", 2, "less_than", "contradicts"),
        ("more than 10 hours", 10, "more_than", "contradicts"),
    ],
)
def test_monday_outage_durations_against_9h31m(evidence_db, quoted, value, qualifier, verdict):
    add_claim(evidence_db, "duration", f"The outage lasted {quoted}", event_time="2014-12-22",
              quantities=[hours(quoted, value, qualifier)])
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "duration")
    assert (row["start"], row["verdict"]) == ("2014-12-22T16:15:00+00:00", verdict)


def test_an_undated_claim_is_checked_against_the_outage_of_that_week_it_fits(evidence_db):
    add_claim(evidence_db, "bound", "The outage lasted less than two hours", quantities=[hours("less than two hours", 2, "less_than")])
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "bound")
    assert (row["start"], row["verdict"]) == ("2014-12-23T15:41:00+00:00", "supports")


def test_a_claimed_31_minute_outage_is_matched_with_the_second_outage_not_the_first(evidence_db):
    add_claim(evidence_db, "short", "Internet went down again for 31 minutes",
              quantities=[("31 minutes", 31, "minutes", "duration", 31 * 60, "s", "exact")])
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "short")
    assert (row["start"], row["verdict"]) == ("2014-12-23T15:41:00+00:00", "supports")


def test_peak_attack_rate(evidence_db):
    add_claim(evidence_db, "peak", "The DDoS attack peaked at 5.97 Gbps", type="states", event_time="2014-12-20",
              quantities=[("5.97 Gbps", 5.97, "Gbps", "rate", 5.97e9, "bit/s", "exact")])
    add_claim(evidence_db, "bigger", "The attack peaked at 20 Gbps", type="states", event_time="2014-12-20",
              quantities=[("20 Gbps", 20, "Gbps", "rate", 20e9, "bit/s", "exact")])
    link_claims(evidence_db)
    assert [row["verdict"] for row in verdicts(evidence_db, "peak")] == ["supports"]
    assert [row["verdict"] for row in verdicts(evidence_db, "bigger")] == ["contradicts"]


@pytest.mark.parametrize("quoted, value, qualifier, verdict", [
    ("about 1,000 IP addresses", 1000, "approximately", "supports"),
    ("1,000 IP addresses", 1000, "exact", "contradicts"),
    ("more than 1,000 IP addresses", 1000, "more_than", "supports"),
])
def test_round_address_counts(evidence_db, quoted, value, qualifier, verdict):
    add_claim(evidence_db, "round", f"North Korea has {quoted}",
              quantities=[(quoted, value, "ip_addresses", "count", value, "addresses", qualifier)])
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "round")
    assert row["verdict"] == verdict


def test_a_wrong_address_count_contradicts(evidence_db):
    add_claim(evidence_db, "count", "North Korea has 2,048 IP addresses",
              quantities=[("2,048 IP addresses", 2048, "ip_addresses", "count", 2048, "addresses", "exact")])
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "count")
    assert row["verdict"] == "contradicts"
    assert "does not match the 1,024 IPv4 addresses" in row["explanation"]


@pytest.mark.parametrize(
    "text, value, step",
    [("9 hours", 9, HOURS), ("9.5 hours", 9.5, 0.1 * HOURS), ("nine hours", 9, HOURS), ("1,000 addresses", 1000, 100)],
)
def test_rounding_step_follows_the_stated_precision(text, value, step):
    normalized = value * (HOURS if "hour" in text else 1)
    assert rounding_step({"text": text, "value": value, "normalized_value": normalized}) == pytest.approx(step)


def test_compare_reports_the_rule_it_used():
    nine = {"text": "9 hours", "value": 9, "normalized_value": 9 * HOURS, "normalized_unit": "s", "qualifier": "exact"}
    assert compare(nine, 34260, "duration") == ("supports", "duration, exact: within the stated precision (±1 h)")
    assert compare({**nine, "qualifier": "at_least"}, 30000, "duration")[0] == "contradicts"


def test_routing_data_imported_before_the_delegations_is_matched_through_them_at_link_time(db, tmp_path):
    outages = tmp_path / "as-outages.csv"
    outages.write_text("kind,subject,start,end,value,unit\noutage,AS131279,2014-12-22T16:15:00Z,2014-12-23T01:46:00Z,34260,s\n")
    import_evidence(db, outages)
    assert db.execute("select country from measurements").fetchall() == [(None,)]
    import_evidence(db, FIXTURES / "evidence" / "delegated-apnic-excerpt.txt")
    db["articles"].insert({"id": "newsy", "text": "…", "published": "2014-12-23"}, pk="id")
    db["actors"].insert({"id": "north-korea", "name": "North Korea", "type": "country", "country": "KP"}, pk="id")
    db["actors"].insert({"id": "dyn-research", "name": "Dyn Research", "type": "organisation"}, pk="id")
    add_claim(db, "loss", "complete loss of access for 9 hours", quantities=[hours("9 hours", 9)])
    assert link_claims(db) == {"supports": 1}
    (row,) = verdicts(db, "loss")
    assert "measured in as-outages.csv" in row["explanation"]


def test_the_country_comes_from_the_claims_own_mentions_when_subject_and_object_have_none(evidence_db):
    text = "The country's 1,024 IP addresses in North Korea suffered loss of access for 9 hours"
    add_claim(evidence_db, "mentioned", text, subject="dyn-research",
              quantities=[("1,024 IP addresses", 1024, "ip_addresses", "count", 1024, "addresses", "exact")])
    evidence_db["claims"].update("mentioned", {"start": 100, "end": 100 + len(text)})
    start = 100 + text.index("North Korea")
    evidence_db["mentions"].insert({"id": "m1", "article_id": "newsy", "actor_id": "north-korea", "start": start,
                                    "end": start + len("North Korea"), "text": "North Korea"}, pk="id")
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "mentioned")
    assert row["verdict"] == "supports"
    assert "allocated to North Korea" in row["explanation"]


def test_a_persons_country_is_named_as_the_country(evidence_db):
    evidence_db["actors"].insert({"id": "kim", "name": "Kim Jong-un", "type": "person", "country": "KP"}, pk="id")
    add_claim(evidence_db, "kim", "Kim's 1,024 IP addresses", subject="kim",
              quantities=[("1,024 IP addresses", 1024, "ip_addresses", "count", 1024, "addresses", "exact")])
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "kim")
    assert "allocated to North Korea (175.45.176.0/22)" in row["explanation"]


# --------------------------------------------------------------------------- what must not be linked


def test_a_claim_about_another_country_gets_no_link(evidence_db):
    add_claim(evidence_db, "south", "South Korea's Internet access was shut down Monday", subject="south-korea",
              event_time="2014-12-22")
    link_claims(evidence_db)
    assert verdicts(evidence_db, "south") == []


def test_a_claim_about_another_date_gets_no_link(evidence_db):
    add_claim(evidence_db, "christmas", "North Korea's Internet was shut down on Christmas Day", event_time="2014-12-25")
    add_claim(evidence_db, "last-year", "North Korea lost access for 9 hours", event_time="2013-12-22",
              quantities=[hours("9 hours", 9)])
    link_claims(evidence_db)
    assert verdicts(evidence_db, "christmas") == [] and verdicts(evidence_db, "last-year") == []


def test_a_negated_claim_is_left_unchecked(evidence_db):
    add_claim(evidence_db, "not", "North Korea's Internet was not shut down Monday", type="states", polarity="negative",
              event_time="2014-12-22")
    link_claims(evidence_db)
    assert verdicts(evidence_db, "not") == []


def test_a_duration_about_something_else_is_not_compared_with_an_outage(evidence_db):
    add_claim(evidence_db, "debate", "The Security Council spent more than two hours debating North Korea's human rights record",
              type="states", quantities=[hours("more than two hours", 2, "more_than")])
    link_claims(evidence_db)
    assert verdicts(evidence_db, "debate") == []


# --------------------------------------------------------------------------- restoration times


def test_restored_before_it_was_restored_contradicts(evidence_db):
    add_claim(evidence_db, "early", "By 9 a.m. Tuesday local time, access had been restored",
              event_time="2014-12-23T09:00:00+09:00", event_time_text="9 a.m. Tuesday local time")
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "early")
    assert row["verdict"] == "contradicts"
    assert "only ended 23 Dec 2014 01:46 UTC, after 9 a.m. Tuesday local time (by 23 Dec 2014 00:30 UTC)" in row["explanation"]


def test_restoration_of_an_outage_whose_end_is_unknown_is_inconclusive(evidence_db):
    add_claim(evidence_db, "saturday", "As of Sunday, North Korea's Internet had been restored", event_time="2014-12-28",
              event_time_text="Sunday")
    link_claims(evidence_db)
    (row,) = verdicts(evidence_db, "saturday")
    assert (row["start"], row["verdict"]) == ("2014-12-27T10:30:00+00:00", "inconclusive")
    assert "has no published end, so Sunday cannot be checked against it" in row["explanation"]


def test_a_duration_for_an_outage_whose_end_was_never_published_is_inconclusive(evidence_db):
    add_claim(evidence_db, "saturday", "North Korea's Internet went down for three hours on Saturday", event_time="2014-12-27",
              event_time_text="Saturday", quantities=[hours("three hours", 3)])
    link_claims(evidence_db)
    start, row = sorted(verdicts(evidence_db, "saturday"), key=lambda r: r["verdict"] == "inconclusive")
    assert (start["verdict"], start["claimed"]) == ("supports", "Saturday, 2014-12-27")  # it did go down that Saturday
    assert (row["start"], row["verdict"]) == ("2014-12-27T10:30:00+00:00", "inconclusive")
    assert row["explanation"] == ("The third outage of North Korea, from 27 Dec 2014 10:30 UTC, reported by Xinhua, "
                                  "has no published length, so three hours cannot be checked against it.")


# --------------------------------------------------------------------------- idempotence and errors


def test_relinking_changes_nothing_and_force_rewrites(evidence_db):
    add_claim(evidence_db, "loss", "complete loss of access for 9 hours", quantities=[hours("9 hours", 9)])
    assert link_claims(evidence_db) == {"supports": 1}
    evidence_db.execute("update claim_evidence set linked_at = '2000-01-01T00:00:00+00:00'")
    evidence_db.conn.commit()
    assert link_claims(evidence_db) == {"supports": 1}
    assert [row["linked_at"] for row in evidence_db["claim_evidence"].rows] == ["2000-01-01T00:00:00+00:00"]
    link_claims(evidence_db, force=True)
    assert [row["linked_at"] for row in evidence_db["claim_evidence"].rows] != ["2000-01-01T00:00:00+00:00"]


def test_a_verdict_that_no_longer_holds_is_removed(evidence_db):
    add_claim(evidence_db, "loss", "complete loss of access for 9 hours", quantities=[hours("9 hours", 9)])
    link_claims(evidence_db)
    evidence_db.execute("update quantities set normalized_unit = 'USD', unit = 'dollars', kind = 'money'")
    evidence_db.conn.commit()
    assert link_claims(evidence_db) == {}
    assert evidence_db["claim_evidence"].count == 0


def test_a_claim_with_an_unreadable_time_is_skipped_and_recorded_once(evidence_db):
    add_claim(evidence_db, "bad", "Access was shut down Monday", event_time="Monday-ish")
    add_claim(evidence_db, "good", "Access was shut down Monday", event_time="2014-12-22")
    assert link_claims(evidence_db) == {"supports": 1}
    link_claims(evidence_db)
    (error,) = evidence_db["errors"].rows
    assert (error["stage"], error["item"]) == ("link", "bad")
    assert "Monday-ish" in error["message"]


async def test_the_explanation_is_shown_in_datasette(evidence_db, db_path):
    add_claim(evidence_db, "loss", "complete loss of access for 9 hours", quantities=[hours("9 hours", 9)])
    link_claims(evidence_db)
    response = await Datasette([str(db_path)]).client.get("/test/claim_evidence")
    assert response.status_code == 200
    assert "is consistent with the length of the first outage of North Korea" in response.text
