/* Page behaviour without inline script (the CSP forbids it).
   - Charts: <div class="chart" data-chart="ID"> reads <script type="application/json" id="ID">
     holding {title, labels, series: [{name, data}]} and draws a stacked bar chart; with many
     labels the bars are horizontal and the chart as tall as its rows need.
   - Confirmations: <form data-confirm="text"> asks before submitting.
   - Printing: <button data-print> opens the browser's print dialog.
   Every chart is also an image named by its title, followed by a visually hidden table of the
   same numbers, so a screen reader (or anyone without the canvas) gets the data. */
(function () {
  var LYING_AFTER = 8; // more units than this: horizontal bars
  function cell(row, tag, text) {
    var c = document.createElement(tag);
    c.textContent = text;
    row.appendChild(c);
  }
  var english = document.documentElement.lang.indexOf("en") === 0;
  var WORDS = english
    ? { chart: "Chart", see: " (chart; its figures are in the table after it)", item: "Item" }
    : { chart: "图表", see: "（图表，数据见其后的表格）", item: "项目" };
  function describeChart(el, spec) {
    var title = spec.title || WORDS.chart;
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", title + WORDS.see);
    var next = el.nextElementSibling;
    if (next && next.hasAttribute("data-chart-table")) next.remove();
    var table = document.createElement("table");
    table.className = "visually-hidden";
    table.setAttribute("data-chart-table", "");
    table.createCaption().textContent = title;
    var head = table.createTHead().insertRow();
    cell(head, "th", WORDS.item);
    spec.series.forEach(function (s) { cell(head, "th", s.name || ""); });
    var body = table.createTBody();
    spec.labels.forEach(function (label, i) {
      var row = body.insertRow();
      cell(row, "th", label);
      spec.series.forEach(function (s) { cell(row, "td", s.data[i] == null ? "" : String(s.data[i])); });
    });
    el.after(table);
  }
  function drawCharts(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      describeChart(el, spec);
      if (!window.echarts) return;
      // Past a handful of units (a township's 45 villages) the bars lie down: every name reads
      // whole on its own line, and the chart grows with the number of rows instead of squeezing.
      var lying = spec.labels.length > LYING_AFTER;
      if (lying) el.style.height = Math.max(320, spec.labels.length * 24 + 90) + "px";
      var names = { type: "category", data: spec.labels, inverse: lying, axisLabel: { interval: 0, rotate: !lying && spec.labels.length > 6 ? 40 : 0 } };
      var values = { type: "value", minInterval: 1, splitNumber: lying ? 4 : 5, axisLabel: { hideOverlap: true } };
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.resize();
      chart.setOption({
        animation: false, // old PCs draw faster, and a screenshot never catches bars half-grown
        title: { text: spec.title, left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { bottom: 0 },
        grid: { left: 10, right: 16, top: 40, bottom: 40, containLabel: true },
        xAxis: lying ? values : names,
        yAxis: lying ? names : values,
        color: ["#b71c1c", "#f9a825", "#1565c0", "#2e7d32", "#6a1b9a"],
        series: spec.series.map(function (s) {
          return { name: s.name, type: s.type || "bar", stack: spec.stacked === false ? undefined : "total", data: s.data };
        })
      }, true);
    });
  }
  // A table wider than a phone scrolls sideways in its .table-responsive box; when nothing in
  // it takes focus, the box itself does, so a keyboard can scroll it too.
  function focusableScrollers(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.querySelector("a[href], button, input, select, textarea, [tabindex]")) {
        box.setAttribute("tabindex", "0");
      } else if (!scrolls && box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  document.addEventListener("submit", function (event) {
    var text = event.target.dataset && event.target.dataset.confirm;
    if (text && !window.confirm(text)) event.preventDefault();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
  // One resize handler for every chart and table box, however often htmx redraws them.
  window.addEventListener("resize", function () {
    focusableScrollers(document);
    if (!window.echarts) return;
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  });
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); focusableScrollers(document); });
  document.body.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); focusableScrollers(event.target); });
})();
