/* casework core, on every page: browser storage, element helper, clear and print buttons, theme fixes.
   Each widget (scenario, room, quiz-result, training, forms, progress) is a file of its own, loaded only on
   pages that use it, and shares this storage through window.casework. Everything stays in this browser
   (localStorage); nothing is sent anywhere. Works from file:// and any host. */
(function () {
  "use strict";
  var PREFIX = "casework:";

  /* Storage that cannot break a page. Every stored value is read with a check of its shape; a value of
     the wrong shape (junk, null, a list where a record belongs, a __proto__ key) is discarded with a quiet
     notice and the page goes on with the fallback. store() says whether the write succeeded. */
  function notice(text) {
    var box = document.querySelector(".cw-storage-notice");
    if (!box) {
      box = el("p", { class: "cw-storage-notice", role: "status" });
      var main = document.querySelector("article") || document.body;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = text;
  }
  function store(key, value) {
    try {
      if (value === undefined) localStorage.removeItem(PREFIX + key);
      else localStorage.setItem(PREFIX + key, JSON.stringify(value));
      return true;
    } catch (e) {
      if (e && (e.name === "QuotaExceededError" || e.code === 22)) notice("Your browser's storage is full, so this was not saved.");
      return false; /* storage disabled: the pages still work, nothing is remembered */
    }
  }
  function plain(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) && !Object.prototype.hasOwnProperty.call(v, "__proto__");
  }
  var is = {
    plain: plain,
    str: function (v) { return typeof v === "string"; },
    num: function (v) { return typeof v === "number" && isFinite(v); },
    listOf: function (check) { return function (v) { return Array.isArray(v) && v.every(check); }; },
    record: function (fields) {
      return function (v) { return plain(v) && Object.keys(fields).every(function (k) { return fields[k](v[k]); }); };
    },
    mapOf: function (check) { return function (v) { return plain(v) && Object.keys(v).every(function (k) { return check(v[k]); }); }; }
  };
  /* the shapes the widgets store */
  is.bool = function (v) { return typeof v === "boolean"; };
  /* a scenario attempt: {seed, path: [{node, choice ID}]}; or the old shape, a list of {node, choice index} */
  is.scenario = function (v) {
    return is.record({ seed: is.num, path: is.listOf(is.record({ node: is.str, choice: is.str })) })(v) ||
      is.listOf(is.record({ node: is.str, choice: is.num }))(v);
  };
  is.scenarioDone = is.record({ endings: is.listOf(is.str), best: is.num, last: is.num, date: is.str });  /* endings reached */
  /* mkdocs-quiz's own answers (quiz_progress_<page>): {quiz id: {answered, correct, selectedValues?}} */
  is.quizAnswers = is.mapOf(function (q) {
    return is.record({ answered: is.bool, correct: is.bool })(q) && (q.selectedValues === undefined || is.listOf(is.str)(q.selectedValues));
  });
  is.quiz = is.record({ best: is.num, last: is.num });  /* a quiz's best and last score */
  is.set = function (v) {  /* a self-assessment stage's result */
    return is.record({ pct: is.num, correct: is.num, total: is.num, date: is.str })(v) && is.mapOf(is.listOf(is.num))(v.byRef);
  };
  function load(key, fallback, valid) {
    var raw = null, v;
    try { raw = localStorage.getItem(PREFIX + key); } catch (e) { return fallback; }
    if (raw === null) return fallback;
    try { v = JSON.parse(raw); } catch (e) { v = undefined; }
    if (v === undefined || v === null || (valid && !valid(v))) {
      store(key, undefined);
      notice("Some answers saved in this browser were damaged and have been set aside; the page works as new.");
      return fallback;
    }
    return v;
  }
  /* mkdocs-quiz reads its answers after this script (quiz.js is deferred); a damaged value would stop its
     questions working, so it is checked here first, by the same rule. */
  (function checkQuizAnswers() {
    var key = "quiz_progress_" + (window.caseworkPageKey || location.pathname), raw = null, v;
    try { raw = localStorage.getItem(key); } catch (e) { return; }
    if (raw === null) return;
    try { v = JSON.parse(raw); } catch (e) { v = undefined; }
    if (!is.quizAnswers(v)) {
      try { localStorage.removeItem(key); } catch (e) {}
      ready(function () { notice("Some answers saved in this browser were damaged and have been set aside; the page works as new."); });
    }
  })();
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

  /* Forms on these pages (evaluation forms, action plans, quiz questions) are never sent anywhere. Submitting one
     (Enter in a text box) must not reload the page; this replaces the inline onsubmit handlers that the
     Content-Security-Policy forbids. Quiz questions still get their own submit handler (mkdocs-quiz). */
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f && f.closest && f.closest(".cw-form, .quiz, .cw-question")) e.preventDefault();
  }, true);

  /* ---------- clear and print ---------- */
  function initControls() {
    document.querySelectorAll(".cw-clear").forEach(function (b) {
      b.addEventListener("click", function () {
        store(pathKey(b.getAttribute("data-cw-scenario")), undefined);
        store("scenario-done:" + b.getAttribute("data-cw-scenario"), undefined);
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
    /* a glossary tooltip (content.tooltips) can be dismissed with Escape without moving focus (WCAG 1.4.13) */
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      document.querySelectorAll(".md-tooltip2--active").forEach(function (t) { t.classList.remove("md-tooltip2--active"); });
    });
  }


  /* Run fn once the page is parsed (widget scripts come after this one, at the end of the body). */
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  window.casework = { PREFIX: PREFIX, store: store, load: load, is: is, notice: notice, el: el, LABEL: LABEL, pathKey: pathKey, ready: ready };
  ready(function () { fixTheme(); initControls(); });
})();
