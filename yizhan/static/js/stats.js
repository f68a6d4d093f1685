// Statistics pages: ECharts glue (vendored echarts.min.js, no external URL) and the period
// picker. Every chart reads its data from a <script type="application/json"> element written
// by Django's json_script; the same figures are always in a table on the page, so nothing is
// lost without JavaScript. Charts use the SVG renderer: its text is DOM text, so the vendored
// Noto Sans SC web font (loaded per unicode-range slice) applies to the axis labels as well.
(function () {
  "use strict";

  var FONT = '"Noto Sans SC", sans-serif';
  var COLORS = ["#8b1a1a", "#0b5cad", "#1e7a3c", "#8a5a00", "#5b3f8c", "#0f5e57"];
  var REF_FILL = "rgba(30, 122, 60, 0.12)";
  var charts = [];

  function data(el) {
    var src = document.getElementById(el.getAttribute("data-source"));
    if (!src) return null;
    try { return JSON.parse(src.textContent); } catch (e) { return null; }
  }

  function num(v) { return v === null || v === undefined ? null : Number(v); }

  // The reference interval as a shaded band; an open end reaches the edge of the data.
  function refArea(low, high, values, label) {
    low = num(low); high = num(high);
    if (low === null && high === null) return null;
    var finite = values.filter(function (v) { return v !== null; });
    var top = Math.max.apply(null, finite.concat([low || 0, 0]));
    return {
      silent: true,
      itemStyle: { color: REF_FILL },
      label: { show: true, position: "insideTopRight", color: "#1e7a3c", fontFamily: FONT,
        formatter: label || "" },
      data: [[{ yAxis: low === null ? 0 : low }, { yAxis: high === null ? top * 1.1 || 1 : high }]]
    };
  }

  function niceStep(raw) {
    if (!(raw > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  function base() {
    return {
      textStyle: { fontFamily: FONT },
      aria: { enabled: true },
      animation: false,
      grid: { left: 48, right: 20, top: 36, bottom: 40, containLabel: true },
      tooltip: { trigger: "axis", textStyle: { fontFamily: FONT } }
    };
  }

  var builders = {
    // One indicator month by month; the reference interval shaded (markArea).
    trend: function (d) {
      var o = base();
      var values = d.values.map(num);
      o.xAxis = { type: "category", data: d.months, axisLabel: { fontFamily: FONT } };
      o.yAxis = { type: "value", name: d.unit, scale: true, axisLabel: { fontFamily: FONT } };
      // Keep the reference interval in view (markArea does not widen the axis by itself),
      // on round ticks.
      var bounds = values.filter(function (v) { return v !== null; })
        .concat([num(d.ref_low), num(d.ref_high)].filter(function (v) { return v !== null; }));
      if (bounds.length) {
        var lo = Math.min.apply(null, bounds), hi = Math.max.apply(null, bounds);
        var step = niceStep((hi - lo) / 5);
        o.yAxis.min = Math.max(0, Math.floor(lo / step) * step);
        o.yAxis.max = Math.ceil(hi / step) * step;
        if (o.yAxis.max === o.yAxis.min) o.yAxis.max += step;
        o.yAxis.interval = step;
      }
      var series = { type: "line", name: d.name, data: values, connectNulls: false,
        symbolSize: 6, itemStyle: { color: COLORS[0] }, lineStyle: { width: 2 } };
      var area = refArea(d.ref_low, d.ref_high, values, d.ref_label);
      if (area) series.markArea = area;
      o.series = [series];
      return o;
    },
    // The courts the viewer may see, side by side; bars outside the interval in red.
    compare: function (d) {
      var o = base();
      var values = d.values.map(num);
      var low = num(d.ref_low), high = num(d.ref_high);
      o.tooltip.trigger = "item";
      o.grid.bottom = 70;
      o.xAxis = { type: "category", data: d.courts,
        axisLabel: { interval: 0, rotate: d.courts.length > 6 ? 30 : 0, fontFamily: FONT } };
      o.yAxis = { type: "value", name: d.unit, axisLabel: { fontFamily: FONT } };
      var series = {
        type: "bar", name: d.name, barMaxWidth: 42,
        data: values.map(function (v) {
          var out = v !== null && ((low !== null && v < low) || (high !== null && v > high));
          return { value: v, itemStyle: { color: out ? "#b42318" : COLORS[1] } };
        }),
        label: { show: true, position: "top", fontFamily: FONT }
      };
      var area = refArea(low, high, values, d.ref_label);
      if (area) series.markArea = area;
      o.series = [series];
      return o;
    },
    // Open data: received and closed (bars) and pending at month end (line) per month.
    // Suppressed cells are null: a gap, never a made-up number.
    open: function (d) {
      var o = base();
      o.legend = { top: 0, textStyle: { fontFamily: FONT } };
      o.grid.top = 40;
      o.grid.left = 8;
      o.grid.right = 8;
      o.xAxis = { type: "category", data: d.months, axisLabel: { fontFamily: FONT } };
      o.yAxis = { type: "value", axisLabel: { fontFamily: FONT } };
      o.series = d.series.map(function (s, i) {
        return { type: s.type, name: s.name, data: s.values.map(num), connectNulls: false,
          itemStyle: { color: COLORS[i % COLORS.length] }, barMaxWidth: 18 };
      });
      return o;
    }
  };

  function draw(root) {
    if (typeof window.echarts === "undefined") return;
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.getAttribute("data-drawn")) return;
      var d = data(el);
      var build = builders[el.getAttribute("data-chart")];
      if (!d || !build) return;
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      var option = build(d);
      chart.setOption(option);
      // Text is measured when drawn: lay out again once the web font slices have arrived.
      if (document.fonts && document.fonts.ready) {
        document.fonts.ready.then(function () { chart.setOption(option, true); });
      }
      el.setAttribute("data-drawn", "1");
      charts.push(chart);
    });
  }

  // Period picker: show the month or quarter select that matches the period kind; the other
  // is disabled so that only one "index" is submitted.
  function periodPicker(root) {
    (root || document).querySelectorAll("[data-period-kind]").forEach(function (sel) {
      var form = sel.form;
      function sync() {
        form.querySelectorAll("[data-period-for]").forEach(function (box) {
          var on = box.getAttribute("data-period-for") === sel.value;
          box.hidden = !on;
          box.querySelectorAll("select").forEach(function (s) { s.disabled = !on; });
        });
      }
      sel.addEventListener("change", sync);
      sync();
    });
  }

  function init(root) {
    periodPicker(root);
    draw(root);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  // Fragments loaded by htmx (the trend charts) are drawn when they arrive.
  document.addEventListener("htmx:load", function (ev) { draw(ev.target); });
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
