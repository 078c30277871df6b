// The admin's actor-network drawing: Cytoscape.js over the elements the server laid out
// (a preset layout: no force simulation in the browser, so 2,000 actors draw at once).
// Choosing an actor opens it; focusing or hovering a row of the list beside the drawing
// highlights the actor in it. Sets window.seutuNetworkReady (ms since navigation) and the
// performance mark "seutu-network-ready" when the drawing can be used.
(function () {
  "use strict";

  function start() {
    var container = document.getElementById("seutu-network-canvas");
    var source = document.getElementById("seutu-network-data");
    if (!container || !source || typeof window.cytoscape !== "function") {
      return;
    }
    var graph = JSON.parse(source.textContent);
    var colours = graph.colours || {};
    var large = graph.nodes.length > 500;
    var cy = window.cytoscape({
      container: container,
      elements: { nodes: graph.nodes, edges: graph.edges },
      layout: { name: "preset", fit: true, padding: 20 },
      minZoom: 0.02,
      maxZoom: 4,
      // Big views: draw a bitmap while panning and zooming, and hide edges meanwhile.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: 1,
      boxSelectionEnabled: false,
      style: [
        {
          selector: "node",
          style: {
            "background-color": function (node) { return colours[node.data("type")] || "#666"; },
            width: "mapData(degree, 0, 20, 8, 24)",
            height: "mapData(degree, 0, 20, 8, 24)",
            label: "data(name)",
            "font-size": 10,
            "min-zoomed-font-size": 9,
            color: "#1d1d1d",
            "text-valign": "bottom",
            "text-margin-y": 2
          }
        },
        {
          selector: "edge",
          style: { "curve-style": "haystack", width: 1, "line-color": "#8a8a8a", opacity: 0.6 }
        },
        {
          selector: ".seutu-highlight",
          style: { "border-width": 3, "border-color": "#000", "font-size": 14, "z-index": 10,
                   "min-zoomed-font-size": 0 }
        }
      ]
    });
    cy.on("tap", "node", function (event) {
      window.location.assign(event.target.data("url"));
    });
    cy.on("mouseover", "node", function () { container.style.cursor = "pointer"; });
    cy.on("mouseout", "node", function () { container.style.cursor = ""; });

    var highlighted = null;
    function highlight(pk) {
      if (highlighted) { highlighted.removeClass("seutu-highlight"); }
      highlighted = pk ? cy.getElementById(String(pk)) : null;
      if (highlighted && highlighted.length) { highlighted.addClass("seutu-highlight"); }
    }
    var list = document.querySelector(".seutu-network__list tbody");
    if (list) {
      ["focusin", "mouseover"].forEach(function (name) {
        list.addEventListener(name, function (event) {
          var row = event.target.closest("tr[data-actor]");
          highlight(row ? row.getAttribute("data-actor") : null);
        });
      });
    }
    cy.ready(function () {
      // One frame after the first render: the drawing is on screen and answers input.
      window.requestAnimationFrame(function () {
        performance.mark("seutu-network-ready");
        window.seutuNetworkReady = performance.now();
        container.setAttribute("data-ready", "true");
      });
    });
    window.seutuNetwork = cy;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
