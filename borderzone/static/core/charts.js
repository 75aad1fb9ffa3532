/* What every ECharts page shares: numbers, money, dates and months written the reader's way, from the
   "format" block that each page's chart data carries (built on the server by
   core.formatting.chart_format, so charts agree with the tables: 1.234,5 and 21/09/2020 and "tỷ đồng"
   on Vietnamese pages, 1,234.5 and 21 Sep 2020 and "VND billion" in English, 亿越南盾 in Chinese), and
   the layout that keeps legends clear of axis labels at any width (a one-line scrolling legend above a
   grid that contains its labels). No inline script: the CSP allows only the site's files. */
(function () {
  "use strict";

  var FALLBACK = {
    lang: "en", locale: "en-GB", group: ",", decimal: ".", date: "d mon yyyy",
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    money: { VND: { divisor: 1e9, unit: "VND billion" }, USD: { divisor: 1e6, unit: "USD million" } }
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function make(spec) {
    spec = spec || FALLBACK;

    function number(value, digits) {
      if (value === null || value === undefined || value === "" || isNaN(Number(value))) { return "–"; }
      var n = Number(value);
      var fixed = Math.abs(n).toFixed(digits === undefined ? 0 : digits).split(".");
      var whole = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, spec.group);
      var frac = (fixed[1] || "").replace(/0+$/, "");
      var text = frac ? whole + spec.decimal + frac : whole;
      return (n < 0 && /[1-9]/.test(text) ? "-" : "") + text;
    }

    function unit(currency) { return spec.money[currency].unit; }

    function money(value, currency, digits) {
      if (value === null || value === undefined) { return "–"; }
      var m = spec.money[currency];
      var text = number(Number(value) / m.divisor, digits === undefined ? 1 : digits);
      return spec.lang === "zh" ? text + m.unit : text + " " + m.unit;
    }

    function moneyAxis(currency) {
      var m = spec.money[currency];
      return function (value) { return number(Number(value) / m.divisor, 1); };
    }

    function percent(ratio, digits) {
      if (ratio === null || ratio === undefined) { return "–"; }
      return number(Number(ratio) * 100, digits === undefined ? 1 : digits) + "%";
    }

    function date(value) {
      var d = value instanceof Date ? value : new Date(value);
      if (isNaN(d.getTime())) { return String(value); }
      var y = d.getFullYear(), m = d.getMonth() + 1, day = d.getDate();
      if (spec.lang === "vi") { return pad(day) + "/" + pad(m) + "/" + y; }
      if (spec.lang === "zh") { return y + "年" + m + "月" + day + "日"; }
      return day + " " + spec.months[m - 1] + " " + y;
    }

    return { spec: spec, number: number, money: money, moneyAxis: moneyAxis, unit: unit, percent: percent, date: date };
  }

  // A legend on one line that scrolls when the series do not fit, and a grid that starts below it and
  // contains its own axis labels, so that neither the legend nor an axis name covers a label.
  function legend(extra) {
    var base = { type: "scroll", top: 0, left: 8, right: 8, itemGap: 14, pageIconSize: 12 };
    return Object.assign(base, extra || {});
  }

  function grid(extra) {
    var base = { left: 8, right: 16, top: 64, bottom: 16, containLabel: true };
    return Object.assign(base, extra || {});
  }

  function narrow(el) { return (el.clientWidth || window.innerWidth) < 560; }

  window.BZCharts = { format: make, legend: legend, grid: grid, narrow: narrow };
})();
