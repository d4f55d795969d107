"""The held-out board task, end to end: a review known only from a press report, cited with ranges.

In a copy of the real project: `casework new review`, the files filled in from tests/golden/boards/ (and the
scaffold's sources.yml entry replaced by a press report's), `casework amend`, a strict build, and then the
review is found where a board officer would look: the nav, the site counts, its source page and what's new.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from casework.cli import main
from conftest import REPO, mkdocs_build

BOARDS = Path(__file__).parent / "golden" / "boards"
KEY = "press-case-p"
COPY = ("sources.yml", "themes.yml", "glossary.yml", "mkdocs.yml", "docs", "reviews", "scenarios", "quizzes", "modules", "sets")


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "real"
    dest.mkdir()
    for name in COPY:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, dest / name)
    (dest / "node_modules").symlink_to(REPO / "node_modules")
    return dest


@pytest.mark.build
def test_a_review_from_a_press_report_is_wired_in_everywhere(real_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--root", str(real_copy)]
    before = (real_copy / "sources.yml").read_text(encoding="utf-8")
    assert main([*root, "new", "review", KEY]) == 0
    # the officer fills in the files, and replaces the scaffolded sources.yml entry with the press report's
    shutil.copytree(BOARDS, real_copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("source-entry.yml"))
    (real_copy / "sources.yml").write_text(before.rstrip("\n") + "\n" + (BOARDS / "source-entry.yml").read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert main([*root, "check"]) == 0, "".join(capsys.readouterr())
    assert main([*root, "amend", f"reviews/{KEY}.yml", "--note", "Ranges of the press report checked against the article."]) == 0
    today = dt.date.today().isoformat()
    review = (real_copy / "reviews" / f"{KEY}.yml").read_text(encoding="utf-8")
    assert 'version: "1.1"' in review and f"last_reviewed: {today}" in review
    assert main([*root, "check"]) == 0, "".join(capsys.readouterr())

    site = tmp_path / "site"
    result = mkdocs_build(real_copy / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-3000:]

    # the nav: the review's three layers under Case reviews (the nav is pruned to the open section)
    assert f"reviews/{KEY}/findings.md" in (real_copy / "mkdocs.yml").read_text(encoding="utf-8")
    reviews_index = (site / "reviews" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{KEY}/index.html" class="md-nav__link">' in reviews_index
    findings = (site / "reviews" / KEY / "findings.html").read_text(encoding="utf-8")
    assert '<a href="brief.html" class="md-nav__link">' in findings and '<a href="findings.html" class="md-nav__link md-nav__link--active">' in findings
    # the counts: docs/reviews/index.md says {{ reviews.Words }} and {{ reviews.words }}; four reviews became five
    assert "the five reviews" in reviews_index and "four" not in reviews_index
    # its source page: the type, the locator note, the author, and each range listed under its first paragraph
    source = (site / "sources" / f"{KEY}.html").read_text(encoding="utf-8")
    assert "<dt>Type</dt><dd>Press report (a second-hand account of the document)</dd>" in source
    assert "<dt>How its paragraphs are cited</dt><dd>paragraph counted from the top of the article, such as para 3</dd>" in source
    assert "<dt>Author</dt><dd>Sarah Thompson</dd>" in source and "2025 (uncertain)" in source
    assert 'id="p-para-3"' in source and "(cites para 3–para 4)" in source and "(cites para 9–para 10)" in source
    assert 'id="p-para-4"' not in source  # a range lands on its first paragraph only
    # a citation of a range links to its first paragraph, and its tooltip names the original document
    link = re.search(r'<a href="../../sources/press-case-p.html#p-para-3" title="([^"]*)">Case P press report para 3–para 4</a>', findings)
    assert link and "Original: https://example.invalid/gazette/case-p" in link.group(1)
    assert "<td>Author</td>\n<td>Sarah Thompson</td>" in findings
    # the sources index gives its type
    assert re.search(r"Review finds a child was missed[^<]*</a></td>\s*<td>Press report</td>", (site / "sources" / "index.html").read_text(encoding="utf-8"))
    # what's new: the amendment of the findings page, and the new pages
    whats_new = (site / "whats-new.html").read_text(encoding="utf-8")
    assert "Ranges of the press report checked against the article." in whats_new
    assert f"reviews/{KEY}/brief.html" in whats_new and f"reviews/{KEY}/findings.html" in whats_new
