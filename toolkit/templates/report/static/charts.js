/* Draws the report's charts: every div.tk-chart[data-spec] with the plotly.js embedded in the page, then sets
   window.tkChartsDone = true (and window.tkChartErrors) so the printer knows it may print.
   window.tkSwapReport(payload) lets a warm printer page show the next report without reloading plotly.js. */
(function () {
  "use strict";
  async function drawAll() {
    window.tkChartsDone = false;
    var errors = [];
    var nodes = Array.prototype.slice.call(document.querySelectorAll("div.tk-chart[data-spec]"));
    if (nodes.length && !window.Plotly) {
      errors.push("plotly.js is not loaded");
    } else {
      for (var i = 0; i < nodes.length; i++) {
        var el = nodes[i];
        try {
          var spec = JSON.parse(el.getAttribute("data-spec"));
          var config = Object.assign({ staticPlot: true, displayModeBar: false, responsive: false }, spec.config || {});
          await window.Plotly.newPlot(el, spec.data || [], spec.layout || {}, config);
          if (!el.querySelector("svg.main-svg")) { errors.push("chart " + i + " drew nothing"); }
          // plotly.js draws a trace type it does not contain as a scatter trace, without a word: say so instead
          var asked = (spec.data || []).map(function (t) { return t.type || "scatter"; }).join(", ");
          var drawn = (el._fullData || []).map(function (t) { return t.type; }).join(", ");
          if (asked !== drawn) { errors.push("chart " + i + ": trace types " + asked + " drawn as " + drawn); }
        } catch (e) {
          errors.push("chart " + i + ": " + e);
        }
      }
    }
    if (document.fonts && document.fonts.ready) { await document.fonts.ready; }
    window.tkChartErrors = errors;
    window.tkChartCount = nodes.length;
    window.tkChartsDone = true;
    return { count: nodes.length, errors: errors };
  }
  window.tkDrawCharts = drawAll;
  window.tkSwapReport = function (payload) {
    window.tkChartsDone = false;
    // a swapped-in report is only ever printed: not laid out for the screen first, only for the pages
    if (!document.getElementById("tk-print-only")) {
      var hide = document.createElement("style");
      hide.id = "tk-print-only";
      hide.textContent = "@media screen { html.tk-print-only #tk-report { display: none; } }";
      document.head.appendChild(hide);
      document.documentElement.classList.add("tk-print-only");
    }
    if (window.Plotly) {
      document.querySelectorAll("div.tk-chart").forEach(function (el) {
        try { window.Plotly.purge(el); } catch (e) { /* already gone */ }
      });
    }
    document.documentElement.lang = payload.lang;
    document.title = payload.title;
    var style = document.getElementById("tk-style");
    if (style && typeof payload.css === "string" && style.textContent !== payload.css) { style.textContent = payload.css; }
    var page = document.getElementById("tk-page");
    if (page && typeof payload.page === "string") { page.textContent = payload.page; }
    document.getElementById("tk-report").innerHTML = payload.body;
    return drawAll();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
