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

  // The register's filters start folded on a phone, so the cases come first (the summary says how many
  // filters are on); without script, or on a wide screen, they stay open.
  function foldFiltersOnPhones() {
    var panel = document.getElementById("filter-panel");
    if (panel && window.matchMedia("(max-width: 700px)").matches) { panel.open = false; }
  }

  // A table wider than the screen scrolls inside its frame: the frame then takes keyboard focus (arrow keys
  // scroll it) and is named for screen readers; a frame that fits stays out of the Tab order.
  function scrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption ? caption.textContent.trim() + ": " : "") + "table, scrolls sideways");
        wrap.classList.add("scrolls");
      } else if (wrap.classList.contains("scrolls")) {
        ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
        wrap.classList.remove("scrolls");
      }
    });
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

  // The network's layout is seeded: a small generator (mulberry32) seeded by a hash of the data stands in
  // for Math.random while the force layout runs, so the same data draws the same picture on every load.
  function seededRandom(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6D2B79F5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function hashText(text) {  // FNV-1a
    var hash = 2166136261;
    for (var i = 0; i < text.length; i++) { hash = Math.imul(hash ^ text.charCodeAt(i), 16777619); }
    return hash >>> 0;
  }

  var LABEL_PX = 13;          // labels keep this size on screen, whatever the zoom
  var EDGE_DETAIL_ZOOM = 1.1; // from this zoom on, each edge says its cases and makers
  var CROWD_ZOOM = 0.6;       // below it, only the busiest actors keep their names

  // Detail that depends on the zoom: labels stay LABEL_PX on screen; edges are labelled when zoomed in;
  // when zoomed far out, the less busy actors' names give way.
  function applyZoomDetail(cy, busiest) {
    var zoom = cy.zoom();
    cy.batch(function () {
      cy.nodes().style({ "font-size": LABEL_PX / zoom, "text-margin-y": 4 / zoom,
                         "text-max-width": (180 / zoom) + "px", "text-background-padding": (2 / zoom) + "px" });
      cy.edges().style({ "font-size": (LABEL_PX - 1) / zoom, "text-max-width": (220 / zoom) + "px" });
      cy.edges().toggleClass("detail", zoom >= EDGE_DETAIL_ZOOM);
      cy.nodes().forEach(function (node) {
        node.toggleClass("quiet", zoom < CROWD_ZOOM && node.data("cases") < busiest);
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
        var key = data.nodes.map(function (n) { return n.data.id; }).join("\n") + "|" +
          data.edges.map(function (e) { return e.data.source + ">" + e.data.target; }).join("\n");
        var random = seededRandom(hashText(key));
        // Start on a circle in name order (the server sends nodes sorted), nudged by the seeded generator.
        data.nodes.forEach(function (node, i) {
          var angle = 2 * Math.PI * i / Math.max(1, data.nodes.length);
          node.position = { x: 400 * Math.cos(angle) + random() * 20, y: 400 * Math.sin(angle) + random() * 20 };
        });
        var cy = window.cytoscape({
          container: container,
          elements: data.nodes.concat(data.edges),
          minZoom: 0.2,
          maxZoom: 2.5,
          style: [
            { selector: "node", style: {
              "label": "data(label)", "font-size": LABEL_PX, "color": "#1f2933", "font-weight": 600,
              "text-wrap": "ellipsis", "text-max-width": "180px",
              "text-valign": "bottom", "text-margin-y": 4,
              "text-background-color": "#ffffff", "text-background-opacity": 0.85,
              "text-background-shape": "roundrectangle", "text-background-padding": "2px",
              "background-color": "#5b7fa6",
              "width": "mapData(cases, 1, 20, 18, 46)", "height": "mapData(cases, 1, 20, 18, 46)"
            } },
            { selector: "node[role = 'supplier']", style: { "background-color": "#2f5d8a" } },
            { selector: "node[role = 'recipient']", style: { "background-color": "#d08c3c" } },
            { selector: "node[role = 'both']", style: { "background-color": "#7a5aa6" } },
            { selector: "node.quiet", style: { "label": "" } },
            { selector: "edge", style: {
              "width": "mapData(cases, 1, " + Math.max(2, maxCases) + ", 1.5, 10)",
              "line-color": "#8da2b8", "target-arrow-color": "#8da2b8",
              "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.85,
              "label": "", "color": "#33414f", "text-wrap": "wrap", "text-rotation": "none",
              "text-background-color": "#ffffff", "text-background-opacity": 0.85
            } },
            { selector: "edge.detail", style: { "label": "data(label)" } },
            { selector: "edge[contested > 0]", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b" } },
            { selector: "edge:active, edge.hover", style: { "line-color": "#1f2933", "target-arrow-color": "#1f2933" } }
          ],
          layout: { name: "preset", fit: false }
        });
        if (data.nodes.length > 2) {
          var unseeded = Math.random;
          Math.random = random;  // cose draws from Math.random: seeded while it runs (it runs synchronously)
          try {
            cy.layout({ name: "cose", animate: false, randomize: false, fit: false, componentSpacing: 140,
                        nodeOverlap: 40, nodeDimensionsIncludeLabels: true,
                        idealEdgeLength: function () { return 150; },
                        nodeRepulsion: function () { return 60000; } }).run();
          } finally {
            Math.random = unseeded;
          }
        }
        cy.fit(undefined, 50);
        var counts = cy.nodes().map(function (n) { return n.data("cases"); }).sort(function (a, b) { return b - a; });
        var busiest = counts.length ? counts[Math.min(counts.length, 8) - 1] : 0;  // the top eight keep names
        applyZoomDetail(cy, busiest);
        cy.on("zoom", function () { applyZoomDetail(cy, busiest); });
        cy.on("tap", "edge", function (event) { window.location.assign(event.target.data("href")); });
        cy.on("tap", "node", function (event) { window.location.assign(event.target.data("href")); });
        cy.on("mouseover", "edge", function (event) {
          event.target.addClass("hover");
          container.title = event.target.data("source") + " → " + event.target.data("target") + ": " +
            event.target.data("label");
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
    foldFiltersOnPhones();
    scrollableTables();
    window.addEventListener("resize", scrollableTables);
    scrollToHighlight();
    clickableRows();
    var graph = document.getElementById("cy");
    if (graph && window.cytoscape) { drawNetwork(graph); }
  });
})();
