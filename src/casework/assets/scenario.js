/* casework: Scenarios: choices in an order of their own per attempt, where you are, the path so far, replay and
   resume, on a scenario's start and node pages. Loaded only on pages that have one; shares storage through
   window.casework (casework.js).

   A scenario's state is {seed, path}: the attempt's shuffle seed and the decisions taken, each saved by the
   choice's stable ID (data.js gives it), never by its position, so a reshuffle or an author reordering the
   choices keeps saved paths, replay and the progress page right. Choosing again at a node you went back to
   replaces that decision and everything after it. Reaching an ending saves {endings, best, last, date} under
   scenario-done:<id> for the progress page. Without JavaScript the pages are plain links in the authored order. */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey, is = cw.is;

  /* A scenario's start and node pages load its data.js (window.cwScenarios[id]) before this script runs;
     the page says which scenario it is in data-cw-scenario. No data (say data.js did not load): the
     pages still work as plain links, in the authored order, without the path, replay and resume. */
  function scenarioData() {
    var page = document.querySelector(".cw-scenario[data-cw-scenario], .cw-scenario-start[data-cw-scenario]");
    var id = page && page.getAttribute("data-cw-scenario");
    var all = window.cwScenarios;
    return id && all && Object.prototype.hasOwnProperty.call(all, id) ? all[id] : null;
  }

  function newSeed() { return Math.floor(Math.random() * 4294967296); }
  /* A small seeded generator (mulberry32): the same seed and node give the same order on every reload. */
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  function choiceOf(data, step) {
    var node = data.nodes[step.node];
    if (!node) return null;
    for (var i = 0; i < node.choices.length; i++) if (node.choices[i].id === step.choice) return node.choices[i];
    return null;
  }

  /* The saved state, migrated from the old shape (a list of {node, choice index}) and with steps whose choice
     no longer exists dropped, so an edited scenario never breaks a saved path. */
  function state(data, key) {
    var v = load(key, null, is.scenario);
    if (v === null) return null;
    if (Array.isArray(v)) {
      v = { seed: newSeed(), path: v.map(function (s) {
        var node = data.nodes[s.node], ch = node && node.choices[s.choice];
        return ch ? { node: s.node, choice: ch.id } : null;
      }).filter(Boolean) };
      store(key, v);
    }
    v.path = v.path.filter(function (s) { return choiceOf(data, s); });
    return v;
  }

  /* Where a decision at nodeId goes in the path: after the last step if that step led here, else in place of
     the earlier decision at this node (you went back and chose again), else at the start for the start node. */
  function position(data, path, nodeId) {
    var last = path.length ? choiceOf(data, path[path.length - 1]) : null;
    if (last && last.goto === nodeId) return path.length;
    for (var j = path.length - 1; j >= 0; j--) if (path[j].node === nodeId) return j;
    return nodeId === data.start ? 0 : path.length;
  }

  function score(data, path) {
    var got = 0, max = 0;
    path.forEach(function (step) {
      var ch = choiceOf(data, step);
      if (!ch) return;
      got += data.points[ch.rating]; max += 2;
    });
    return { got: got, max: max, pct: max ? Math.round((100 * got) / max) : 0 };
  }

  function sourceLinks(sources) {
    var p = el("p", { class: "cw-sources" }, [document.createTextNode("Sources: ")]);
    sources.forEach(function (s, i) {
      if (i) p.appendChild(document.createTextNode("; "));
      p.appendChild(s.href ? el("a", { href: s.href, text: s.text }) : document.createTextNode(s.text));
    });
    return p;
  }

  function stepList(data, path, detailed) {
    var ol = el("ol", { class: "cw-steps" });
    path.forEach(function (step) {
      var node = data.nodes[step.node], ch = choiceOf(data, step);
      if (!ch) return;
      var li = el("li", { class: "cw-step cw-rating--" + ch.rating });
      if (step.again) {
        li.appendChild(el("p", { class: "cw-went-back", text: "You went back to \u201c" + node.title + "\u201d and chose again." }));
      }
      li.appendChild(el("p", {}, [
        el("strong", { text: node.title + ": " }),
        document.createTextNode(ch.text + " "),
        el("span", { class: "cw-badge cw-badge--" + ch.rating, text: LABEL[ch.rating] })
      ]));
      if (detailed) {
        li.appendChild(el("div", { class: "cw-step__feedback", html: ch.feedback }));
        if (ch.sources.length) li.appendChild(sourceLinks(ch.sources));
      }
      ol.appendChild(li);
    });
    return ol;
  }

  /* Put the node's choices in this attempt's order: seeded by the attempt and the node, so a reload keeps it. */
  function shuffle(root, seed, nodeId) {
    var list = root.querySelector("nav.cw-choices ol");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children), rand = rng(hash(seed + ":" + nodeId));
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1)), t = items[i];
      items[i] = items[j]; items[j] = t;
    }
    items.forEach(function (li) { list.appendChild(li); });
  }

  function initStart(start, data, key) {
    var st = state(data, key);
    var resume = start.querySelector(".cw-resume");
    if (resume && st && st.path.length) {
      var last = choiceOf(data, st.path[st.path.length - 1]);
      resume.hidden = false;
      resume.appendChild(el("p", {}, [
        document.createTextNode("You have made " + st.path.length + " decision" + (st.path.length === 1 ? "" : "s") + " in this scenario. "),
        el("a", { href: last.goto + ".html", text: "Carry on where you left off" })
      ]));
    }
    var startLink = start.querySelector("a.cw-start");
    /* a new attempt: a new order of choices, an empty path */
    if (startLink) startLink.addEventListener("click", function () { store(key, { seed: newSeed(), path: [] }); });
  }

  function recordEnding(data, nodeId, s) {
    var key = "scenario-done:" + data.id;
    var done = load(key, { endings: [], best: 0, last: 0, date: "" }, is.scenarioDone);
    if (done.endings.indexOf(nodeId) < 0) done.endings.push(nodeId);
    done.best = Math.max(done.best, s.pct);
    done.last = s.pct;
    done.date = new Date().toISOString().slice(0, 10);
    store(key, done);
  }

  /* A choice clicked on the previous page before this script had started there (a quick click while it loaded)
     was not recorded; the address names it (#from-<node>-<written number>), so it is recorded on arrival. */
  function arrived(data, key, st, nodeId) {
    var came = /^#from-(.+)-(\d+)$/.exec(location.hash);
    var from = came && data.nodes[came[1]], ch = from && from.choices[parseInt(came[2], 10) - 1];
    if (!ch || ch.goto !== nodeId) return st;
    var last = st.path.length ? choiceOf(data, st.path[st.path.length - 1]) : null;
    if (last === ch) return st;
    var at = position(data, st.path, came[1]);
    if (st.path[at] && st.path[at].node === came[1] && st.path[at].choice === ch.id) return st;  /* recorded: back in history */
    var now = { seed: st.seed, path: st.path.slice(0, at).concat([{ node: came[1], choice: ch.id, at: new Date().toISOString() }]) };
    store(key, now);
    return now;
  }

  function initScenario() {
    var root = document.querySelector(".cw-scenario");
    var start = document.querySelector(".cw-scenario-start");
    var data = scenarioData();
    if (!data || (!root && !start)) return;
    var key = pathKey(data.id);
    if (start) { initStart(start, data, key); return; }

    var nodeId = root.getAttribute("data-cw-node");
    var st = state(data, key);
    if (!st) { st = { seed: newSeed(), path: [] }; store(key, st); }
    shuffle(root, st.seed, nodeId);
    st = arrived(data, key, st, nodeId);

    root.querySelectorAll("a.cw-choice").forEach(function (a) {
      a.addEventListener("click", function () {
        var now = state(data, key) || { seed: st.seed, path: [] };
        var at = position(data, now.path, nodeId);
        var step = { node: nodeId, choice: a.getAttribute("data-cw-cid"), at: new Date().toISOString() };
        if (at < now.path.length) step.again = true;
        now.path = now.path.slice(0, at).concat([step]);
        store(key, now);
      });
    });

    var here = position(data, st.path, nodeId);
    var path = st.path.slice(0, here);  /* the decisions that led here (a later, abandoned branch is not counted) */
    var where = root.querySelector(".cw-where[data-cw-about]");
    if (where) {
      var about = Math.max(parseInt(where.getAttribute("data-cw-about"), 10) || 1, here + 1);
      where.textContent = "Decision " + (here + 1) + " of about " + about;
    }
    var isEnding = root.getAttribute("data-cw-ending") === "true";
    var target = isEnding ? root.querySelector(".cw-replay") : root.querySelector(".cw-path");
    if (target && path.length) {
      var s = score(data, path);
      target.appendChild(el("h2", { text: isEnding ? "Your path, decision by decision" : "Your decisions so far" }));
      if (isEnding) {
        target.appendChild(el("p", { class: "cw-score", text: "Path score: " + s.got + " of " + s.max + " (" + s.pct + "%). Stronger practice scores 2, mixed 1, weaker 0." }));
        var last = choiceOf(data, path[path.length - 1]);
        if (last && last.goto === nodeId) recordEnding(data, nodeId, s);
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

  cw.ready(initScenario);
})();
