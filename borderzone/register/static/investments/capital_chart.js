// Capital over time on the project page: registered capital (VND equivalent) of each certificate version
// and cumulative disbursed capital, drawn from the data the page embeds with json_script.
(function () {
  "use strict";
  var holder = document.getElementById("capital-chart");
  var source = document.getElementById("capital-data");
  if (!holder || !source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder);
  var billions = function (v) { return Number(v) / 1e9; };
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: [data.labels.registered, data.labels.disbursed] },
    xAxis: { type: "time" },
    yAxis: { type: "value", name: data.labels.unit },
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
