/* Forecast chart: history, forecast, 80 % and 95 % bands (stacked areas) and the scenario line; numbers,
   money units and layout from core/charts.js with the page's "format" block. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var source = document.getElementById("forecast-data");
    var el = document.getElementById("chart-forecast");
    if (!source || !el || typeof echarts === "undefined" || typeof BZCharts === "undefined") return;
    var d = JSON.parse(source.textContent);
    var f = BZCharts.format(d.format);
    var months = d.history_months.concat(d.months);
    var pad = d.history_months.map(function () { return null; });
    var band = function (lo, hi) {
      return [pad.concat(lo), pad.concat(hi.map(function (h, i) { return h - lo[i]; }))];
    };
    var b95 = band(d.lo95, d.hi95);
    var b80 = band(d.lo80, d.hi80);
    var series = [
      { name: el.dataset.history, type: "line", data: d.history.concat(d.months.map(function () { return null; })), showSymbol: false },
      { name: el.dataset.band95, type: "line", stack: "b95", data: b95[0], lineStyle: { opacity: 0 }, showSymbol: false, tooltip: { show: false } },
      { name: el.dataset.band95, type: "line", stack: "b95", data: b95[1], lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.15 }, showSymbol: false, tooltip: { show: false } },
      { name: el.dataset.band80, type: "line", stack: "b80", data: b80[0], lineStyle: { opacity: 0 }, showSymbol: false, tooltip: { show: false } },
      { name: el.dataset.band80, type: "line", stack: "b80", data: b80[1], lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.3 }, showSymbol: false, tooltip: { show: false } },
      { name: el.dataset.forecast, type: "line", data: pad.concat(d.mean), lineStyle: { type: "dashed" } }
    ];
    if (d.scenario) {
      series.push({ name: el.dataset.scenario, type: "line", data: pad.concat(d.scenario) });
    }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return f.number(v) + " USD"; } },
      legend: BZCharts.legend(),
      grid: BZCharts.grid(),
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", name: f.unit("USD"), nameTextStyle: { align: "left" }, axisLabel: { formatter: f.moneyAxis("USD") } },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
