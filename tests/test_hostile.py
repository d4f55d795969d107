"""Issue #18, fields have types: the red-team payloads in every text field of a copy of the mini project.

Plain-text fields show as written and never become markup; Markdown fields are rendered and sanitised; nothing runs.
One build of the hostile copy (module scope) serves the build tests and the browser test.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from browsing import file_url
from conftest import mkdocs_build
from hostile import PLAIN, SCENARIO_TITLE, make_hostile

pytestmark = pytest.mark.build


class Scan(HTMLParser):
    """What a browser would treat as script: handler attributes, javascript: URLs, inline scripts, frames."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.frames: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.js_urls.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed"):
            self.frames.append(tag)
        self._in_script = tag == "script" and not any(n == "src" for n, _ in attrs)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._in_title:
            self.title += data


def scan(path: Path) -> Scan:
    s = Scan()
    s.feed(path.read_text(encoding="utf-8"))
    return s


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_hostile(tmp_path_factory.mktemp("hostile") / "mini")
    site = root.parent / "site"
    result = mkdocs_build(root / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def test_no_field_can_put_script_on_any_page(hostile_site: Path) -> None:
    assert len(pages(hostile_site)) > 20
    for page in pages(hostile_site):
        s = scan(page)
        where = page.relative_to(hostile_site)
        assert s.handlers == [], f"{where}: event handler from content: {s.handlers[:3]}"
        assert s.js_urls == [], f"{where}: javascript: URL from content: {s.js_urls[:3]}"
        assert s.frames == [], f"{where}: frame from content"
        assert not [b for b in s.scripts if "alert(" in b], f"{where}: a script from content"


def test_plain_text_titles_show_as_written_everywhere_and_the_page_is_not_blank(hostile_site: Path) -> None:
    # the reproduction: `<!--` in a scenario title blanked every page of the scenario
    for name in ("index", "n1", "e-good", "facilitator", "room"):
        page = hostile_site / "scenarios/demo" / f"{name}.html"
        text = page.read_text(encoding="utf-8")
        s = scan(page)
        assert SCENARIO_TITLE in s.title, s.title
        assert "&amp;amp;" not in text and "&amp;lt;" not in text, f"{name}: escaped twice"
        raw_title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)  # type: ignore[union-attr]
        assert "<" not in raw_title, raw_title  # the comment opener is text, not markup
        end = 'class="cw-room__bar"' if name == "room" else 'class="md-footer'  # room mode's layout has no footer (cw-room.html)
        assert end in text  # the rest of the page is there
    start = scan(hostile_site / "scenarios/demo/index.html")
    assert start.title == f"{SCENARIO_TITLE} - casework test site"  # the text, exactly, with its & and quotes
    start_text = (hostile_site / "scenarios/demo/index.html").read_text(encoding="utf-8")
    assert "For trainers" in start_text and "Start the scenario" in start_text
    header = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', start_text.split('data-md-component="header-title"')[1], re.S)
    assert html.unescape(header[1]) == SCENARIO_TITLE  # the theme header (site name, then the page title)
    section = scan(hostile_site / "protocol/section-3.html")  # a hand-written page's front-matter title
    assert section.title == f"Section 3 {PLAIN} - casework test site"


def test_an_ordinary_title_with_an_ampersand_and_quotes_is_escaped_once() -> None:
    from casework.render.html import esc
    from casework.render.pages import escape_meta

    meta: dict[str, Any] = {"title": 'Tom & Jerry\'s "plan"', "tags": ["Child's lived experience"]}
    escape_meta(meta)
    assert meta == {"title": "Tom &amp; Jerry's &quot;plan&quot;", "tags": ["Child's lived experience"]}
    assert esc('Tom & Jerry\'s "plan" *not bold* [not a link]') == "Tom &amp; Jerry's &quot;plan&quot; &#42;not bold&#42; &#91;not a link&#93;"


