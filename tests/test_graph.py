"""Building the knowledge graph from the database, whole or filtered.

Uses the graph test corpus (``corpus_db``): five articles from five outlets, 13 actors,
11 statements, 16 claims, one measured outage and three verdicts.
"""

from __future__ import annotations

import networkx as nx
import pytest

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.graph.build import GraphFilter, build_graph, edge_kinds, node_kinds
from claimgraph.link.clusters import cluster_claims
from claimgraph.vocabulary import vocabulary


@pytest.fixture
def clustered_db(corpus_db):
    cluster_claims(corpus_db)
    return corpus_db


def test_the_whole_graph_has_a_node_per_row(clustered_db):
    graph = build_graph(clustered_db)
    assert graph.is_directed() and graph.is_multigraph()
    assert node_kinds(graph) == {
        "outlet": 5, "article": 5, "statement": 11, "claim": 16, "measurement": 1, "cluster": 3, "actor": 13,
    }


def test_every_edge_kind_is_a_vocabulary_link_type_and_joins_the_documented_kinds(clustered_db):
    graph = build_graph(clustered_db)
    link_types = vocabulary().link_types
    for source, target, key, data in graph.edges(keys=True, data=True):
        link = link_types[data["kind"]]
        assert key == data["kind"]
        assert (graph.nodes[source]["kind"], graph.nodes[target]["kind"]) == (link.source, link.target)
        assert data["label"] == link.label


def test_edges_carry_the_ids_of_the_rows_they_come_from(clustered_db):
    graph = build_graph(clustered_db)
    said = graph.edges["actor:dana-whitlock", "statement:harbor-whitlock", "said"]
    assert (said["statement_id"], said["article_id"], said["cue"]) == ("harbor-whitlock", "harbor", "said")
    verdict = graph.edges["measurement:kp-outage-2014-12-22", "claim:meridian-outage", "contradicts"]
    assert verdict["claimed"] == "12 hours" and verdict["measurement_id"] == "kp-outage-2014-12-22"


def test_nodes_carry_row_ids_and_offsets_into_the_article_text(clustered_db):
    graph = build_graph(clustered_db)
    node = graph.nodes["claim:harbor-outage"]
    assert (node["kind"], node["row_id"], node["claim_type"]) == ("claim", "harbor-outage", "reports_measurement")
    text = clustered_db["articles"].get(node["article_id"])["text"]
    assert text[node["char_start"]:node["char_end"]] == node["label"]
    assert graph.nodes["actor:north-korea"]["label"] == "North Korea"


def test_the_chain_from_outlet_to_speaker_to_claim_to_evidence(clustered_db):
    graph = build_graph(clustered_db)
    assert graph.has_edge("outlet:harborledger.example", "article:harbor", "published")
    assert graph.has_edge("article:harbor", "statement:harbor-whitlock", "reports")
    assert graph.has_edge("statement:harbor-whitlock", "claim:harbor-outage", "carries")
    assert graph.has_edge("actor:dana-whitlock", "claim:harbor-outage", "makes")
    assert graph.has_edge("claim:harbor-outage", "actor:north-korea", "subject")
    assert graph.has_edge("measurement:kp-outage-2014-12-22", "claim:harbor-outage", "supports")
    cluster = next(target for _, target, kind in graph.out_edges("claim:harbor-outage", keys=True) if kind == "member_of")
    assert graph.nodes[cluster]["n_outlets"] == 5 and graph.nodes[cluster]["conflicting"] is True


def test_an_unattributed_claim_hangs_off_its_article(clustered_db):
    graph = build_graph(clustered_db)
    assert graph.has_edge("article:newsy", "claim:newsy-us-accuses", "asserts")
    assert graph.in_degree("claim:newsy-us-accuses") == 1


def test_mentions_are_one_edge_per_article_and_actor_with_a_count(clustered_db):
    graph = build_graph(clustered_db)
    mention = graph.edges["article:harbor", "actor:north-korea", "mentions"]
    assert mention["count"] == 3


def test_affiliations_join_actors(clustered_db):
    graph = build_graph(clustered_db)
    assert graph.has_edge("actor:dana-whitlock", "actor:dyn-research", "affiliated")


def test_parallel_edges_survive(clustered_db):
    # a claim whose subject and object are the same actor keeps both edges
    clustered_db["claims"].update("peninsula-denial", {"object_id": "north-korea"})
    graph = build_graph(clustered_db)
    assert set(graph["claim:peninsula-denial"]["actor:north-korea"]) == {"subject", "object"}


