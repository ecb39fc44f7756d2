// The graph page: fetch the Cytoscape.js JSON export for the page's filters and draw it.
// Node labels are drawn on a canvas, so text from articles is never parsed as HTML.
(function () {
  "use strict";
  var container = document.getElementById("cg-graph");
  var status = document.getElementById("cg-graph-status");
  if (!container || typeof cytoscape === "undefined" || typeof claimgraphCommon === "undefined") {
    return;
  }

  var COLOURS = {
    actor: "#1f5fa8", claim: "#d9822b", statement: "#8a8f98", article: "#3a8f4f",
    outlet: "#2b8a8a", measurement: "#7b4fa8", cluster: "#b8324b"
  };
  var SHAPES = {
    actor: "ellipse", claim: "diamond", statement: "round-rectangle", article: "rectangle",
    outlet: "hexagon", measurement: "triangle", cluster: "star"
  };

  var shorten = claimgraphCommon.shorten;
  var samePage = claimgraphCommon.samePage;

  // The export may be networkx's {elements: {nodes, edges}} or a flat list of elements.
  function elementsOf(body) {
    var elements = body.elements || body;
    if (Array.isArray(elements)) {
      return elements;
    }
    return (elements.nodes || []).concat(elements.edges || []);
  }

  function style() {
    var rules = [
      {selector: "node", style: {
        "label": "data(short)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 130,
        "text-valign": "bottom", "text-margin-y": 3, "color": "#222", "width": 22, "height": 22,
        "background-color": "#999", "border-width": 1, "border-color": "#fff"}},
      {selector: "node[kind = 'actor']", style: {"width": 36, "height": 36, "font-size": 13, "font-weight": "bold"}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
      {selector: "edge", style: {
        "width": 1.2, "line-color": "#c3c7cf", "target-arrow-color": "#c3c7cf",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.7}},
      {selector: "edge[kind = 'supports']", style: {"line-color": "#2e8b57", "target-arrow-color": "#2e8b57", "width": 2.5}},
      {selector: "edge[kind = 'contradicts']", style: {"line-color": "#c0392b", "target-arrow-color": "#c0392b", "width": 2.5}},
      {selector: "edge:selected", style: {"label": "data(label)", "font-size": 9}}
    ];
    Object.keys(COLOURS).forEach(function (kind) {
      rules.push({selector: "node[kind = '" + kind + "']", style: {
        "background-color": COLOURS[kind], "shape": SHAPES[kind]}});
    });
    return rules;
  }

  function draw(body) {
    var elements = elementsOf(body);
    elements.forEach(function (element) {
      var data = element.data || {};
      if (data.source === undefined) {
        data.short = shorten(data.label || data.name || data.id, data.kind === "actor" ? 40 : 28);
      }
    });
    var nodes = elements.filter(function (e) { return e.data && e.data.source === undefined; }).length;
    var cy = cytoscape({
      container: container,
      elements: elements,
      style: style(),
      // the bounding box spreads the layout over the whole (wide) container
      layout: {name: nodes > 250 ? "concentric" : "cose", animate: false, nodeDimensionsIncludeLabels: true,
               padding: 20, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 60; },
               boundingBox: {x1: 0, y1: 0, w: container.clientWidth, h: container.clientHeight}},
      minZoom: 0.1,
      maxZoom: 4
    });
    window.cy = cy;  // for the browser test and the console
    cy.on("tap", "node", function (event) {
      var page = event.target.data("page");
      if (page && samePage(page)) {
        window.location.href = page;
      }
    });
    cy.on("mouseover", "node", function (event) {
      var data = event.target.data();
      status.textContent = (data.kind || "node") + ": " + shorten(data.label || data.id, 200);
    });
    status.textContent = cy.nodes().length + " nodes, " + cy.edges().length +
      " edges. Click a node to open its page.";
    bindKindToggles(cy);
    listActors(cy);
    container.setAttribute("data-drawn", String(cy.nodes().length));
  }

  // Checkboxes (data-kind) hide or show every node of a kind, with its edges.
  function bindKindToggles(cy) {
    document.querySelectorAll("input[data-kind]").forEach(function (box) {
      var apply = function () {
        cy.nodes("[kind = '" + box.getAttribute("data-kind") + "']").style("display", box.checked ? "element" : "none");
      };
      box.addEventListener("change", apply);
      apply();
    });
  }

  // The actors in the drawing, most connected first.
  function listActors(cy) {
    claimgraphCommon.listActors(cy.nodes("[kind = 'actor']").sort(function (a, b) { return b.degree() - a.degree(); }));
  }

  claimgraphCommon.loadGraph(container, status, draw);
})();