def test_search_index_holds_titles_and_text_as_text(hostile_site: Path) -> None:
    from casework.render.search_index import from_chunks

    index = from_chunks(p.read_text(encoding="utf-8") for p in sorted((hostile_site / "search").glob("index-*.js")))
    assert index is not None
    stored: dict[str, Any] = index["storedFields"]  # type: ignore[assignment]
    titles = [d["t"] for d in stored.values()]
    assert SCENARIO_TITLE in titles  # the text as written: search.js shows results with textContent, so escaping here would show
    assert not [t for t in titles if "&lt;" in t or "&amp;" in t], titles  # '&lt;' and '&amp;' to the reader
    script = (hostile_site / "assets/casework/search.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)  # results are never parsed as markup


def test_scenario_data_keeps_plain_text_and_sanitises_markdown(hostile_site: Path) -> None:
    js = (hostile_site / "scenarios/demo/data.js").read_text(encoding="utf-8")
    data = json.loads(re.search(r"= (\{.*\});\s*$", js, re.S).group(1))  # type: ignore[union-attr]
    assert data["title"] == SCENARIO_TITLE  # plain text: the browser writes it with textContent
    choice = data["nodes"]["n1"]["choices"][0]
    assert PLAIN in choice["text"]
    assert "<strong>bold</strong>" in choice["feedback"]  # Markdown is rendered...
    for bad in ("onerror", "<script", "javascript:", "<iframe", "onclick"):  # ...and sanitised
        assert bad not in choice["feedback"], choice["feedback"]


def test_whats_new_and_feeds_carry_the_amendment_note_as_text(hostile_site: Path) -> None:
    s = scan(hostile_site / "whats-new.html")
    assert s.handlers == [] and not [b for b in s.scripts if "alert(" in b]
    page = (hostile_site / "whats-new.html").read_text(encoding="utf-8")
    assert html.escape("First published <img src=x onerror=alert(1)>", quote=False) in page
    atom = ET.parse(hostile_site / "feed.xml")  # well-formed
    titles = [e.text or "" for e in atom.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<img src=x onerror=alert(1)>" in t for t in titles)  # plain text in the feed, escaped by the XML writer


def test_markdown_fields_are_rendered_and_sanitised_unless_the_site_opts_in() -> None:
    from casework.render.sanitise import clean

    out = clean('<p>Some <strong>bold</strong> <img src=x onerror=alert(3)><script>alert(4)</script>'
                '<a href="javascript:alert(5)">a</a><iframe src="https://example.org"></iframe>'
                '<a href="#" onclick="alert(6)">c</a></p><form action="x" onsubmit="return false"><input name="a" type="text"></form>')
    assert out == ('<p>Some <strong>bold</strong> <img src="x"><a>a</a><a href="#">c</a></p>'
                   '<form><input name="a" type="text"></form>')
    kept = '<script src="data.js"></script>'
    assert clean(f"<p>x</p>{kept}<script>alert(1)</script>", keep=[kept]) == f"<p>x</p>{kept}"


def test_raw_html_opt_in_is_a_documented_plugin_option() -> None:
    from casework.mkdocs_plugin import CaseworkConfig

    assert CaseworkConfig.raw_html.default is False
    guide = (Path(__file__).resolve().parents[1] / "docs/authoring/fields.md").read_text(encoding="utf-8")
    assert "raw_html" in guide


@pytest.mark.browser
def test_no_dialog_fires_and_pages_show_their_text(hostile_site: Path, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for rel in ("scenarios/demo/index.html", "scenarios/demo/n1.html", "scenarios/demo/e-good.html", "scenarios/demo/facilitator.html",
                    "scenarios/demo/room.html", "quizzes/demo.html", "reviews/demo-review/findings.html", "glossary.html", "topics.html",
                    "protocol/section-3.html", "whats-new.html", "self-assessment/demo-set/before.html", "training/modules/demo-module.html",
                    "index.html", "scenarios/index.html"):
            page.goto(file_url(hostile_site, rel))
            page.wait_for_load_state("load")
            text = page.locator("article").inner_text()
            assert "Tom & Jerry" in text, f"{rel}: the plain text is not shown as written"
            assert len(text) > 200, f"{rel}: the page is blank"
        page.goto(file_url(hostile_site, "scenarios/demo/index.html"))
        assert page.locator("article h1").first.inner_text().rstrip("¶") == SCENARIO_TITLE  # ¶: the permalink
        page.goto(file_url(hostile_site, "scenarios/demo/n1.html"))
        page.locator("a.cw-choice").first.click()  # the path replay writes feedback as HTML: still no script
        page.wait_for_load_state("load")
        assert dialogs == [], f"script ran from content: {dialogs}"
    finally:
        context.close()
