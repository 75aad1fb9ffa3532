// The gates map: the province, its communes and the border drawn from GeoJSON served by this site,
// one circle marker per gate with known coordinates. No tile layer: nothing is fetched from elsewhere.
(function () {
  "use strict";
  var COLOURS = { international: "#c0392b", main: "#e67e22", secondary: "#2980b9", opening: "#7f8c8d", crossing: "#7f8c8d" };

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function card(gate, labels) {
    var box = el("div");
    box.className = "gate-card";
    box.appendChild(el("strong", gate.name));
    var type = el("div", gate.type_label + (gate.since ? " (" + labels.since + " " + gate.since + ")" : ""));
    box.appendChild(type);
    if (gate.partner) box.appendChild(el("div", labels.partner + ": " + gate.partner));
    var link = el("a", labels.open);
    link.href = gate.url;
    box.appendChild(link);
    return box;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
      return r.json();
    });
  }

  function start() {
    var node = document.getElementById("gate-map");
    var data = document.getElementById("gate-markers");
    if (!node || !data || typeof L === "undefined") return;
    var gates = JSON.parse(data.textContent);
    var labels = { open: node.dataset.openLabel, since: node.dataset.sinceLabel, partner: node.dataset.partnerLabel };
    var map = L.map(node, { zoomSnap: 0.25, attributionControl: false });
    map.setView([22.75, 106.1], 9);

    var markers = L.featureGroup().addTo(map);
    gates.forEach(function (gate) {
      var marker = L.circleMarker([gate.lat, gate.lon], {
        radius: 8,
        color: "#222",
        weight: 1,
        fillColor: COLOURS[gate.type] || "#555",
        fillOpacity: 0.9,
        className: "gate-marker gate-" + gate.type,
      });
      marker.bindPopup(card(gate, labels));
      // Leaflet inserts a string as HTML: give it a text node, so a name is shown as its characters.
      marker.bindTooltip(el("span", gate.name), { className: "gate-tooltip" });
      marker.addTo(markers);
    });

    Promise.all([getJSON(node.dataset.communes), getJSON(node.dataset.province), getJSON(node.dataset.border)])
      .then(function (layers) {
        L.geoJSON(layers[0], {
          style: { color: "#8fa3b0", weight: 0.6, fillColor: "#f7f9f4", fillOpacity: 1 },
          onEachFeature: function (feature, layer) {
            if (feature.properties && feature.properties.full_name) layer.bindTooltip(el("span", feature.properties.full_name), { sticky: true });
          },
        }).addTo(map);
        var outline = L.geoJSON(layers[1], { style: { color: "#2d6a4f", weight: 2, fill: false }, interactive: false }).addTo(map);
        L.geoJSON(layers[2], { style: { color: "#c0392b", weight: 3, dashArray: "6 4" }, interactive: false }).addTo(map);
        markers.bringToFront();
        // Not animated: "ready" then means the markers sit where they are drawn.
        map.fitBounds(outline.getBounds(), { padding: [10, 10], animate: false });
        node.dataset.ready = "true";
      })
      .catch(function (err) {
        node.dataset.ready = "error";
        console.error(err);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
