"""The exported zip in a browser: unzip it anywhere, open index.html from file://, search works offline.

Headless Debian chromium through Playwright, as in tests/test_browser.py; every request the page
makes is recorded, and none may leave file://.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casework.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture
def ctx(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context
    context.close()


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


def search(page: Any, query: str) -> list[str]:
    """Search as a keyboard user does: press '/', type. Retypes while the index is still loading."""
    page.keyboard.press("/")  # Material's search shortcut
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    for _ in range(10):
        box.fill("")
        page.keyboard.type(query, delay=20)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2000)
            break
        except Exception:  # noqa: BLE001 - the worker was not ready yet; type again
            continue
    return list(page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.getAttribute('href'))"))


@pytest.fixture
def unzipped(mini_copy: Path, tmp_path: Path) -> Path:
    """The mini site exported with `casework export site` and unzipped somewhere else entirely."""
    out = tmp_path / "board-pack.zip"
    assert main(["--root", str(mini_copy), "export", "site", "--out", str(out)]) == 0
    dest = tmp_path / "somewhere else"  # a space in the path, as on a shared drive
    with zipfile.ZipFile(out) as zf:
        zf.extractall(dest)
    assert (dest / "README.txt").is_file()
    return dest / "board-pack"


def test_the_unzipped_site_searches_offline_from_file_url(ctx: Any, unzipped: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto((unzipped / "index.html").as_uri())
    hits = search(page, "relationship")
    assert any("scenarios/demo/index.html" in h for h in hits), hits
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(unzipped.as_uri() + "/")
    tab.assert_local()
