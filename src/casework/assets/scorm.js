/* casework: the SCORM runtime of a package made by `casework export scorm`. Never loaded on the site.
   Two roles. On the package's launch page (index.html, which has window.cwScormPackage from scorm-data.js)
   it finds the LMS's API by the standard search of parent and opener windows, keeps the one session open
   while the learner moves between pages in the frame, and reports what the site's own pages stored in this
   browser (one source of truth: mkdocs-quiz's quiz_progress_<page>, each answer by its options' written
   positions however they were shuffled, and casework's scenario attempts, {seed, path of choice IDs}):
   status, score, session time, an interaction per question answered and per scenario decision (stable
   IDs, as the QTI export), and suspend data to resume. In an LMS the suspend data is the truth: the
   package's storage keys are reset from it at launch. Without an LMS nothing is touched or sent: the pages
   work from a folder, and the site's progress and completion record read the same keys.
   On the package's other pages it only tells the launch page that an answer was stored. */
(function () {
  "use strict";
  var data = window.cwScormPackage;
  if (!data) {  /* a page in the frame */
    window.addEventListener("quizProgressUpdate", function () {
      setTimeout(function () { try { if (window.parent !== window && window.parent.cwScorm) window.parent.cwScorm.sync(); } catch (e) {} }, 0);
    });
    return;
  }

  var v12 = data.version !== "2004";
  var FN = v12 ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate" };
  var NAME = v12 ? "API" : "API_1484_11";
  var LIMIT = v12 ? 4096 : 64000;  /* cmi.suspend_data: SCORM 1.2 and 2004 4th edition */
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  var QP = "quiz_progress_", CW = "casework:";
  var started = new Date();

  /* ---------- the LMS's API ---------- */
  function search(win) {
    for (var hops = 0; win && hops < 500; hops++) {
      try { if (win[NAME]) return win[NAME]; } catch (e) { /* a frame from another host: keep climbing */ }
      var up = null;
      try { up = win.parent; } catch (e) { up = null; }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }
  function findAPI() {
    var api = search(window);
    try { if (!api && window.opener) api = search(window.opener); } catch (e) {}
    try { if (!api && window.top && window.top.opener) api = search(window.top.opener); } catch (e) {}
    return api;
  }
  var api = findAPI(), live = false, finished = false;
  try { live = !!api && String(api[FN.init]("")) === "true"; } catch (e) { live = false; }
  function get(k) { try { return String(api[FN.get](k)); } catch (e) { return ""; } }
  function put(k, v) { try { return String(api[FN.set](k, String(v))) === "true"; } catch (e) { return false; } }
  function commit() { try { api[FN.commit](""); } catch (e) {} }

  /* ---------- what the pages stored ---------- */
  function plain(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function read(key) {
    try { var raw = localStorage.getItem(key); return raw === null ? null : JSON.parse(raw); } catch (e) { return null; }
  }
  function write(key, value) {
    try { if (value === undefined) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value)); } catch (e) {}
  }
  function answer(st) {  /* a question's stored answer, or null */
    return plain(st) && st.answered === true && typeof st.correct === "boolean" ? st : null;
  }
  /* An answer's values: for a choice, the options' written positions (mkdocs-quiz lists them in the order shown,
     which is shuffled), in the written order; for a fill-in, the words typed, gap by gap. */
  function chosen(q, a) {
    var vals = (Array.isArray(a.selectedValues) ? a.selectedValues : []).map(String);
    return q.type === "choice" ? vals.sort(function (x, y) { return parseInt(x, 10) - parseInt(y, 10); }) : vals;
  }
  /* A scenario attempt as scenario.js saves it, {seed, path: [{node, choice: choice ID, again?, at?}]}, or the old
     shape (a list of {node, choice: written index}), read as {seed, path: [{node, i: the choice's written index}]}:
     a step whose node or choice this package does not know is dropped, as scenario.js drops it. */
  function attempt(id, v) {
    var nodes = data.scenarios[id].nodes, old = Array.isArray(v);
    var list = old ? v : plain(v) && Array.isArray(v.path) ? v.path : [];
    var path = [];
    list.forEach(function (st) {
      var node = plain(st) && typeof st.node === "string" && Object.prototype.hasOwnProperty.call(nodes, st.node) ? nodes[st.node] : null;
      if (!node) return;
      var i = old ? (typeof st.choice === "number" && st.choice >= 0 && st.choice < node.choices.length ? st.choice : -1)
        : node.choices.indexOf(st.choice);
      if (i >= 0) path.push({ node: st.node, i: i, again: st.again === true, at: typeof st.at === "string" ? st.at : "" });
    });
    var seed = !old && plain(v) && typeof v.seed === "number" && isFinite(v.seed) ? v.seed : null;
    return { seed: seed, path: path };
  }
  var pages = Object.keys(data.pages), scenarios = Object.keys(data.scenarios);
  function records() {  /* the site's result records for this package's banks and sets */
    var keys = data.banks.map(function (b) { return CW + "quiz:" + b; });
    data.sets.forEach(function (s) { keys.push(CW + "set:" + s + ":before", CW + "set:" + s + ":after"); });
    return keys;
  }
  function owned() {
    return pages.map(function (p) { return QP + p; })
      .concat(scenarios.map(function (id) { return CW + "scenario:" + id; }), records());
  }
  function snapshot() {
    var s = { q: {}, p: {} };
    pages.forEach(function (p) { var st = read(QP + p); s.q[p] = plain(st) ? st : {}; });
    scenarios.forEach(function (id) { s.p[id] = attempt(id, read(CW + "scenario:" + id)); });
    return s;
  }
  function result(s) {
    var total = 0, answered = 0, right = 0, ended = true;
    pages.forEach(function (p) {
      Object.keys(data.pages[p]).forEach(function (el) {
        if (!data.pages[p][el].scored) return;
        total++;
        var a = answer(s.q[p][el]);
        if (a) { answered++; if (a.correct) right++; }
      });
    });
    scenarios.forEach(function (id) {
      var sc = data.scenarios[id], path = s.p[id].path, last = path[path.length - 1];
      if (!last || sc.endings.indexOf(sc.nodes[last.node].goto[last.i]) < 0) ended = false;
    });
    var pct = total ? Math.round((100 * right) / total) : 0;
    var status = total ? (answered < total ? "incomplete" : pct >= data.pass ? "passed" : "failed") : (ended ? "completed" : "incomplete");
    return { status: status, pct: pct, scored: total > 0 && answered > 0, answered: answered, total: total };
  }

  /* ---------- suspend data: the same keys, compact ----------
     {v: 2, h: the package's question layout, q: {page number: [answer per question]}, p: {scenario: "node.choice ..."},
     s: {scenario: the attempt's shuffle seed, base 36}, r: the site's result records}. A decision is the node's and
     the choice's written positions, "+" after one taken again (the learner went back). An answer is 0 (none) or
     "1"/"0" (right or not) then the letters chosen (by written position), or for a fill-in the words typed, "|"
     between gaps. Numbers count in the package's own (sorted) lists, and `h` says
     which: a package updated between sessions drops the old answers rather than misplace them. */
  function encode(s, withRecords) {
    var out = { v: 2, h: data.layout, q: {}, p: {}, s: {} };
    pages.forEach(function (p, i) {
      var els = Object.keys(data.pages[p]), any = false;
      var row = els.map(function (el) {
        var a = answer(s.q[p][el]);
        if (!a) return 0;
        any = true;
        var vals = chosen(data.pages[p][el], a);
        return (a.correct ? "1" : "0") + (data.pages[p][el].type === "choice"
          ? vals.map(function (v) { return LETTERS.charAt(parseInt(v, 10)) || ""; }).join("")
          : vals.map(function (v) { return v.replace(/\|/g, "/").slice(0, 40); }).join("|"));
      });
      if (any) out.q[i] = row;
    });
    scenarios.forEach(function (id) {
      var ids = Object.keys(data.scenarios[id].nodes), a = s.p[id];
      if (!a.path.length) return;
      out.p[id] = a.path.map(function (st) { return ids.indexOf(st.node) + "." + st.i + (st.again ? "+" : ""); }).join(" ");
      if (a.seed !== null) out.s[id] = Math.floor(Math.abs(a.seed)).toString(36);
    });
    if (withRecords) {
      out.r = {};
      records().forEach(function (k) { var v = read(k); if (plain(v)) out.r[k.replace(CW, "")] = v; });
    }
    var text = JSON.stringify(out);
    if (text.length > LIMIT && withRecords) return encode(s, false);  /* the records are rebuilt when their page is next opened */
    while (text.length > LIMIT) {  /* a long wander through a scenario: keep the latest decisions (the last decides the ending) */
      var longest = Object.keys(out.p).sort(function (a, b) { return out.p[b].length - out.p[a].length; })[0];
      if (!longest || out.p[longest].indexOf(" ") < 0) break;
      var kept = out.p[longest].split(" ");
      out.p[longest] = kept.slice(Math.ceil(kept.length / 4)).join(" ");
      text = JSON.stringify(out);
    }
    return text;
  }
  function restore(text) {
    owned().forEach(function (k) { write(k, undefined); });
    var d = null;
    try { d = JSON.parse(text); } catch (e) { d = null; }
    if (!plain(d) || d.v !== 2) return;
    if (d.h === data.layout && plain(d.q)) {
      pages.forEach(function (p, i) {
        var row = d.q[i], els = Object.keys(data.pages[p]), st = {};
        if (!Array.isArray(row)) return;
        els.forEach(function (el, j) {
          var a = row[j];
          if (typeof a !== "string" || !a) return;
          var rest = a.slice(1), vals = data.pages[p][el].type === "choice"
            ? rest.split("").map(function (c) { return String(LETTERS.indexOf(c)); }) : rest.split("|");
          st[el] = { answered: true, correct: a.charAt(0) === "1", selectedValues: vals };
        });
        write(QP + p, st);
      });
    }
    Object.keys(plain(d.p) ? d.p : {}).forEach(function (id) {
      if (!data.scenarios[id] || typeof d.p[id] !== "string") return;
      var nodes = data.scenarios[id].nodes, ids = Object.keys(nodes), path = [];
      d.p[id].split(" ").forEach(function (x) {
        var parts = x.split("."), node = ids[parseInt(parts[0], 10)], ch = node && nodes[node].choices[parseInt(parts[1], 10)];
        if (!ch) return;
        var st = { node: node, choice: ch };
        if (/\+$/.test(x)) st.again = true;
        path.push(st);
      });
      var seed = plain(d.s) && typeof d.s[id] === "string" ? parseInt(d.s[id], 36) : NaN;
      write(CW + "scenario:" + id, { seed: isFinite(seed) ? seed : Math.floor(Math.random() * 4294967296), path: path });
    });
    var keys = records();
    Object.keys(plain(d.r) ? d.r : {}).forEach(function (k) { if (keys.indexOf(CW + k) >= 0 && plain(d.r[k])) write(CW + k, d.r[k]); });
  }

  /* ---------- reporting ---------- */
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function clock(d) { return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()); }
  function stamp(d) { return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + "T" + clock(d); }
  function span(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    s = s % 60;
    return v12 ? (h < 10 ? "000" : h < 100 ? "00" : h < 1000 ? "0" : "") + Math.min(h, 9999) + ":" + two(m) + ":" + two(s)
      : "PT" + h + "H" + m + "M" + s + "S";
  }
  var count = live ? parseInt(get("cmi.interactions._count"), 10) || 0 : 0;
  function interaction(o) {
    var base = "cmi.interactions." + count++ + ".";
    put(base + "id", o.id);
    put(base + "type", o.type);
    if (o.correct) put(base + "correct_responses.0.pattern", o.correct);
    put(base + (v12 ? "student_response" : "learner_response"), o.response);
    put(base + "result", o.result === "wrong" && !v12 ? "incorrect" : o.result);
    put(base + "weighting", o.weight);
    put(base + (v12 ? "time" : "timestamp"), v12 ? clock(new Date()) : stamp(new Date()));
  }
  var JOIN = v12 ? "," : "[,]";
  function questionInteraction(q, a) {
    var vals = chosen(q, a);
    var response = q.type === "choice" ? vals.map(function (v) { return LETTERS.charAt(parseInt(v, 10)) || "z"; }).join(JOIN)
      : vals.join(JOIN).slice(0, 250);
    interaction({ id: q.id, type: q.type, response: response, correct: q.correct.join(JOIN).slice(0, 250),
      result: a.correct ? "correct" : "wrong", weight: q.scored ? 1 : 0 });
  }
  var seen = {};
  function diff(s, reportNew) {
    pages.forEach(function (p) {
      Object.keys(data.pages[p]).forEach(function (el) {
        var a = answer(s.q[p][el]), k = p + "|" + el;
        if (!a) { delete seen[k]; return; }
        var sig = (a.correct ? 1 : 0) + JSON.stringify(chosen(data.pages[p][el], a));
        if (seen[k] !== sig && reportNew) questionInteraction(data.pages[p][el], a);
        seen[k] = sig;
      });
    });
    /* a decision is new unless the same step (node, choice, when) was there before at its place in the path:
       going back and choosing again, or starting again, reports the decisions from there on */
    scenarios.forEach(function (id) {
      var path = s.p[id].path, k = "scenario|" + id, before = seen[k] || [], sc = data.scenarios[id];
      var sigs = path.map(function (st) { return st.node + "." + st.i + "." + st.at; }), from = 0;
      while (from < sigs.length && from < before.length && sigs[from] === before[from]) from++;
      for (var i = from; reportNew && i < path.length; i++) {
        var node = sc.nodes[path[i].node], r = node.ratings[path[i].i], best = [];
        node.ratings.forEach(function (x, j) { if (x === "stronger") best.push(LETTERS.charAt(j)); });
        interaction({ id: node.id, type: "choice", response: LETTERS.charAt(path[i].i), correct: best.join(JOIN),
          result: r === "stronger" ? "correct" : r === "mixed" ? "neutral" : "wrong", weight: 0 });
      }
      seen[k] = sigs;
    });
  }
  var last = {};
  function report(r, suspend) {
    var changed = false;
    function once(k, v) { if (last[k] !== v) { put(k, v); last[k] = v; changed = true; } }
    if (v12) {
      once("cmi.core.lesson_status", r.status);
    } else {
      once("cmi.completion_status", r.status === "incomplete" ? "incomplete" : "completed");
      once("cmi.success_status", r.status === "passed" ? "passed" : r.status === "failed" ? "failed" : "unknown");
    }
    if (r.scored) {
      var score = v12 ? "cmi.core.score." : "cmi.score.";
      once(score + "min", "0"); once(score + "max", "100"); once(score + "raw", String(r.pct));
      if (!v12) once("cmi.score.scaled", String(r.pct / 100));
    }
    once("cmi.suspend_data", suspend);
    return changed;
  }
  var statusText = null;
  function show(r) {
    var box = document.getElementById("cw-launch-status");
    if (!box) return;
    var text = !live ? "Not connected to a learning platform: your answers are kept in this browser only."
      : "Your progress is saved to your learning platform. " + (r.total ? "Answered " + r.answered + " of " + r.total + "; " : "") +
        (r.status === "passed" ? "passed (" + r.pct + "%)." : r.status === "failed" ? "not yet passed (" + r.pct + "%)." : r.status === "completed" ? "completed." : "in progress.");
    if (text !== statusText) { box.textContent = text; statusText = text; }
  }
  function sync() {
    var s = snapshot(), r = result(s);
    if (live && !finished) {
      var before = count;
      diff(s, true);
      if (report(r, encode(s, true)) || count !== before) commit();
    }
    show(r);
    return r;
  }

  /* ---------- the session ---------- */
  function frame() { return document.getElementById("cw-launch-frame"); }
  function here() {  /* the page in the frame, relative to the package */
    try {
      var base = location.href.replace(/[#?].*$/, "").replace(/[^/]*$/, ""), at = frame().contentWindow.location.href;
      return at.indexOf(base) === 0 ? at.slice(base.length).replace(/[#?].*$/, "") : null;
    } catch (e) { return null; }
  }
  function finish() {
    if (!live || finished) return;
    sync();
    var r = result(snapshot());
    put(v12 ? "cmi.core.session_time" : "cmi.session_time", span(new Date() - started));
    put(v12 ? "cmi.core.exit" : "cmi.exit", r.status === "incomplete" ? "suspend" : v12 ? "" : "normal");
    commit();
    finished = true;
    try { api[FN.finish](""); } catch (e) {}
  }
  if (live) {
    restore(get("cmi.suspend_data"));
    diff(snapshot(), false);  /* what was restored was reported in an earlier session */
  }
  var bookmark = live ? get(v12 ? "cmi.core.lesson_location" : "cmi.location") : "";
  window.cwScorm = { sync: sync, finish: finish, live: live, encode: function () { return encode(snapshot(), true); } };
  window.addEventListener("storage", function () { sync(); });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  document.addEventListener("DOMContentLoaded", function () {
    var f = frame();
    if (!f) return;
    if (bookmark && /^[\w./-]+\.html$/.test(bookmark) && bookmark.indexOf("..") < 0 && bookmark !== data.start) f.src = bookmark;
    f.addEventListener("load", function () {
      var at = here();
      if (live && at && /^[\w./-]+\.html$/.test(at)) put(v12 ? "cmi.core.lesson_location" : "cmi.location", at);
      sync();
    });
    sync();
  });
})();
