"""claimgraph in Datasette: every page and route through ``datasette.client``, and that serving is safe.

The database is the small invented story of ``publish_story.py``: two outlets quote an
outage of 6 and 9 hours, a measurement of 6 hours supports one and contradicts the other,
and a third outlet's article tries to inject scripts into every page.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from datasette.app import Datasette

from claimgraph.queries import QUERIES
from claimgraph.publish.serve import build_datasette
from publish_story import CLAIMS, XSS_TITLE, build_story_db, get


@pytest.fixture(scope="module")
def story_path(tmp_path_factory):
    return build_story_db(tmp_path_factory.mktemp("publish") / "story.db")


@pytest.fixture
def datasette(story_path):
    return build_datasette([story_path])



# --------------------------------------------------------------------------- pages


async def test_home_page_shows_speakers_stories_and_checked_claims(datasette):
    html = (await get(datasette, "/-/claimgraph")).text
    assert "<strong>3</strong> articles" in html
    assert '<a href="/-/claimgraph/actor/anna-berg">Anna Berg</a>' in html
    assert "Ruritania&#39;s Internet outage duration" in html
    assert "figures disagree" in html
    assert 'class="cg-badge cg-contradicts">contradicts</span> 1' in html
    checked = html.split("Claims checked against measurements", 1)[1]
    links = re.findall(r'<a href="/-/claimgraph/claim/([^"]+)">', checked)
    assert links == [CLAIMS["outage_9h"], CLAIMS["outage_6h"]]  # one line per claim, contradicted first
    assert "The measured outage lasted 6.0 hours, not 9." in checked
    latest = re.findall(r'<a href="/-/claimgraph/article/([^"]+)">', html.split("Latest articles", 1)[1])
    assert latest == ["a-xss", "a-herald", "a-gazette"]


async def test_claim_page_shows_the_claim_in_its_sentence_in_the_article(datasette):
    html = (await get(datasette, f"/-/claimgraph/claim/{CLAIMS['outage_6h']}")).text
    assert (
        '<mark class="cg-sentence cg-claim" id="claim">Ruritania&#39;s Internet went dark for 6 hours on Monday</mark>'
        in html
    )
    assert '<mark class="cg-sentence cg-speaker">telecom minister Anna Berg</mark>' in html
    assert '<mark class="cg-sentence cg-cue">said</mark>' in html
    # the rest of the article is there, unmarked
    assert "If no state was involved, analysts said, the outage could be the work of criminal groups.</p>" in html


async def test_claim_page_shows_speaker_type_time_quantities_evidence_and_cluster(datasette):
    html = (await get(datasette, f"/-/claimgraph/claim/{CLAIMS['outage_6h']}")).text
    facts = re.sub(r"\s+", " ", html)
    assert '<dt>Said by</dt> <dd><a href="/-/claimgraph/actor/anna-berg">Anna Berg</a>' in facts
    assert "<dt>Type</dt><dd>Reports a measurement" in facts
    assert "<dt>Certainty</dt><dd>1.00" in facts
    assert "2024-03-04 <span class=\"cg-muted\">(“Monday”)</span>" in facts
    assert "<td>6 hours</td><td>6.0</td><td>hours</td><td>duration</td>" in facts
    assert "21600.0 s" in facts
    assert "The measured outage lasted 6.0 hours, as claimed." in facts
    assert '<a href="https://ioda.example.org/ruritania" rel="nofollow noopener noreferrer">publisher</a>' in facts
    assert "CC BY 4.0" in facts
    assert "reported 2 times by 2 outlets" in facts
    assert f'<a href="/-/claimgraph/claim/{CLAIMS["outage_9h"]}">the country was offline for 9 hours</a>' in facts
    assert "Figures quoted: 6 hours, 9 hours." in facts


async def test_claim_page_of_a_hedged_unattributed_claim(datasette):
    html = re.sub(r"\s+", " ", (await get(datasette, f"/-/claimgraph/claim/{CLAIMS['hedged']}")).text)
    assert "unattributed: the article itself asserts it" in html
    assert "0.50 <span class=\"cg-muted\">hedged by “could”</span>" in html
    assert "<dt>Condition</dt><dd>“If no state was involved”</dd>" in html
    assert "Not checked against any measurement." in html
    assert "No other outlet reported this claim." in html


async def test_an_empty_database_gets_working_pages_that_say_what_to_run(tmp_path):
    from claimgraph.db import open_db
    from claimgraph.publish.prepare import run_publish

    path = tmp_path / "empty.db"
    open_db(path).close()
    run_publish(path)
    datasette = build_datasette([path])
    home = (await get(datasette, "/-/claimgraph")).text
    assert "No articles yet (run <code>claimgraph ingest</code>)." in home
    assert "No claim clusters yet" in home
    assert "No claims match." in (await get(datasette, "/-/claimgraph/search", q="anything")).text
    await get(datasette, "/-/claimgraph/graph")
    assert (await get(datasette, "/-/claimgraph/graph.json")).json()["elements"] == {"nodes": [], "edges": []}


async def test_a_missing_claim_actor_or_article_is_404(datasette):
    await get(datasette, "/-/claimgraph/claim/no-such-claim", status=404)
    await get(datasette, "/-/claimgraph/actor/no-such-actor", status=404)
    await get(datasette, "/-/claimgraph/article/no-such-article", status=404)


async def test_ids_in_page_urls_are_tilde_decoded(datasette):
    html = (await get(datasette, "/-/claimgraph/actor/anna~2Dberg")).text
    assert "<h1>Anna Berg</h1>" in html


async def test_ids_with_slashes_spaces_and_accents_round_trip(tmp_path):
    from datasette.utils import tilde_encode

    path = build_story_db(tmp_path / "story.db")
    conn = sqlite3.connect(path)
    conn.execute("insert into actors (id, name, type) values ('josé/maría garcía', 'José María García', 'person')")
    conn.execute("update statements set speaker_id = 'josé/maría garcía' where speaker_text = 'Mallory'")
    conn.commit()
    conn.close()
    datasette = build_datasette([path])
    encoded = tilde_encode("josé/maría garcía")
    assert "<h1>José María García</h1>" in (await get(datasette, f"/-/claimgraph/actor/{encoded}")).text
    search = (await get(datasette, "/-/claimgraph/search", q="fine")).text
    assert f'<a href="/-/claimgraph/actor/{encoded}">José María García</a>' in search
    nodes = (await get(datasette, "/-/claimgraph/graph.json")).json()["elements"]["nodes"]
    page = next(n["data"]["page"] for n in nodes if n["data"]["id"] == "actor:josé/maría garcía")
    assert page == f"http://localhost/-/claimgraph/actor/{encoded}"


async def test_article_page_marks_every_statement_and_claim_and_lists_the_claims(datasette):
    html = re.sub(r"\s+", " ", (await get(datasette, "/-/claimgraph/article/a-gazette")).text)
    assert '<mark class="cg-quote cg-claim">Freedonia is behind this attack on our networks</mark>' in html
    assert '<mark class="cg-speaker">foreign ministry spokesman Tomas Vale</mark> <mark class="cg-cue">said</mark>' in html
    claims = html.split("Claims in this article</h2>", 1)[1]
    assert re.findall(r'<a href="/-/claimgraph/claim/([^"]+)">', claims) == [
        CLAIMS["outage_6h"], CLAIMS["accuses"], CLAIMS["denies"], CLAIMS["hedged"]
    ]
    assert "certainty 0.50" in claims


async def test_actor_page_shows_aliases_roles_statements_and_timeline(datasette):
    html = re.sub(r"\s+", " ", (await get(datasette, "/-/claimgraph/actor/anna-berg")).text)
    assert "<h1>Anna Berg</h1>" in html
    assert "<dt>Also called</dt><dd>Anna Berg, Berg</dd>" in html
    assert 'telecom minister (<a href="/-/claimgraph/actor/ruritania">Ruritania</a>)' in html
    assert "3 statements · 3 claims made · 0 about them" in html
    assert f'<a href="/-/claimgraph/claim/{CLAIMS["accuses"]}">&#34;Freedonia is behind this attack on our networks,&#34;</a>' in html
    assert 'href="https://www.wikidata.org/wiki/Q4115189"' in html
    timeline = html.split("<h2>Timeline</h2>", 1)[1]
    dates = re.findall(r"<time>([^<]+)</time>", timeline)
    assert dates == sorted(dates) and len(dates) == 3


async def test_actor_page_shows_what_was_said_about_them(datasette):
    html = re.sub(r"\s+", " ", (await get(datasette, "/-/claimgraph/actor/freedonia")).text)
    about = html.split("What was said about Freedonia</h2>", 1)[1].split("<h2>", 1)[0]
    assert '<a href="/-/claimgraph/actor/anna-berg">Anna Berg</a>' in about
    assert "Accuses or blames" in about
    # Freedonia's own denial (its subject denies) is Freedonia speaking, as in `claimgraph query said-about`
    assert "Denies" not in about and "tomas-vale" not in about


async def test_search_finds_claims_statements_and_articles_with_stemming(datasette):
    html = (await get(datasette, "/-/claimgraph/search", q="blame")).text
    assert "Ruritania blames Freedonia" in html  # the title, found through "blame"
    html = (await get(datasette, "/-/claimgraph/search", q="offline")).text
    assert f'<a href="/-/claimgraph/claim/{CLAIMS["outage_9h"]}">the country was <mark>offline</mark> for 9 hours</a>' in html
    assert "Statements (1)" in html and "Claims (1)" in html


async def test_search_links_to_every_match_when_the_page_is_full(datasette, monkeypatch):
    from claimgraph.publish import views

    monkeypatch.setattr(views, "SEARCH_LIMIT", 1)
    html = (await get(datasette, "/-/claimgraph/search", q="outage")).text
    assert '<a href="/story/articles?_search=outage">every match in articles</a>' in html
    table = (await get(datasette, "/story/articles", _search="outage")).text
    assert "2 rows where search matches" in table


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR NOT", "a*b:c", "(((", "-", "^x NEAR(y)"])
async def test_search_takes_any_text_without_breaking(datasette, q):
    await get(datasette, "/-/claimgraph/search", q=q)


async def test_search_in_an_unprepared_database_says_what_to_run(tmp_path):
    path = build_story_db(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    conn.execute("drop table claims_fts")
    conn.commit()
    conn.close()
    html = (await get(Datasette([str(path)]), "/-/claimgraph/search", q="outage")).text
    assert "old has no full-text index on claims; run `claimgraph publish` on it" in html


async def test_search_without_a_query_explains_itself(datasette):
    assert "put a phrase in double quotes" in (await get(datasette, "/-/claimgraph/search")).text


async def test_graph_page_has_filters_cytoscape_and_the_data_url(datasette):
    html = (await get(datasette, "/-/claimgraph/graph", actor="Anna Berg", depth="2")).text
    assert '<script src="/-/static-plugins/claimgraph/vendor/cytoscape/cytoscape.min.js"></script>' in html
    assert '<script src="/-/static-plugins/claimgraph/vendor/cytoscape-fcose/cytoscape-fcose.js"></script>' in html
    assert 'data-src="/-/claimgraph/network.json?actor=Anna+Berg&amp;depth=2"' in html
    assert '<option value="Anna Berg"></option>' in html
    assert '<option value="2" selected>2</option>' in html
    assert 'name="edge" value="accuses"' in html
    assert 'href="/-/claimgraph/graph?actor=Anna+Berg&amp;depth=2&amp;view=provenance"' in html


async def test_the_provenance_view_is_one_switch_away(datasette):
    html = (await get(datasette, "/-/claimgraph/graph", actor="Anna Berg", depth="2", view="provenance")).text
    assert 'data-src="/-/claimgraph/graph.json?actor=Anna+Berg&amp;depth=2"' in html
    assert 'value="reports_measurement"' in html
    assert '<input type="hidden" name="view" value="provenance">' in html
    assert 'href="/-/claimgraph/graph?actor=Anna+Berg&amp;depth=2&amp;view=actors"' in html


async def test_graph_page_with_a_bad_depth_says_so(datasette):
    html = (await get(datasette, "/-/claimgraph/graph", depth="99", view="provenance")).text
    assert "depth must be a whole number from 1 to 6" in html
    html = (await get(datasette, "/-/claimgraph/graph", depth="9")).text
    assert "depth must be a whole number from 1 to 3" in html


async def test_static_files_are_served(datasette):
    response = await get(datasette, "/-/static-plugins/claimgraph/vendor/cytoscape/cytoscape.min.js")
    assert "cytoscape" in response.text[:2000].lower()
    await get(datasette, "/-/static-plugins/claimgraph/claimgraph-graph.js")
    await get(datasette, "/-/static-plugins/claimgraph/claimgraph-network.js")
    await get(datasette, "/-/static-plugins/claimgraph/claimgraph-common.js")
    for vendored in ("layout-base/layout-base.js", "cose-base/cose-base.js", "cytoscape-fcose/cytoscape-fcose.js"):
        await get(datasette, f"/-/static-plugins/claimgraph/vendor/{vendored}")
    await get(datasette, "/-/static-plugins/claimgraph/claimgraph.css")


# --------------------------------------------------------------------------- graph exports


async def test_graph_json_is_cytoscape_elements_with_pages_to_click_through(datasette):
    body = (await get(datasette, "/-/claimgraph/graph.json")).json()
    nodes = {node["data"]["id"]: node["data"] for node in body["elements"]["nodes"]}
    assert nodes["actor:anna-berg"]["page"] == "http://localhost/-/claimgraph/actor/anna-berg"
    assert nodes[f"claim:{CLAIMS['outage_6h']}"]["page"].endswith(f"/-/claimgraph/claim/{CLAIMS['outage_6h']}")
    assert nodes["article:a-gazette"]["page"].endswith("/-/claimgraph/article/a-gazette")
    assert nodes["outlet:gazette.example"]["page"].endswith("/story/outlets/gazette~2Eexample")
    kinds = {edge["data"]["kind"] for edge in body["elements"]["edges"]}
    assert {"said", "makes", "supports", "contradicts", "member_of"} <= kinds


async def test_graph_json_filters_to_an_ego_network(datasette):
    everything = (await get(datasette, "/-/claimgraph/graph.json")).json()["elements"]["nodes"]
    ego = (await get(datasette, "/-/claimgraph/graph.json", actor="Tomas Vale", depth="1")).json()["elements"]["nodes"]
    ids = {node["data"]["id"] for node in ego}
    assert "actor:tomas-vale" in ids and "actor:anna-berg" not in ids
    assert len(ego) < len(everything)


async def test_graph_json_of_one_story_spans_its_outlets(datasette):
    story = (await get(datasette, "/story/claim_clusters.json", _shape="array")).json()[0]["id"]
    nodes = (await get(datasette, "/-/claimgraph/graph.json", cluster=story)).json()["elements"]["nodes"]
    ids = {node["data"]["id"] for node in nodes}
    assert {f"claim:{CLAIMS['outage_6h']}", f"claim:{CLAIMS['outage_9h']}", f"cluster:{story}"} <= ids
    assert {"outlet:gazette.example", "outlet:herald.example"} <= ids
    assert f"claim:{CLAIMS['accuses']}" not in ids


async def test_graph_json_by_claim_type(datasette):
    nodes = (await get(datasette, "/-/claimgraph/graph.json", type="denies")).json()["elements"]["nodes"]
    claims = {node["data"]["id"] for node in nodes if node["data"]["kind"] == "claim"}
    assert claims == {f"claim:{CLAIMS['denies']}"}


async def test_graph_json_refuses_unknown_actors_and_too_big_graphs(datasette):
    response = await get(datasette, "/-/claimgraph/graph.json", status=400, actor="Nobody At All")
    assert "no actor matches 'Nobody At All'" in response.json()["error"]
    response = await get(datasette, "/-/claimgraph/graph.json", status=413, max_nodes="3")
    assert response.json()["nodes"] > 3


async def test_graph_exports_parse(datasette):
    count = len((await get(datasette, "/-/claimgraph/graph.json")).json()["elements"]["nodes"])
    assert count > 3
    gexf = await get(datasette, "/-/claimgraph/graph.gexf", max_nodes="3")  # ?max_nodes is the page's, for JSON only
    assert gexf.headers["content-disposition"] == 'attachment; filename="claimgraph.gexf"'
    root = ET.fromstring(gexf.content)
    assert len(root.findall(".//{http://www.gexf.net/1.2draft}node")) == count
    graphml = await get(datasette, "/-/claimgraph/graph.graphml")
    assert nx.read_graphml(io.BytesIO(graphml.content)).number_of_nodes() == count
    nodes = list(csv.DictReader(io.StringIO((await get(datasette, "/-/claimgraph/graph.csv")).text)))
    edges = list(csv.DictReader(io.StringIO((await get(datasette, "/-/claimgraph/graph.csv", part="edges")).text)))
    assert len(nodes) == count and edges and {"From", "To"} <= set(edges[0])
    d3 = (await get(datasette, "/-/claimgraph/graph.json", format="d3")).json()
    assert len(d3["nodes"]) == count


@pytest.mark.parametrize("params", [{"part": "both"}, {"style": "excel"}, {"format": "gexf"}])
async def test_graph_export_options_are_checked(datasette, params):
    ext = "json" if "format" in params else "csv"
    response = await get(datasette, f"/-/claimgraph/graph.{ext}", status=400, **params)
    assert response.json()["ok"] is False


# --------------------------------------------------------------------------- Datasette integration


async def test_every_attribution_query_is_a_canned_query(datasette):
    body = (await get(datasette, "/story.json")).json()
    assert {query["name"] for query in body["queries"]} >= set(QUERIES)
    for name, query in QUERIES.items():
        page = await get(datasette, f"/story/{name}")
        assert query.title in page.text


async def test_a_canned_query_runs_with_its_parameter(datasette):
    rows = (await get(datasette, "/story/who-said.json", actor="Berg", _shape="objects")).json()["rows"]
    assert rows and all("Berg" in json.dumps(row) for row in rows)


async def test_raw_html_and_bookkeeping_tables_are_hidden_from_the_listing(story_path):
    private = build_datasette([story_path], private=True)
    tables = {table["name"]: table["hidden"] for table in (await get(private, "/story.json")).json()["tables"]}
    assert tables["article_html"] is True and tables["claimgraph_meta"] is True
    assert tables["claims"] is False


async def test_the_public_profile_does_not_even_list_the_raw_pages(datasette):
    tables = {table["name"]: table["hidden"] for table in (await get(datasette, "/story.json")).json()["tables"]}
    assert "article_html" not in tables
    assert tables["claimgraph_meta"] is True and tables["claims"] is False


async def test_tables_are_described_even_without_a_metadata_file(story_path):
    plain = Datasette([str(story_path)])
    html = (await get(plain, "/story/claims")).text
    assert "Checkable propositions" in html


async def test_claim_and_actor_rows_link_to_their_pages(datasette):
    html = (await get(datasette, f"/story/claims/{CLAIMS['outage_6h']}")).text
    assert f'<a href="/-/claimgraph/claim/{CLAIMS["outage_6h"]}" title="Open the claim page">{CLAIMS["outage_6h"]}</a>' in html
    html = (await get(datasette, "/story/actors/anna-berg")).text
    assert '<a href="/-/claimgraph/actor/anna-berg" title="Open the actor page">anna-berg</a>' in html
    html = (await get(datasette, "/story/articles/a-herald")).text
    assert '<a href="/-/claimgraph/article/a-herald" title="Open the article page">a-herald</a>' in html


async def test_ids_in_query_results_link_to_their_pages(datasette):
    html = (await get(datasette, "/story", sql="select id as claim_id, source_actor_id from claims where type = 'accuses'")).text
    assert f'<a href="/-/claimgraph/claim/{CLAIMS["accuses"]}" title="Open the claim page">' in html
    assert '<a href="/-/claimgraph/actor/anna-berg" title="Open the actor page">anna-berg</a>' in html


async def test_the_index_page_offers_search_and_the_menu_the_explorer(datasette):
    html = (await get(datasette, "/")).text
    assert 'action="/-/claimgraph/search"' in html
    assert '<li><a href="/-/claimgraph">claimgraph explorer</a></li>' in html
    assert "claimgraph: who said what in the news" in html


async def test_pages_follow_base_url(story_path):
    datasette = Datasette([str(story_path)], settings={"base_url": "/news/"})
    html = (await get(datasette, f"/-/claimgraph/claim/{CLAIMS['outage_6h']}")).text
    assert 'href="/news/-/claimgraph/actor/anna-berg"' in html
    assert 'href="/news/-/claimgraph/article/a-gazette"' in html
    assert 'href="/news/-/static-plugins/claimgraph/claimgraph.css"' in html
    assert 'href="/-/claimgraph' not in html
    graph = (await get(datasette, "/-/claimgraph/graph")).text
    assert 'data-src="/news/-/claimgraph/network.json"' in graph
    graph = (await get(datasette, "/-/claimgraph/graph", view="provenance")).text
    assert 'data-src="/news/-/claimgraph/graph.json"' in graph
    story = re.search(r'href="(/news/-/claimgraph/story/[^"]+)"', html).group(1)
    assert 'href="/news/-/claimgraph/claim/' in (await get(datasette, story[len("/news"):])).text


async def test_pages_pick_the_claimgraph_database_and_take_db(story_path, tmp_path):
    other = tmp_path / "aaa_other.db"
    sqlite3.connect(other).execute("create table notes (id integer primary key)").connection.commit()
    second = build_story_db(tmp_path / "second.db")
    datasette = Datasette([str(other), str(story_path), str(second)])
    await get(datasette, "/-/claimgraph/actor/anna-berg")
    html = (await get(datasette, "/-/claimgraph/actor/anna-berg", db="second")).text
    assert 'href="/-/claimgraph/actor/ruritania?db=second"' in html
    await get(datasette, "/-/claimgraph/actor/anna-berg", status=404, db="aaa_other")
    await get(datasette, "/-/claimgraph/actor/anna-berg", status=404, db="missing")


# --------------------------------------------------------------------------- robots.txt


async def test_robots_txt_blocks_every_crawler_by_default(datasette):
    assert (await get(datasette, "/robots.txt")).text == "User-agent: *\nDisallow: /\n"


async def test_robots_txt_when_crawling_is_allowed(story_path):
    datasette = build_datasette([story_path], allow_robots=True)
    text = (await get(datasette, "/robots.txt")).text
    assert text.splitlines() == [
        "User-agent: *", "Disallow: /-/claimgraph/graph.", "Disallow: /*.csv", "Disallow: /*.json", "Disallow: /*?sql=",
    ]


# --------------------------------------------------------------------------- safety


XSS_PAGES = [
    "/-/claimgraph",
    f"/-/claimgraph/claim/{CLAIMS['xss']}",
    "/-/claimgraph/actor/evil-actor",
    "/-/claimgraph/article/a-xss",
    "/-/claimgraph/search?q=alert",
    "/-/claimgraph/search?q=onerror",
    "/-/claimgraph/search?q=script",
    "/-/claimgraph/graph?actor=evil-actor",
    "/story/articles/a-xss",
    "/story/articles",
    "/story/outlets",
    "/story/actors",
    "/story/evidence_sources",
    "/story/statements",
    "/story/claims",
]


@pytest.mark.parametrize("path", XSS_PAGES)
async def test_an_attacking_article_is_inert_everywhere(datasette, path):
    html = (await get(datasette, path)).text
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "<img src=x onerror" not in lowered
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", lowered)
    assert "<b>evil</b>" not in lowered


async def test_the_attack_is_shown_as_text(datasette):
    html = (await get(datasette, f"/-/claimgraph/claim/{CLAIMS['xss']}")).text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Breaking news" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt; opens here" in html
    assert "Read &lt;a href=&#34;javascript:alert(2)&#34;&gt;this link&lt;/a&gt;" in html
    assert "original</a>" not in html  # its javascript: URL is not linked
    actor = (await get(datasette, "/-/claimgraph/actor/evil-actor")).text
    assert "<h1>&lt;img src=x onerror=alert(&#39;actor&#39;)&gt;</h1>" in actor
    assert "wikidata.org" not in actor


async def test_graph_data_carries_the_attack_as_json_text_only(datasette):
    response = await get(datasette, "/-/claimgraph/graph.json")
    assert response.headers["content-type"].startswith("application/json")
    labels = {node["data"]["label"] for node in response.json()["elements"]["nodes"]}
    assert XSS_TITLE in labels


@pytest.mark.parametrize(
    "sql",
    [
        "insert into outlets (id) values ('x')",
        "delete from claims",
        "update actors set name = 'x'",
        "drop table claims",
        "attach database '/tmp/other.db' as other",
        "pragma journal_mode = wal",
        "select load_extension('/tmp/evil.so')",
        "select readfile('/etc/passwd')",
        "with x as (select 1) insert into outlets (id) select 1",
    ],
)
async def test_no_sql_can_write_or_read_files(datasette, sql):
    response = await datasette.client.get("/story.json", params={"sql": sql})
    assert response.status_code in (400, 403), response.text
    assert response.json()["ok"] is False


@pytest.mark.parametrize("path", ["/", "/-/claimgraph", "/story/claims", "/-/claimgraph/graph.json", "/robots.txt"])
async def test_every_response_has_security_headers(datasette, path):
    headers = (await get(datasette, path)).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["referrer-policy"] in ("strict-origin-when-cross-origin", "no-referrer")  # Datasette's own, stricter, is kept


async def test_pages_of_an_immutable_database_may_be_cached(datasette, story_path):
    for path in ("/-/claimgraph", f"/-/claimgraph/claim/{CLAIMS['accuses']}", "/-/claimgraph/graph.gexf"):
        assert (await get(datasette, path)).headers["cache-control"] == "max-age=300"
    mutable = Datasette([str(story_path)])
    assert "cache-control" not in (await get(mutable, "/-/claimgraph")).headers


async def test_no_plugin_static_path_escapes_its_folder(datasette):
    for path in (
        "/-/static-plugins/claimgraph/../../../../../../etc/passwd",
        "/-/static-plugins/claimgraph/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/-/static-plugins/claimgraph/..%2fplugin.py",
        "/-/static-plugins/claimgraph/../plugin.py",
    ):
        response = await datasette.client.get(path)
        assert response.status_code == 404, path
        assert "root:" not in response.text and "hookimpl" not in response.text


async def test_browsing_every_page_leaves_the_database_file_unchanged(datasette, story_path):
    before = hashlib.sha256(story_path.read_bytes()).hexdigest()
    for path in XSS_PAGES + ["/-/claimgraph/graph.gexf", "/story/who-said?actor=Berg", "/story.db"]:
        await datasette.client.get(path)
    assert hashlib.sha256(story_path.read_bytes()).hexdigest() == before


async def test_actor_lists_show_the_latest_rows_and_count_them_all(datasette):
    from claimgraph.publish.records import load_actor

    berg = await load_actor(datasette.get_database("story"), "anna-berg", limit=2)
    assert berg["totals"] == {"mentions": 1, "statements": 3, "claims_made": 3, "claims_about": 0}
    assert [s["article_title"][:6] for s in berg["statements"]] == ["Rurita", "Outage"]  # oldest first
    assert len(berg["claims_made"]) == 2
