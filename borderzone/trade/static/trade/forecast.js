/* Forecast chart: history, forecast, 80 % and 95 % bands (stacked areas) and the scenario line. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  var locale = (document.documentElement.lang || "vi").toLowerCase().indexOf("vi") === 0 ? "vi-VN" : "en-US";
  function fmt(v) {
    return v === null || v === undefined ? "–" : Number(v).toLocaleString(locale, { maximumFractionDigits: 0 });
  }
  ready(function () {
    var source = document.getElementById("forecast-data");
    var el = document.getElementById("chart-forecast");
    if (!source || !el || typeof echarts === "undefined") return;
    var d = JSON.parse(source.textContent);
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
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " USD"; } },
      legend: { top: 0 },
      grid: { left: 80, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", axisLabel: { formatter: function (v) { return fmt(v / 1e6) + " tr"; } } },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
