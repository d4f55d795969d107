"""Issue #18: a Content-Security-Policy on every page (the site's own files and the hashes of the inline scripts it
needs), no inline event handlers, and a browser that loads the real site with the policy and reports no violation."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casework.render import pages

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_inline_scripts_are_hashed_and_nothing_else_is() -> None:
    page = ('<html><head><meta charset="utf-8"><script>var a=1</script><script src="x.js"></script>'
            '<script id="__config" type="application/json">{"search": "w.js"}</script></head>'
            '<body><script type="module">b()</script><script>alert(1)</script></body></html>')
    assert pages.inline_scripts(page) == ["var a=1", "b()", "alert(1)"]
    policy = pages.content_security_policy(page, refused={"alert(1)"})
    assert pages.script_hash("var a=1") in policy and pages.script_hash("b()") in policy
    assert pages.script_hash("alert(1)") not in policy  # a script that came from content never gets a hash
    assert "'unsafe-inline'" not in policy.split("; ")[1] and "object-src 'none'" in policy
    out = pages.with_csp(page)
    assert out.startswith('<html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')


def test_search_may_start_its_worker_from_a_blob_and_nothing_else_from_elsewhere() -> None:
    policy = pages.content_security_policy("<html><head></head></html>").split("; ")
    assert "worker-src 'self' blob:" in policy  # search.js starts its worker from a Blob: file:// refuses a worker file
    assert [d for d in policy if "blob:" in d] == ["worker-src 'self' blob:"]  # a Blob may be a worker, never a script or a frame


def test_quiz_forms_lose_their_inline_handler() -> None:
    quiz = ('<div class="cw-question" data-cw-qid="q1"><div class="quiz" id="quiz-0">'
            '<form action="javascript:void(0);" onsubmit="return false;"><button type="submit">Submit</button></form></div></div>')
    out = pages.tidy_quiz_html(quiz)
    assert "onsubmit" not in out and "javascript:" not in out and "<form data-search-exclude>" in out


@pytest.mark.build
def test_every_page_of_the_real_site_has_a_policy_that_covers_its_inline_scripts(real_site: Path) -> None:
    checked = 0
    for page in sorted(real_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(real_site)
        policy = META.findall(text)
        assert len(policy) == 1, f"{where}: {len(policy)} Content-Security-Policy tags"
        assert text.index("Content-Security-Policy") < text.find("<script") or "<script" not in text, f"{where}: a script before the policy"
        for body in pages.inline_scripts(text):
            assert pages.script_hash(body) in policy[0], f"{where}: inline script without a hash: {body[:80]}"
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text), f"{where}: an inline event handler"
        assert not re.search(r"""(href|action|src)\s*=\s*["']?\s*javascript:""", text, re.I), f"{where}: a javascript: URL"
        checked += 1
    assert checked > 100


def shapes(site: Path) -> list[str]:
    """One page of each shape: the same scripts loaded, inline scripts and forms. Loading all ~150 pages twice takes
    about 0.6 s a page on the CI machine, over the budget; pages of one shape run the same code under the policy."""
    seen: dict[tuple[object, ...], str] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        text = page.read_text(encoding="utf-8")
        srcs = tuple(sorted({re.sub(r"^(\.\./)+", "", s) for s in re.findall(r'<script[^>]*src="([^"]+)"', text)}))
        key = (srcs, len(pages.inline_scripts(text)), "<form" in text.replace('<form class="md-search__form"', ""), 'class="mermaid"' in text)
        seen.setdefault(key, rel)
    return sorted(seen.values())


RECORD = ("window.__cspViolations = [];"
          "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
          "e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));")


@pytest.mark.browser
def test_the_real_site_runs_under_its_policy_from_file_and_http(real_site: Path, browser: Any, serve: Callable[[Path], str]) -> None:
    started = time.monotonic()
    base = serve(real_site)
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    targets = shapes(real_site)
    assert len(targets) >= 8
    try:
        for origin in ("file", "http"):
            for rel in targets:
                url = (real_site / rel).as_uri() if origin == "file" else base + rel
                page.goto(url, wait_until="load")
                violations = page.evaluate("window.__cspViolations")
                assert violations == [] and console == [], f"{origin} {rel}: {violations} {console}"
        # what runs after a click: search from file:// (its Blob worker), a quiz answer, Enter in a form
        page.goto((real_site / "quizzes/lcspr-case-a.html").as_uri())
        page.keyboard.press("/")
        page.keyboard.type("MAPPA", delay=10)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.keyboard.press("Escape")
        page.locator(".quiz input[type=radio]").first.check()
        page.locator(".quiz button[type=submit]").first.click()
        page.wait_for_selector(".quiz-feedback:not(.hidden)")
        page.goto((real_site / "training/evaluation/before.html").as_uri())
        box = page.locator("form.cw-form input[type=text]").first
        box.fill("my team")
        url = page.url
        box.press("Enter")  # submitting must not reload the page or need an inline handler
        page.wait_for_timeout(200)
        assert page.url == url
        assert page.evaluate("window.__cspViolations") == [] and console == [], console
    finally:
        context.close()
    assert time.monotonic() - started < 90, "keep this test lean"
