// Draws the dashboard's charts from the JSON the page carries (no inline script: the CSP forbids it), with
// numbers and layout from core/charts.js and the JSON's "format" block.
(function () {
  "use strict";
  // Category names on a phone wrap within their own column instead of turning (a turned first name ran
  // off the left edge); on a wide screen many categories turn 30 degrees.
  function labels(el, categories) {
    if (BZCharts.narrow(el)) {
      return { interval: 0, rotate: 0, width: Math.max(40, Math.floor((el.clientWidth - 60) / categories.length) - 6), overflow: "break", lineHeight: 14 };
    }
    return { interval: 0, rotate: categories.length > 6 ? 30 : 0 };
  }
  function draw() {
    if (typeof echarts === "undefined" || typeof BZCharts === "undefined") { return; }
    var source = document.getElementById("dashboard-charts");
    if (!source) { return; }
    var charts = JSON.parse(source.textContent);
    var f = BZCharts.format(charts.format);
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = charts[el.getAttribute("data-chart")];
      if (!spec || !spec.categories.length) { return; }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return f.number(v, 1); } },
        legend: BZCharts.legend(),
        grid: BZCharts.grid({ top: 40 }),
        xAxis: { type: "category", data: spec.categories, axisLabel: labels(el, spec.categories) },
        yAxis: { type: "value", axisLabel: { formatter: function (v) { return f.number(v, 1); } } },
        series: spec.series.map(function (s) { return { name: s.name, type: "bar", stack: s.stack, data: s.data }; })
      });
      el.setAttribute("data-drawn", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
