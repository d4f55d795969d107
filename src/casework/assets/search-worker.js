/* casework search worker: restores the prebuilt MiniSearch index (built in Python by casework.render.search_index)
   and answers queries. Over http it runs as a real worker and loads the index chunks itself; from file:// the page
   starts it from a Blob (MiniSearch and this file as one string) and passes the chunks in as it loads them.
   words() and term() match casework.render.search: the index and the queries are cut the same way. */
/* global MiniSearch, importScripts */
if (typeof MiniSearch === "undefined") importScripts("vendor/minisearch.js");
var ms = null, cw = null, docs = null, stop = {}, starts = {}, parts = [], count = 0, got = 0;
var OPTIONS = {
  fields: ["t", "h", "p", "x"],
  tokenize: function (s) { return s.split(" ").filter(Boolean); },
  processTerm: function (t) { return t; }
};
var BOOST = { t: 6, h: 3, p: 5, x: 1 };

function words(text) {
  return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/\d+(?:\.\d+)+|[a-z0-9]+/g) || [];
}
var SUFFIXES = [["ations", "at"], ["ation", "at"], ["ating", "at"], ["ings", ""], ["ing", ""], ["ions", ""], ["ion", ""], ["ed", ""]];
function term(w) {
  if (/^[0-9]/.test(w)) return w;
  for (var i = 0; i < SUFFIXES.length; i++) {
    var s = SUFFIXES[i][0];
    if (w.length - s.length >= 4 && w.slice(-s.length) === s) return w.slice(0, -s.length) + SUFFIXES[i][1];
  }
  if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
  if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w) && !/^[0-9]/.test(w)) return w.slice(0, -1);
  return w;
}

/* The query as the index has it: known phrases kept whole ("case_a"), then terms without stop words. */
function analyse(q) {
  var ws = words(q), out = { phrases: [], terms: [], words: ws, loose: [] };
  for (var i = 0; i < ws.length;) {
    var best = null;
    (starts[ws[i]] || []).forEach(function (ph) {
      if (ph.length <= ws.length - i && (!best || ph.length > best.length) && ws.slice(i, i + ph.length).join("_") === ph.join("_")) best = ph;
    });
    if (best) { out.phrases.push(best.join("_")); out.loose = out.loose.concat(best); i += best.length; continue; }
    var w = ws[i++];
    if (!stop[w] && (w.length > 1 || /\d/.test(w))) { out.terms.push(term(w)); out.loose.push(w); }
  }
  return out;
}

function matches(r, f) {
  if (f.kind && r.k !== f.kind) return false;
  if (!f.topic) return true;
  var t = f.topic.split(":");
  return t[0] === "review" ? r.r === t[1] : (r.th || []).indexOf(t[1]) >= 0;
}

function anchor(r, a) {
  var want = a.terms.concat(a.phrases.map(function (p) { return p.split("_").join(" "); }));
  for (var i = 0; i < (r.h || []).length; i++) {
    var hw = " " + words(r.h[i][1]).map(term).join(" ") + " ";
    for (var j = 0; j < want.length; j++) if (hw.indexOf(" " + want[j] + " ") >= 0) return "#" + r.h[i][0];
  }
  return "";
}

function search(q, f) {
  var a = analyse(q), toks = a.phrases.concat(a.terms), found = {}, results = [];
  var phrase = " " + a.words.map(term).join(" ") + " ";
  function inNames(d) { return (" " + words(d.n || d.t).map(term).join(" ") + " ").indexOf(phrase) >= 0; }
  if (toks.length) {
    results = ms.search(toks.join(" "), {
      boost: BOOST, combineWith: "OR", fuzzy: false,
      prefix: function (t) { return t.indexOf("_") < 0 && t.length >= 3 && !/^[0-9.]+$/.test(t); },
      filter: function (r) { return matches(r, f); },
      boostDocument: function (id, t, stored) { return stored ? stored.b : 1; }
    });
  }
  results.forEach(function (r) {
    var cover = (r.queryTerms ? r.queryTerms.length : 1) / toks.length;
    r.score *= cover * cover;
    if (a.words.length && inNames(r)) r.score *= 3;
    if (words(r.t).join(" ") === a.words.join(" ")) r.score *= 2;  /* the query is the page's title */
    found[r.id] = true;
  });
  /* Titles that hold the whole query: the answer to a query of stop words only ("what to do") */
  if (a.words.length) {
    var top = results.length ? Math.max.apply(null, results.map(function (r) { return r.score; })) : 1;
    Object.keys(docs).forEach(function (id) {
      var d = docs[id], n = parseInt(id, 10);
      if (found[n] || !matches(d, f)) return;
      if (inNames(d)) {
        var exact = words(d.t).join(" ") === a.words.join(" ") ? 2 : 1;
        results.push(Object.assign({ id: n, score: exact * top * (toks.length ? 0.5 : 1) * d.b / words(d.t).length }, d));
      }
    });
  }
  results.sort(function (x, y) { return y.score - x.score; });
  return {
    total: results.length,
    words: a.loose.length ? a.loose : a.words,
    items: results.slice(0, 40).map(function (r) {
      var inTitle = inNames(r);
      return { u: r.u, t: r.t, k: r.k, r: r.r, s: r.s, a: inTitle ? "" : anchor(r, a) };
    })
  };
}

function load(json) {
  var data = JSON.parse(json);
  cw = data.casework;
  docs = data.storedFields;
  cw.stop.forEach(function (w) { stop[w] = true; });
  cw.phrases.forEach(function (p) {
    var seq = p.split("_");
    (starts[seq[0]] = starts[seq[0]] || []).push(seq);
  });
  ms = MiniSearch.loadJS(data, OPTIONS);
  postMessage({ type: "ready", kinds: cw.kinds, reviews: cw.reviews, themes: cw.themes });
}

function chunk(i, n, text) {
  parts[i] = text;
  count = n;
  got += 1;
  if (got === count) { var json = parts.join(""); parts = null; load(json); }
}

self.onmessage = function (e) {
  var m = e.data || {};
  try {
    if (m.type === "chunk") chunk(m.i, m.n, m.text);
    else if (m.type === "url") {  /* over http: fetch the chunks here, off the page's main thread */
      self.__cwSearchChunk = chunk;
      importScripts(m.base + "index-0.js");
      for (var i = 1; i < count; i++) importScripts(m.base + "index-" + i + ".js");
    } else if (m.type === "query" && ms) postMessage({ type: "results", id: m.id, result: search(m.q, m.filters || {}) });
  } catch (err) {
    postMessage({ type: "error", message: String(err && err.message || err) });
  }
};
