// The location of a call for investment inside the province outline, drawn with Leaflet and no tiles.
(function () {
  "use strict";
  function draw(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (!window.L || isNaN(lat) || isNaN(lon)) { return; }
    var map = L.map(el, { attributionControl: false, scrollWheelZoom: false }).setView([lat, lon], 10);
    var marker = L.circleMarker([lat, lon], { radius: 9, color: "#b3261e", weight: 3, fillOpacity: 0.7 }).addTo(map);
    if (el.dataset.label) {
      // Leaflet inserts a string as HTML: give it a text node, so a title is shown as its characters.
      var label = document.createElement("span");
      label.textContent = el.dataset.label;
      marker.bindTooltip(label);
    }
    fetch(el.dataset.outline, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) {
        if (!geo) { return; }
        var outline = L.geoJSON(geo, { style: { color: "#1f5f8b", weight: 2, fillColor: "#dce9f2", fillOpacity: 0.5 } }).addTo(map);
        marker.bringToFront();
        map.fitBounds(outline.getBounds(), { padding: [10, 10], animate: false });
        el.dataset.ready = "1";
      });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("call-map");
    if (el) { draw(el); }
  });
})();
