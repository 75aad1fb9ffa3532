/* Trade charts: data comes from the json_script element "trade-data" (gates by name, months written the
   reader's way, and the number and money conventions in its "format" block); labels from data- attributes.
   Numbers, money units and layout come from core/charts.js. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function monthly(el, data, f) {
    var series = [];
    var directions = [["export", el.dataset.export], ["import", el.dataset.import]];
    directions.forEach(function (d) {
      data.gates.forEach(function (gate) {
        series.push({
          name: gate.name + " · " + d[1],
          type: "bar",
          stack: d[0],
          emphasis: { focus: "series" },
          data: gate[d[0]]
        });
      });
    });
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return f.number(v) + " USD"; } },
      legend: BZCharts.legend(),
      grid: BZCharts.grid({ bottom: 56 }),
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: f.unit("USD"), nameTextStyle: { align: "left" }, axisLabel: { formatter: f.moneyAxis("USD") } },
      dataZoom: [{ type: "slider", bottom: 8, height: 24 }, { type: "inside" }],
      series: series
    });
    return chart;
  }

  function yearly(el, data, f) {
    var chart = echarts.init(el);
    var usd = function (v) { return f.number(v) + " USD"; };
    chart.setOption({
      tooltip: { trigger: "axis", confine: true },
      legend: BZCharts.legend(),
      grid: BZCharts.grid(),
      xAxis: { type: "category", data: data.years },
      yAxis: [
        { type: "value", axisLabel: { formatter: f.moneyAxis("USD") }, name: f.unit("USD"), nameTextStyle: { align: "left" } },
        { type: "value", axisLabel: { formatter: function (v) { return f.percent(v, 0); } } }
      ],
      series: [
        { name: el.dataset.export, type: "bar", stack: "t", data: data.year_export, tooltip: { valueFormatter: usd } },
        { name: el.dataset.import, type: "bar", stack: "t", data: data.year_import, tooltip: { valueFormatter: usd } },
        { name: el.dataset.growth, type: "line", yAxisIndex: 1, data: data.year_growth, connectNulls: false,
          tooltip: { valueFormatter: function (v) { return f.percent(v, 1); } } }
      ]
    });
    return chart;
  }

  function revenue(el, data, f) {
    var names = el.dataset.lines.split("|");
    var keys = ["export_duty_vnd", "import_duty_vnd", "import_vat_vnd", "other_revenue_vnd"];
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return f.money(v, "VND"); } },
      legend: BZCharts.legend(),
      grid: BZCharts.grid(),
      xAxis: { type: "category", data: data.years },
      yAxis: { type: "value", name: f.unit("VND"), nameTextStyle: { align: "left" }, axisLabel: { formatter: f.moneyAxis("VND") } },
      series: keys.map(function (key, i) {
        return { name: names[i], type: "bar", stack: "r", data: data.revenue_lines[key] };
      })
    });
    return chart;
  }

  ready(function () {
    var source = document.getElementById("trade-data");
    if (!source || typeof echarts === "undefined" || typeof BZCharts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var f = BZCharts.format(data.format);
    var charts = [];
    var el = document.getElementById("chart-monthly");
    if (el) charts.push(monthly(el, data, f));
    el = document.getElementById("chart-yearly");
    if (el) charts.push(yearly(el, data, f));
    el = document.getElementById("chart-revenue");
    if (el) charts.push(revenue(el, data, f));
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
