/* casework: scenarios, room mode, quiz results, checklists, print. Everything stays in this
   browser (localStorage); nothing is sent anywhere. Works from file:// and any host. */
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
  var LABEL = { stronger: "Stronger practice", mixed: "Mixed practice", weaker: "Weaker practice" };

  /* ---------- scenarios ---------- */
  /* A scenario's start and node pages load its data.js (window.cwScenarios[id]) before this script runs;
     the page says which scenario it is in data-cw-scenario. No data (say data.js did not load): the
     pages still work as plain links, without the path, replay and resume. */
  function scenarioData() {
    var page = document.querySelector(".cw-scenario[data-cw-scenario], .cw-scenario-start[data-cw-scenario]");
    var id = page && page.getAttribute("data-cw-scenario");
    var all = window.cwScenarios;
    return id && all && Object.prototype.hasOwnProperty.call(all, id) ? all[id] : null;
  }
  function pathKey(id) { return "scenario:" + id; }

  function score(data, path) {
    var got = 0, max = 0;
    path.forEach(function (step) {
      var ch = data.nodes[step.node] && data.nodes[step.node].choices[step.choice];
      if (!ch) return;
      got += data.points[ch.rating]; max += 2;
    });
    return { got: got, max: max, pct: max ? Math.round((100 * got) / max) : 0 };
  }

  function stepList(data, path, detailed) {
    var ol = el("ol", { class: "cw-steps" });
    var expected = data.start;
    path.forEach(function (step) {
      var node = data.nodes[step.node];
      if (!node) return;
      var ch = node.choices[step.choice];
      if (!ch) return;
      var li = el("li", { class: "cw-step cw-rating--" + ch.rating });
      if (step.node !== expected) {
        li.appendChild(el("p", { class: "cw-went-back", text: "You went back to \u201c" + node.title + "\u201d and chose again." }));
      }
      li.appendChild(el("p", {}, [
        el("strong", { text: node.title + ": " }),
        document.createTextNode(ch.text + " "),
        el("span", { class: "cw-badge cw-badge--" + ch.rating, text: LABEL[ch.rating] })
      ]));
      if (detailed) {
        li.appendChild(el("div", { class: "cw-step__feedback", html: ch.feedback }));
        if (ch.sources.length) li.appendChild(el("p", { class: "cw-sources", text: "Sources: " + ch.sources.join("; ") }));
      }
      ol.appendChild(li);
      expected = ch.goto;
    });
    return ol;
  }

  function initScenario() {
    var root = document.querySelector(".cw-scenario");
    var start = document.querySelector(".cw-scenario-start");
    var data = scenarioData();
    if (!data || (!root && !start)) return;
    var key = pathKey(data.id);

    if (start) {
      var path0 = load(key, []);
      var resume = start.querySelector(".cw-resume");
      if (resume && path0.length) {
        var last = path0[path0.length - 1];
        var ch0 = data.nodes[last.node] && data.nodes[last.node].choices[last.choice];
        if (ch0) {
          resume.hidden = false;
          resume.appendChild(el("p", {}, [
            document.createTextNode("You have made " + path0.length + " decision" + (path0.length === 1 ? "" : "s") + " in this scenario. "),
            el("a", { href: ch0.goto + ".html", text: "Carry on where you left off" })
          ]));
        }
      }
      var startLink = start.querySelector("a.cw-start");
      if (startLink) startLink.addEventListener("click", function () { store(key, []); });
      return;
    }

    var nodeId = root.getAttribute("data-cw-node");
    var path = load(key, []);

    root.querySelectorAll("a.cw-choice").forEach(function (a) {
      a.addEventListener("click", function () {
        var p = load(key, []);
        p.push({ node: a.getAttribute("data-cw-from"), choice: parseInt(a.getAttribute("data-cw-choice"), 10), at: new Date().toISOString() });
        store(key, p);
      });
    });

    var isEnding = root.getAttribute("data-cw-ending") === "true";
    var target = isEnding ? root.querySelector(".cw-replay") : root.querySelector(".cw-path");
    if (target && path.length) {
      var s = score(data, path);
      var h = el("h2", { text: isEnding ? "Your path, decision by decision" : "Your decisions so far" });
      target.appendChild(h);
      if (isEnding) {
        target.appendChild(el("p", { class: "cw-score", text: "Path score: " + s.got + " of " + s.max + " (" + s.pct + "%). Stronger practice scores 2, mixed 1, weaker 0." }));
      }
      target.appendChild(stepList(data, path, isEnding));
    }

    // Focus: the feedback for the choice just made, else the node's heading.
    var focusTarget = null;
    if (location.hash && location.hash.indexOf("#from-") === 0) {
      var sec = document.getElementById(location.hash.slice(1));
      if (sec) focusTarget = sec.querySelector("h2");
    }
    if (!focusTarget && document.referrer) focusTarget = document.getElementById("node-title");
    if (focusTarget) {
      // After the theme has finished its own start-up, which would otherwise take focus back.
      var moveFocus = function () { setTimeout(function () { focusTarget.focus(); }, 30); };
      if (document.readyState === "complete") moveFocus();
      else window.addEventListener("load", moveFocus);
    }
  }

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

  /* ---------- room mode ---------- */
  function initRoom() {
    var room = document.querySelector(".cw-room");
    if (!room) return;
    var start = room.getAttribute("data-cw-start");
    var current = null, picked = null;
    var reveal = room.querySelector(".cw-room__reveal");
    var next = room.querySelector(".cw-room__next");
    var notesBtn = room.querySelector(".cw-room__notes-toggle");
    var notesOn = false;

    function show(id) {
      room.querySelectorAll(".cw-room__node").forEach(function (n) {
        n.hidden = n.getAttribute("data-cw-node") !== id;
        n.querySelectorAll(".cw-room__feedback").forEach(function (f) { f.hidden = true; });
        n.querySelectorAll(".cw-room__choice").forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
        n.querySelectorAll(".cw-room__notes").forEach(function (x) { x.hidden = !notesOn; });
      });
      current = room.querySelector('.cw-room__node[data-cw-node="' + id + '"]');
      picked = null;
      next.hidden = true;
      var hasChoices = current && current.querySelector(".cw-room__choice");
      reveal.hidden = !hasChoices;
      if (current) current.querySelector("h2").focus();
    }
    function pick(i) {
      if (!current) return;
      var buttons = current.querySelectorAll(".cw-room__choice");
      if (!buttons[i]) return;
      buttons.forEach(function (b, j) { b.setAttribute("aria-pressed", j === i ? "true" : "false"); });
      picked = buttons[i];
    }
    function doReveal() {
      if (!current) return;
      current.querySelectorAll(".cw-room__feedback").forEach(function (f) { f.hidden = false; });
      if (picked) next.hidden = false;
    }
    room.addEventListener("click", function (e) {
      var b = e.target.closest(".cw-room__choice");
      if (b) pick(parseInt(b.getAttribute("data-cw-choice"), 10));
    });
    reveal.addEventListener("click", doReveal);
    next.addEventListener("click", function () { if (picked) show(picked.getAttribute("data-cw-goto")); });
    notesBtn.addEventListener("click", function () {
      notesOn = !notesOn;
      notesBtn.setAttribute("aria-pressed", String(notesOn));
      room.querySelectorAll(".cw-room__notes").forEach(function (x) {
        x.hidden = !notesOn || x.closest(".cw-room__node") !== current;
      });
    });
    room.querySelector(".cw-room__restart").addEventListener("click", function () { show(start); });
    // Capture phase on window: room keys (F, N ...) must not reach the theme's own shortcuts.
    window.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
      var k = e.key.toLowerCase();
      if (k.length === 1 && k >= "a" && k <= "e") pick(k.charCodeAt(0) - 97);
      else if (k === "f") doReveal();
      else if (k === "n") notesBtn.click();
      else if (k === "r") show(start);
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    }, true);
    show(start);
  }

  /* ---------- quiz results (on top of mkdocs-quiz) ---------- */
  function initQuiz() {
    var box = document.querySelector(".cw-quiz");
    if (!box) return;
    var id = box.getAttribute("data-cw-quiz");
    var pass = parseInt(box.getAttribute("data-cw-pass"), 10);
    var result = document.querySelector(".cw-quiz-result");
    function stored() {
      try { return JSON.parse(localStorage.getItem("quiz_progress_" + (window.caseworkPageKey || location.pathname)) || "{}"); }
      catch (e) { return {}; }
    }
    function update() {
      var state = stored();
      var qs = box.querySelectorAll(".cw-question");
      var answered = 0, correct = 0, revisit = {};
      qs.forEach(function (q) {
        var quiz = q.querySelector(".quiz");
        var st = quiz && state[quiz.id];
        if (st && st.answered) {
          answered++;
          if (st.correct) correct++;
          else JSON.parse(q.getAttribute("data-cw-revisit") || "[]").forEach(function (r) { revisit[r.ref] = r; });
        }
      });
      var status = result.querySelector(".cw-quiz-result__status");
      var list = result.querySelector(".cw-quiz-result__revisit");
      list.innerHTML = "";
      if (answered < qs.length) {
        status.textContent = "Pass mark: " + pass + "%. You have answered " + answered + " of " + qs.length + " questions.";
        return;
      }
      var pct = Math.round((100 * correct) / qs.length);
      var passed = pct >= pass;
      status.textContent = (passed ? "Passed. " : "Not yet passed. ") + "You answered " + correct + " of " + qs.length +
        " correctly (" + pct + "%); the pass mark is " + pass + "%. This is a self-assessment: the answers are in the page.";
      status.className = "cw-quiz-result__status " + (passed ? "cw-pass" : "cw-fail");
      var refs = Object.keys(revisit);
      if (refs.length) {
        list.appendChild(el("h3", { text: "Findings to revisit" }));
        var ul = el("ul");
        refs.forEach(function (r) { ul.appendChild(el("li", {}, [el("a", { href: revisit[r].href, text: revisit[r].label })])); });
        list.appendChild(ul);
      }
      var best = load("quiz:" + id, null);
      var today = new Date().toISOString().slice(0, 10);
      var rec = { title: document.title.split(" - ")[0], last: pct, best: best ? Math.max(best.best, pct) : pct, pass: pass, date: today };
      store("quiz:" + id, rec);
      var setId = box.getAttribute("data-cw-set");
      if (setId) {
        /* before-and-after sets: keep this attempt's result per finding, for the comparison and the completion record */
        var byRef = {};
        qs.forEach(function (q) {
          var quiz = q.querySelector(".quiz");
          var ok = !!(quiz && state[quiz.id] && state[quiz.id].correct);
          JSON.parse(q.getAttribute("data-cw-revisit") || "[]").forEach(function (r) {
            var c = byRef[r.ref] || (byRef[r.ref] = [0, 0]);
            c[1]++;
            if (ok) c[0]++;
          });
        });
        store("set:" + setId + ":" + box.getAttribute("data-cw-stage"),
          { pct: pct, correct: correct, total: qs.length, pass: pass, date: today, byRef: byRef });
        initCompare();
      }
    }
    window.addEventListener("quizProgressUpdate", function () { setTimeout(update, 0); });
    var clear = result.querySelector(".cw-quiz-clear");
    if (clear) clear.addEventListener("click", function () {
      try { localStorage.removeItem("quiz_progress_" + (window.caseworkPageKey || location.pathname)); } catch (e) {}
      store("quiz:" + id, undefined);
      if (box.getAttribute("data-cw-set")) store("set:" + box.getAttribute("data-cw-set") + ":" + box.getAttribute("data-cw-stage"), undefined);
      location.reload();
    });
    update();
  }

  /* ---------- before and after: the learner's change ---------- */
  function pctText(r) { return r ? r.correct + " of " + r.total + " (" + r.pct + "%), " + r.date : "not taken"; }
  function initCompare() {
    var box = document.querySelector(".cw-compare");
    if (!box) return;
    var id = box.getAttribute("data-cw-set");
    var before = load("set:" + id + ":before", null), after = load("set:" + id + ":after", null);
    var status = box.querySelector(".cw-compare__status"), holder = box.querySelector(".cw-compare__table");
    holder.innerHTML = "";
    if (!before || !after) {
      status.textContent = !before && !after ? "Answer every question before and after the session to see your change here."
        : !before ? "You have not taken the set before the session in this browser, so there is nothing to compare with."
        : "Answer every question on this page to see your change.";
      return;
    }
    var diff = after.pct - before.pct;
    status.textContent = "Before the session: " + before.pct + "%. After: " + after.pct + "%. " +
      (diff > 0 ? "Up " + diff + " points." : diff < 0 ? "Down " + (-diff) + " points." : "No change.") +
      " This is a self-assessment; it stays in this browser.";
    var labels = {};
    try { labels = JSON.parse(box.getAttribute("data-cw-labels") || "{}"); } catch (e) {}
    var refs = Object.keys(labels).filter(function (r) { return before.byRef[r] || after.byRef[r]; });
    if (!refs.length) return;
    var table = el("table", { class: "cw-compare__grid" }, [
      el("caption", { text: "Questions answered correctly, by finding" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Finding" }), el("th", { scope: "col", text: "Before" }), el("th", { scope: "col", text: "After" })])])
    ]);
    var tbody = el("tbody");
    refs.forEach(function (r) {
      var b = before.byRef[r], a = after.byRef[r];
      tbody.appendChild(el("tr", {}, [
        el("th", { scope: "row" }, [el("a", { href: labels[r].href, text: labels[r].label })]),
        el("td", { text: b ? b[0] + " of " + b[1] : "–" }),
        el("td", { text: a ? a[0] + " of " + a[1] : "–" })
      ]));
    });
    table.appendChild(tbody);
    holder.appendChild(table);
  }

  /* ---------- completion record ---------- */
  function initRecord() {
    var box = document.querySelector(".cw-record");
    if (!box) return;
    var id = box.getAttribute("data-cw-set");
    var before = load("set:" + id + ":before", null), after = load("set:" + id + ":after", null);
    box.querySelector(".cw-record__before").textContent = pctText(before);
    box.querySelector(".cw-record__after").textContent = pctText(after);
    box.querySelector(".cw-record__date").textContent = after ? after.date : "not yet";
    var status = box.querySelector(".cw-record__status");
    if (after) {
      status.textContent = "Record complete: you took the after-session self-assessment on " + after.date + ". Print it or save it as PDF for your CPD file.";
      status.className = "cw-record__status cw-pass";
    }
    var name = box.querySelector(".cw-record__name");
    if (name) {
      name.value = load("record-name", "");
      name.addEventListener("input", function () { store("record-name", name.value || undefined); });
    }
  }

  /* ---------- fillable forms (evaluation): saved in this browser, printed or downloaded ---------- */
  function initForms() {
    document.querySelectorAll("form[data-cw-save]").forEach(function (form) {
      var key = "form:" + form.getAttribute("data-cw-save");
      var saved = load(key, {});
      var fields = form.querySelectorAll("input[name], textarea[name], select[name]");
      fields.forEach(function (f) {
        if (!(f.name in saved)) return;
        if (f.type === "radio" || f.type === "checkbox") f.checked = [].concat(saved[f.name]).indexOf(f.value) >= 0;
        else f.value = saved[f.name];
      });
      var status = el("p", { class: "cw-form__saved", role: "status" });
      form.appendChild(status);
      function collect() {
        var data = {};
        fields.forEach(function (f) {
          if (f.type === "radio") { if (f.checked) data[f.name] = f.value; }
          else if (f.type === "checkbox") { if (f.checked) data[f.name] = [].concat(data[f.name] || [], f.value); }
          else if (f.value) data[f.name] = f.value;
        });
        return data;
      }
      form.addEventListener("input", function () { store(key, collect()); status.textContent = "Saved in this browser."; });
      form.addEventListener("change", function () { store(key, collect()); status.textContent = "Saved in this browser."; });
      var dl = form.querySelector(".cw-form-download");
      if (dl) dl.addEventListener("click", function () {
        var lines = [document.title.split(" - ")[0], "Saved " + new Date().toISOString().slice(0, 10), ""];
        form.querySelectorAll("fieldset, p").forEach(function (block) {
          var label = block.querySelector("legend, label[for]");
          var inputs = block.querySelectorAll("input[name], textarea[name], select[name]");
          if (!label || !inputs.length) return;
          var answer = [];
          inputs.forEach(function (f) {
            if (f.type === "radio" || f.type === "checkbox") { if (f.checked) answer.push(f.parentNode.textContent.trim()); }
            else if (f.value) answer.push(f.value);
          });
          lines.push(label.textContent.trim(), "  " + (answer.join("; ") || "(no answer)"), "");
        });
        var a = el("a", { href: URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/plain" })),
          download: form.getAttribute("data-cw-save") + ".txt" });
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
      var clear = form.querySelector(".cw-form-clear");
      if (clear) clear.addEventListener("click", function () {
        store(key, undefined);
        form.reset();
        status.textContent = "Cleared.";
      });
    });
  }

  /* ---------- my progress ---------- */
  function initProgress() {
    var table = document.querySelector(".cw-progress");
    if (!table) return;
    table.querySelectorAll("tr[data-cw-quiz]").forEach(function (tr) {
      var rec = load("quiz:" + tr.getAttribute("data-cw-quiz"), null);
      var cell = tr.querySelector(".cw-progress__best");
      cell.textContent = rec ? rec.best + "% (last " + rec.last + "%, " + rec.date + ")" + (rec.best >= rec.pass ? " \u2013 passed" : "") : "not taken yet";
    });
    var clear = document.querySelector(".cw-progress-clear");
    if (clear) clear.addEventListener("click", function () {
      try {
        Object.keys(localStorage).forEach(function (k) {
          if (k.indexOf(PREFIX) === 0 || k.indexOf("quiz_progress_") === 0) localStorage.removeItem(k);
        });
      } catch (e) {}
      location.reload();
    });
  }

  /* ---------- accessibility fixes for the theme ---------- */
  function fixTheme() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.getAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
  }

  function init() {
    fixTheme();
    initControls();
    initScenario();
    initRoom();
    initQuiz();
    initCompare();
    initRecord();
    initForms();
    initProgress();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
