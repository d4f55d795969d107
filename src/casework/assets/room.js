/* casework: room mode, one decision at a time on a projector. Loaded only on pages that have one.
   The place (the path taken, the step, the room's choice and its vote) lives in the address hash, so a
   reload or a shared link keeps it: #at=n1,n2&step=reveal&pick=B&votes=3,5,1 (view=presenter opens the
   presenter layout). room-sync.js keeps a presenter window and the projector in step through window.casework.room. */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var STEPS = ["read", "choose", "reveal"];

  function initRoom() {
    var room = document.querySelector(".cw-room");
    if (!room) return;
    var start = room.getAttribute("data-cw-start");
    var stage = room.querySelector(".cw-room__stage");
    var status = room.querySelector(".cw-room__status");
    var where = room.querySelector(".cw-room__where");
    var keys = room.querySelector(".cw-room__keys");
    var nodes = {};
    room.querySelectorAll(".cw-room__node").forEach(function (n) { nodes[n.getAttribute("data-cw-node")] = n; });
    var state = { path: [start], step: "choose", pick: -1, votes: [] };
    var local = { presenter: false, notes: false, tally: false };
    var listeners = [];
    var shownNode = null;

    /* ---------- the graph ---------- */
    function node() { return nodes[state.path[state.path.length - 1]]; }
    function choices(n) { return n ? Array.prototype.slice.call(n.querySelectorAll(".cw-room__choice")) : []; }
    function isEnding(n) { return n.hasAttribute("data-cw-ending"); }
    function leadsTo(fromId, toId) {
      return choices(nodes[fromId]).some(function (b) { return b.getAttribute("data-cw-goto") === toId; });
    }
    function letter(i) { return String.fromCharCode(65 + i); }

    /* ---------- fitting the screen ---------- */
    function overflows() { return stage.scrollHeight > stage.clientHeight + 1; }
    function measureLong(n) {
      // Shown in the choose step with the whole situation: does it fit? If not, it gets a read step first.
      if (local.presenter) return false;
      var step = room.getAttribute("data-cw-step");
      room.setAttribute("data-cw-step", "choose");
      n.classList.remove("cw-room__node--long");
      var shown = Object.keys(nodes).map(function (id) { var h = nodes[id].hidden; nodes[id].hidden = nodes[id] !== n; return h; });
      var long = overflows();
      Object.keys(nodes).forEach(function (id, i) { nodes[id].hidden = shown[i]; });
      room.setAttribute("data-cw-step", step || "choose");
      return long;
    }
    function isLong(n) {
      if (!n.hasAttribute("data-cw-long")) n.setAttribute("data-cw-long", String(measureLong(n)));
      return n.getAttribute("data-cw-long") === "true";
    }
    function firstStep(n) { return isLong(n) ? "read" : "choose"; }

    /* ---------- the address ---------- */
    function toHash() {
      var h = "at=" + state.path.map(encodeURIComponent).join(",") + "&step=" + state.step;
      if (state.pick >= 0) h += "&pick=" + letter(state.pick);
      if (state.votes.some(function (v) { return v > 0; })) h += "&votes=" + state.votes.join(",");
      if (local.presenter) h += "&view=presenter";
      return "#" + h;
    }
    function fromHash(hash) {
      var q = {};
      hash.replace(/^#/, "").split("&").forEach(function (kv) {
        var i = kv.indexOf("=");
        if (i > 0) { try { q[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { /* a broken escape: ignored */ } }
      });
      local.presenter = q.view === "presenter";
      if (!q.at) return false;
      var path = [start], wrong = false;
      q.at.split(",").forEach(function (id, i) {
        if (wrong || i === 0) { wrong = wrong || id !== start; return; }
        if (nodes[id] && leadsTo(path[path.length - 1], id)) path.push(id);
        else wrong = true;
      });
      var n = nodes[path[path.length - 1]];
      var step = STEPS.indexOf(q.step) >= 0 ? q.step : firstStep(n);
      var pick = q.pick && /^[A-Z]$/.test(q.pick) ? q.pick.charCodeAt(0) - 65 : -1;
      if (pick >= choices(n).length) pick = -1;
      if (isEnding(n) && step === "reveal") step = "choose";
      if (step === "reveal" && pick < 0) step = "choose";
      var votes = (q.votes || "").split(",").map(function (v) { var x = parseInt(v, 10); return x >= 0 && x < 10000 ? x : 0; });
      state = { path: path, step: step, pick: pick, votes: votes.slice(0, choices(n).length) };
      if (wrong) say("That link pointed past a step this scenario does not have; the room is at the last step that exists.");
      return true;
    }

    /* ---------- showing the state ---------- */
    function say(msg) {
      status.textContent = msg;
      clearTimeout(say.timer);
      if (msg) say.timer = setTimeout(function () { status.textContent = ""; }, 6000);
    }
    function render(moved) {
      var n = node();
      Object.keys(nodes).forEach(function (id) { nodes[id].hidden = nodes[id] !== n; });
      if (state.step === "read" && !isLong(n)) state.step = "choose";
      room.setAttribute("data-cw-step", state.step);
      n.classList.toggle("cw-room__node--long", isLong(n) && !local.presenter);
      var total = state.votes.reduce(function (a, b) { return a + b; }, 0);
      choices(n).forEach(function (b, i) {
        b.setAttribute("aria-pressed", String(i === state.pick));
        var v = state.votes[i] || 0, span = b.querySelector(".cw-room__votes");
        span.hidden = !total;
        span.textContent = total ? v + (v === 1 ? " vote" : " votes") : "";
        b.style.setProperty("--cw-share", total ? Math.round((100 * v) / total) + "%" : "0%");
      });
      n.querySelectorAll(".cw-room__feedback").forEach(function (f) {
        var i = parseInt(f.getAttribute("data-cw-for"), 10);
        f.hidden = i !== state.pick || (state.step !== "reveal" && !local.presenter);
      });
      n.querySelectorAll(".cw-room__notes").forEach(function (x) { x.hidden = !local.notes || local.presenter; });
      var intro = room.querySelector(".cw-room__intro-notes");
      if (intro) intro.hidden = !local.notes || local.presenter || state.path.length > 1 || !!n.querySelector(".cw-room__notes");
      room.classList.remove("cw-room--compact");
      if (state.step === "reveal" && !local.presenter && overflows()) room.classList.add("cw-room--compact");
      room.classList.toggle("cw-room--scroll", !local.presenter && overflows()); // too long even alone: scroll rather than cut
      var ending = isEnding(n);
      where.textContent = (ending ? "Ending" : "Decision " + state.path.length) + " · " +
        (state.step === "read" ? "read the situation" : ending ? "debrief" : state.step === "reveal" ? "feedback on " + letter(state.pick) : "the room chooses");
      button("reveal").disabled = ending;
      button("votes").disabled = ending;
      button("go").disabled = ending && state.step !== "read";
      button("back").disabled = state.path.length === 1 && state.step === firstStep(n);
      button("notes").setAttribute("aria-pressed", String(local.notes));
      button("votes").setAttribute("aria-pressed", String(local.tally && !ending));
      renderTally(n);
      try { history.replaceState(null, "", toHash()); } catch (e) { location.hash = toHash(); }
      if (moved || shownNode !== n) {
        shownNode = n;
        var h = n.querySelector(".cw-room__heading");
        if (h && !room.contains(document.activeElement) || moved) h.focus({ preventScroll: true });
      }
      stage.scrollTop = 0;
    }
    function button(name) { return room.querySelector('[data-cw-do="' + name + '"]'); }
    function changed(moved) {
      render(moved);
      var copy = JSON.parse(JSON.stringify(state));
      listeners.forEach(function (fn) { fn(copy); });
    }

    /* ---------- what the keys and buttons do ---------- */
    function pick(i) {
      var n = node();
      if (isEnding(n)) return say("This is an ending: there is nothing to choose. Press R to restart.");
      if (i >= choices(n).length) return say("There is no choice " + letter(i) + " here: the choices are A to " + letter(choices(n).length - 1) + ".");
      state.pick = i;
      if (state.step === "read") state.step = "choose";
      changed(false);
    }
    function reveal() {
      var n = node();
      if (isEnding(n)) return say("This is an ending: it has no feedback to reveal.");
      if (state.pick < 0) return say("Pick the room's choice first: press A to " + letter(choices(n).length - 1) + ", or click a choice.");
      state.step = "reveal";
      changed(false);
    }
    function go() {
      var n = node();
      if (state.step === "read") { state.step = "choose"; return changed(false); }
      if (isEnding(n)) return say("This is an ending. Press R to restart, or P to go back.");
      if (state.pick < 0) return say("Pick the room's choice first: press A to " + letter(choices(n).length - 1) + ", or click a choice.");
      var next = choices(n)[state.pick].getAttribute("data-cw-goto");
      state.path.push(next);
      state.step = firstStep(nodes[next]);
      state.pick = -1;
      state.votes = [];
      local.tally = false;
      changed(true);
    }
    function forward() {
      if (state.step === "choose" && state.pick >= 0 && !isEnding(node())) reveal();
      else go();
    }
    function back() {
      var n = node();
      if (state.step === "reveal") state.step = "choose";
      else if (state.step === "choose" && isLong(n) && !local.presenter) state.step = "read";
      else if (state.path.length > 1) {
        var left = state.path.pop(), prev = node();
        state.pick = choices(prev).map(function (b) { return b.getAttribute("data-cw-goto"); }).indexOf(left);
        state.step = state.pick >= 0 ? "reveal" : "choose";
        state.votes = [];
        return changed(true);
      } else return say("This is the first step.");
      changed(false);
    }
    function restart() {
      state = { path: [start], step: firstStep(nodes[start]), pick: -1, votes: [] };
      local.tally = false;
      changed(true);
      say("Restarted from the first decision.");
    }
    function toggleNotes() { local.notes = !local.notes; render(false); }
    function openPresenter() {
      var url = location.href.replace(/#.*$/, "") + toHash().replace(/&view=presenter/, "") + "&view=presenter";
      var w = window.open(url, "casework-presenter-" + room.getAttribute("data-cw-scenario"));
      say(w ? "The presenter view is open in another window: keep it on your laptop and this one on the projector."
            : "The browser blocked the new window. Allow pop-ups for this page, or open this address with #…&view=presenter at the end.");
    }

    /* ---------- the room's vote (optional) ---------- */
    var tally = document.createElement("div");
    tally.className = "cw-room__tally";
    tally.setAttribute("role", "group");
    tally.setAttribute("aria-label", "The room's vote per choice");
    tally.hidden = true;
    room.insertBefore(tally, room.querySelector(".cw-room__bar"));
    function renderTally(n) {
      var count = choices(n).length;
      tally.hidden = !local.tally || isEnding(n);
      if (tally.hidden) return;
      if (tally.getAttribute("data-cw-for") !== n.getAttribute("data-cw-node")) {
        tally.setAttribute("data-cw-for", n.getAttribute("data-cw-node"));
        tally.textContent = "";
        tally.appendChild(cw.el("span", { text: "The room's vote:" }));
        for (var i = 0; i < count; i++) {
          var id = "cw-room-vote-" + i;
          tally.appendChild(cw.el("label", { for: id, text: "Votes for " + letter(i) }));
          tally.appendChild(cw.el("input", { id: id, type: "number", min: "0", max: "9999", inputmode: "numeric", "data-cw-vote": String(i) }));
        }
        tally.appendChild(cw.el("button", { type: "button", class: "cw-room__btn", "data-cw-do": "votes-clear", text: "Clear votes" }));
        tally.appendChild(cw.el("button", { type: "button", class: "cw-room__btn", "data-cw-do": "votes-done", text: "Done (Esc)" }));
      }
      tally.querySelectorAll("input").forEach(function (inp) {
        var v = state.votes[parseInt(inp.getAttribute("data-cw-vote"), 10)] || 0;
        if (document.activeElement !== inp) inp.value = v ? String(v) : "";
      });
    }
    tally.addEventListener("input", function (e) {
      var inp = e.target.closest("input[data-cw-vote]");
      if (!inp) return;
      var v = parseInt(inp.value, 10);
      var votes = choices(node()).map(function (_, i) { return state.votes[i] || 0; });
      votes[parseInt(inp.getAttribute("data-cw-vote"), 10)] = v >= 0 && v < 10000 ? v : 0;
      state.votes = votes;
      changed(false);
    });
    function toggleTally() {
      if (isEnding(node())) return say("This is an ending: there is no vote to take.");
      local.tally = !local.tally;
      render(false);
      if (local.tally) tally.querySelector("input").focus();
      else node().querySelector(".cw-room__heading").focus({ preventScroll: true });
    }

    /* ---------- pointer and keys ---------- */
    var ACTIONS = { back: back, votes: toggleTally, reveal: reveal, go: go, notes: toggleNotes, restart: restart,
      presenter: openPresenter, keys: function () { keys.showModal(); },
      "votes-done": toggleTally, "votes-clear": function () { state.votes = []; tally.removeAttribute("data-cw-for"); changed(false); } };
    room.addEventListener("click", function (e) {
      var c = e.target.closest(".cw-room__choice");
      if (c) return pick(parseInt(c.getAttribute("data-cw-choice"), 10));
      var b = e.target.closest("[data-cw-do]");
      if (b && ACTIONS[b.getAttribute("data-cw-do")]) ACTIONS[b.getAttribute("data-cw-do")]();
    });
    // Capture phase on window: the room's keys (F, N, P ...) must not reach the theme's own shortcuts.
    window.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || keys.open) return;
      var t = e.target, k = e.key;
      if (k === "Escape" && local.tally) { e.preventDefault(); return toggleTally(); }
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
      var onButton = t && t.closest && t.closest(".cw-room__btn");
      var onChoice = t && t.closest && t.closest(".cw-room__choice");
      if (onButton && (k === "Enter" || k === " ")) return; // the button's own action
      var lower = k.length === 1 ? k.toLowerCase() : k, choice = onChoice ? parseInt(onChoice.getAttribute("data-cw-choice"), 10) : -1;
      var act = null;
      if (lower.length === 1 && lower >= "a" && lower <= "e") act = function () { pick(lower.charCodeAt(0) - 97); };
      else if (k === "Enter" && onChoice && choice !== state.pick) act = function () { pick(choice); };
      else if (k === "Enter" || lower === "g") act = go;
      else if (lower === "f") act = reveal;
      else if (lower === "v") act = toggleTally;
      else if (lower === "p" || k === "Backspace" || k === "ArrowLeft" || k === "PageUp") act = back;
      else if (lower === "r") act = restart;
      else if (lower === "n") act = toggleNotes;
      else if (lower === "s") act = openPresenter;
      else if (k === "?") act = function () { keys.showModal(); };
      else if (k === "ArrowRight" || k === "PageDown" || (k === " " && !onChoice)) act = forward;
      else if (k === "/" || lower === ".") act = function () { /* the theme's search and page keys: not here */ };
      if (!act) return;
      e.preventDefault(); // first: a key the room uses never reaches the theme (P would open the previous page)
      e.stopImmediatePropagation();
      act();
    }, true);
    window.addEventListener("hashchange", function () { if (location.hash !== toHash() && fromHash(location.hash)) changed(true); });
    var resized = null;
    window.addEventListener("resize", function () {
      clearTimeout(resized);
      resized = setTimeout(function () {
        Object.keys(nodes).forEach(function (id) { nodes[id].removeAttribute("data-cw-long"); });
        render(false);
      }, 100);
    });

    if (!fromHash(location.hash)) state.step = firstStep(nodes[start]);
    room.classList.toggle("cw-room--presenter", local.presenter);
    room.querySelector(".cw-room__presenter-panel").hidden = !local.presenter;
    if (local.presenter) document.title = "Presenter: " + document.title;
    render(true);
    room.setAttribute("data-cw-ready", "true");

    cw.room = {
      element: room,
      presenter: local.presenter,
      state: function () { return JSON.parse(JSON.stringify(state)); },
      /* a state from another window: applied if it names steps this page has, without telling the listeners again */
      apply: function (s) {
        var hash = "#at=" + (s.path || []).join(",") + "&step=" + s.step + (s.pick >= 0 ? "&pick=" + letter(s.pick) : "") +
          (s.votes && s.votes.length ? "&votes=" + s.votes.join(",") : "");
        var presenter = local.presenter, before = toHash();
        fromHash(hash);
        local.presenter = presenter;
        if (toHash() !== before) render(before.split("&")[0] !== toHash().split("&")[0]);
      },
      on: function (fn) { listeners.push(fn); },
      rendered: function () { return node(); }
    };
  }

  cw.ready(initRoom);
})();
