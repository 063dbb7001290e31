/* armswatch pages: small progressive enhancements, and the network graph (cytoscape.js, vendored). */
(function () {
  "use strict";

  // Leave empty fields out of GET filter forms, so shared URLs stay short and readable.
  function tidyGetForms() {
    document.querySelectorAll("form.filters").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (field) {
          if (!field.value) { field.disabled = true; }
        });
      });
    });
  }

  // The sentence named by ?hl= is scrolled into the middle of the view.
  function scrollToHighlight() {
    var mark = document.querySelector("mark.hl");
    if (mark) { mark.scrollIntoView({ block: "center" }); }
  }

  // A click anywhere on a register row opens its case (links inside the row keep their own targets).
  function clickableRows() {
    document.querySelectorAll("tr.case-row[data-href]").forEach(function (row) {
      row.addEventListener("click", function (event) {
        if (event.target.closest("a")) { return; }
        window.location.assign(row.getAttribute("data-href"));
      });
    });
  }

  function drawNetwork(container) {
    var summary = document.getElementById("network-summary");
    fetch(container.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        var maxCases = 1;
        data.edges.forEach(function (e) { maxCases = Math.max(maxCases, e.data.cases); });
        var cy = window.cytoscape({
          container: container,
          elements: data.nodes.concat(data.edges),
          minZoom: 0.2,
          maxZoom: 1.6,
          style: [
            { selector: "node", style: {
              "label": "data(label)", "font-size": 11, "color": "#1f2933",
              "text-wrap": "ellipsis", "text-max-width": "160px",
              "text-valign": "bottom", "text-margin-y": 4,
              "background-color": "#5b7fa6",
              "width": "mapData(cases, 1, 20, 16, 44)", "height": "mapData(cases, 1, 20, 16, 44)"
            } },
            { selector: "node[role = 'supplier']", style: { "background-color": "#2f5d8a" } },
            { selector: "node[role = 'recipient']", style: { "background-color": "#d08c3c" } },
            { selector: "node[role = 'both']", style: { "background-color": "#7a5aa6" } },
            { selector: "edge", style: {
              "width": "mapData(cases, 1, " + Math.max(2, maxCases) + ", 1.5, 10)",
              "line-color": "#8da2b8", "target-arrow-color": "#8da2b8",
              "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.85
            } },
            { selector: "edge[contested > 0]", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b" } },
            { selector: "edge:active, edge.hover", style: { "line-color": "#1f2933", "target-arrow-color": "#1f2933" } }
          ],
          layout: { name: data.nodes.length > 2 ? "cose" : "grid", animate: false, padding: 40,
                    randomize: true, componentSpacing: 140, nodeOverlap: 40,
                    idealEdgeLength: function () { return 130; },
                    nodeRepulsion: function () { return 40000; } }
        });
        cy.on("tap", "edge", function (event) { window.location.assign(event.target.data("href")); });
        cy.on("tap", "node", function (event) { window.location.assign(event.target.data("href")); });
        cy.on("mouseover", "edge", function (event) {
          event.target.addClass("hover");
          container.title = event.target.data("source") + " → " + event.target.data("target") + ": " +
            event.target.data("cases") + " case(s)";
        });
        cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); container.title = ""; });
        window.cy = cy;
        summary.textContent = data.nodes.length + " actors, " + data.edges.length + " supplier → recipient links";
        container.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        summary.textContent = "The network could not be loaded (" + error.message + ").";
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    tidyGetForms();
    scrollToHighlight();
    clickableRows();
    var graph = document.getElementById("cy");
    if (graph && window.cytoscape) { drawNetwork(graph); }
  });
})();
