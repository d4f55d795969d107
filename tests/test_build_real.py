"""Build tests of the real site: every part of the content the issues promise is there and joined up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casework.project import load_project
from conftest import REPO
from test_build_mini import EXTERNAL

pytestmark = pytest.mark.build
REVIEWS = ["lcspr-case-a", "scr-hh-ii-jj", "scr-family-m", "scr-child-j"]


def test_content_passes_every_check() -> None:
    project = load_project(REPO)
    assert [str(p) for p in project.errors] == []
    assert sorted(project.reviews) == sorted(REVIEWS)


@pytest.mark.parametrize("page", [f"protocol/section-{i}.html" for i in range(1, 15)] + [f"protocol/appendix-{i}.html" for i in range(1, 8)])
def test_every_protocol_section_and_appendix_has_a_page(real_site: Path, page: str) -> None:
    html = (real_site / page).read_text(encoding="utf-8")
    assert "In short" in html
    assert "<dt>Source version</dt><dd>09 (June 2018)</dd>" in html
    assert 'class="cw-review-banner"' in html  # the protocol's 2021 review date has passed


@pytest.mark.parametrize("review", REVIEWS)
def test_each_review_has_three_layers_and_metadata(real_site: Path, review: str) -> None:
    briefing = (real_site / f"reviews/{review}/index.html").read_text(encoding="utf-8")
    for part in ("Background", "Why it matters", "Things to note and remember", "What to do"):
        assert part in briefing, part
    assert '<label for="ap-plan">' in briefing  # the team action-plan form
    brief = (real_site / f"reviews/{review}/brief.html").read_text(encoding="utf-8")
    assert "Content note" in brief
    findings = (real_site / f"reviews/{review}/findings.html").read_text(encoding="utf-8")
    for label in ("Board", "Review type", "Agencies involved", "Themes"):
        assert f"<td>{label}</td>" in findings
    assert 'id="finding-1"' in findings and "Trained by:" in findings


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        assert not EXTERNAL.search(page.read_text(encoding="utf-8")), page


def test_every_citation_in_the_site_is_a_link_or_labelled(real_site: Path) -> None:
    """Prose citations are turned into links; none is left as raw '(key locator)' text."""
    raw = re.compile(r"\((?:nw-protocol|lcspr-case-a|scr-hh-ii-jj|scr-family-m|scr-child-j) [^)]*\)")
    for page in real_site.rglob("*.html"):
        text = re.sub(r"<(script|pre|code)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert not raw.search(text), (page, raw.search(text))


def test_abbreviations_used_in_pages_are_in_the_glossary() -> None:
    project = load_project(REPO)
    known = {t.term for t in project.terms}
    allowed = {"UK", "US", "BT", "TBC", "NHS", "PDF", "ID", "IDs", "YAML", "HTML", "CPD", "LMS", "QTI", "JSON", "RSS", "USB", "II", "JJ", "HH", "SCRs", "LCSPRs"}
    missing: dict[str, str] = {}
    for md in (REPO / "docs").rglob("*.md"):
        text = re.sub(r"```.*?```|`[^`]*`|\([a-z0-9-]+ [^)]*\)|\]\([^)]*\)", "", md.read_text(encoding="utf-8"), flags=re.S)
        for word in set(re.findall(r"(?<![\w-])[A-Z]{3,}s?(?![\w-])", text)):
            if word not in known and word.rstrip("s") not in known and word not in allowed:
                missing.setdefault(word, md.relative_to(REPO).as_posix())
    assert missing == {}


def test_scenarios_and_quizzes_are_listed(real_site: Path) -> None:
    index = (real_site / "scenarios/index.html").read_text(encoding="utf-8")
    for sid in ("case-a-new-relationship", "hh-ii-jj-new-baby", "family-m-disagreement", "child-j-written-agreement"):
        assert f'href="{sid}/index.html"' in index
        assert "FACILITATOR" not in (real_site / f"scenarios/{sid}/index.html").read_text(encoding="utf-8")
    quizzes = (real_site / "quizzes/index.html").read_text(encoding="utf-8")
    for review in REVIEWS:
        assert f'href="{review}.html"' in quizzes
