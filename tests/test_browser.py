"""End to end in headless Chromium: a real `claimgraph serve` process, the graph drawn, a node clicked.

Uses Debian's ``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it), never a
downloaded browser. Without it the tests skip and say why, except under ``CI=true``,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from publish_network import RURITANIA_ACCUSES, build_network_db
from publish_story import CLAIMS, build_story_db, claimgraph_serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def require_chromium() -> None:
    missing = None
    if not Path(CHROMIUM).exists():
        missing = "Debian chromium is not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need Chromium under CI: {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`claimgraph serve` on the story database, on a free port, until the module's tests end."""
    require_chromium()
    path = build_story_db(tmp_path_factory.mktemp("browser") / "story.db")
    with claimgraph_serve(path) as base:
        yield base


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`claimgraph serve` on the demo database, built from data/ by `claimgraph demo --no-serve`."""
    require_chromium()
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    claimgraph = Path(sys.executable).with_name("claimgraph")
    built = subprocess.run(
        [str(claimgraph), "demo", "--db", str(path), "--data", str(ROOT / "data"), "--no-serve"],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    with claimgraph_serve(path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    page.close()


# A point of the node that no other node covers (nodes may overlap after layout), in page coordinates.
CLEAR_POINT = """(id) => {
  const node = cy.$id(id), box = node.renderedBoundingBox({includeLabels: false});
  const others = cy.nodes().not(node).map(n => n.renderedBoundingBox({includeLabels: false}));
  const inside = (b, x, y) => x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2;
  for (const [fx, fy] of [[0.5, 0.5], [0.3, 0.3], [0.7, 0.7], [0.3, 0.7], [0.7, 0.3]]) {
    const x = box.x1 + fx * box.w, y = box.y1 + fy * box.h;
    if (!others.some(b => inside(b, x, y))) return [x, y];
  }
  return null;
}"""


def click_node(page, node_id: str) -> bool:
    """Click the drawn node with a real mouse click; False when other nodes hide all of it.

    The point is taken once the drawing has settled (the same twice, a quarter second apart):
    a click aimed while the page still lays itself out can land on a neighbour.
    """
    page.wait_for_function("document.getElementById('cg-graph').dataset.drawn !== undefined", timeout=20000)
    point = page.evaluate(CLEAR_POINT, node_id)
    for _ in range(20):
        page.wait_for_timeout(250)
        settled = page.evaluate(CLEAR_POINT, node_id)
        if settled == point:
            break
        point = settled
    if point is None:
        return False
    box = page.locator("#cg-graph").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    return True


def test_graph_page_draws_nodes_and_a_click_opens_the_node_page(server, page, tmp_path):
    page.goto(f"{server}/-/claimgraph/graph?actor=anna-berg&depth=2&view=provenance")
    page.wait_for_function("window.cy && window.cy.nodes().length > 0", timeout=20000)
    assert page.evaluate("cy.nodes().length") > 3
    assert page.evaluate("cy.edges().length") > 0
    assert "nodes" in page.inner_text("#cg-graph-status")
    page.screenshot(path=str(tmp_path / "graph.png"))
    assert (tmp_path / "graph.png").stat().st_size > 10_000

    assert click_node(page, "actor:freedonia")
    assert page.url.endswith("/-/claimgraph/actor/freedonia")
    assert page.inner_text("h1") == "Freedonia"


def test_demo_graph_page_draws_and_opens_the_most_connected_actor(demo_server, page, tmp_path):
    page.goto(f"{demo_server}/-/claimgraph/graph?view=provenance")
    page.wait_for_function("window.cy && window.cy.nodes().length > 0", timeout=30000)
    assert page.evaluate("cy.nodes('[kind = \"actor\"]').length") > 3
    assert page.evaluate("cy.nodes('[kind = \"claim\"]').length") > 3
    page.screenshot(path=str(tmp_path / "demo-graph.png"))
    actors = page.evaluate(
        "cy.nodes('[kind = \"actor\"]').sort((a, b) => b.degree() - a.degree())"
        ".map(n => ({node: n.id(), id: n.data('row_id'), label: n.data('label')}))"
    )
    actor = next(a for a in actors if click_node(page, a["node"]))  # the most connected one no other node hides
    assert page.url.endswith(f"/-/claimgraph/actor/{actor['id']}")
    assert page.inner_text("h1") == actor["label"]
    assert (tmp_path / "demo-graph.png").stat().st_size > 10_000


def test_clicking_a_claim_node_opens_the_claim_page(server, page):
    page.goto(f"{server}/-/claimgraph/graph?actor=anna-berg&depth=1&view=provenance")
    page.wait_for_function("window.cy && window.cy.nodes().length > 0", timeout=20000)
    assert click_node(page, f"claim:{CLAIMS['outage_6h']}")
    assert page.url.endswith(f"/-/claimgraph/claim/{CLAIMS['outage_6h']}")
    assert page.locator("mark#claim").inner_text() == "Ruritania's Internet went dark for 6 hours on Monday"


def test_node_kinds_can_be_hidden_and_actors_are_listed_as_links(server, page):
    page.goto(f"{server}/-/claimgraph/graph?view=provenance")
    page.wait_for_function("window.cy && window.cy.nodes().length > 0", timeout=20000)
    visible_statements = "cy.nodes('[kind = \"statement\"]').filter(n => n.visible()).length"
    assert page.evaluate(visible_statements) == 5
    page.uncheck("input[data-kind=statement]")
    assert page.evaluate(visible_statements) == 0
    page.click("text=Actors in this graph")
    first = page.locator("#cg-graph-actors a").first
    assert first.inner_text() == "Anna Berg"
    with page.expect_navigation():
        first.click()
    assert page.url.endswith("/-/claimgraph/actor/anna-berg")


def test_a_graph_that_cannot_be_built_is_explained_not_drawn(server, page):
    page.goto(f"{server}/-/claimgraph/graph?actor=Nobody+At+All")
    page.wait_for_function("document.getElementById('cg-graph').dataset.drawn !== undefined", timeout=20000)
    assert "no actor matches 'Nobody At All'" in page.inner_text("#cg-graph-status")


@pytest.mark.parametrize(
    "path",
    [f"/-/claimgraph/claim/{CLAIMS['xss']}", "/-/claimgraph/actor/evil-actor", "/-/claimgraph/article/a-xss",
     "/-/claimgraph/search?q=alert",
     "/story/articles/a-xss", "/-/claimgraph/graph?actor=evil-actor",
     "/-/claimgraph/graph?actor=evil-actor&view=provenance"],
)
def test_the_attacking_article_runs_no_script_in_a_real_browser(server, page, path):
    page.goto(f"{server}{path}")
    page.wait_for_load_state("load")
    if path.startswith("/-/claimgraph/graph"):
        page.wait_for_function("window.cy && window.cy.nodes().length > 0", timeout=20000)
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert not [href for href in links if href.lower().startswith("javascript:")]
    assert page.evaluate("document.querySelectorAll('img[onerror]').length") == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert(')).length") == 0
    assert page.dialogs == []


# --------------------------------------------------------------------------- the actor network


@pytest.fixture(scope="module")
def network_server(tmp_path_factory):
    """`claimgraph serve` on a generated database of 400 actors and 450 claims (tests/publish_network.py)."""
    require_chromium()
    path = build_network_db(tmp_path_factory.mktemp("network") / "network.db")
    with claimgraph_serve(path) as base:
        yield base


# The labelled actors, most connected first (the page's own order), with their label boxes from cytoscape.
TOP_LABELS = """(count) => {
  const rank = (a, b) => (b.degree(false) - a.degree(false)) || (b.data('statements') - a.data('statements')) ||
    (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0);
  return cy.nodes(':visible').sort(rank).slice(0, count).map(n => ({
    id: n.id(), label: n.data('label'), shown: n.data('shown'),
    box: n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true})}));
}"""


# A point on the edge (within the container) where a click within 3 pixels hits that edge and nothing else.
EDGE_POINT = """(id) => {
  const edge = cy.$id(id), a = edge.source().position(), b = edge.target().position();
  const hits = (x, y) => {
    const hit = cy.renderer().findNearestElement(x, y, true, false);
    return hit && hit.id() === id;
  };
  const slack = 3 / cy.zoom();
  // clear of every node's box, so a pointer a few pixels off still cannot open a node's page
  const clear = (rx, ry) => cy.nodes(':visible').every((node) => {
    const box = node.renderedBoundingBox({includeLabels: false});
    return rx < box.x1 - 6 || rx > box.x2 + 6 || ry < box.y1 - 6 || ry > box.y2 + 6;
  });
  for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85]) {
    const x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
    const rendered = [x * cy.zoom() + cy.pan().x, y * cy.zoom() + cy.pan().y];
    if ([[0, 0], [slack, 0], [-slack, 0], [0, slack], [0, -slack]].every(([dx, dy]) => hits(x + dx, y + dy))
        && clear(...rendered)) {
      return rendered;
    }
  }
  return null;
}"""


# fcose starts from random positions: with Math.random seeded, the test sees one layout on every run
# (now and then a random one put a third actor across the edge the test clicks)
SEEDED_RANDOM = """(() => {
  let state = 20141222;
  Math.random = () => {
    state = (state + 0x6D2B79F5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();"""


def overlapping(a: dict, b: dict) -> bool:
    return a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]


def test_the_actor_network_settles_labels_its_hubs_and_an_edge_lists_its_claims(network_server, page, tmp_path):
    page.add_init_script(SEEDED_RANDOM)
    page.goto(f"{network_server}/-/claimgraph/graph")
    page.wait_for_function("document.getElementById('cg-graph').dataset.settled !== undefined", timeout=30000)
    graph = page.locator("#cg-graph")
    # layout and labels, from the data's arrival (the page load itself depends on the machine's load)
    assert int(graph.get_attribute("data-layout-ms")) < 3000
    assert page.evaluate("cy.nodes(':visible').length") == 400

    top = page.evaluate(TOP_LABELS, 20)
    assert [item["shown"] for item in top] == [item["label"] for item in top]
    clashes = [(a["label"], b["label"]) for i, a in enumerate(top) for b in top[i + 1:] if overlapping(a["box"], b["box"])]
    assert clashes == []

    edge = "accuses:ruritania:freedonia"
    assert page.evaluate(f"cy.$id('{edge}').data('count')") == RURITANIA_ACCUSES
    assert page.evaluate(f"[cy.$id('{edge}').source().id(), cy.$id('{edge}').target().id()]") == [
        "actor:ruritania", "actor:freedonia"]
    # zoomed in on the two actors, as a reader would, a real click on a point only the edge covers
    page.evaluate(f"cy.fit(cy.$id('{edge}').connectedNodes(), 250)")
    point = page.evaluate(EDGE_POINT, edge)
    assert point is not None
    graph.scroll_into_view_if_needed()
    box = graph.bounding_box()
    page.mouse.move(box["x"] + point[0], box["y"] + point[1], steps=5)
    assert graph.bounding_box() == box, "the graph moved under the pointer"
    # the pointer is over the edge (its hover style is on) before the click, not over a node
    page.wait_for_function(f"cy.$id('{edge}').hasClass('cg-hover')", timeout=5000)
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    panel = page.locator("#cg-edge-claims")
    assert panel.get_attribute("data-edge") == edge
    items = panel.locator(".cg-edge-claim-list > li")
    assert items.count() == RURITANIA_ACCUSES
    assert "Ruritania blames Freedonia for outage number 1" in items.first.inner_text()
    page.screenshot(path=str(tmp_path / "network.png"))
    assert (tmp_path / "network.png").stat().st_size > 10_000
    with page.expect_navigation():
        items.first.locator("a").click()
    assert "/-/claimgraph/claim/" in page.url
