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
QUERIES = ["information sharing", "written agreement", "disguised compliance", "capacity to protect", "MAPPA", "risk"]
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
                tab.on("request", lambda r: requested.append(r.url))
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


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(time_search(Path(sys.argv[1]), *(sys.argv[2:3] or ["index.html"])), indent=1))
