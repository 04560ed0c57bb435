// Interactive graphs (Cytoscape.js): a person's ego network and a tender's DMU map.
// Every element with data-graph-url gets a graph; the Cytoscape instance is kept in
// window.kamgraphGraphs[element.id] so that browser tests can read the model.
(function () {
  "use strict";
  var STANCE_COLOURS = {
    champion: "#1a7f37", supporter: "#57a55a", neutral: "#8c959f",
    sceptic: "#d4a017", blocker: "#c62828"
  };
  window.kamgraphGraphs = window.kamgraphGraphs || {};

  function size(influence, max) {
    if (!influence || !max) { return 24; }
    return 24 + 40 * Math.sqrt(influence / max);
  }

  function elements(data) {
    var max = 0;
    data.nodes.forEach(function (n) { max = Math.max(max, n.influence || 0); });
    var nodes = data.nodes.map(function (n) {
      return { group: "nodes", data: {
        id: n.id, label: n.name, size: size(n.influence, max),
        colour: STANCE_COLOURS[n.stance] || (n.centre ? "#1f5fae" : "#9aa4b1"),
        border: n.covered ? "#1f5fae" : "#ffffff", stance: n.stance || "",
        covered: n.covered ? "yes" : "no", centre: n.centre ? "yes" : "no",
        outside: n.outside ? "yes" : "no"
      } };
    });
    var centre = null;
    data.nodes.forEach(function (n) { if (n.centre) { centre = n.id; } });
    var edges = data.edges.map(function (e, i) {
      return { group: "edges", data: {
        id: "e" + i, source: e.source, target: e.target, type: e.type,
        own: (centre && (e.source === centre || e.target === centre)) ? "yes" : "no",
        width: 1 + 3 * (e.weight || 0.3)
      } };
    });
    return nodes.concat(edges);
  }

  // An ego network reads best as rings around the person (closest ties inside); a DMU
  // map as a force-directed layout that pulls the influence structure together.
  function layout(kind) {
    if (kind === "ego") {
      return { name: "concentric", animate: false, padding: 24, minNodeSpacing: 18,
               startAngle: 3 * Math.PI / 2,
               concentric: function (n) { return n.data("centre") === "yes" ? 2 : 1; },
               levelWidth: function () { return 1; } };
    }
    return { name: "cose", animate: false, randomize: false, padding: 24,
             nodeRepulsion: function () { return 400000; },
             idealEdgeLength: function () { return 90; }, nodeOverlap: 40 };
  }

  function draw(container, data) {
    // In an ego network the person's own ties matter; ties among the others stay faint.
    var centreOpacity = container.getAttribute("data-kind") === "ego" ? 0.15 : 1;
    // On a phone the map is drawn smaller: its labels are drawn larger to stay readable.
    var small = container.clientWidth < 500;
    var labelSize = small ? 15 : 11;
    var cy = cytoscape({
      container: container,
      elements: elements(data),
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": labelSize, "text-valign": "bottom", "text-margin-y": 3,
          "min-zoomed-font-size": small ? 0 : 6, "text-background-color": "#fbfcfd",
          "text-background-opacity": 0.85, "text-background-padding": 1,
          "border-width": 3, "border-color": "data(border)"
        } },
        { selector: "node[centre = 'yes']", style: { "font-weight": "bold", "font-size": 13,
          "min-zoomed-font-size": 0, "z-index": 10 } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "#c3cad3", "curve-style": "bezier",
          "target-arrow-shape": "none"
        } },
        { selector: "edge[own = 'no']", style: { "opacity": centreOpacity } },
        { selector: "node[outside = 'yes']", style: {
          "shape": "diamond", "background-color": "#6b7280", "font-style": "italic"
        } },
        { selector: "edge[type = 'INFLUENCES']", style: {
          "line-color": "#7d8fa6", "target-arrow-color": "#7d8fa6",
          "target-arrow-shape": "triangle"
        } },
        { selector: "edge[type = 'REPORTS_TO']", style: {
          "line-color": "#3d4a5c", "target-arrow-color": "#3d4a5c", "line-style": "dashed",
          "target-arrow-shape": "vee", "width": 2
        } },
        { selector: "edge[type = 'KNOWS']", style: { "width": 1, "line-color": "#c3cad3" } }
      ],
      layout: layout(container.getAttribute("data-kind"))
    });
    // Labels are sized for the screen, whatever zoom fits the map into its box: about
    // 12 px on a desk and 13 px on a phone, where the map is drawn smaller.
    var fitted = cy.zoom() || 1;
    if (fitted < 1) {
      cy.style().selector("node").style("font-size", (small ? 13 : 12) / fitted).update();
    }
    // Labels too small to read at this zoom are hidden; hovering shows a node's name.
    cy.on("mouseover", "node", function (event) { event.target.style("min-zoomed-font-size", 0); });
    cy.on("mouseout", "node", function (event) {
      if (event.target.data("centre") !== "yes") { event.target.removeStyle("min-zoomed-font-size"); }
    });
    cy.on("tap", "node", function (event) {
      window.location.href = "/people/" + encodeURIComponent(event.target.id());
    });
    window.kamgraphGraphs[container.id] = cy;
    container.setAttribute("data-node-count", String(cy.nodes().length));
  }

  document.querySelectorAll("[data-graph-url]").forEach(function (container) {
    fetch(container.getAttribute("data-graph-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function () {
        // The page says it in the reader's language (data-error-text); English otherwise.
        container.textContent = container.getAttribute("data-error-text") ||
          "The graph could not be loaded.";
      });
  });
})();
