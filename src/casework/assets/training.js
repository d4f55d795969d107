/* casework: Before and after self-assessment: the learner's change, and the completion record. Loaded only on pages that have one; shares storage through window.casework (casework.js). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var PREFIX = cw.PREFIX, store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey, is = cw.is;

  /* ---------- before and after: the learner's change ---------- */
  function pctText(r) { return r ? r.correct + " of " + r.total + " (" + r.pct + "%), " + r.date : "not taken"; }
  function initCompare() {
    var box = document.querySelector(".cw-compare");
    if (!box) return;
    var id = box.getAttribute("data-cw-set");
    var before = load("set:" + id + ":before", null, is.set), after = load("set:" + id + ":after", null, is.set);
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
    var before = load("set:" + id + ":before", null, is.set), after = load("set:" + id + ":after", null, is.set);
    box.querySelector(".cw-record__before").textContent = pctText(before);
    box.querySelector(".cw-record__after").textContent = pctText(after);
    box.querySelector(".cw-record__date").textContent = after ? after.date : "not yet";
    var status = box.querySelector(".cw-record__status");
    if (after) {
      status.textContent = "Record complete: you took the after-session self-assessment on " + after.date + ". Print it or save it as PDF for your CPD file.";
      status.className = "cw-record__status cw-pass";
    }
    var name = box.querySelector(".cw-record__name");
    var nameText = box.querySelector(".cw-record__name-text");
    var show = function () { if (nameText) nameText.textContent = name.value.trim() || "not given"; };
    if (name) {
      name.value = load("record-name", "", is.str);
      show();
      name.addEventListener("input", function () { store("record-name", name.value || undefined); show(); });
    }
  }

  cw.ready(initCompare); cw.ready(initRecord);
  window.addEventListener("casework:set-result", initCompare);
})();
