// The admin's actor-network drawing: Cytoscape.js over the elements the server laid out
// (a preset layout: no force simulation in the browser, so 2,000 actors draw at once).
// Choosing an actor opens it; focusing or hovering a row of the list beside the drawing
// highlights the actor in it. Sets window.seutuNetworkReady (ms since navigation) and the
// performance mark "seutu-network-ready" when the drawing can be used.
(function () {
  "use strict";

  // Plain selectors, no per-node style functions, and labels only on the highlighted actor:
  // measuring 2,000 labels is most of what a first render would otherwise cost.
  function styles(colours) {
    var list = [
      {
        selector: "node",
        style: {
          "background-color": "#666",
          width: "mapData(degree, 0, 20, 8, 24)",
          height: "mapData(degree, 0, 20, 8, 24)"
        }
      },
      {
        selector: "edge",
        style: { "curve-style": "haystack", width: 1, "line-color": "#b5b5b5" }
      }
    ];
    Object.keys(colours).forEach(function (type) {
      list.push({ selector: 'node[type = "' + type + '"]', style: { "background-color": colours[type] } });
    });
    list.push({
      selector: "node.seutu-highlight",
      style: { label: "data(name)", "font-size": 14, color: "#1d1d1d", "text-valign": "bottom",
               "text-margin-y": 2, "border-width": 3, "border-color": "#000", "z-index": 10,
               "text-background-color": "#fff", "text-background-opacity": 0.9 }
    });
    return list;
  }

  // The zoom and pan that fit the laid-out positions in the container, computed from the
  // positions alone: Cytoscape's own fit measures every drawn node first.
  function fitted(nodes, container, padding) {
    padding = padding || 20;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (node) {
      var p = node.position;
      if (p.x < minX) { minX = p.x; } if (p.x > maxX) { maxX = p.x; }
      if (p.y < minY) { minY = p.y; } if (p.y > maxY) { maxY = p.y; }
    });
    if (!nodes.length) { return { zoom: 1, pan: { x: 0, y: 0 } }; }
    var width = Math.max(1, container.clientWidth - 2 * padding);
    var height = Math.max(1, container.clientHeight - 2 * padding);
    var zoom = Math.min(4, Math.max(0.02, Math.min(width / Math.max(1, maxX - minX),
                                                   height / Math.max(1, maxY - minY))));
    return {
      zoom: zoom,
      pan: { x: padding + (width - (maxX - minX) * zoom) / 2 - minX * zoom,
             y: padding + (height - (maxY - minY) * zoom) / 2 - minY * zoom }
    };
  }

  function start() {
    var container = document.getElementById("seutu-network-canvas");
    var source = document.getElementById("seutu-network-data");
    if (!container || !source || typeof window.cytoscape !== "function") {
      return;
    }
    var graph = JSON.parse(source.textContent);
    var large = graph.nodes.length > 500;
    var view = fitted(graph.nodes, container);
    var cy = window.cytoscape({
      container: container,
      elements: { nodes: graph.nodes, edges: graph.edges },
      layout: { name: "preset", fit: false },
      zoom: view.zoom,
      pan: view.pan,
      minZoom: 0.02,
      maxZoom: 4,
      // Big views: draw a bitmap while panning and zooming, and hide edges meanwhile.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: 1,
      boxSelectionEnabled: false,
      style: styles(graph.colours || {})
    });
    cy.on("tap", "node", function (event) {
      window.location.assign(graph.url.replace("{}", event.target.id()));
    });
    cy.on("mouseover", "node", function (event) {
      container.style.cursor = "pointer";
      highlight(event.target.id());
    });
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
        loadBrokers();
      });
    });
    window.seutuNetwork = cy;
  }

  // A large view's brokers (betweenness) are computed after the drawing, not before it.
  function loadBrokers() {
    var placeholder = document.querySelector("#seutu-network-brokers[data-src]");
    if (!placeholder || !window.fetch) { return; }
    window.fetch(placeholder.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var brokers = holder.querySelector("#seutu-network-brokers");
        if (brokers) {
          placeholder.replaceChildren.apply(placeholder, Array.from(brokers.childNodes));
          placeholder.removeAttribute("data-src");
          placeholder.setAttribute("data-loaded", "true");
        }
      })
      .catch(function () { /* the link to compute them stays */ });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
