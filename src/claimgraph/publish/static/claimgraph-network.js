// The actor network: actors as nodes, claims aggregated into typed edges (network.json), laid out by fcose.
// Labels go to the most connected actors first and never overlap; every text is drawn on the canvas or set
// with textContent, so text from articles is never parsed as HTML.
(function () {
  "use strict";
  var container = document.getElementById("cg-graph");
  var status = document.getElementById("cg-graph-status");
  var panel = document.getElementById("cg-edge-claims");
  var tip = document.getElementById("cg-edge-tip");
  var slider = document.getElementById("cg-min-count");
  var sliderValue = document.getElementById("cg-min-count-value");
  if (!container || typeof cytoscape === "undefined" || typeof claimgraphCommon === "undefined") {
    return;
  }
  if (typeof cytoscapeFcose !== "undefined") {
    cytoscape.use(cytoscapeFcose);
  }

  var ACTOR_COLOURS = {
    person: "#1f5fa8", organisation: "#2b8a8a", country: "#b8324b", group: "#7b4fa8", unnamed: "#8a8f98"
  };
  var EDGE_COLOURS = {
    accuses: "#d35400", denies: "#2471a3", threatens: "#6c3483", condemns: "#7b5e57", said_about: "#9aa0a8"
  };
  var VERDICT_COLOURS = {supports: "#2ecc71", contradicts: "#e74c3c", mixed: "#f1c40f", inconclusive: "#b0b0b0"};
  var LABELLED = 20;      // the most connected actors always get a label
  var MORE_LABELS = 60;   // further actors get one where it fits
  var DENSE_EDGES = 600;  // the threshold starts where at most this many edges are drawn
  var LABEL_PX = 13;      // label size on screen after the first fit

  var shorten = claimgraphCommon.shorten;
  var samePage = claimgraphCommon.samePage;

  function style() {
    var rules = [
      {selector: "node", style: {
        "label": "data(shown)", "font-size": "data(fontSize)", "color": "#111", "text-valign": "bottom", "text-halign": "center",
        "text-background-color": "#fff", "text-background-opacity": 0.85, "width": "data(size)", "height": "data(size)",
        "background-color": "#999", "border-width": 1, "border-color": "#fff"}},
      {selector: "node[?centre]", style: {"border-width": 4, "border-color": "#111"}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
      {selector: "edge", style: {
        "width": "data(width)", "line-color": "#9aa0a8", "target-arrow-color": "#9aa0a8",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.8, "opacity": 0.85,
        "label": "data(countLabel)", "font-size": 9, "color": "#333", "text-background-color": "#fff",
        "text-background-opacity": 0.8, "text-rotation": "autorotate"}},
      {selector: "edge[kind = 'said_about']", style: {"line-style": "dashed", "opacity": 0.6}},
      {selector: "edge:selected", style: {"opacity": 1, "width": "mapData(count, 1, 20, 4, 12)"}},
      {selector: "edge.cg-hover", style: {"opacity": 1}}
    ];
    Object.keys(ACTOR_COLOURS).forEach(function (type) {
      rules.push({selector: "node[actor_type = '" + type + "']", style: {"background-color": ACTOR_COLOURS[type]}});
    });
    Object.keys(EDGE_COLOURS).forEach(function (kind) {
      rules.push({selector: "edge[kind = '" + kind + "']", style: {
        "line-color": EDGE_COLOURS[kind], "target-arrow-color": EDGE_COLOURS[kind]}});
    });
    Object.keys(VERDICT_COLOURS).forEach(function (verdict) {
      rules.push({selector: "edge[verdict = '" + verdict + "']", style: {
        "underlay-color": VERDICT_COLOURS[verdict], "underlay-opacity": 0.55, "underlay-padding": 4}});
    });
    return rules;
  }

  // Most connected first: edges (of any type), then statements, then id, so that ties rank the same everywhere.
  function byConnection(a, b) {
    return (b.degree(false) - a.degree(false)) || (b.data("statements") - a.data("statements")) ||
      (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0);
  }

  function labelBox(node) {
    return node.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false});
  }

  function overlap(a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  }

  // Give the most connected actors labels, moving an actor a little when its label would cover a better-connected
  // one's, then label others only where they fit.
  function placeLabels(cy) {
    var visible = cy.nodes().filter(function (n) { return n.visible(); }).sort(byConnection);
    cy.nodes().data("shown", "");
    cy.nodes().data("fontSize", LABEL_PX / cy.zoom());  // readable at the zoom of the first fit
    var top = visible.slice(0, LABELLED);
    top.forEach(function (node) { node.data("shown", shorten(node.data("label"), 32)); });
    // In rank order, an actor whose label would cover a better-connected one's moves down just clear of it,
    // again until it covers none; the ones before it never move again, so no two of these labels overlap.
    var placed = [];
    top.forEach(function (node) {
      for (var step = 0; step < 200; step++) {
        var box = labelBox(node);
        var hit = placed.find(function (other) { return overlap(box, other); });
        if (!hit) {
          break;
        }
        node.position({x: node.position("x"), y: node.position("y") + (hit.y2 - box.y1) + 1});
      }
      placed.push(labelBox(node));
    });
    visible.slice(LABELLED, LABELLED + MORE_LABELS).forEach(function (node) {
      node.data("shown", shorten(node.data("label"), 32));
      var box = labelBox(node);
      if (placed.some(function (other) { return overlap(box, other); })) {
        node.data("shown", "");
      } else {
        placed.push(box);
      }
    });
  }

  function claimLine(claim) {
    return [claim.published ? claim.published.slice(0, 10) : "", claim.outlet || "", shorten(claim.text, 90)]
      .filter(Boolean).join(" \u00b7 ");
  }

  function showTip(edge, event) {
    var claims = edge.data("claims") || [];
    tip.textContent = "";
    var head = document.createElement("strong");
    head.textContent = edge.source().data("label") + " " + edge.data("kind").replace("_", " ") + " " +
      edge.target().data("label") + ": " + edge.data("count") + " claim" + (edge.data("count") === 1 ? "" : "s");
    tip.appendChild(head);
    var list = document.createElement("ul");
    claims.slice(0, 5).forEach(function (claim) {
      var item = document.createElement("li");
      item.textContent = claimLine(claim);
      list.appendChild(item);
    });
    tip.appendChild(list);
    if (edge.data("count") > 5) {
      var more = document.createElement("p");
      more.textContent = "Click the edge for all of them.";
      tip.appendChild(more);
    }
    var box = container.getBoundingClientRect();
    tip.style.left = (window.scrollX + box.left + event.renderedPosition.x + 14) + "px";
    tip.style.top = (window.scrollY + box.top + event.renderedPosition.y + 14) + "px";
    tip.hidden = false;
  }

  function listClaims(edge) {
    var claims = edge.data("claims") || [];
    panel.textContent = "";
    panel.setAttribute("data-edge", edge.id());
    var head = document.createElement("h2");
    head.textContent = edge.source().data("label") + " \u2192 " + edge.target().data("label");
    panel.appendChild(head);
    var summary = document.createElement("p");
    summary.textContent = edge.data("kind").replace("_", " ") + ": " + edge.data("count") + " claim" +
      (edge.data("count") === 1 ? "" : "s") + (edge.data("verdict") ? "; checked: " + edge.data("verdict") : "");
    panel.appendChild(summary);
    var list = document.createElement("ol");
    list.className = "cg-edge-claim-list";
    claims.forEach(function (claim) {
      var item = document.createElement("li");
      var link = document.createElement(claim.page && samePage(claim.page) ? "a" : "span");
      link.textContent = claim.text || claim.id;
      if (link.tagName === "A") {
        link.href = claim.page;
      }
      item.appendChild(link);
      if (claim.verdict) {
        var badge = document.createElement("span");
        badge.className = "cg-badge cg-" + claim.verdict;
        badge.textContent = claim.verdict;
        item.appendChild(document.createTextNode(" "));
        item.appendChild(badge);
      }
      if (claim.quote && claim.quote !== claim.text) {
        var quote = document.createElement("blockquote");
        quote.textContent = shorten(claim.quote, 300);
        item.appendChild(quote);
      }
      var where = document.createElement("p");
      where.className = "cg-muted";
      where.textContent = [claim.said_by ? "said by " + claim.said_by : "", claim.outlet || "",
        claim.published || ""].filter(Boolean).join(" \u00b7 ");
      item.appendChild(where);
      list.appendChild(item);
    });
    panel.appendChild(list);
    if (edge.data("count") > claims.length) {
      var more = document.createElement("p");
      more.className = "cg-muted";
      more.textContent = (edge.data("count") - claims.length) + " more on the actors' pages.";
      panel.appendChild(more);
    }
  }

  // Edges below the threshold, and of unticked types, are hidden with the actors left without any edge.
  function applyFilters(cy) {
    var least = Number(slider ? slider.value : 1);
    var hiddenKinds = {};
    document.querySelectorAll("input[data-edge-kind]").forEach(function (box) {
      if (!box.checked) {
        hiddenKinds[box.getAttribute("data-edge-kind")] = true;
      }
    });
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        var show = edge.data("count") >= least && !hiddenKinds[edge.data("kind")];
        edge.style("display", show ? "element" : "none");
      });
      cy.nodes().forEach(function (node) {
        var show = node.data("centre") || node.connectedEdges().some(function (e) { return e.style("display") !== "none"; });
        node.style("display", show ? "element" : "none");
      });
    });
    if (sliderValue) {
      sliderValue.textContent = String(least);
    }
  }

  function startThreshold(cy) {
    var counts = cy.edges().map(function (e) { return e.data("count"); }).sort(function (a, b) { return b - a; });
    var most = counts.length ? counts[0] : 1;
    // the lowest threshold that leaves at most DENSE_EDGES edges: counts[DENSE_EDGES] + 1 hides that edge and its ties
    var start = counts.length > DENSE_EDGES ? Math.min(most, counts[DENSE_EDGES] + 1) : 1;
    if (slider) {
      slider.max = String(most);
      slider.value = String(start);
    }
  }

  function listActors(cy) {
    claimgraphCommon.listActors(cy.nodes().sort(byConnection), false);
  }

  function draw(body) {
    var elements = body.elements;
    elements.nodes.forEach(function (node) {
      node.data.size = Math.min(70, 18 + 8 * Math.sqrt(node.data.statements || 0));
      node.data.shown = "";
      node.data.fontSize = LABEL_PX;
    });
    elements.edges.forEach(function (edge) {
      edge.data.width = Math.min(12, 1.5 + 2 * Math.log2(edge.data.count));
      edge.data.countLabel = edge.data.count > 1 ? String(edge.data.count) : "";
    });
    var cy = cytoscape({container: container, elements: elements, style: style(), minZoom: 0.05, maxZoom: 4});
    window.cy = cy;  // for the browser test and the console
    startThreshold(cy);
    var layoutStarted = performance.now();
    // every actor is laid out, so that one shown later by a lower threshold has its place
    var layout = cy.elements().layout({
      name: typeof cytoscapeFcose !== "undefined" ? "fcose" : "cose", quality: "default", randomize: true,
      animate: false, fit: true, padding: 30, nodeRepulsion: function () { return 8000; },
      idealEdgeLength: function () { return 90; }, nodeSeparation: 90, packComponents: true, numIter: 2500
    });
    layout.one("layoutstop", function () {
      applyFilters(cy);
      cy.fit(cy.elements(":visible"), 30);
      placeLabels(cy);
      // milliseconds since the page was requested: loading, fetching, layout and labels
      var settled = Math.round(performance.now());
      container.setAttribute("data-layout-ms", String(Math.round(performance.now() - layoutStarted)));
      container.setAttribute("data-settled", String(settled));
      container.setAttribute("data-drawn", String(cy.nodes().length));
    });
    layout.run();
    var claims = cy.edges().reduce(function (sum, e) { return sum + e.data("count"); }, 0);
    status.textContent = cy.nodes().length + " actors, " + cy.edges().length + " edges from " + claims +
      " claims. Hover an edge for its claims, click it to list them; click an actor to open its page.";
    cy.on("tap", "node", function (event) {
      var page = event.target.data("page");
      if (page && samePage(page)) {
        window.location.href = page;
      }
    });
    cy.on("tap", "edge", function (event) { listClaims(event.target); });
    cy.on("mouseover", "edge", function (event) {
      event.target.addClass("cg-hover");
      showTip(event.target, event);
    });
    cy.on("mouseout", "edge", function (event) {
      event.target.removeClass("cg-hover");
      tip.hidden = true;
    });
    cy.on("mouseover", "node", function (event) {
      var data = event.target.data();
      status.textContent = data.label + " (" + data.actor_type + "): " + event.target.degree(false) + " edges, " +
        data.statements + " statements";
    });
    var relabel = function () { applyFilters(cy); placeLabels(cy); };
    if (slider) {
      slider.addEventListener("input", relabel);
    }
    document.querySelectorAll("input[data-edge-kind]").forEach(function (box) {
      box.addEventListener("change", relabel);
    });
    listActors(cy);
  }

  claimgraphCommon.loadGraph(container, status, draw, function () {
    container.setAttribute("data-settled", "0");
  });
})();
