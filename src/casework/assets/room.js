/* casework: Room mode: one decision at a time for a room of practitioners. Loaded only on pages that have one; shares storage through window.casework (casework.js). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var PREFIX = cw.PREFIX, store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey;

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

  cw.ready(initRoom);
})();
