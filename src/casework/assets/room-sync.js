/* casework: keeps the projector and the presenter window of room mode in step, and fills the presenter panel
   (notes, prompts, timings, what comes next). Loaded after room.js, which it drives through window.casework.room.

   Which channel: both BroadcastChannel and the storage event carry messages between two windows of the same
   site in Chromium, from file:// as from http:// (tested with Chromium 156; tests/test_room.py checks the sync
   both ways). BroadcastChannel is used; the storage event is the fallback for a browser without it. */
(function () {
  "use strict";
  var cw = window.casework;
  if (cw) cw.ready(init); // after room.js's own ready(), which sets up cw.room

  function init() {
  if (!cw.room) return;
  var room = cw.room, el = room.element;
  var scenario = el.getAttribute("data-cw-scenario");
  var me = Math.random().toString(36).slice(2);
  var KEY = cw.PREFIX + "room-sync:" + scenario;
  var applying = false;

  /* ---------- the channel ---------- */
  var channel = null;
  function send(msg) {
    msg.from = me;
    if (channel) { channel.postMessage(msg); return; }
    try { localStorage.setItem(KEY, JSON.stringify(msg)); localStorage.removeItem(KEY); } catch (e) { /* storage off: no sync */ }
  }
  function receive(msg) {
    if (!msg || msg.from === me || typeof msg !== "object") return;
    if (msg.kind === "hello") send({ kind: "state", state: room.state() });
    else if (msg.kind === "state" && msg.state && Array.isArray(msg.state.path)) {
      applying = true;
      try { room.apply(msg.state); } finally { applying = false; }
      if (room.presenter) panel();
    }
  }
  if (typeof BroadcastChannel === "function") {
    channel = new BroadcastChannel("casework-room:" + scenario);
    channel.onmessage = function (e) { receive(e.data); };
  } else {
    window.addEventListener("storage", function (e) {
      if (e.key !== KEY || !e.newValue) return;
      try { receive(JSON.parse(e.newValue)); } catch (err) { /* not ours */ }
    });
  }
  room.on(function (state) {
    if (!applying) send({ kind: "state", state: state });
    if (room.presenter) panel();
  });
  send({ kind: "hello" });
  el.setAttribute("data-cw-sync", channel ? "broadcastchannel" : "storage");

  /* ---------- the presenter panel ---------- */
  if (!room.presenter) return;
  var box = el.querySelector(".cw-room__presenter-panel");
  var clock = box.querySelector(".cw-room__clock");
  var nextUp = box.querySelector(".cw-room__next-up");
  var notes = box.querySelector(".cw-room__presenter-notes");
  var started = Date.now(), nodeSince = Date.now(), lastNode = null, lastLen = 1;
  var total = parseInt(el.getAttribute("data-cw-minutes"), 10) || 0;
  var intro = parseInt(el.getAttribute("data-cw-intro"), 10) || 0;

  function mins(node) { return parseInt(node.getAttribute("data-cw-minutes"), 10) || 0; }
  function nodeById(id) { return el.querySelector('.cw-room__node[data-cw-node="' + id + '"]'); }
  function mmss(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function tick() {
    var s = room.state(), node = room.rendered();
    var planned = intro + s.path.reduce(function (a, id) { var n = nodeById(id); return a + (n ? mins(n) : 0); }, 0);
    var here = mins(node) * 60000, spent = Date.now() - nodeSince;
    clock.textContent = "";
    clock.appendChild(cw.el("p", { text: "Session " + mmss(Date.now() - started) + " of " + total + " min · planned by the end of this step: " + planned + " min" }));
    var line = cw.el("p", { text: "This step " + mmss(spent) + (here ? " of " + mins(node) + " min" : "") });
    if (here && spent > here) line.className = "cw-over";
    clock.appendChild(line);
  }
  function panel() {
    var s = room.state(), node = room.rendered();
    if (node !== lastNode) {
      if (s.path.length < lastLen) { /* going back: the clock of the step keeps running from now */ }
      nodeSince = Date.now();
      if (s.path.length === 1 && lastLen > 1) started = Date.now();
      lastNode = node;
      lastLen = s.path.length;
    }
    nextUp.textContent = "";
    var head = node.getAttribute("aria-label");
    nextUp.appendChild(cw.el("h3", { text: "Now: " + head }));
    var choice = s.pick >= 0 ? node.querySelectorAll(".cw-room__choice")[s.pick] : null;
    var text;
    if (node.hasAttribute("data-cw-ending")) text = "An ending: read the debrief, then ask the prompts. R restarts.";
    else if (s.step === "read") text = "The room reads the situation. Enter shows the choices.";
    else if (!choice) text = "Next: the room chooses (A–" + String.fromCharCode(64 + node.querySelectorAll(".cw-room__choice").length) +
      "). V takes a vote; F reveals the feedback on the choice.";
    else {
      var target = nodeById(choice.getAttribute("data-cw-goto"));
      text = "Next, with " + String.fromCharCode(65 + s.pick) + ": " + (s.step === "reveal" ? "" : "F reveals the feedback, then ") +
        "Enter goes to “" + target.getAttribute("aria-label") + "”" + (mins(target) ? " (" + mins(target) + " min)" : "") + ".";
    }
    nextUp.appendChild(cw.el("p", { text: text }));
    notes.textContent = "";
    var sources = [];
    if (s.path.length === 1) sources.push(el.querySelector(".cw-room__intro-notes"));
    sources.push(node.querySelector(".cw-room__notes"));
    sources.forEach(function (src) {
      if (!src) return;
      var copy = src.cloneNode(true);
      copy.hidden = false;
      copy.className = "cw-room__presenter-copy";
      notes.appendChild(copy);
    });
    if (!notes.childNodes.length) notes.appendChild(cw.el("p", { text: "No facilitator notes for this step." }));
    tick();
  }
  panel();
  setInterval(tick, 1000);
  }
})();
