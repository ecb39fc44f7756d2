"""Attribution queries on the graph test corpus: the seed story plus four fictional reports of
the same outage (tests/fixtures/corpus), with hand-written extraction rows (``corpus_db``)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.link.clusters import cluster_claims
from claimgraph.queries import QUERIES, run_query, write_rows

REQUIRED = {"who-said", "said-about", "accusations", "quotes-by-outlet", "timeline", "evidence-for", "unattributed"}


def column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


def test_every_required_query_is_defined_with_a_title_and_description():
    assert REQUIRED <= set(QUERIES)
    for query in QUERIES.values():
        assert query.title and query.description.endswith(".")


@pytest.mark.parametrize("query", QUERIES.values(), ids=lambda q: q.name)
def test_sql_uses_exactly_its_declared_parameters_so_datasette_can_run_it(query):
    used = set(re.findall(r"(?<!:):([a-z_]+)", query.sql))
    assert used == set(query.params)
    # Datasette runs the SQL through sqlite3 as it is, with every parameter given as text,
    # on connections where the plugin's prepare_connection registered the name functions.
    connection = sqlite3.connect(":memory:")
    from claimgraph.db import ensure_db_shape
    from claimgraph.names import register_sql_functions
    import sqlite_utils

    ensure_db_shape(sqlite_utils.Database(connection))
    register_sql_functions(connection)
    connection.execute(query.sql, {param: "" for param in query.params}).fetchall()


def test_who_said_lists_an_actors_statements_in_order_with_quotes(corpus_db):
    rows = run_query(corpus_db, "who-said", "Dana Whitlock")
    assert column(rows, "quote") == [
        "North Korea was offline for 9.5 hours before service returned",
        "This could have been a handful of teenagers with a botnet,",
    ]
    assert column(rows, "outlet") == ["Harbor Ledger", "Harbor Ledger"]
    assert column(rows, "kind") == ["indirect", "direct"]
    assert rows[0]["published"] == "2014-12-23T14:00:00+00:00"


@pytest.mark.parametrize("name", ["Dana Whitlock", "dana-whitlock", "Whitlock", "  dana whitlock "])
def test_an_actor_is_found_by_name_id_or_alias(corpus_db, name):
    assert len(run_query(corpus_db, "who-said", name)) == 2


def test_an_alias_is_matched_after_normalising_punctuation(corpus_db):
    # stored alias key "n korea"; the SQL itself drops the full stop, so Datasette finds it too
    assert {row["claim_id"] for row in run_query(corpus_db, "said-about", "N. Korea")} == {
        row["claim_id"] for row in run_query(corpus_db, "said-about", "north-korea")
    }


def test_said_about_lists_claims_aimed_at_an_actor_by_others(corpus_db):
    rows = run_query(corpus_db, "said-about", "United States")
    assert column(rows, "claim_id") == ["northern-nk-accuses"]
    assert rows[0]["said_by"] == "(the article)"
    assert rows[0]["subject"] == "North Korea"


def test_said_about_leaves_out_what_the_actor_said_of_itself(corpus_db):
    # North Korea's own denial is about North Korea, but North Korea made it
    assert "peninsula-denial" not in column(run_query(corpus_db, "said-about", "North Korea"), "claim_id")


def test_accusations_say_who_accused_whom_and_how_surely(corpus_db):
    rows = run_query(corpus_db, "accusations")
    pairs = [(row["accuser"], row["accused"], row["certainty"]) for row in rows]
    assert pairs == [
        ("FBI", "North Korea", 1.0),            # Peninsula Wire, 22 Dec 23:30 UTC
        ("United States", "North Korea", 1.0),  # Newsy, 23 Dec
        ("FBI", "North Korea", 1.0),            # Harbor Ledger
        ("North Korea", "United States", 1.0),  # Northern Wire
        ("Tom Ashby", "China", 0.5),            # Daily Meridian: "might have come from China"
    ]
    assert rows[-1]["hedge"] == "might"
    assert rows[-1]["reported_by"] == "Tom Ashby"


def test_accusations_can_be_narrowed_to_an_actor_on_either_side(corpus_db):
    accused_or_accuser = [row["claim_id"] for row in run_query(corpus_db, "accusations", "U.S.")]
    assert accused_or_accuser == ["newsy-us-accuses", "northern-nk-accuses"]
    assert [row["claim_id"] for row in run_query(corpus_db, "accusations", "China")] == ["meridian-china"]


def test_rows_are_ordered_by_publication_time_in_utc_not_by_the_text_of_the_date(corpus_db):
    # "2014-12-23T08:30:00+09:00" is 22 Dec 23:30 UTC, before Newsy's "2014-12-23"
    outlets = column(run_query(corpus_db, "accusations"), "outlet")
    assert outlets.index("Peninsula Wire") < outlets.index("Newsy")


@pytest.mark.parametrize("name", ["accusations", "unattributed"])
def test_the_whole_corpus_lists_walk_the_publication_time_index_instead_of_sorting_it(corpus_db, name):
    # On 100k articles a sort of every row before the first took 200-250 ms; see docs/benchmarks.md, "Graph and queries at scale".
    query = QUERIES[name]
    plan = [row[3] for row in corpus_db.execute("explain query plan " + query.sql, dict.fromkeys(query.params, ""))]
    assert "SCAN articles USING INDEX idx_articles_published_utc_id" in plan
    first_arm = plan[:plan.index("RIGHT")] if "RIGHT" in plan else plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in first_arm


def test_quotes_by_outlet_accepts_name_or_domain(corpus_db):
    by_name = run_query(corpus_db, "quotes-by-outlet", "Peninsula Wire")
    assert column(by_name, "speaker") == ["Min-ji Cho", "Min-ji Cho", "North Korea"]
    assert run_query(corpus_db, "quotes-by-outlet", "peninsulawire.example") == by_name


def test_quotes_by_outlet_names_unidentified_speakers_as_written(corpus_db):
    rows = run_query(corpus_db, "quotes-by-outlet", "newsy.com")
    assert "a security researcher for Arbor Networks" in column(rows, "speaker")


def test_timeline_puts_claims_and_measured_events_in_time_order(corpus_db):
    rows = run_query(corpus_db, "timeline", "North Korea")
    entries = [(row["entry"], row["claim_id"] or row["measurement_id"]) for row in rows]
    assert entries[:2] == [("claim", "newsy-outage"), ("measurement", "kp-outage-2014-12-22")]
    assert entries[-1] == ("claim", "meridian-saturday")  # event time 27 Dec
    assert ("claim", "peninsula-denial") in entries


def test_timeline_of_a_cluster_follows_one_story(corpus_db):
    cluster_claims(corpus_db)
    cluster_id = corpus_db.execute(
        "select cluster_id from claim_cluster_members where claim_id = 'harbor-outage'"
    ).fetchone()[0]
    rows = run_query(corpus_db, "timeline", cluster_id)
    claims = [row["claim_id"] for row in rows if row["entry"] == "claim"]
    assert set(claims) == {"newsy-outage", "peninsula-outage", "harbor-outage", "northern-outage", "meridian-outage"}
    assert [row["entry"] for row in rows].count("measurement") == 1


def test_evidence_for_a_claim_gives_verdict_measurement_and_source(corpus_db):
    (row,) = run_query(corpus_db, "evidence-for", "meridian-outage")
    assert row["verdict"] == "contradicts"
    assert row["claimed"] == "12 hours"
    assert row["measurement"] == "outage" and row["subject"] == "KP"
    assert row["evidence_source"] == "kp-outage-fixture.csv"


def test_evidence_for_a_cluster_covers_every_member(corpus_db):
    cluster_claims(corpus_db)
    cluster_id = corpus_db.execute(
        "select cluster_id from claim_cluster_members where claim_id = 'harbor-outage'"
    ).fetchone()[0]
    verdicts = {row["claim_id"]: row["verdict"] for row in run_query(corpus_db, "evidence-for", cluster_id)}
    assert verdicts == {"newsy-outage": "supports", "harbor-outage": "supports", "meridian-outage": "contradicts"}


def test_unattributed_lists_claims_the_articles_make_in_their_own_voice(corpus_db):
    rows = run_query(corpus_db, "unattributed")
    assert set(column(rows, "claim_id")) == {
        "newsy-us-accuses", "newsy-outage", "newsy-obama", "peninsula-fbi", "harbor-fbi",
        "harbor-obama", "northern-nk-accuses", "meridian-saturday",
    }


def test_unattributed_can_be_narrowed_to_an_outlet(corpus_db):
    rows = run_query(corpus_db, "unattributed", "Harbor Ledger")
    assert column(rows, "claim_id") == ["harbor-fbi", "harbor-obama"]


def test_corroboration_and_cluster_members_show_who_reported_first(corpus_db):
    cluster_claims(corpus_db)
    top = run_query(corpus_db, "corroboration")[0]
    assert (top["type"], top["n_outlets"], top["first_outlet"]) == ("reports_measurement", 5, "Peninsula Wire")
    members = run_query(corpus_db, "cluster-members", top["cluster_id"])
    assert column(members, "outlet") == ["Peninsula Wire", "Newsy", "Harbor Ledger", "Northern Wire", "Daily Meridian"]
    assert members[1]["figures"] == "1,024 IP addresses; 9 hours"


def test_top_speakers_counts_statements_and_articles(corpus_db):
    rows = run_query(corpus_db, "top-speakers")
    assert [row["actor_id"] for row in rows[:3]] == ["dana-whitlock", "min-ji-cho", "tom-ashby"]  # 2 each, by name
    assert (rows[0]["statements"], rows[0]["articles"]) == (2, 1)
    assert "samantha-power" in [row["actor_id"] for row in rows]


def test_arguments_can_be_named(corpus_db):
    assert run_query(corpus_db, "who-said", "actor=Tom Ashby") == run_query(corpus_db, "who-said", actor="Tom Ashby")


def test_an_unknown_query_lists_the_known_ones(corpus_db):
    with pytest.raises(ClaimgraphError, match="unknown query 'who-says'; known queries: who-said, said-about"):
        run_query(corpus_db, "who-says", "x")


def test_missing_and_extra_arguments_are_named(corpus_db):
    with pytest.raises(InputError, match="query 'who-said' needs ACTOR"):
        run_query(corpus_db, "who-said")
    with pytest.raises(InputError, match="got extra: 'b'"):
        run_query(corpus_db, "who-said", "a", "b")
    with pytest.raises(InputError, match="has no parameter 'speaker'"):
        run_query(corpus_db, "who-said", speaker="x")


def test_write_rows_as_json_csv_and_table():
    rows = [{"speaker": "Dana Whitlock", "quote": "North Korea was offline " + "x" * 80, "claims": 1}]
    out = io.StringIO()
    write_rows(rows, out, fmt="json")
    assert json.loads(out.getvalue()) == rows
    out = io.StringIO()
    write_rows(rows, out, fmt="csv")
    assert list(csv.DictReader(io.StringIO(out.getvalue()))) == [{**rows[0], "claims": "1"}]
    out = io.StringIO()
    write_rows(rows, out, fmt="table")
    header, rule, line = out.getvalue().splitlines()
    assert header.split() == ["speaker", "quote", "claims"]
    assert line.startswith("Dana Whitlock  North Korea was offline xxx") and "\u2026" in line
    out = io.StringIO()
    write_rows([], out)
    assert out.getvalue() == "(no rows)\n"


def test_cli_runs_a_query_as_json(corpus_db, db_path):
    result = CliRunner().invoke(cli, ["query", str(db_path), "who-said", "Tom Ashby", "--json"])
    assert result.exit_code == 0, result.output
    assert [row["quote"] for row in json.loads(result.output)] == [
        "North Korea was cut off from the internet for 12 hours",
        "the attack might have come from China",
    ]


def test_cli_lists_queries_without_a_name(corpus_db, db_path):
    result = CliRunner().invoke(cli, ["query", str(db_path)])
    assert result.exit_code == 0
    assert "who-said ACTOR\n    Every statement by an actor" in result.output
    assert "accusations [ACTOR]\n" in result.output


def test_cli_reports_an_unknown_query_in_one_line(corpus_db, db_path):
    result = CliRunner().invoke(cli, ["query", str(db_path), "nope"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown query 'nope'; known queries: who-said")
    assert "Traceback" not in result.output
