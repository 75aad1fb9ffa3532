/* Trade charts: data comes from the json_script element "trade-data"; labels from data- attributes. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  var lang = (document.documentElement.lang || "vi").toLowerCase();
  var locale = lang.indexOf("vi") === 0 ? "vi-VN" : "en-US";

  function fmt(value, digits) {
    if (value === null || value === undefined) return "–";
    return Number(value).toLocaleString(locale, { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function millions(value) {
    return fmt(value / 1e6, 1);
  }

  function monthly(el, data) {
    var series = [];
    var directions = [["export", el.dataset.export], ["import", el.dataset.import]];
    directions.forEach(function (d) {
      data.gates.forEach(function (gate) {
        series.push({
          name: gate + " · " + d[1],
          type: "bar",
          stack: d[0],
          emphasis: { focus: "series" },
          data: data.per_gate[gate][d[0]]
        });
      });
    });
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " USD"; } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 70 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: "triệu USD / USD mn", axisLabel: { formatter: millions } },
      dataZoom: [{ type: "slider", bottom: 10 }, { type: "inside" }],
      series: series
    });
    return chart;
  }

  function yearly(el, data) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 70, right: 60, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.years },
      yAxis: [
        { type: "value", axisLabel: { formatter: millions }, name: "triệu USD / USD mn" },
        { type: "value", axisLabel: { formatter: function (v) { return fmt(v * 100) + "%"; } } }
      ],
      series: [
        { name: el.dataset.export, type: "bar", stack: "t", data: data.year_export,
          tooltip: { valueFormatter: function (v) { return fmt(v) + " USD"; } } },
        { name: el.dataset.import, type: "bar", stack: "t", data: data.year_import,
          tooltip: { valueFormatter: function (v) { return fmt(v) + " USD"; } } },
        { name: el.dataset.growth, type: "line", yAxisIndex: 1, data: data.year_growth, connectNulls: false,
          tooltip: { valueFormatter: function (v) { return v === null || v === undefined ? "–" : fmt(v * 100, 1) + "%"; } } }
      ]
    });
    return chart;
  }

  function revenue(el, data) {
    var names = el.dataset.lines.split("|");
    var keys = ["export_duty_vnd", "import_duty_vnd", "import_vat_vnd", "other_revenue_vnd"];
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v / 1e9, 1) + " tỷ đồng / VND bn"; } },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.years },
      yAxis: { type: "value", name: "tỷ đồng / VND bn", axisLabel: { formatter: function (v) { return fmt(v / 1e9); } } },
      series: keys.map(function (key, i) {
        return { name: names[i], type: "bar", stack: "r", data: data.revenue_lines[key] };
      })
    });
    return chart;
  }

  ready(function () {
    var source = document.getElementById("trade-data");
    if (!source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var charts = [];
    var el = document.getElementById("chart-monthly");
    if (el) charts.push(monthly(el, data));
    el = document.getElementById("chart-yearly");
    if (el) charts.push(yearly(el, data));
    el = document.getElementById("chart-revenue");
    if (el) charts.push(revenue(el, data));
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
