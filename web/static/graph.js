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
        covered: n.covered ? "yes" : "no", centre: n.centre ? "yes" : "no"
      } };
    });
    var edges = data.edges.map(function (e, i) {
      return { group: "edges", data: {
        id: "e" + i, source: e.source, target: e.target, type: e.type,
        width: 1 + 3 * (e.weight || 0.3)
      } };
    });
    return nodes.concat(edges);
  }

  function draw(container, data) {
    var cy = cytoscape({
      container: container,
      elements: elements(data),
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          "border-width": 3, "border-color": "data(border)"
        } },
        { selector: "node[centre = 'yes']", style: { "font-weight": "bold" } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "#c3cad3", "curve-style": "bezier",
          "target-arrow-shape": "none"
        } },
        { selector: "edge[type = 'INFLUENCES'], edge[type = 'REPORTS_TO']", style: {
          "line-color": "#7d8fa6", "target-arrow-color": "#7d8fa6",
          "target-arrow-shape": "triangle"
        } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 }
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
      .catch(function () { container.textContent = "The graph could not be loaded."; });
  });
})();
