"""The exported zip in a browser: unzip it anywhere, open index.html from file://, search works offline.

Headless Debian chromium through Playwright, as in tests/test_browser.py; every request the page
makes is recorded, and none may leave file://.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from browsing import Tab, search
from casework.cli import main

pytestmark = pytest.mark.browser


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
