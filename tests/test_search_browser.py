"""Browser tests of search (issue #16): relevance on the real site, lazy loading, typing before the index is
ready, filters, synonyms, keyboard, highlighting and axe, from file:// and from a local server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from browsing import Tab, axe, describe, file_url, search
from conftest import REPO

RELEVANCE = yaml.safe_load((REPO / "tests/golden/search/relevance.yml").read_text(encoding="utf-8"))
INDEX_PARTS = ("search/index-", "search-worker", "minisearch")


def target(href: str) -> str:
    """A result link as a site path: no ../, no ?h=, no #anchor."""
    path = href.split("?")[0].split("#")[0]
    while path.startswith(("../", "./")):
        path = path.split("/", 1)[1]
    return path


def ranks(page: Any) -> dict[str, int]:
    """Query -> rank (1-based) of the expected page; 0 when missing."""
    out: dict[str, int] = {}
    for case in RELEVANCE:
        hits = [target(h) for h in search(page, case["query"], type_it=False)]
        out[case["query"]] = hits.index(case["expect"]) + 1 if case["expect"] in hits else 0
    return out


def test_relevance_set_finds_the_right_page_in_the_top_three(ctx: Any, real_site: Path) -> None:
    assert len(RELEVANCE) >= 30
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "index.html"))
    got = ranks(page)
    misses = {q: r for q, r in got.items() if not 1 <= r <= 3}
    hit_rate = 1 - len(misses) / len(got)
    print(f"relevance: {hit_rate:.0%} in the top 3; misses (query: rank, 0 = not listed): {misses}")
    assert hit_rate >= 0.9, misses
    for must in ("what to do", "Case A", "Family M", "HH, II and JJ", "MOSOVO", "capacity to protect"):  # the issue's own
        assert got[must] == 1, (must, got)
    tab.assert_local()


def test_no_search_bytes_before_focus_then_a_query_typed_at_once_is_answered(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "protocol/section-3.html"))
    page.wait_for_timeout(300)
    assert not [u for u in tab.requests if any(p in u for p in INDEX_PARTS)], tab.requests
    assert "sitemap.xml" not in " ".join(tab.requests)  # Material no longer asks for it (a console error from file://)
    page.keyboard.press("/")
    page.keyboard.type("relationship")  # straight away, while the index is still loading
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search__input").input_value() == "relationship"
    assert any("scenarios/demo/index.html" in h for h in search(page, "relationship"))
    assert [u for u in tab.requests if "search/index-0.js" in u]
    assert [u for u in tab.requests if u.startswith("blob:")]  # a Blob worker: the index is read off the main thread
    tab.assert_local()


def test_focus_loads_the_index_once_and_keys_move_through_results(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "index.html"))
    page.click("input.md-search__input")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    hits = search(page, "partner")
    assert hits and sum("search/index-0.js" in u for u in tab.requests) == 1
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    violations = axe(page)
    assert not violations, describe(violations)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    tab.assert_local()


def test_a_result_opens_its_page_with_the_words_marked(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "index.html"))
    search(page, "partner has no children")
    page.locator(".md-search-result__item a[href*='quizzes/demo.html']").first.click()
    page.wait_for_load_state("load")
    assert "quizzes/demo.html" in page.url
    marks = page.locator("article mark").all_text_contents()
    assert any(m.lower() == "partner" for m in marks), marks
    tab.assert_local()


def test_filters_by_kind_and_by_review_or_theme(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "index.html"))
    everything = search(page, "written agreement")
    page.select_option("[data-cw-filter=kind]", "quiz")
    quizzes = search(page, "written agreement")
    kinds = page.locator(".cw-search-kind").all_text_contents()
    assert quizzes and len(quizzes) < len(everything) and all(k.startswith("Quiz") for k in kinds), kinds
    page.select_option("[data-cw-filter=kind]", "")
    page.select_option("[data-cw-filter=topic]", "review:scr-child-j")
    child_j = [target(h) for h in search(page, "written agreement")]
    assert child_j and all("child-j" in h for h in child_j), child_j
    page.select_option("[data-cw-filter=topic]", "theme:written-agreements")
    themed = search(page, "written agreement")
    assert themed and len(themed) <= len(everything)
    tab.assert_local()


def test_glossary_terms_and_expansions_find_each_other(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "index.html"))
    short = [target(h) for h in search(page, "SHPO")]
    long = [target(h) for h in search(page, "sexual harm prevention order")]
    module = "training/modules/information-sharing-offender-management.html"
    assert module in short[:3] and module in long[:3], (short[:5], long[:5])
    assert "glossary.html" in short and "glossary.html" in long
    mosovo = [target(h) for h in search(page, "management of sexual or violent offenders")]
    assert "glossary.html" in mosovo, mosovo
    tab.assert_local()


def test_search_from_a_local_server_uses_a_real_worker(ctx: Any, mini_site: Path, serve: Callable[[Path], str]) -> None:
    base = serve(mini_site)
    tab = Tab(ctx, (base,))
    page = tab.goto(base + "reviews/demo-review/findings.html")
    assert not [u for u in tab.requests if any(p in u for p in INDEX_PARTS)]
    hits = search(page, "partner has no children")
    assert any("quizzes/demo.html" in h for h in hits)
    assert any(u.endswith("assets/casework/search-worker.js") for u in tab.requests)
    assert not [u for u in tab.requests if u.startswith("blob:") or "search-worker-src" in u]
    tab.assert_local()
