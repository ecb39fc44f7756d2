"""The actor network (graph/actor_network.py), node limits counted before building, and the story timeline page."""

from __future__ import annotations

import re

import pytest
import sqlite_utils

from claimgraph.errors import InputError
from claimgraph.graph import actor_network, build
from claimgraph.graph.actor_network import NetworkFilter, build_network, count_network, edge_verdict
from claimgraph.graph.build import GraphFilter, build_graph, count_nodes
from claimgraph.publish.serve import build_datasette
from claimgraph.publish.storychart import display_scale, story_chart
from publish_network import RURITANIA_ACCUSES, build_network_db
from publish_story import CLAIMS, build_story_db, get


@pytest.fixture(scope="module")
def story_path(tmp_path_factory):
    return build_story_db(tmp_path_factory.mktemp("network") / "story.db")


@pytest.fixture
def story(story_path):
    return sqlite_utils.Database(story_path)


@pytest.fixture
def datasette(story_path):
    return build_datasette([story_path])



def edges_by_id(network):
    return {edge["id"]: edge for edge in network.edges}


# --------------------------------------------------------------------------- the builder


def test_claims_become_typed_edges_from_who_acts_to_whom(story):
    network = build_network(story)
    edges = edges_by_id(network)
    # Berg says "Freedonia is behind this attack": the subject is the accused, so Berg (the source) accuses
    assert edges["accuses:anna-berg:freedonia"]["count"] == 1
    # two reports of Ruritania's outage by Berg, one supported and one contradicted by the measurement
    said = edges["said_about:anna-berg:ruritania"]
    assert said["count"] == 2 and said["checked"] == 2 and said["verdict"] == "mixed"
    assert [claim["id"] for claim in said["claims"]] == [CLAIMS["outage_6h"], CLAIMS["outage_9h"]]
    assert said["claims"][0]["outlet"] == "Ruritania Gazette" and said["claims"][0]["verdict"] == "supports"
    # the denial names nobody it is aimed at, the hedged claim has no source, the xss actor speaks of itself
    assert set(edges) == {"accuses:anna-berg:freedonia", "said_about:anna-berg:ruritania"}
    nodes = {node["id"]: node for node in network.nodes}
    assert set(nodes) == {"actor:anna-berg", "actor:freedonia", "actor:ruritania"}
    assert nodes["actor:anna-berg"]["statements"] == 3 and nodes["actor:freedonia"]["actor_type"] == "country"


def test_the_count_matches_the_build_without_building(story):
    for network_filter in (NetworkFilter(), NetworkFilter(actor="Freedonia"), NetworkFilter(edge_types=("accuses",)),
                           NetworkFilter(min_count=2), NetworkFilter(since="2024-03-05", until="2024-03-05")):
        network = build_network(story, network_filter)
        size = count_network(story, network_filter)
        assert (size.nodes, size.edges) == (len(network.nodes), len(network.edges)), network_filter


def test_network_filters(story):
    assert set(edges_by_id(build_network(story, NetworkFilter(min_count=2)))) == {"said_about:anna-berg:ruritania"}
    assert set(edges_by_id(build_network(story, NetworkFilter(edge_types=("accuses",))))) == {"accuses:anna-berg:freedonia"}
    assert build_network(story, NetworkFilter(since="2024-03-06")).edges == []
    later = build_network(story, NetworkFilter(since="2024-03-05T12:00"))  # a date: the whole day counts
    assert len(later.edges) == 2
    ego = build_network(story, NetworkFilter(actor="Freedonian government", depth=1))
    assert ego.centres == ["freedonia"] and set(edges_by_id(ego)) == {"accuses:anna-berg:freedonia"}
    assert len(build_network(story, NetworkFilter(actor="freedonia", depth=2)).edges) == 2
    lonely = build_network(story, NetworkFilter(actor="Tomas Vale"))
    assert [node["id"] for node in lonely.nodes] == ["actor:tomas-vale"] and lonely.edges == []


@pytest.mark.parametrize("network_filter, message", [
    (NetworkFilter(actor="Nobody At All"), "no actor matches 'Nobody At All'"),
    (NetworkFilter(edge_types=("praises",)), "unknown edge type 'praises'"),
    (NetworkFilter(cluster="nope"), "no claim cluster 'nope'"),
    (NetworkFilter(since="March"), "--since 'March' is not a date"),
])
def test_bad_network_filters_are_one_line_errors(story, network_filter, message):
    with pytest.raises(InputError, match=re.escape(message)):
        count_network(story, network_filter)


def test_an_edge_is_green_or_red_only_when_every_checked_claim_agrees():
    assert edge_verdict(2, 0, 0, 1) == "supports"
    assert edge_verdict(0, 1, 0, 3) == "contradicts"
    assert edge_verdict(1, 1, 0, 0) == "mixed" and edge_verdict(3, 0, 1, 0) == "mixed"
    assert edge_verdict(0, 0, 0, 2) == "inconclusive" and edge_verdict(0, 0, 0, 0) is None


def test_a_generated_network_of_400_actors(tmp_path):
    db = sqlite_utils.Database(build_network_db(tmp_path / "network.db"))
    network = build_network(db)
    assert len(network.nodes) == 400 and count_network(db).nodes == 400
    accuses = edges_by_id(network)["accuses:ruritania:freedonia"]
    assert accuses["count"] == RURITANIA_ACCUSES and accuses["verdict"] == "supports"


