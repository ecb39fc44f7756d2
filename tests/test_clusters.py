"""Cross-source corroboration: the same claim reported by several outlets becomes one cluster.

The corpus (tests/fixtures/corpus) has five reports of the 22-23 December 2014 outage:
"more than 7 hours" (Peninsula Wire, first), "9 hours" (Newsy), "9.5 hours" (Harbor Ledger),
"9 hour 31 minute" (Northern Wire) and "12 hours" (Daily Meridian, which conflicts), plus a
second, 2-hour outage on the Saturday that must stay out of the cluster.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from claimgraph.db import open_db
from claimgraph.graph.build import GraphFilter, build_graph
from claimgraph.link.clusters import ClaimRow, Figure, cluster_claims, similarity
from claimgraph.queries import run_query
from claimgraph.extract.normalize import find_quantities
from claimgraph.timeutil import utc_datetime

OUTAGE_MEMBERS = {"peninsula-outage", "newsy-outage", "harbor-outage", "northern-outage", "meridian-outage"}


def clusters_by_member(db) -> dict[str, dict]:
    rows = {row["id"]: row for row in db["claim_clusters"].rows}
    return {m["claim_id"]: rows[m["cluster_id"]] for m in db["claim_cluster_members"].rows}


def members_of(db, cluster_id: str) -> set[str]:
    return {row["claim_id"] for row in db["claim_cluster_members"].rows_where("cluster_id = ?", [cluster_id])}


def test_the_outage_duration_is_one_cluster_with_every_report(corpus_db):
    assert cluster_claims(corpus_db) == 3
    outage = clusters_by_member(corpus_db)["harbor-outage"]
    assert members_of(corpus_db, outage["id"]) == OUTAGE_MEMBERS
    assert (outage["type"], outage["subject_id"], outage["n_claims"], outage["n_outlets"]) == (
        "reports_measurement", "north-korea", 5, 5,
    )


def test_the_first_reporter_is_earliest_in_utc(corpus_db):
    # Peninsula Wire's "2014-12-23T08:30:00+09:00" is 22 Dec 23:30 UTC: before Newsy's 23 Dec
    cluster_claims(corpus_db)
    outage = clusters_by_member(corpus_db)["newsy-outage"]
    assert outage["first_outlet_id"] == "peninsulawire.example"
    assert outage["first_article_id"] == "peninsula"
    assert outage["first_claim_id"] == "peninsula-outage"
    assert outage["first_published"] == "2014-12-23T08:30:00+09:00"
    assert outage["label"] == "North Korea's internet has been down for more than 7 hours"


def test_variants_are_the_figures_quoted_in_reporting_order(corpus_db):
    cluster_claims(corpus_db)
    outage = clusters_by_member(corpus_db)["newsy-outage"]
    # "1,024 IP addresses" is only in Newsy's claim: not a variant of the duration
    assert json.loads(outage["variants"]) == ["more than 7 hours", "9 hours", "9.5 hours", "9 hour 31 minute", "12 hours"]


def test_figures_that_disagree_beyond_tolerance_are_flagged_with_a_note(corpus_db):
    cluster_claims(corpus_db)
    outage = clusters_by_member(corpus_db)["newsy-outage"]
    assert outage["conflicting"] == 1
    assert outage["note"] == (
        "'12 hours' (Daily Meridian) disagrees with '9 hours' (Newsy), '9.5 hours' (Harbor Ledger), "
        "'9 hour 31 minute' (Northern Wire) by more than 10%"
    )


def test_a_different_outage_days_later_is_not_a_member(corpus_db):
    cluster_claims(corpus_db)
    assert "meridian-saturday" not in clusters_by_member(corpus_db)


def test_accusations_cluster_by_accuser_and_accused(corpus_db):
    cluster_claims(corpus_db)
    by_member = clusters_by_member(corpus_db)
    fbi = by_member["harbor-fbi"]
    assert members_of(corpus_db, fbi["id"]) == {"peninsula-fbi", "harbor-fbi"}
    assert (fbi["subject_id"], fbi["object_id"], fbi["conflicting"], fbi["variants"]) == ("fbi", "north-korea", 0, "[]")
    # the U.S. accusing North Korea has another accuser; North Korea accusing the U.S. is the reverse
    assert "newsy-us-accuses" not in by_member
    assert "northern-nk-accuses" not in by_member


def test_a_claim_only_one_article_makes_is_not_clustered(corpus_db):
    cluster_claims(corpus_db)
    assert "harbor-teenagers" not in clusters_by_member(corpus_db)


def test_clustering_again_gives_the_same_clusters(corpus_db):
    cluster_claims(corpus_db)
    first = sorted(corpus_db["claim_cluster_members"].rows, key=lambda row: row["claim_id"])
    assert cluster_claims(corpus_db) == 3
    assert sorted(corpus_db["claim_cluster_members"].rows, key=lambda row: row["claim_id"]) == first
    assert corpus_db["claim_clusters"].count == 3


def test_clusters_follow_a_retracted_report(corpus_db):
    cluster_claims(corpus_db)
    for table in ("claim_cluster_members", "quantities", "claim_evidence"):
        corpus_db[table].delete_where("claim_id = 'meridian-outage'")
    corpus_db["claims"].delete("meridian-outage")
    cluster_claims(corpus_db)
    outage = clusters_by_member(corpus_db)["newsy-outage"]
    assert (outage["n_outlets"], outage["conflicting"], outage["note"]) == (4, 0, None)


# ----------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    "a, b, agree",
    [
        (Figure("9 hours", 32400, "s", "exact"), Figure("9.5 hours", 34200, "s", "exact"), True),
        (Figure("9 hours", 32400, "s", "exact"), Figure("9 h 31 min", 34260, "s", "exact"), True),
        (Figure("9 hours", 32400, "s", "exact"), Figure("12 hours", 43200, "s", "exact"), False),
        (Figure("more than 7 hours", 25200, "s", "more_than"), Figure("12 hours", 43200, "s", "exact"), True),
        (Figure("nearly 10 hours", 36000, "s", "at_most"), Figure("9 hours", 32400, "s", "exact"), True),
        (Figure("less than 2 hours", 7200, "s", "less_than"), Figure("9 hours", 32400, "s", "exact"), False),
    ],
)
def test_figures_agree_within_tolerance_and_qualifiers(a, b, agree):
    assert a.agrees_with(b) is agree
    assert b.agrees_with(a) is agree


def claim(claim_id="a", **fields) -> ClaimRow:
    values = dict(
        id=claim_id, article_id=f"article-{claim_id}", outlet_id=None, type="reports_measurement",
        subject_id="north-korea", object_id=None, text="North Korea was offline for hours", event_time=None,
        reported=None, published=None, order=0, figures=[], words="north korea was offline for hours",
    )
    values.update(fields)
    return ClaimRow(**values)


def test_different_subjects_are_different_claims():
    assert similarity(claim("a"), claim("b")) is not None
    assert similarity(claim("a"), claim("b", subject_id="china")) is None


def test_a_missing_subject_is_compatible_with_any():
    assert similarity(claim("a"), claim("b", subject_id=None)) is not None


def test_event_times_days_apart_are_different_events():
    monday, saturday = utc_datetime("2014-12-22"), utc_datetime("2014-12-27")
    assert similarity(claim("a", event_time=monday), claim("b", event_time=utc_datetime("2014-12-23"))) is not None
    assert similarity(claim("a", event_time=monday), claim("b", event_time=saturday)) is None


def test_figures_in_different_units_only_are_different_claims():
    hours = [Figure("9 hours", 32400, "s", "exact")]
    addresses = [Figure("1,024 IP addresses", 1024, "addresses", "exact")]
    assert similarity(claim("a", figures=hours), claim("b", figures=addresses)) is None
    assert similarity(claim("a", figures=hours + addresses), claim("b", figures=hours)) is not None


def test_figures_far_apart_are_different_stories():
    nine, two = [Figure("9 hours", 32400, "s", "exact")], [Figure("2 hours", 7200, "s", "exact")]
    assert similarity(claim("a", figures=nine), claim("b", figures=two)) is None


def test_unrelated_texts_about_the_same_actor_are_not_merged():
    a = claim("a", type="states", words="north korea has a limited internet")
    b = claim("b", type="states", words="the security council debated north korea human rights record")
    assert similarity(a, b) is None


def test_a_duration_written_in_parts_is_one_variant(corpus_db):
    # the figures as the extract stage's normaliser reads them: "9 hour 31 minute" is one
    # duration, not "9 hour" + "31 minute" (which would disagree with the reports of 9.5 hours)
    claim_row = corpus_db["claims"].get("northern-outage")
    corpus_db["quantities"].delete_where("claim_id = 'northern-outage'")
    for quantity in find_quantities(claim_row["text"], claim_row["start"]):
        corpus_db["quantities"].insert({
            **asdict(quantity), "id": f"northern-{quantity.start}", "article_id": "northern",
            "claim_id": "northern-outage",
        })
    cluster_claims(corpus_db)
    outage = clusters_by_member(corpus_db)["northern-outage"]
    assert json.loads(outage["variants"])[3] == "9 hour 31 minute"
    assert outage["note"].startswith("'12 hours' (Daily Meridian) disagrees with")  # the only conflict


def test_two_shared_actors_allow_looser_wording():
    named = claim("a", type="accuses", subject_id="fbi", object_id="north-korea",
                  words="days after the fbi named north korea as the perpetrators of a massive hack on sony pictures")
    accused = claim("b", type="accuses", subject_id="fbi", object_id="north-korea",
                    words="the fbi accused north korea of the sony pictures hack last week")
    assert similarity(named, accused) is not None
    assert similarity(named, claim("c", **{**accused.__dict__, "id": "c", "object_id": None})) is None


# ----------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def pipeline_db(tmp_path_factory):
    """The seed story and the four fictional reports through the real CLI: ingest, extract, link."""
    import shutil

    from click.testing import CliRunner

    from claimgraph.cli import cli

    root = Path(__file__).resolve().parent
    folder = tmp_path_factory.mktemp("articles")
    for source in [*(root.parent / "data" / "articles").iterdir(), *(root / "fixtures" / "corpus").glob("*.*")]:
        if source.suffix in (".txt", ".json"):
            shutil.copy(source, folder / source.name)
    path = folder.parent / "pipeline.db"
    for args in (["ingest", str(path), str(folder)], ["extract", str(path)], ["link", str(path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, f"{args[0]}: {result.output}"
    return open_db(path)


def test_end_to_end_the_outage_duration_cluster_spans_the_outlets(pipeline_db):
    outlets = dict(pipeline_db.execute("select id, name from outlets").fetchall())
    duration = [
        row for row in pipeline_db["claim_clusters"].rows_where("type = 'reports_measurement'")
        if any(variant.endswith("hours") for variant in json.loads(row["variants"]))
    ]
    assert len(duration) == 1, duration
    (outage,) = duration
    assert outage["n_outlets"] >= 4
    assert outlets[outage["first_outlet_id"]] == "Peninsula Wire"  # first in UTC, though its local date reads later
    variants = json.loads(outage["variants"])
    assert {"more than 7 hours", "9 hours", "9.5 hours", "12 hours"} <= set(variants)
    assert variants.index("more than 7 hours") < variants.index("9 hours") < variants.index("12 hours")
    assert outage["conflicting"] == 1 and "'12 hours' (Daily Meridian)" in outage["note"]
    members = run_query(pipeline_db, "cluster-members", outage["id"])
    assert "Daily Meridian" in [row["outlet"] for row in members]
    assert not any("Saturday" in row["claim"] for row in members)  # the second outage is another story


def test_end_to_end_queries_answer_on_real_extraction(pipeline_db):
    quotes = [row["quote"] for row in run_query(pipeline_db, "who-said", "Dana Whitlock")]
    assert any("9.5 hours" in quote for quote in quotes)
    by_fbi = run_query(pipeline_db, "accusations", "FBI")  # the gazetteer's name is "Federal Bureau of Investigation"
    assert {row["accused"] for row in by_fbi} == {"North Korea"}
    timeline = run_query(pipeline_db, "timeline", "North Korea")
    assert len(timeline) >= 5
    graph = build_graph(pipeline_db, GraphFilter(actor="Dana Whitlock", depth=2))
    assert "actor:north-korea" in graph


def test_end_to_end_every_export_of_the_real_graph_reads_back(pipeline_db, tmp_path):
    import networkx as nx

    from claimgraph.graph.export import write_graph

    graph = build_graph(pipeline_db)
    counts = (graph.number_of_nodes(), graph.number_of_edges())
    assert counts[0] > 50
    write_graph(graph, "gexf", tmp_path / "g.gexf")
    write_graph(graph, "graphml", tmp_path / "g.graphml")
    write_graph(graph, "d3", tmp_path / "g.json")
    for back in (nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml"),
                 nx.node_link_graph(json.loads((tmp_path / "g.json").read_text("utf-8")), edges="links")):
        assert (back.number_of_nodes(), back.number_of_edges()) == counts
