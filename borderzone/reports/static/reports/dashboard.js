// Draws the dashboard's charts from the JSON the page carries (no inline script: the CSP forbids it).
(function () {
  "use strict";
  function draw() {
    if (typeof echarts === "undefined") { return; }
    var source = document.getElementById("dashboard-charts");
    if (!source) { return; }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = charts[el.getAttribute("data-chart")];
      if (!spec || !spec.categories.length) { return; }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 32, bottom: 48 },
        xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 6 ? 30 : 0 } },
        yAxis: { type: "value" },
        series: spec.series.map(function (s) { return { name: s.name, type: "bar", stack: s.stack, data: s.data }; })
      });
      el.setAttribute("data-drawn", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
