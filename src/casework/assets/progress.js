/* casework: My progress: quizzes, self-assessment before and after, scenarios and modules on one page; export the
   record to a JSON file, import it in another browser, and clear it. Loaded only on pages that have one; shares
   storage through window.casework (casework.js).

   The record is exactly the stored values RECORD names, each checked by its shape: exporting writes them,
   importing refuses the whole file if anything in it is wrong (nothing half-imported), and clearing removes
   them and nothing else (evaluation-form drafts, form:<name>, are not part of it). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var load = cw.load, is = cw.is;
  var FORMAT = "casework-record", VERSION = 1, MAX_BYTES = 5000000;

  /* every stored value that belongs to the record: the storage key's pattern, its shape, and what it is */
  var RECORD = [
    [/^casework:quiz:[^:]+$/, is.quiz, "a quiz score"],
    [/^casework:set:[^:]+:(before|after)$/, is.set, "a self-assessment result"],
    [/^casework:scenario:[^:]+$/, is.scenario, "a scenario path"],
    [/^casework:scenario-done:[^:]+$/, is.scenarioDone, "the endings reached in a scenario"],
    [/^casework:record-name$/, is.str, "the name on your completion record"],
    [/^quiz_progress_/, is.quizAnswers, "the answers on a quiz page"],
    [/^casework:quiz-order:[^:]+$/, is.mapOf(is.listOf(is.str)), "the order of a quiz's options in this attempt"]  /* quiz-answer.js */
  ];
  function kind(key) {
    for (var i = 0; i < RECORD.length; i++) if (RECORD[i][0].test(key)) return RECORD[i];
    return null;
  }
  function recordKeys() {
    var out = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k !== null && kind(k)) out.push(k);
      }
    } catch (e) {}
    return out;
  }

  /* ---------- the tables ---------- */
  function text(tr, sel, value) { var c = tr.querySelector(sel); if (c) c.textContent = value; }
  function quizDone(id) { var r = load("quiz:" + id, null, is.quiz); return !!r && r.best >= (is.num(r.pass) ? r.pass : 80); }
  function scenarioDone(id) { var d = load("scenario-done:" + id, null, is.scenarioDone); return !!d && d.endings.length > 0; }
  function setDone(id) { return !!load("set:" + id + ":after", null, is.set); }

  function fill(root) {
    root.querySelectorAll("tr[data-cw-quiz]").forEach(function (tr) {
      var rec = load("quiz:" + tr.getAttribute("data-cw-quiz"), null, is.quiz);
      text(tr, ".cw-progress__best", rec ? rec.best + "% (last " + rec.last + "%" + (is.str(rec.date) ? ", " + rec.date : "") + ")" +
        (quizDone(tr.getAttribute("data-cw-quiz")) ? " \u2013 passed" : "") : "not taken yet");
    });
    root.querySelectorAll("tr[data-cw-set]").forEach(function (tr) {
      var id = tr.getAttribute("data-cw-set");
      var b = load("set:" + id + ":before", null, is.set), a = load("set:" + id + ":after", null, is.set);
      text(tr, ".cw-progress__before", b ? b.pct + "% (" + b.date + ")" : "not taken");
      text(tr, ".cw-progress__after", a ? a.pct + "% (" + a.date + ")" : "not taken");
      var d = a && b ? a.pct - b.pct : null;
      text(tr, ".cw-progress__change", d === null ? "\u2013" : d > 0 ? "up " + d + " points" : d < 0 ? "down " + (-d) + " points" : "no change");
    });
    root.querySelectorAll("tr[data-cw-scenario]").forEach(function (tr) {
      var d = load("scenario-done:" + tr.getAttribute("data-cw-scenario"), null, is.scenarioDone);
      var total = tr.getAttribute("data-cw-endings");
      text(tr, ".cw-progress__endings", d && d.endings.length ? d.endings.length + " of " + total : "none yet");
      text(tr, ".cw-progress__score", d && d.endings.length ? d.best + "%" : "\u2013");
    });
    root.querySelectorAll("tr[data-cw-module]").forEach(function (tr) {
      var parts = [];
      try { parts = JSON.parse(tr.getAttribute("data-cw-parts") || "[]"); } catch (e) {}
      var done = parts.filter(function (p) {
        return p.kind === "quiz" ? quizDone(p.id) : p.kind === "scenario" ? scenarioDone(p.id) : setDone(p.id);
      }).length;
      text(tr, ".cw-progress__parts", done + " of " + parts.length);
      text(tr, ".cw-progress__status", parts.length && done === parts.length ? "completed" : done ? "in progress" : "not started");
    });
  }

  /* ---------- export, import, clear ---------- */
  function exportRecord() {
    var items = {};
    recordKeys().forEach(function (k) {
      try { var v = JSON.parse(localStorage.getItem(k)); if (kind(k)[1](v)) items[k] = v; } catch (e) {}
    });
    var file = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), site: document.title.split(" - ").pop(), items: items };
    var a = cw.el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" })),
      download: "casework-record-" + file.exported.slice(0, 10) + ".json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    return Object.keys(items).length;
  }

  /* The file's problems, every one (empty: it can be imported). */
  function problems(textIn) {
    var file;
    if (textIn.length > MAX_BYTES) return ["it is too large to be a progress record"];
    try { file = JSON.parse(textIn); } catch (e) { return ["it is not valid JSON: it may be damaged or cut short"]; }
    if (!is.plain(file) || file.format !== FORMAT) return ["it is not a casework progress record (it has no \"format\": \"" + FORMAT + "\")"];
    if (file.version !== VERSION) return ["it was made by a different version of this site (record version " + String(file.version) + ", expected " + VERSION + ")"];
    if (!is.plain(file.items)) return ["its \"items\" are missing or damaged"];
    var out = [];
    Object.keys(file.items).forEach(function (k) {
      var kd = kind(k);
      if (!kd) out.push("\u201c" + k + "\u201d is not part of a progress record");
      else if (!kd[1](file.items[k])) out.push("\u201c" + k + "\u201d should be " + kd[2] + " but is damaged");
    });
    return out;
  }

  /* Replace the record with the file's: all of it or, if a write fails, none of it (the old record is put back). */
  function importRecord(items) {
    var before = {}, keys = recordKeys();
    keys.forEach(function (k) { before[k] = localStorage.getItem(k); });
    try {
      keys.forEach(function (k) { localStorage.removeItem(k); });
      Object.keys(items).forEach(function (k) { localStorage.setItem(k, JSON.stringify(items[k])); });
      return true;
    } catch (e) {
      try {
        recordKeys().forEach(function (k) { localStorage.removeItem(k); });
        keys.forEach(function (k) { localStorage.setItem(k, before[k]); });
      } catch (e2) {}
      return false;
    }
  }

  function initProgress() {
    var root = document.querySelector(".cw-progress");
    if (!root) return;
    fill(root);
    var message = root.querySelector(".cw-progress-data__message");
    function say(t) { if (message) message.textContent = t; }

    var exp = root.querySelector(".cw-progress-export");
    if (exp) exp.addEventListener("click", function () {
      var n = exportRecord();
      say(n ? "Your record (" + n + " item" + (n === 1 ? "" : "s") + ") has been saved as a file in your downloads." : "There is nothing to export yet: your record in this browser is empty.");
    });

    var input = root.querySelector(".cw-progress-import");
    if (input) input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () {
        input.value = "";
        var found = problems(String(reader.result));
        if (found.length) {
          say("This file cannot be imported, and nothing was changed: " + found.join("; ") + ". Choose a file saved with \u201cExport my record\u201d.");
          return;
        }
        var items = JSON.parse(String(reader.result)).items;
        if (recordKeys().length && !window.confirm("Importing replaces the progress saved in this browser with the file's. Continue?")) {
          say("Import cancelled; nothing was changed.");
          return;
        }
        if (!importRecord(items)) {
          say("Your browser's storage is full, so the record could not be imported; nothing was changed.");
          return;
        }
        fill(root);
        say("Imported " + Object.keys(items).length + " item" + (Object.keys(items).length === 1 ? "" : "s") + " from " + f.name + ".");
      };
      reader.onerror = function () { input.value = ""; say("This file could not be read, and nothing was changed."); };
      reader.readAsText(f);
    });

    var clear = root.querySelector(".cw-progress-clear");
    if (clear) clear.addEventListener("click", function () {
      var what = document.getElementById("cw-progress-clear-what");
      if (!window.confirm((what ? what.textContent : "Clear your progress in this browser.") + "\n\nClear it now?")) {
        say("Nothing was cleared.");
        return;
      }
      var keys = recordKeys();
      try { keys.forEach(function (k) { localStorage.removeItem(k); }); } catch (e) {}
      fill(root);
      say("Cleared: " + keys.length + " saved item" + (keys.length === 1 ? "" : "s") + ". Evaluation-form drafts were kept.");
    });
  }

  cw.ready(initProgress);
})();
