/* casework: Scenarios: the path so far, replay and resume on a scenario's start and node pages. Loaded only on pages that have one; shares storage through window.casework (casework.js). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var PREFIX = cw.PREFIX, store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey, is = cw.is;

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
      var path0 = load(key, [], is.path);
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
    var path = load(key, [], is.path);

    root.querySelectorAll("a.cw-choice").forEach(function (a) {
      a.addEventListener("click", function () {
        var p = load(key, [], is.path);
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

  cw.ready(initScenario);
})();
