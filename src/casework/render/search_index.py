"""The prebuilt search index: search documents in, the files the browser loads out.

The index is MiniSearch's own serialised form (`MiniSearch.loadJS` restores it, serialization version 2),
written here in Python so the build needs no JavaScript runtime. Four fields, boosted at query time in
search-worker.js: title `t`, headings `h`, phrases `p` (review names, glossary terms and their synonyms,
kept whole as `case_a`) and text `x`. Stored with each document: its title, URL, kind, review, themes,
boost and a summary. `casework` holds what the worker needs beside the index: stop words, phrases, and
the kinds, reviews and themes for the filters.

The index ships as `search/index-<n>.js` chunks of at most CHUNK characters, each a script that hands
its slice of the JSON text to `__cwSearchChunk(i, count, text)`. From `file://` a page loads them by
script tag (no fetch) only when search is opened, each one a short task; over http the worker
loads them itself with `importScripts`.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from casework.content.project import Project
from casework.render.search import KINDS, STOP_WORDS, SearchDoc, known_phrases, terms

FIELDS = ("t", "h", "p", "x")
CHUNK = 400_000
INDEX_DIR = "search"
_CHUNK = re.compile(r'__cwSearchChunk\((\d+),(\d+),(".*")\);\n', re.S)
WORKER_SOURCE = "assets/casework/search-worker-src.js"  # the worker as a string, for a Blob worker from file://


def _field_terms(doc: SearchDoc) -> list[Counter[str]]:
    return [
        Counter(terms(doc.names)),
        Counter(terms(" ".join([doc.about, *(h for _, h in doc.headings)]))),
        Counter(doc.phrases),
        Counter(terms(doc.text)),
    ]


def build(project: Project, docs: Sequence[SearchDoc]) -> dict[str, object]:
    """The index as the JSON object MiniSearch's toJSON() writes, plus casework's query data."""
    index: dict[str, dict[int, dict[int, int]]] = defaultdict(dict)
    field_length: dict[str, list[int]] = {}
    totals = [0] * len(FIELDS)
    stored: dict[str, dict[str, object]] = {}
    for short_id, doc in enumerate(docs):
        counts = _field_terms(doc)
        field_length[str(short_id)] = [len(c) for c in counts]
        for f, c in enumerate(counts):
            totals[f] += len(c)
            for tok, n in c.items():
                index[tok].setdefault(f, {})[short_id] = n
        stored[str(short_id)] = {"t": doc.title, "u": doc.url, "k": doc.kind, "r": doc.review, "th": doc.themes,
                                 "b": doc.boost, "s": doc.about or doc.summary, "n": doc.names,
                                 "h": [[a, h] for a, h in doc.headings if a][:12]}
    n = len(docs)
    reviews = {d.review for d in docs if d.review}
    themes = {t for d in docs for t in d.themes}
    review_label = {k: (project.sources[k].obj.short if k in project.sources else k) for k in reviews}
    return {
        "documentCount": n,
        "nextId": n,
        "documentIds": {str(i): i for i in range(n)},
        "fieldIds": {f: i for i, f in enumerate(FIELDS)},
        "fieldLength": field_length,
        "averageFieldLength": [t / n if n else 0 for t in totals],
        "storedFields": stored,
        "dirtCount": 0,
        "index": [[tok, {str(f): {str(d): c for d, c in ds.items()} for f, ds in fs.items()}] for tok, fs in sorted(index.items())],
        "serializationVersion": 2,
        "casework": {
            "stop": sorted(STOP_WORDS),
            "phrases": known_phrases(project),
            "kinds": [[k, label] for k, label in KINDS.items() if any(d.kind == k for d in docs)],
            "reviews": sorted(([k, review_label[k]] for k in reviews), key=lambda kv: kv[1].lower()),
            "themes": sorted(([k, project.themes[k].title] for k in themes if k in project.themes), key=lambda kv: kv[1].lower()),
        },
    }


def chunks(index: dict[str, object], size: int = CHUNK) -> dict[str, str]:
    """The index JSON as `search/index-<i>.js` scripts, each calling `__cwSearchChunk(i, count, text)`."""
    text = json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    parts = [text[i:i + size] for i in range(0, len(text), size)] or [""]
    return {f"{INDEX_DIR}/index-{i}.js": f"__cwSearchChunk({i},{len(parts)},{json.dumps(part)});\n" for i, part in enumerate(parts)}


def from_chunks(texts: Iterable[str]) -> dict[str, object] | None:
    """The index back from its chunk scripts (for a package that carries part of the site); None if unreadable."""
    parts: dict[int, str] = {}
    for text in texts:
        m = _CHUNK.fullmatch(text)
        if m is None:
            return None
        parts[int(m.group(1))] = json.loads(m.group(3))
    if not parts or sorted(parts) != list(range(len(parts))):
        return None
    return dict(json.loads("".join(parts[i] for i in range(len(parts)))))


def subset(index: dict[str, Any], urls: set[str]) -> dict[str, Any]:
    """The index cut down to the pages at `urls`, renumbered, so a package's search finds only what it carries."""
    old = [sid for sid, d in index["storedFields"].items() if d["u"] in urls]
    new = {sid: str(i) for i, sid in enumerate(old)}
    lengths = [index["fieldLength"][sid] for sid in old]
    terms = []
    for tok, fields in index["index"]:
        kept = {f: {new[d]: n for d, n in docs.items() if d in new} for f, docs in fields.items()}
        kept = {f: docs for f, docs in kept.items() if docs}
        if kept:
            terms.append([tok, kept])
    return {**index, "documentCount": len(old), "nextId": len(old), "documentIds": {str(i): i for i in range(len(old))},
            "fieldLength": {new[sid]: index["fieldLength"][sid] for sid in old},
            "averageFieldLength": [sum(ln[f] for ln in lengths) / len(lengths) if lengths else 0 for f in range(len(FIELDS))],
            "storedFields": {new[sid]: index["storedFields"][sid] for sid in old}, "index": terms}


def worker_source(minisearch_js: str, worker_js: str) -> str:
    """MiniSearch and the worker as one string in a script, so a page on file:// can start a Blob worker."""
    both = minisearch_js + ";\n" + worker_js
    return f"window.__cwSearchWorker = {json.dumps(both)};\n"


def index_files(project: Project, docs: Sequence[SearchDoc]) -> dict[str, str]:
    """Every file of the prebuilt index, by site path."""
    return chunks(build(project, docs))
