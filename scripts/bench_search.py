"""Search timings in headless chromium from file:// (issue #16), for scripts/benchmark.py.

    first_s           from navigation start to the first results, the query typed (30 ms a key) as soon as the
                      search box exists: opening the page, loading the index and typing all included
    first_from_box_s  the same, from the moment the search box exists
    later_s           median of later queries on the same page, measured inside the page (value set, `input`
                      event, until the results are drawn); later_max_s the slowest
    idle_bytes        bytes of search files (index chunks, worker, MiniSearch) a page loads before search is used
    longtask_ms       the longest main-thread task (Long Tasks API, which reports tasks over 50 ms) from the
                      moment search is opened on a loaded page until its first results; 0 means none over 50 ms
    heap_mb, renderer_mb  JS heap of the page and chromium renderers' RSS after the queries

    python scripts/bench_search.py SITE [PAGE]        # the timings above
    python scripts/bench_search.py SITE --lighthouse  # Lighthouse performance and accessibility on six pages
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SEARCH_FILES = ("search/index-", "search-worker", "minisearch")
QUERIES = ["written agreement", "health visitor", "supervision", "conviction", "escalated", "nursery manager"]  # words of the corpus
DONE = ("(q) => document.querySelector('.md-search__input').value === q"
        " && /matching/.test(document.querySelector('.md-search-result__meta').textContent)")
LATER = """async (q) => {
  const input = document.querySelector('.md-search__input'), meta = document.querySelector('.md-search-result__meta');
  meta.textContent = '';
  const t0 = performance.now();
  input.value = q; input.dispatchEvent(new Event('input'));
  await new Promise((resolve) => {
    const check = () => /matching/.test(meta.textContent) ? resolve() : requestAnimationFrame(check);
    check();
  });
  return performance.now() - t0;
}"""
LONGTASKS = """() => { window.__cwLong = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__cwLong.push(e.duration))).observe({type: 'longtask'}); }"""


def _file_size(url: str) -> int:
    path = Path(unquote(urlparse(url).path))
    return path.stat().st_size if path.is_file() else 0


def renderer_rss_mb() -> float:
    """Resident memory of every chromium renderer process (Linux /proc), in MB."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            if b"chromium" not in cmdline or b"--type=renderer" not in cmdline:
                continue
            status = (proc / "status").read_text(encoding="utf-8")
        except OSError:
            continue
        total += int(next((ln.split()[1] for ln in status.splitlines() if ln.startswith("VmRSS:")), "0"))
    return total / 1024


def time_search(site: Path, page: str = "index.html", runs: int = 2) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    url = (site / page).as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            firsts: list[float] = []
            from_box: list[float] = []
            laters: list[float] = []
            longest = 0.0
            idle = 0
            heap = renderer = 0.0
            for run in range(runs):
                # 1. a page that is opened and searched at once: first results, typing included
                ctx = browser.new_context()
                tab = ctx.new_page()
                tab.goto(url, wait_until="commit")
                tab.wait_for_selector("input.md-search__input", state="attached")
                box_ms = float(tab.evaluate("performance.now()"))
                tab.keyboard.press("/")
                tab.keyboard.type(QUERIES[run], delay=30)
                tab.wait_for_function(DONE, arg=QUERIES[run], timeout=120000)
                done_ms = float(tab.evaluate("performance.now()"))
                firsts.append(done_ms / 1000)
                from_box.append((done_ms - box_ms) / 1000)
                tab.wait_for_load_state("load")
                for q in QUERIES[2:]:
                    laters.append(float(tab.evaluate(LATER, q)) / 1000)
                cdp = ctx.new_cdp_session(tab)
                usage: dict[str, Any] = cdp.send("Runtime.getHeapUsage")
                heap = max(heap, float(usage.get("usedSize", 0)) / 2**20)
                renderer = max(renderer, renderer_rss_mb())
                ctx.close()
                # 2. a page that is read, not searched; then search is opened: what it loads, how long its tasks are
                ctx = browser.new_context()
                tab = ctx.new_page()
                requested: list[str] = []
                tab.on("request", lambda r, seen=requested: seen.append(r.url))
                tab.goto(url, wait_until="load")
                tab.evaluate(LONGTASKS)
                time.sleep(1.0)
                idle = max(idle, sum(_file_size(u) for u in requested if any(s in u for s in SEARCH_FILES)))
                tab.keyboard.press("/")
                tab.keyboard.type(QUERIES[run], delay=30)
                tab.wait_for_function(DONE, arg=QUERIES[run], timeout=120000)
                longest = max(longest, max(tab.evaluate("window.__cwLong"), default=0.0))
                ctx.close()
            return {"first_s": statistics.median(firsts), "first_from_box_s": statistics.median(from_box),
                    "later_s": statistics.median(laters), "later_max_s": max(laters), "idle_bytes": float(idle),
                    "longtask_ms": longest, "heap_mb": heap, "renderer_mb": renderer}
        finally:
            browser.close()


LIGHTHOUSE_PAGES = {  # the six pages; the first of each kind found in the site
    "home": "index.html", "protocol": "protocol/section-3.html", "review brief": "reviews/*/brief.html",
    "scenario node": "scenarios/*/n2.html", "quiz": "quizzes/*.html", "progress": "progress.html",
}


def lighthouse(site: Path, node_modules: Path) -> dict[str, tuple[float, float]]:
    """Lighthouse (npm `lighthouse`, mobile preset, Debian chromium via CHROME_PATH) on pages served from 127.0.0.1:
    page -> (performance, accessibility) scores out of 100."""
    import functools
    import http.server
    import json
    import os
    import subprocess
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out: dict[str, tuple[float, float]] = {}
    try:
        for name, pattern in LIGHTHOUSE_PAGES.items():
            found = sorted(p for p in site.glob(pattern) if p.name != "index.html" or pattern == "index.html")
            if not found:
                continue
            url = f"http://127.0.0.1:{server.server_address[1]}/{found[0].relative_to(site).as_posix()}"
            run = subprocess.run([str(node_modules / ".bin" / "lighthouse"), url, "--quiet", "--output=json", "--output-path=stdout",
                                  "--only-categories=performance,accessibility", "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                                 capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
            cats = json.loads(run.stdout)["categories"]
            out[f"{name} ({found[0].relative_to(site).as_posix()})"] = (cats["performance"]["score"] * 100, cats["accessibility"]["score"] * 100)
    finally:
        server.shutdown()
    return out


if __name__ == "__main__":
    import json
    import sys

    site_arg = Path(sys.argv[1])
    if "--lighthouse" in sys.argv:
        print(json.dumps(lighthouse(site_arg, Path(__file__).resolve().parents[1] / "node_modules"), indent=1))
    else:
        print(json.dumps(time_search(site_arg, *(sys.argv[2:3] or ["index.html"])), indent=1))
