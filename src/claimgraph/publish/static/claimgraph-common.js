// What both graph pages (claimgraph-graph.js, claimgraph-network.js) do alike: loaded before either.
// Every text is set with textContent, so text from articles is never parsed as HTML.
var claimgraphCommon = (function () {
  "use strict";

  function shorten(text, size) {
    text = String(text || "");
    return text.length > size ? text.slice(0, size - 1) + "\u2026" : text;
  }

  function samePage(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (error) {
      return false;
    }
  }

  // The nodes, in the order given, as plain links with their number of edges: a way in for keyboards and
  // screen readers. includeLoops goes to Cytoscape's degree().
  function listActors(nodes, includeLoops) {
    var list = document.getElementById("cg-graph-actors");
    if (!list) {
      return;
    }
    nodes.forEach(function (node) {
      var item = document.createElement("li");
      var page = node.data("page");
      var name = document.createElement(page && samePage(page) ? "a" : "span");
      name.textContent = node.data("label") || node.id();
      if (name.tagName === "A") {
        name.href = page;
      }
      item.appendChild(name);
      item.appendChild(document.createTextNode(" (" + node.degree(includeLoops) + ")"));
      list.appendChild(item);
    });
  }

  // Fetch the graph JSON the container names (data-src, at most data-max-nodes nodes) and draw it. A refusal
  // (too large, unknown actor) or a failure is shown in status with the server's message, the container is
  // marked as not drawn (data-drawn="0"), and failed, if given, is called.
  function loadGraph(container, status, draw, failed) {
    var url = new URL(container.getAttribute("data-src"), window.location.href);
    url.searchParams.set("max_nodes", container.getAttribute("data-max-nodes"));
    fetch(url.toString(), {headers: {"Accept": "application/json"}})
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.error || ("HTTP " + response.status));
          }
          return body;
        });
      })
      .then(draw)
      .catch(function (error) {
        status.textContent = "No graph: " + error.message;
        container.setAttribute("data-drawn", "0");
        if (failed) {
          failed();
        }
      });
  }

  return {shorten: shorten, samePage: samePage, listActors: listActors, loadGraph: loadGraph};
})();
