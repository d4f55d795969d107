"""Helpers for the browser tests: a tab that records its requests, file URLs, search as a keyboard user, axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


class Tab:
    """A page that records every request it makes, so a test can assert they stay local."""

    def __init__(self, context: Any, allowed: tuple[str, ...]) -> None:
        self.page = context.new_page()
        self.allowed = allowed
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def goto(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def assert_local(self) -> None:
        outside = [u for u in self.requests if not u.startswith(self.allowed) and not u.startswith(("data:", "blob:", "about:"))]
        assert outside == [], f"requests left the machine: {outside}"
        assert self.errors == [], f"script errors: {self.errors}"


def file_url(site: Path, page: str) -> str:
    return (site / page).as_uri()


def axe(page: Any) -> list[dict[str, Any]]:
    # evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline scripts it has no hash for
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in violations)


SEARCH_DONE = ("(q) => document.querySelector('.md-search__input').value === q"
               " && /matching/.test(document.querySelector('.md-search-result__meta').textContent)")


def search(page: Any, query: str, type_it: bool = True) -> list[str]:
    """Search as a keyboard user does: press '/', type, and wait for the results of that query (typing before
    the index is ready is fine: the answer comes when it is)."""
    box = page.locator("input.md-search__input")
    if not page.evaluate("document.getElementById('__search').checked"):
        page.keyboard.press("/")  # the search shortcut
    box.wait_for(state="visible")
    page.evaluate("document.querySelector('.md-search-result__list').textContent = ''")
    box.fill("")
    if type_it:
        page.keyboard.type(query, delay=10)
    else:
        box.fill(query)
    page.wait_for_function(SEARCH_DONE, arg=query, timeout=15000)
    return page.locator(".md-search-result__item a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")


def wait_for_diagram(page: Any, min_height: int) -> None:
    """Wait until Material has drawn the page's mermaid diagram (into a closed shadow root) at a drawing's size."""
    page.wait_for_function("(h) => { const m = document.querySelector('div.mermaid');"
                           " return !!m && m.getBoundingClientRect().height > h; }", arg=min_height, timeout=20000)
