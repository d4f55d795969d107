/* casework: Quiz results on top of mkdocs-quiz: score, pass mark, what to revisit. Loaded only on pages that have one; shares storage through window.casework (casework.js). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var PREFIX = cw.PREFIX, store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey, is = cw.is;

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
      var baseline = box.getAttribute("data-cw-stage") === "before";  /* before the session: a starting point, no pass or fail */
      if (answered < qs.length) {
        status.textContent = (baseline ? "" : "Pass mark: " + pass + "%. ") + "You have answered " + answered + " of " + qs.length + " questions.";
        return;
      }
      var pct = Math.round((100 * correct) / qs.length);
      var passed = pct >= pass;
      if (baseline) {
        status.textContent = "This is your starting point: you answered " + correct + " of " + qs.length + " correctly (" + pct +
          "%) before the session. There is no pass or fail here; take the same set after the session to see your change.";
        status.className = "cw-quiz-result__status cw-baseline";
      } else {
        status.textContent = (passed ? "Passed. " : "Not yet passed. ") + "You answered " + correct + " of " + qs.length +
          " correctly (" + pct + "%); the pass mark is " + pass + "%. This is a self-assessment: the answers are in the page.";
        status.className = "cw-quiz-result__status " + (passed ? "cw-pass" : "cw-fail");
      }
      var refs = Object.keys(revisit);
      if (refs.length) {
        list.appendChild(el("h3", { text: "Findings to revisit" }));
        var ul = el("ul");
        refs.forEach(function (r) { ul.appendChild(el("li", {}, [el("a", { href: revisit[r].href, text: revisit[r].label })])); });
        list.appendChild(ul);
      }
      var best = load("quiz:" + id, null, is.quiz);
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
        window.dispatchEvent(new CustomEvent("casework:set-result"));  /* training.js updates the before/after comparison */
      }
    }
    window.addEventListener("quizProgressUpdate", function () { setTimeout(update, 0); });
    var clear = result.querySelector(".cw-quiz-clear");
    if (clear) clear.addEventListener("click", function () {
      try { localStorage.removeItem("quiz_progress_" + (window.caseworkPageKey || location.pathname)); } catch (e) {}
      store("quiz:" + id, undefined);
      store("quiz-order:" + id, undefined);  /* a new attempt: quiz-answer.js shuffles the options afresh */
      if (box.getAttribute("data-cw-set")) store("set:" + box.getAttribute("data-cw-set") + ":" + box.getAttribute("data-cw-stage"), undefined);
      location.reload();
    });
    update();
  }

  cw.ready(initQuiz);
})();
