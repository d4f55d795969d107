"""Citations land on the paragraph: every citation link on the built real site is followed to its target in
chromium, and the target's element must exist. Source pages print, and pass axe."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest

from browsing import Tab, axe, describe, file_url

pytestmark = pytest.mark.browser

CITE_LINK = re.compile(r'<a\b[^>]*href="(?P<href>[^"]*sources/[^"#]+\.html#[^"]+)"[^>]*>(?P<text>[^<]*)</a>')
NUMBERED = re.compile(r"\b\d+\.\d+")  # a citation to a numbered paragraph: "NW protocol 3.7", "Case A review 5.49"
SOURCES = ["nw-protocol", "lcspr-case-a", "scr-hh-ii-jj", "scr-family-m", "scr-child-j"]


def citation_links(site: Path) -> list[tuple[str, str, str]]:
    """(page URL, link text, absolute target URL) of every citation link in the built site."""
    out = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "sources/" not in text:
            continue
        base = page.as_uri()
        for m in CITE_LINK.finditer(text):
            out.append((base, html_lib.unescape(m.group("text")), urljoin(base, html_lib.unescape(m.group("href")))))
    return out


def test_citations_to_numbered_paragraphs_land_on_an_existing_anchor(ctx: Any, real_site: Path) -> None:
    links = [link for link in citation_links(real_site) if NUMBERED.search(link[1])]
    assert len(links) > 500, "the real site cites hundreds of numbered paragraphs"
    targets: dict[str, list[str]] = {}
    for _, _, target in links:
        doc, frag = urldefrag(target)
        targets.setdefault(doc, []).append(frag)
    tab = Tab(ctx, ("file://",))
    ids_on: dict[str, set[str]] = {}
    for doc in targets:  # follow each link: open its target page in the browser and look for the element
        page = tab.goto(doc)
        ids_on[doc] = set(page.evaluate("() => Array.from(document.querySelectorAll('[id]'), e => e.id)"))
    landed = [t for t in (urldefrag(t) for _, _, t in links) if t[1] in ids_on[t[0]]]
    missing = sorted({f"{doc}#{frag}" for doc, frag in (urldefrag(t) for _, _, t in links) if frag not in ids_on[doc]})
    assert len(landed) / len(links) >= 0.95, missing[:20]
    assert missing == []  # in fact every one lands
    tab.assert_local()


def test_clicking_a_protocol_citation_opens_its_paragraph(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "protocol/section-3.html"))
    page.locator("a.cw-cite", has_text="NW protocol 3.7").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("sources/nw-protocol.html#p-3-7")
    heading = page.locator("#p-3-7")
    assert "NW protocol 3.7" in heading.inner_text()
    assert heading.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }")
    # the paragraph lists the page we came from, with the sentence that cites it
    entry = page.locator("#p-3-7 ~ ul").first
    assert "3.0 Section 47 enquiry" in entry.inner_text()
    tab.assert_local()


@pytest.mark.parametrize("key", SOURCES)
def test_source_page_lists_paragraphs_in_order_and_prints(ctx: Any, real_site: Path, key: str) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, f"sources/{key}.html"))
    assert page.locator(".admonition", has_text="Content note").count() == 1
    ids = page.evaluate("() => Array.from(document.querySelectorAll('h2.cw-source-para'), e => e.id)")
    assert ids, "every source is cited somewhere"
    numbered = [tuple(int(n) for n in re.findall(r"\d+", i)) for i in ids if re.fullmatch(r"p-\d+(-\d+)+", i)]
    assert numbered == sorted(numbered)  # natural order: 2.9 before 2.10
    if key == "nw-protocol":
        assert ids.index("p-2-9") < ids.index("p-2-10") if "p-2-10" in ids else True
        assert max(ids.index(i) for i in ids if re.fullmatch(r"p-\d+(-\d+)+", i)) < ids.index("p-appendix-1")
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".cw-print").first.evaluate("e => getComputedStyle(e).display") == "none"
    page.emulate_media(media="screen")
    if key == "scr-family-m":  # the shortest: axe on the longest source page takes a minute
        violations = axe(page)
        assert violations == [], describe(violations)
    tab.assert_local()
