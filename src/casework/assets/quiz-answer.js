/* casework: answering a quiz question, on top of mkdocs-quiz. Loaded only on pages with a quiz.
   - Options are shown in a new order on each attempt and keep that order for the whole attempt (a reload
     keeps it): the order is kept in this browser ("quiz-order:<quiz>", cleared by "Clear my answers").
     Answers are saved by each option's written position (mkdocs-quiz's value, our data-cw-opt), so a
     saved answer means the same option whatever order it is shown in. A bank with `shuffle: false`
     keeps its written order (data-cw-fixed). Print always shows the written order, lettered (casework.css).
   - "Check answer" never checks an empty answer: it says what to do instead.
   - Fill-in answers are compared as casework.content.model.normalise_answer does (case, spaces, a
     trailing % or full stop, 4.70 vs 4.7), with the question's accepted variants (data-cw-accept).
   - Multi-select feedback says which right answers were chosen, which wrong ones, and which were missed. */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  /* ---------- fill-in answers: the same normalisation as normalise_answer in Python ---------- */
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
  function normalise(text) {
    var s = String(text).toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    s = s.replace(/\s*[%.]+$/, "");
    return NUMBER.test(s) ? String(parseFloat(s)) : s;
  }
  function variants(q) {
    var v = {};
    try { v = JSON.parse(q.getAttribute("data-cw-accept") || "{}"); } catch (e) { v = {}; }
    return cw.is.plain(v) ? v : {};
  }
  /* An accepted answer is written as the blank's own answer, so mkdocs-quiz marks it right and stores it so. */
  function acceptVariants(q, blanks) {
    var accepted = variants(q);
    each(blanks, function (input) {
      var answer = input.getAttribute("data-answer") || "";
      var own = Object.prototype.hasOwnProperty.call(accepted, answer) && Array.isArray(accepted[answer]) ? accepted[answer] : [];
      if ([answer].concat(own).map(normalise).indexOf(normalise(input.value)) >= 0) input.value = answer;
    });
  }

  /* ---------- order: shuffled per attempt, kept within it ---------- */
  function shuffled(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }
  function initOrder(box) {
    var key = "quiz-order:" + box.getAttribute("data-cw-quiz");
    var orders = cw.load(key, {}, cw.is.mapOf(cw.is.listOf(cw.is.str)));
    var changed = false;
    each(box.querySelectorAll(".cw-question"), function (q) {
      var fieldset = q.querySelector(".quiz fieldset");
      if (!fieldset || q.getAttribute("data-cw-fixed") === "true") return;
      var byId = {};
      each(fieldset.querySelectorAll("div[data-cw-opt]"), function (o) { byId[o.getAttribute("data-cw-opt")] = o; });
      var ids = Object.keys(byId), qid = q.getAttribute("data-cw-qid"), order = orders[qid];
      if (ids.length < 2) return;
      var same = order && order.length === ids.length && ids.every(function (id) { return order.indexOf(id) >= 0; });
      if (!same) {  /* a new attempt, or the question's options have changed since */
        order = shuffled(ids.slice());
        orders[qid] = order;
        changed = true;
      }
      order.forEach(function (id) { fieldset.appendChild(byId[id]); });
    });
    if (changed) cw.store(key, orders);
  }

  /* ---------- multi-select feedback: right, wrong and missed ---------- */
  function label(input) {
    var l = input.parentElement.querySelector("label");
    return "“" + (l ? l.textContent.trim() : "") + "”";
  }
  function names(inputs) {
    var n = inputs.map(label);
    return n.length < 2 ? n.join("") : n.slice(0, -1).join(", ") + " and " + n[n.length - 1];
  }
  function explain(quiz) {
    var right = [], wrong = [], missed = [];
    each(quiz.querySelectorAll('input[type="checkbox"][name="answer"]'), function (i) {
      var key = i.hasAttribute("data-correct"), div = i.parentElement;
      div.classList.remove("correct", "wrong", "cw-missed");
      if (i.checked && key) { right.push(i); div.classList.add("correct"); }
      else if (i.checked) { wrong.push(i); div.classList.add("wrong"); }
      else if (key) { missed.push(i); div.classList.add("cw-missed"); }
    });
    var total = right.length + missed.length;
    var text = missed.length
      ? "You chose " + right.length + " of the " + total + " right answers; you missed " + names(missed) + "."
      : "You chose " + (total === 1 ? "the right answer" : "all " + total + " right answers") + (wrong.length ? "." : ", and no wrong ones.");
    if (wrong.length) text += " You also chose " + (wrong.length === 1 ? "a wrong answer: " : wrong.length + " wrong answers: ") + names(wrong) + ".";
    var fb = quiz.querySelector(".quiz-feedback");
    fb.innerHTML = "";
    fb.appendChild(cw.el("p", { class: "cw-quiz-summary", text: text }));
    [[right, "correct", "You chose, right"], [wrong, "incorrect", "You chose, wrong"], [missed, "cw-missed", "You missed"]].forEach(function (g) {
      g[0].forEach(function (i) {
        var own = i.parentElement.querySelector(".answer-feedback");
        fb.appendChild(cw.el("div", { class: "quiz-feedback-item cw-feedback-item " + g[1] }, [
          cw.el("p", { class: "cw-feedback-item__head", text: g[2] + ": " + label(i) }),
          own ? cw.el("div", { class: "quiz-feedback-item-content", html: own.innerHTML }) : null
        ]));
      });
    });
    fb.classList.remove("hidden");
  }

  /* ---------- checking: never an empty answer ---------- */
  function onSubmit(e) {
    var quiz = e.target && e.target.closest ? e.target.closest(".cw-question .quiz") : null;
    if (!quiz) return;
    var blanks = quiz.querySelectorAll(".quiz-blank-input"), hint = quiz.querySelector(".cw-quiz-hint"), empty;
    if (blanks.length) empty = Array.prototype.some.call(blanks, function (i) { return !i.value.trim(); });
    else empty = !quiz.querySelector('input[name="answer"]:checked');
    if (hint) hint.textContent = !empty ? "" : blanks.length ? "Type your answer in every gap first, then check it." : "Choose an answer first, then check it.";
    if (empty) {
      e.preventDefault();
      e.stopImmediatePropagation();  /* before mkdocs-quiz's own handler on the form: nothing is marked or stored */
      return;
    }
    if (blanks.length) acceptVariants(quiz.closest(".cw-question"), blanks);
    if (quiz.querySelector('input[type="checkbox"][name="answer"]')) setTimeout(function () { explain(quiz); }, 0);
  }

  function init() {
    var box = document.querySelector(".cw-quiz");
    if (!box) return;
    each(box.querySelectorAll(".cw-question .quiz"), function (quiz) {
      var form = quiz.querySelector("form"), feedback = quiz.querySelector(".quiz-feedback");
      if (form && feedback) form.insertBefore(cw.el("p", { class: "cw-quiz-hint", role: "status" }), feedback);
      var answered = quiz.querySelector('input[type="checkbox"][name="answer"]:disabled');
      if (answered) explain(quiz);  /* an answer restored by mkdocs-quiz: the same feedback as when it was checked */
    });
    initOrder(box);
  }

  document.addEventListener("submit", onSubmit, true);
  cw.ready(init);
})();
