/* casework: evaluation results for trainers. Reads the answer files learners download from the evaluation forms
   (forms.js: JSON, format "casework-evaluation" version 1), chosen or dropped, any number at once, in this browser
   only: nothing is uploaded or stored. Shows the counts per rating as bar charts drawn here in SVG, the change
   from before to after, and the free-text answers; exports CSV. A damaged or foreign file is named and skipped
   whole: a file is checked completely before anything from it is counted. */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var el = cw.el, SVG = "http://www.w3.org/2000/svg";
  var STAGES = [["evaluation-before", "Before"], ["evaluation-after", "After"], ["evaluation-follow-up", "Follow-up"]];
  var COLOURS = { "evaluation-before": "#3949ab", "evaluation-after": "#2e7d32", "evaluation-follow-up": "#a84300" };
  var TYPES = { rating: 1, choice: 1, text: 1, "long-text": 1, date: 1 };
  var PRIVATE = { name: 1, manager: 1 }; // names are never shown or exported
  var MAX_BYTES = 1000000;

  function stageName(form) {
    for (var i = 0; i < STAGES.length; i++) if (STAGES[i][0] === form) return STAGES[i][1];
    return form;
  }

  /* Why a parsed file cannot be used, or "" when every part of it is right. */
  function problem(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return "it is not an evaluation answers file";
    if (data.format !== "casework-evaluation") return "it is not a casework evaluation answers file (no format \"casework-evaluation\")";
    if (data.version !== 1) return "it is version " + String(data.version) + ", and this page reads version 1";
    if (typeof data.form !== "string" || !/^[a-z0-9-]{1,60}$/.test(data.form)) return "its form name is missing or wrong";
    if (typeof data.saved !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(data.saved)) return "its date (saved) is missing or wrong";
    if (data.text !== undefined && typeof data.text !== "string") return "its text is not text";
    if (!Array.isArray(data.answers) || data.answers.length > 300) return "its answers are missing";
    for (var i = 0; i < data.answers.length; i++) {
      var a = data.answers[i], where = "answer " + (i + 1);
      if (!a || typeof a !== "object") return where + " is not an answer";
      if (typeof a.name !== "string" || !/^[A-Za-z0-9_-]{1,60}$/.test(a.name)) return where + " has no field name";
      if (typeof a.question !== "string" || a.question.length > 2000) return where + " has no question";
      if (!TYPES[a.type]) return where + " has an unknown type";
      if (typeof a.value !== "string" || a.value.length > 20000) return where + " has no value";
      if (a.type === "rating" && a.value !== "" && !/^[1-5]$/.test(a.value)) return where + " has a rating '" + a.value.slice(0, 10) + "' that is not 1 to 5";
    }
    return "";
  }

  function initResults() {
    var box = document.querySelector(".cw-eval-results");
    if (!box) return;
    var input = box.querySelector("input[type=file]");
    var drop = box.querySelector(".cw-results__drop");
    var messages = box.querySelector(".cw-results__messages");
    var out = box.querySelector(".cw-results__out");
    var csvButton = box.querySelector(".cw-results__csv");
    var clearButton = box.querySelector(".cw-results__clear");
    var files = [], seen = {};

    function read(file) {
      if (!/\.json$/i.test(file.name)) return Promise.resolve({ file: file.name, error: "it is not a .json answers file" });
      if (file.size > MAX_BYTES) return Promise.resolve({ file: file.name, error: "it is too large to be an answers file" });
      return file.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { return { file: file.name, error: "it is damaged or cut short (not valid JSON)" }; }
        var why = problem(data);
        if (why) return { file: file.name, error: why };
        if (seen[text]) return { file: file.name, error: "it is the same as " + seen[text] + ", which is already counted" };
        seen[text] = file.name;
        return { file: file.name, data: data };
      }, function () { return { file: file.name, error: "it could not be read" }; });
    }
    function add(list) {
      list = Array.prototype.slice.call(list || []);
      if (!list.length) return;
      Promise.all(list.map(read)).then(function (results) {
        var ok = 0, skipped = [];
        results.forEach(function (r) { if (r.error) skipped.push(r); else { files.push(r); ok++; } });
        messages.textContent = "";
        messages.appendChild(el("p", { text: ok + " file" + (ok === 1 ? "" : "s") + " added; " + files.length + " in the results." }));
        if (skipped.length) {
          var ul = el("ul", { class: "cw-results__skipped" });
          skipped.forEach(function (r) { ul.appendChild(el("li", { text: r.file + ": skipped, because " + r.error + "." })); });
          messages.appendChild(el("p", { text: skipped.length + " skipped, and nothing from them counted:" }));
          messages.appendChild(ul);
        }
        render();
      });
    }

    /* ---------- the combined results ---------- */
    function collect() {
      var ratings = {}, order = [], texts = {}, stages = {};
      files.forEach(function (f) {
        var d = f.data;
        stages[d.form] = (stages[d.form] || 0) + 1;
        d.answers.forEach(function (a) {
          if (PRIVATE[a.name]) return;
          if (a.type === "rating") {
            if (!ratings[a.name]) { ratings[a.name] = { question: a.question.replace(/^\d+\.\s*/, ""), counts: {} }; order.push(a.name); }
            var c = ratings[a.name].counts[d.form] = ratings[a.name].counts[d.form] || [0, 0, 0, 0, 0];
            if (a.value) c[parseInt(a.value, 10) - 1]++;
          } else if (a.type === "long-text" && a.value.trim()) {
            var key = d.form + "|" + a.question;
            (texts[key] = texts[key] || { form: d.form, question: a.question, answers: [] }).answers.push(a.value.trim());
          }
        });
      });
      var forms = STAGES.map(function (s) { return s[0]; }).filter(function (f) { return stages[f]; });
      Object.keys(stages).forEach(function (f) { if (forms.indexOf(f) < 0) forms.push(f); });
      return { ratings: ratings, order: order, texts: texts, stages: stages, forms: forms };
    }
    function mean(c) {
      var n = c ? c.reduce(function (a, b) { return a + b; }, 0) : 0;
      return n ? c.reduce(function (a, b, i) { return a + b * (i + 1); }, 0) / n : null;
    }
    function svg(tag, attrs) {
      var e = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      return e;
    }
    function chart(name, q, forms) {
      var W = 520, H = 190, top = 18, base = 150, group = (W - 40) / 5, bar = Math.min(28, (group - 12) / forms.length);
      var max = 1;
      forms.forEach(function (f) { (q.counts[f] || []).forEach(function (n) { if (n > max) max = n; }); });
      var label = q.question + ": " + forms.map(function (f) {
        return stageName(f) + " " + (q.counts[f] || [0, 0, 0, 0, 0]).map(function (n, i) { return (i + 1) + ": " + n; }).join(", ");
      }).join("; ");
      var s = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": label, class: "cw-results__chart", "data-cw-question": name });
      s.appendChild(svg("line", { x1: 30, y1: base, x2: W - 5, y2: base, stroke: "#333" }));
      for (var r = 0; r < 5; r++) {
        var gx = 35 + r * group;
        forms.forEach(function (f, j) {
          var n = (q.counts[f] || [0, 0, 0, 0, 0])[r], h = Math.round(((base - top) * n) / max), x = gx + j * (bar + 2);
          var rect = svg("rect", { x: x, y: base - h, width: bar, height: h, fill: COLOURS[f] || "#555", "data-cw-count": n, "data-cw-stage": f, "data-cw-rating": r + 1 });
          s.appendChild(rect);
          var t = svg("text", { x: x + bar / 2, y: base - h - 4, "text-anchor": "middle", "font-size": 12, fill: "#111" });
          t.textContent = String(n);
          s.appendChild(t);
        });
        var lab = svg("text", { x: gx + (forms.length * (bar + 2)) / 2, y: base + 18, "text-anchor": "middle", "font-size": 13, fill: "#111" });
        lab.textContent = String(r + 1);
        s.appendChild(lab);
      }
      var cap = svg("text", { x: W / 2, y: H - 4, "text-anchor": "middle", "font-size": 12, fill: "#333" });
      cap.textContent = "rating (1 not at all, 5 very)";
      s.appendChild(cap);
      return s;
    }
    function legend(forms) {
      var p = el("p", { class: "cw-results__legend" });
      forms.forEach(function (f) {
        var key = el("span", { class: "cw-results__key", style: "background:" + (COLOURS[f] || "#555") });
        key.setAttribute("aria-hidden", "true");
        p.appendChild(key);
        p.appendChild(document.createTextNode(" " + stageName(f) + " "));
      });
      return p;
    }
    function render() {
      out.textContent = "";
      csvButton.disabled = !files.length;
      if (!files.length) return;
      var r = collect(), forms = r.forms;
      out.appendChild(el("h2", { text: "Combined results", id: "combined-results" }));
      out.appendChild(el("p", { text: files.length + " answer files: " + forms.map(function (f) { return r.stages[f] + " " + stageName(f).toLowerCase(); }).join(", ") + "." }));
      if (r.order.length) {
        out.appendChild(el("h3", { text: "Change from before to after" }));
        var t = el("table", { class: "cw-results__change" });
        var head = el("tr", {}, [el("th", { scope: "col", text: "Question" })]);
        forms.forEach(function (f) { head.appendChild(el("th", { scope: "col", text: stageName(f) + " (mean)" })); });
        var paired = forms.indexOf("evaluation-before") >= 0 && forms.indexOf("evaluation-after") >= 0;
        if (paired) head.appendChild(el("th", { scope: "col", text: "Change, before to after" }));
        t.appendChild(el("thead", {}, [head]));
        var body = el("tbody");
        r.order.forEach(function (name) {
          var q = r.ratings[name], tr = el("tr", { "data-cw-question": name }, [el("th", { scope: "row", text: q.question })]);
          forms.forEach(function (f) {
            var m = mean(q.counts[f]), n = (q.counts[f] || []).reduce(function (a, b) { return a + b; }, 0);
            tr.appendChild(el("td", { text: m === null ? "–" : m.toFixed(1) + " (" + n + ")" }));
          });
          if (paired) {
            var b = mean(q.counts["evaluation-before"]), a = mean(q.counts["evaluation-after"]);
            tr.appendChild(el("td", { class: "cw-results__delta", text: a === null || b === null ? "–" : (a - b >= 0 ? "+" : "−") + Math.abs(a - b).toFixed(1) }));
          }
          body.appendChild(tr);
        });
        t.appendChild(body);
        out.appendChild(t);
        out.appendChild(el("h3", { text: "Ratings, counted" }));
        out.appendChild(legend(forms));
        r.order.forEach(function (name) {
          var fig = el("figure", { class: "cw-results__figure" });
          fig.appendChild(chart(name, r.ratings[name], forms));
          fig.appendChild(el("figcaption", { text: r.ratings[name].question }));
          out.appendChild(fig);
        });
      }
      var keys = Object.keys(r.texts);
      if (keys.length) {
        out.appendChild(el("h3", { text: "What people wrote" }));
        keys.sort(function (x, y) { return forms.indexOf(r.texts[x].form) - forms.indexOf(r.texts[y].form); }).forEach(function (k) {
          var item = r.texts[k];
          out.appendChild(el("h4", { text: stageName(item.form) + ": " + item.question }));
          var ul = el("ul", { class: "cw-results__texts" });
          item.answers.forEach(function (text) { ul.appendChild(el("li", { text: text })); });
          out.appendChild(ul);
        });
      }
    }

    /* ---------- CSV: one row per answer; names left out; a cell that a spreadsheet would run as a formula is quoted as text ---------- */
    function cell(v) {
      v = String(v);
      if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
      return '"' + v.replace(/"/g, '""') + '"';
    }
    csvButton.addEventListener("click", function () {
      var rows = [["file", "form", "saved", "field", "question", "type", "value"].join(",")];
      files.forEach(function (f) {
        f.data.answers.forEach(function (a) {
          if (PRIVATE[a.name]) return;
          rows.push([f.file, f.data.form, f.data.saved, a.name, a.question, a.type, a.value].map(cell).join(","));
        });
      });
      var link = el("a", { href: URL.createObjectURL(new Blob([rows.join("\r\n") + "\r\n"], { type: "text/csv" })), download: "evaluation-results.csv" });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    clearButton.addEventListener("click", function () {
      files = [];
      seen = {};
      input.value = "";
      messages.textContent = "Cleared: no files in the results.";
      render();
    });
    input.addEventListener("change", function () { add(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("cw-results__drop--over"); });
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("cw-results__drop--over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("cw-results__drop--over");
      add(e.dataTransfer && e.dataTransfer.files);
    });
    box.setAttribute("data-cw-ready", "true");
  }

  cw.ready(initResults);
})();