def test_provenance_node_count_matches_the_build(corpus_db):
    for graph_filter in (GraphFilter(), GraphFilter(claim_types=("reports_measurement",)),
                         GraphFilter(since="2014-12-24"), GraphFilter(cluster=None)):
        assert count_nodes(corpus_db, graph_filter) == build_graph(corpus_db, graph_filter).number_of_nodes()
    ego = GraphFilter(actor="North Korea", depth=1)
    assert count_nodes(corpus_db, ego) >= build_graph(corpus_db, ego).number_of_nodes()  # an upper bound


# --------------------------------------------------------------------------- routes and limits


async def test_network_json_has_pages_and_the_claims_behind_each_edge(datasette):
    body = (await get(datasette, "/-/claimgraph/network.json")).json()
    nodes = {node["data"]["id"]: node["data"] for node in body["elements"]["nodes"]}
    assert nodes["actor:anna-berg"]["page"] == "/-/claimgraph/actor/anna-berg"
    edge = next(e["data"] for e in body["elements"]["edges"] if e["data"]["kind"] == "accuses")
    assert (edge["source"], edge["target"], edge["count"]) == ("actor:anna-berg", "actor:freedonia", 1)
    assert edge["claims"][0]["page"] == f"/-/claimgraph/claim/{CLAIMS['accuses']}"
    assert edge["claims"][0]["quote"] == '"Freedonia is behind this attack on our networks,"'
    response = await get(datasette, "/-/claimgraph/network.json", status=400, min="0")
    assert "min (claims per edge)" in response.json()["error"]


@pytest.mark.parametrize("route, builder", [
    ("/-/claimgraph/network.json", (actor_network, "build_network")),
    ("/-/claimgraph/graph.json", (build, "build_graph")),
])
async def test_an_over_limit_request_is_refused_before_anything_is_built(datasette, monkeypatch, route, builder):
    calls = []
    monkeypatch.setattr(*builder, lambda *args, **kwargs: calls.append(args))
    response = await get(datasette, route, status=413, max_nodes="2")
    body = response.json()
    assert body["nodes"] > 2 and body["limit"] == 2
    assert "narrow it with an actor" in body["error"] and body["narrow_with"]
    assert calls == []


async def test_public_exports_are_capped_by_the_configured_limit(story_path, monkeypatch, tmp_path):
    config = tmp_path / "datasette.yaml"
    config.write_text("plugins:\n  claimgraph:\n    graph:\n      max_export_nodes: 5\n", "utf-8")
    datasette = build_datasette([story_path], config=config)
    calls = []
    monkeypatch.setattr(build, "build_graph", lambda *args, **kwargs: calls.append(args))
    for ext in ("gexf", "graphml", "csv", "json"):
        body = (await get(datasette, f"/-/claimgraph/graph.{ext}", status=413)).json()
        assert body["limit"] == 5 and "`claimgraph export` has no limit" in body["error"]
    assert calls == []
    monkeypatch.undo()
    private = build_datasette([story_path], config=config, private=True)  # your own machine: no cap
    gexf = await get(private, "/-/claimgraph/graph.gexf")
    assert gexf.text.count("<node ") > 5


async def test_the_graph_page_refuses_a_bad_view(datasette):
    html = (await get(datasette, "/-/claimgraph/graph", view="hairball")).text
    assert "view must be actors or provenance, not &#39;hairball&#39;" in html


# --------------------------------------------------------------------------- the story timeline


async def test_the_story_page_lists_reports_in_utc_order_with_the_first_and_the_changed_figure(datasette, story):
    cluster = story.execute("select id from claim_clusters").fetchone()[0]
    html = re.sub(r"\s+", " ", (await get(datasette, f"/-/claimgraph/story/{cluster}")).text)
    rows = re.findall(r"<tr( class=\"cg-first\")?> <td>([^<]+)", html)
    assert [(bool(first), when.strip()) for first, when in rows] == [
        (True, "2024-03-05 09:00"), (False, "2024-03-05 15:30")]
    assert "first by <strong>Ruritania Gazette</strong>" in html
    assert '9 hours <span class="cg-badge cg-negative">changed</span>' in html
    assert '6 hours <span class="cg-badge cg-negative">changed</span>' not in html
    start = html.index('<svg class="cg-story-chart"')
    svg = html[start:html.index("</svg>", start)]
    assert svg.count('class="cg-report"') == 2
    assert "measured: 6 hours" in svg and "9 hours" in svg
    await get(datasette, "/-/claimgraph/story/nope", status=404)


def test_the_story_chart_escapes_text_and_skips_other_units():
    reports = [{"figure_value": 100, "figure_unit": "addresses", "published_utc": "2024-01-01T00:00:00Z",
                "outlet_name": "<script>x</script>", "figures": "100 addresses", "verdict": None},
               {"figure_value": 7200, "figure_unit": "s", "published_utc": "2024-01-02T00:00:00Z"}]
    svg = story_chart(reports, [{"value": 3600, "unit": "s"}])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count('class="cg-report"') == 1 and "cg-measured" not in svg  # a duration is another unit
    assert story_chart([{"figure_value": None}], []) is None
    assert display_scale("s", 32400) == (3600, "hours") and display_scale("addresses", 5) == (1, "addresses")


async def test_the_view_switch_keeps_the_filters_and_the_database(story_path, tmp_path):
    from datasette.app import Datasette

    second = build_story_db(tmp_path / "second.db")
    datasette = Datasette([str(story_path), str(second)])
    html = (await get(datasette, "/-/claimgraph/graph", db="second", actor="Anna Berg")).text
    assert 'href="/-/claimgraph/graph?db=second&amp;actor=Anna+Berg&amp;view=provenance"' in html
    assert 'data-src="/-/claimgraph/network.json?db=second&amp;actor=Anna+Berg"' in html
