// Capital over time on the project page: registered capital (VND equivalent) of each certificate version
// and cumulative disbursed capital, drawn from the data the page embeds with json_script.
(function () {
  "use strict";
  var holder = document.getElementById("capital-chart");
  var source = document.getElementById("capital-data");
  if (!holder || !source || typeof echarts === "undefined" || typeof BZCharts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var f = BZCharts.format(data.format);
  var chart = echarts.init(holder);
  var billions = function (v) { return Number(v) / 1e9; };
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: "axis",
      confine: true,
      axisPointer: { label: { formatter: function (p) { return f.date(p.value); } } },
      valueFormatter: function (v) { return f.number(v, 2); }
    },
    legend: BZCharts.legend({ data: [data.labels.registered, data.labels.disbursed] }),
    grid: BZCharts.grid(),
    xAxis: { type: "time", axisLabel: { formatter: function (v) { return f.date(v); }, hideOverlap: true } },
    yAxis: { type: "value", name: data.labels.unit, nameTextStyle: { align: "left" }, axisLabel: { formatter: function (v) { return f.number(v, 1); } } },
    series: [
      {
        name: data.labels.registered,
        type: "line",
        step: "end",
        data: data.registered.map(function (p) { return [p[0], billions(p[1])]; })
      },
      {
        name: data.labels.disbursed,
        type: "line",
        step: "end",
        data: data.disbursed.map(function (p) { return [p[0], billions(p[1])]; })
      }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
