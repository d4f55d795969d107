/* casework core, on every page: browser storage, element helper, clear and print buttons, theme fixes.
   Each widget (scenario, room, quiz-result, training, forms, progress) is a file of its own, loaded only on
   pages that use it, and shares this storage through window.casework. Everything stays in this browser
   (localStorage); nothing is sent anywhere. Works from file:// and any host. */
(function () {
  "use strict";
  var PREFIX = "casework:";

  function store(key, value) {
    try {
      if (value === undefined) localStorage.removeItem(PREFIX + key);
      else localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch (e) { /* storage disabled: the pages still work, nothing is remembered */ }
  }
  function load(key, fallback) {
    try {
      var v = localStorage.getItem(PREFIX + key);
      return v ? JSON.parse(v) : fallback;
    } catch (e) { return fallback; }
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "html") e.innerHTML = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function pathKey(id) { return "scenario:" + id; }
  var LABEL = { stronger: "Stronger practice", mixed: "Mixed practice", weaker: "Weaker practice" };

  /* ---------- clear and print ---------- */
  function initControls() {
    document.querySelectorAll(".cw-clear").forEach(function (b) {
      b.addEventListener("click", function () {
        store(pathKey(b.getAttribute("data-cw-scenario")), undefined);
        document.querySelectorAll(".cw-replay, .cw-path, .cw-resume").forEach(function (r) { r.innerHTML = ""; });
        b.textContent = "Your answers are cleared";
      });
    });
    document.querySelectorAll(".cw-print").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".cw-checklist-clear").forEach(function (b) {
      b.addEventListener("click", function () {
        var box = b.closest(".cw-checklist");
        if (box) box.querySelectorAll("input[type=checkbox]").forEach(function (i) { i.checked = false; });
      });
    });
    var stamp = function () {
      var d = new Date().toISOString().slice(0, 10);
      document.querySelectorAll(".cw-print-date").forEach(function (e) { e.textContent = d; });
    };
    stamp();
    window.addEventListener("beforeprint", stamp);
  }

  /* ---------- accessibility fixes for the theme ---------- */
  function fixTheme() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.getAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
  }


  /* Run fn once the page is parsed (widget scripts come after this one, at the end of the body). */
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  window.casework = { PREFIX: PREFIX, store: store, load: load, el: el, LABEL: LABEL, pathKey: pathKey, ready: ready };
  ready(function () { fixTheme(); initControls(); });
})();
