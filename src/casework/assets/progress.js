/* casework: My progress: the best score on every quiz. Loaded only on pages that have one; shares storage through window.casework (casework.js). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var PREFIX = cw.PREFIX, store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey, is = cw.is;

  /* ---------- my progress ---------- */
  function initProgress() {
    var table = document.querySelector(".cw-progress");
    if (!table) return;
    table.querySelectorAll("tr[data-cw-quiz]").forEach(function (tr) {
      var rec = load("quiz:" + tr.getAttribute("data-cw-quiz"), null, is.quiz);
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

  cw.ready(initProgress);
})();
