"""Exports: every format is read back by the tool's own reader (or as that tool documents it)
with the same node and edge counts as the graph, and attributes survive with their types."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import InputError
from claimgraph.graph.build import build_graph
from claimgraph.link.clusters import cluster_claims
from claimgraph.graph.export import FORMATS, csv_paths, stream_graph, write_graph


@pytest.fixture
def graph(corpus_db):
    cluster_claims(corpus_db)
    return build_graph(corpus_db)


def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fp:
        return list(csv.DictReader(fp))


def test_formats_have_media_types_and_extensions():
    assert set(FORMATS) == {"gexf", "graphml", "cytoscape", "d3", "csv", "claimreview"}
    assert FORMATS["gexf"].extension == ".gexf" and FORMATS["csv"].media_type == "text/csv"


def test_gexf_reads_back_in_networkx_with_labels_and_typed_attributes(graph, tmp_path):
    path = tmp_path / "graph.gexf"
    assert write_graph(graph, "gexf", path) == [path]
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    claim = back.nodes["claim:meridian-outage"]
    assert claim["label"] == "North Korea was cut off from the internet for 12 hours"
    assert (claim["certainty"], claim["char_start"]) == (1.0, graph.nodes["claim:meridian-outage"]["char_start"])
    cluster = next(data for _, data in back.nodes(data=True) if data["kind"] == "cluster" and data["n_outlets"] == 5)
    assert cluster["conflicting"] is True
    assert {data["kind"] for _, _, data in back.edges(data=True)} == {kind for _, _, kind in graph.edges(data="kind")}


def test_graphml_reads_back_in_networkx(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graph(graph, "graphml", path)
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes["actor:north-korea"] == {
        "kind": "actor", "label": "North Korea", "row_id": "north-korea", "actor_type": "country", "country": "KP",
    }
    said = back.edges["actor:dana-whitlock", "statement:harbor-whitlock"]
    text = graph.nodes["statement:harbor-whitlock"]
    assert (said["kind"], said["statement_id"]) == ("said", "harbor-whitlock")
    assert said["char_start"] > text["char_end"]  # "..., said Dana Whitlock": the speaker comes after


def test_cytoscape_json_has_elements_nodes_and_edges(graph, tmp_path):
    path = tmp_path / "graph.cyjs"
    write_graph(graph, "cytoscape", path)
    elements = json.loads(path.read_text("utf-8"))["elements"]
    assert (len(elements["nodes"]), len(elements["edges"])) == (graph.number_of_nodes(), graph.number_of_edges())
    node_ids = {node["data"]["id"] for node in elements["nodes"]}
    assert node_ids == set(graph)
    for edge in elements["edges"]:
        assert {edge["data"]["source"], edge["data"]["target"]} <= node_ids
    assert len({edge["data"]["id"] for edge in elements["edges"]}) == len(elements["edges"])


def test_d3_node_link_json_reads_back_in_networkx(graph, tmp_path):
    path = tmp_path / "graph.json"
    write_graph(graph, "d3", path)
    data = json.loads(path.read_text("utf-8"))
    assert set(data) >= {"nodes", "links"}
    back = nx.node_link_graph(data, edges="links")
    assert back.is_multigraph() and back.is_directed()
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes["statement:harbor-whitlock"]["speaker_text"] == "Dana Whitlock"


def test_csv_for_kumu_has_id_label_type_and_id_from_to_type(graph, tmp_path):
    nodes_path, edges_path = write_graph(graph, "csv", tmp_path / "kumu_")
    assert (nodes_path.name, edges_path.name) == ("kumu_nodes.csv", "kumu_edges.csv")
    nodes, edges = read_csv(nodes_path), read_csv(edges_path)
    assert list(nodes[0])[:3] == ["ID", "Label", "Type"]
    assert list(edges[0])[:4] == ["ID", "From", "To", "Type"]
    assert (len(nodes), len(edges)) == (graph.number_of_nodes(), graph.number_of_edges())
    ids = {node["ID"] for node in nodes}
    assert all(edge["From"] in ids and edge["To"] in ids for edge in edges)


def test_csv_for_flourish_has_source_and_target(graph, tmp_path):
    nodes_path, edges_path = write_graph(graph, "csv", tmp_path / "flourish", csv_style="flourish")
    assert nodes_path == tmp_path / "flourish" / "nodes.csv"
    assert list(read_csv(nodes_path)[0])[:3] == ["ID", "Label", "Group"]
    edges = read_csv(edges_path)
    assert list(edges[0])[:3] == ["Source", "Target", "Type"]
    assert len(edges) == graph.number_of_edges()


def test_csv_for_neo4j_uses_import_headers_labels_and_relationship_types(graph, tmp_path):
    nodes_path, edges_path = write_graph(graph, "csv", tmp_path / "neo4j.csv", csv_style="neo4j")
    assert nodes_path.name == "neo4j_nodes.csv"
    nodes, edges = read_csv(nodes_path), read_csv(edges_path)
    assert list(nodes[0])[:3] == ["id:ID", "label", ":LABEL"]
    assert list(edges[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {node[":LABEL"] for node in nodes} >= {"Actor", "Claim", "Cluster"}
    assert "MEMBER_OF" in {edge[":TYPE"] for edge in edges}


def test_csv_paths_take_a_prefix_a_csv_name_or_a_folder(tmp_path):
    assert csv_paths(tmp_path / "story_")["nodes"] == tmp_path / "story_nodes.csv"
    assert csv_paths(tmp_path / "story.csv")["edges"] == tmp_path / "story_edges.csv"
    assert csv_paths(tmp_path / "nk")["nodes"] == tmp_path / "nk" / "nodes.csv"


def test_attributes_are_sanitised_for_every_format(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="actor", label="A \x01 <&> \"quoted\"\nline two", missing=None, tags=["x", "y"], score=1)
    graph.add_node("b", kind="actor", label="B", score=2.5, flag=True, nan=float("nan"))
    graph.add_node("c", kind="actor", label="lone \ud800 surrogate")  # not encodable as UTF-8
    graph.add_edge("a", "b", key="said", kind="said", note=None)
    graph.add_edge("a", "b", key="makes", kind="makes")
    gexf = nx.read_gexf(io.BytesIO(b"".join(stream_graph(graph, "gexf"))))
    assert gexf.nodes["a"]["label"] == 'A  <&> "quoted"\nline two'
    assert gexf.nodes["a"]["tags"] == '["x", "y"]'
    assert gexf.nodes["a"]["score"] == 1.0 and gexf.nodes["b"]["score"] == 2.5  # one type per attribute
    assert "missing" not in gexf.nodes["a"] and "nan" not in gexf.nodes["b"]
    assert gexf.nodes["c"]["label"] == "lone  surrogate"
    assert gexf.number_of_edges() == 2  # parallel edges survive
    graphml = nx.read_graphml(io.BytesIO(b"".join(stream_graph(graph, "graphml"))))
    assert graphml.nodes["b"]["flag"] is True and graphml.number_of_edges() == 2
    assert graphml.nodes["a"]["label"] == 'A  <&> "quoted"\nline two'
    d3 = json.loads(b"".join(stream_graph(graph, "d3")))
    assert "nan" not in d3["nodes"][1]  # NaN is not JSON
    assert nx.node_link_graph(d3, edges="links").number_of_edges() == 2


def test_stream_graph_csv_needs_a_part_and_other_formats_refuse_one(graph):
    with pytest.raises(InputError, match="csv export needs part 'nodes' or 'edges'"):
        stream_graph(graph, "csv")
    with pytest.raises(InputError, match="gexf export is one document"):
        stream_graph(graph, "gexf", "nodes")
    with pytest.raises(InputError, match="unknown export format 'pajek'"):
        stream_graph(graph, "pajek")
    header = b"".join(stream_graph(graph, "csv", "edges", csv_style="flourish")).split(b"\n")[0]
    assert header.startswith(b"Source,Target,Type,Label")


def test_csv_to_stdout_asks_for_a_file(graph):
    with pytest.raises(InputError, match="give -o PREFIX or -o FOLDER/"):
        write_graph(graph, "csv", None)


def test_cli_exports_an_actors_ego_network(corpus_db, db_path, tmp_path):
    output = tmp_path / "whitlock.gexf"
    result = CliRunner().invoke(
        cli, ["export", str(db_path), "--format", "gexf", "--actor", "Whitlock", "--depth", "1", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 7 nodes and 11 edges to {output}\n"
    assert nx.read_gexf(output).number_of_nodes() == 7


def test_cli_exports_to_stdout(corpus_db, db_path):
    result = CliRunner().invoke(cli, ["export", str(db_path), "--format", "d3", "--type", "denies"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [node["id"] for node in data["nodes"] if node["kind"] == "claim"] == ["claim:peninsula-denial"]


def test_cli_export_errors_are_one_line(corpus_db, db_path):
    result = CliRunner().invoke(cli, ["export", str(db_path), "--format", "gexf", "--actor", "Nobody"])
    assert result.exit_code == 1
    assert result.output == "Error: no actor matches 'Nobody' (by id, name or alias)\n"


attribute_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
)


@settings(max_examples=25, deadline=None)
@given(
    nodes=st.lists(st.dictionaries(st.sampled_from(["a", "b", "label", "kind"]), attribute_values, max_size=4),
                   min_size=1, max_size=6),
    edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["said", "makes"])), max_size=8),
)
def test_any_attribute_values_survive_every_format_with_the_same_counts(nodes, edges):
    graph = nx.MultiDiGraph()
    for number, data in enumerate(nodes):
        graph.add_node(f"n:{number}", **data)
    for source, target, kind in edges:
        if source < len(nodes) and target < len(nodes):
            graph.add_edge(f"n:{source}", f"n:{target}", key=kind, kind=kind)
    counts = (graph.number_of_nodes(), graph.number_of_edges())
    for read in (nx.read_gexf, nx.read_graphml):
        fmt = "gexf" if read is nx.read_gexf else "graphml"
        back = read(io.BytesIO(b"".join(stream_graph(graph, fmt))))
        assert (back.number_of_nodes(), back.number_of_edges()) == counts
    d3 = json.loads(b"".join(stream_graph(graph, "d3")))
    assert (len(d3["nodes"]), len(d3["links"])) == counts
    cytoscape = json.loads(b"".join(stream_graph(graph, "cytoscape")))["elements"]
    assert (len(cytoscape["nodes"]), len(cytoscape["edges"])) == counts
    rows = list(csv.reader(io.StringIO(b"".join(stream_graph(graph, "csv", "nodes")).decode("utf-8"))))
    assert len(rows) == counts[0] + 1
