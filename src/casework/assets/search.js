/* casework search, on every page: Material's search look and keys, driven by casework's prebuilt index.
   Nothing of the index, MiniSearch or the worker is loaded until the search box gets focus or a search key
   ("/", "s", "f") is pressed. From file:// the worker is a Blob and the index comes in by script tags (no fetch),
   each chunk a short task; over http the worker loads the index itself. A query typed while it loads is
   answered as soon as the index is ready. Results link with ?h=… and the target page marks the words. */
(function () {
  "use strict";
  var me = document.currentScript;
  /* the site's root, relative to this page, so result links work wherever the site folder is copied */
  var ROOT = me ? (me.getAttribute("src") || "").replace(/assets\/casework\/search\.js(?:[?#].*)?$/, "") : "";
  var box, input, list, status, toggle, kindSel, topicSel;
  var worker = null, ready = false, loading = false, seq = 0, failed = false;

  function say(text) { if (status) status.textContent = text; }
  function fail() { failed = true; loading = false; say("Search could not be loaded on this page."); }

  function script(src, onload) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = function () { s.remove(); if (onload) onload(); };
    s.onerror = fail;
    document.head.appendChild(s);
  }

  function listen() {
    worker.onmessage = function (e) {
      var m = e.data || {};
      if (m.type === "ready") { ready = true; filters(m); run(); }
      else if (m.type === "results" && m.id === seq) render(m.result);
      else if (m.type === "error") fail();
    };
    worker.onerror = fail;
  }

  /* Load once: MiniSearch, the worker and the index. */
  function load() {
    if (loading || ready || failed) return;
    loading = true;
    say("Loading search…");
    if (location.protocol === "file:") {
      script(ROOT + "assets/casework/search-worker-src.js", function () {
        var url = URL.createObjectURL(new Blob([window.__cwSearchWorker], { type: "text/javascript" }));
        worker = new Worker(url);
        window.__cwSearchWorker = null;
        listen();
        window.__cwSearchChunk = function (i, n, text) {  /* each chunk goes straight to the worker */
          worker.postMessage({ type: "chunk", i: i, n: n, text: text });
          if (i + 1 < n) script(ROOT + "search/index-" + (i + 1) + ".js");
        };
        script(ROOT + "search/index-0.js");
      });
    } else {
      try { worker = new Worker(ROOT + "assets/casework/search-worker.js"); } catch (e) { fail(); return; }
      listen();
      worker.postMessage({ type: "url", base: new URL(ROOT + "search/", location.href).href });
    }
  }

  function option(sel, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    sel.appendChild(o);
    return o;
  }
  function filters(m) {
    (m.kinds || []).forEach(function (k) { option(kindSel, k[0], k[1]); });
    [["review", "Reviews", m.reviews || []], ["theme", "Themes", m.themes || []]].forEach(function (g) {
      if (!g[2].length) return;
      var group = document.createElement("optgroup");
      group.label = g[1];
      g[2].forEach(function (x) { option(group, g[0] + ":" + x[0], x[1]); });
      topicSel.appendChild(group);
    });
  }

  function run() {
    var q = input.value.trim();
    if (!q) { list.textContent = ""; say(ready || !loading ? "Type to start searching" : "Loading search…"); return; }
    if (!ready) { load(); if (!failed) say("Loading search… your results will show when it is ready"); return; }
    seq += 1;
    worker.postMessage({ type: "query", id: seq, q: q, filters: { kind: kindSel.value, topic: topicSel.value } });
  }

  function marked(parent, tag, text, rx) {
    var node = document.createElement(tag), last = 0, m;
    text = String(text || "");
    if (rx) {
      rx.lastIndex = 0;
      while ((m = rx.exec(text)) !== null && m[0]) {
        node.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        node.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    parent.appendChild(node);
    return node;
  }
  function wordsRx(ws) {
    var parts = ws.filter(function (w) { return w.length > 1; }).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return parts.length ? new RegExp("\\b(?:" + parts.join("|") + ")", "gi") : null;
  }

  var KIND = {};
  function render(res) {
    var rx = wordsRx(res.words), h = encodeURIComponent(res.words.join(" "));
    list.textContent = "";
    Array.prototype.forEach.call(kindSel.options, function (o) { KIND[o.value] = o.textContent; });
    res.items.forEach(function (it) {
      var li = document.createElement("li"), a = document.createElement("a"), art = document.createElement("article");
      li.className = "md-search-result__item";
      a.className = "md-search-result__link";
      a.href = ROOT + it.u + (h ? "?h=" + h : "") + it.a;
      art.className = "md-search-result__article md-typeset";
      marked(art, "h1", it.t, rx);
      var kind = document.createElement("p");
      kind.className = "cw-search-kind";
      kind.textContent = (KIND[it.k] || it.k) + (it.r && topicLabel("review:" + it.r) ? " · " + topicLabel("review:" + it.r) : "");
      art.appendChild(kind);
      marked(art, "p", it.s, rx);
      a.appendChild(art);
      li.appendChild(a);
      list.appendChild(li);
    });
    var n = res.total;
    say(n === 0 ? "No matching pages" : n === 1 ? "1 matching page" : n + " matching pages" + (n > res.items.length ? ", the first " + res.items.length + " shown" : ""));
  }
  function topicLabel(value) {
    var o = topicSel.querySelector('option[value="' + value.replace(/"/g, "") + '"]');
    return o ? o.textContent : "";
  }

  function open() {
    toggle.checked = true;
    input.focus();
    load();
  }
  function close() {
    toggle.checked = false;
    input.blur();
  }
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function keys(e) {
    var t = e.target, editable = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
    if (!toggle.checked) {
      if (!editable && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
        e.preventDefault();
        open();
      }
      return;
    }
    if (!box.contains(t) && t !== document.body) return;
    var all = links(), at = all.indexOf(t);
    if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "ArrowDown" && (t === input || at >= 0)) { e.preventDefault(); if (all[at + 1]) all[at + 1].focus(); }
    else if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (all[at - 1] || input).focus(); }
    else if (e.key === "Enter" && t === input) { e.preventDefault(); if (all[0]) all[0].click(); }
  }

  /* On the page a result leads to: mark the searched words (Material's search.highlight look). */
  function highlight() {
    var h = new URLSearchParams(location.search).get("h"), rx = h && wordsRx(h.split(/\s+/));
    var article = rx && document.querySelector(".md-content article");
    if (!article) return;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest("script, style, mark, .headerlink, [data-search-exclude]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], n;
    while ((n = walker.nextNode()) && nodes.length < 300) { rx.lastIndex = 0; if (rx.test(n.nodeValue)) nodes.push(n); }
    nodes.forEach(function (node) {
      var span = document.createElement("span");
      marked(span, "span", node.nodeValue, rx);
      node.parentNode.replaceChild(span.firstChild, node);
    });
  }

  function start() {
    highlight();
    box = document.querySelector("[data-cw-search]");
    toggle = document.getElementById("__search");
    if (!box || !toggle) return;
    input = box.querySelector(".md-search__input");
    list = box.querySelector(".md-search-result__list");
    status = box.querySelector(".md-search-result__meta");
    kindSel = box.querySelector("[data-cw-filter=kind]");
    topicSel = box.querySelector("[data-cw-filter=topic]");
    box.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
    box.querySelector("form").addEventListener("reset", function () { setTimeout(function () { run(); input.focus(); }, 0); });
    input.addEventListener("focus", function () { toggle.checked = true; load(); });
    input.addEventListener("input", run);
    kindSel.addEventListener("change", run);
    topicSel.addEventListener("change", run);
    toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); load(); } });
    document.addEventListener("keydown", keys, true);
    if (document.activeElement === input) load();  /* focused before this script ran */
    else if (input.value) run();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