def test_a_date_range_keeps_articles_published_in_it_in_utc(clustered_db):
    # Peninsula Wire's 08:30 +09:00 on the 23rd is still the 22nd in UTC
    graph = build_graph(clustered_db, GraphFilter(since="2014-12-23", until="2014-12-23"))
    articles = {data["row_id"] for _, data in graph.nodes(data=True) if data["kind"] == "article"}
    assert articles == {"newsy", "harbor", "northern"}
    assert "claim:meridian-outage" not in graph and "statement:peninsula-cho" not in graph


def test_claim_types_keep_those_claims_and_what_carries_them(clustered_db):
    graph = build_graph(clustered_db, GraphFilter(claim_types=("accuses",)))
    claims = {node for node, kind in graph.nodes(data="kind") if kind == "claim"}
    assert claims == {
        "claim:newsy-us-accuses", "claim:peninsula-fbi", "claim:harbor-fbi",
        "claim:northern-nk-accuses", "claim:meridian-china",
    }
    assert "statement:meridian-ashby-china" in graph
    assert "statement:harbor-whitlock" not in graph
    assert "measurement:kp-outage-2014-12-22" not in graph


def test_one_cluster_is_one_story_across_outlets(clustered_db):
    cluster_id = clustered_db.execute(
        "select cluster_id from claim_cluster_members where claim_id = 'harbor-outage'"
    ).fetchone()[0]
    graph = build_graph(clustered_db, GraphFilter(cluster=cluster_id))
    kinds = node_kinds(graph)
    assert (kinds["claim"], kinds["outlet"], kinds["cluster"], kinds["measurement"]) == (5, 5, 1, 1)
    assert edge_kinds(graph)["member_of"] == 5


def test_an_actors_ego_network_reaches_depth_hops_either_way(clustered_db):
    one = build_graph(clustered_db, GraphFilter(actor="Whitlock", depth=1))
    assert set(one) == {
        "actor:dana-whitlock", "actor:dyn-research", "statement:harbor-whitlock",
        "statement:harbor-whitlock-quote", "claim:harbor-outage", "claim:harbor-teenagers", "article:harbor",
    }
    two = build_graph(clustered_db, GraphFilter(actor="dana-whitlock", depth=2))
    assert "actor:north-korea" in two and "outlet:harborledger.example" in two
    assert "outlet:newsy.com" not in two


def test_depth_zero_is_the_actor_alone(clustered_db):
    assert set(build_graph(clustered_db, GraphFilter(actor="FBI", depth=0))) == {"actor:fbi"}


def test_filters_combine(clustered_db):
    graph = build_graph(clustered_db, GraphFilter(actor="FBI", depth=1, claim_types=("accuses",), since="2014-12-23"))
    assert {node for node, kind in graph.nodes(data="kind") if kind == "claim"} == {"claim:harbor-fbi"}


def test_filters_that_name_nothing_say_so(clustered_db):
    with pytest.raises(InputError, match="no actor matches 'Kim Jong-un'"):
        build_graph(clustered_db, GraphFilter(actor="Kim Jong-un"))
    with pytest.raises(InputError, match="no claim cluster 'nope'"):
        build_graph(clustered_db, GraphFilter(cluster="nope"))
    with pytest.raises(InputError, match="--since 'last week' is not a date"):
        build_graph(clustered_db, GraphFilter(since="last week"))
    with pytest.raises(InputError, match="--depth must be 0 or more, not -1"):
        build_graph(clustered_db, GraphFilter(actor="FBI", depth=-1))
    with pytest.raises(ClaimgraphError, match="unknown claim type 'blames'"):
        build_graph(clustered_db, GraphFilter(claim_types=("blames",)))


def test_an_empty_database_gives_an_empty_graph(db):
    graph = build_graph(db)
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0


@pytest.mark.parametrize("actor", ["dana-whitlock", "north-korea", "fbi", "china"])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_an_ego_network_built_from_its_neighbourhood_equals_the_ego_network_of_the_whole_graph(
    clustered_db, actor, depth
):
    # the ego filter builds only the articles its search can reach; the result must be exact
    whole = build_graph(clustered_db)
    expected = whole.subgraph(nx.ego_graph(whole, f"actor:{actor}", radius=depth, undirected=True))
    ego = build_graph(clustered_db, GraphFilter(actor=actor, depth=depth))
    assert set(ego) == set(expected)
    assert sorted(ego.edges(keys=True)) == sorted(expected.edges(keys=True))
