"""`casework new` wires new pages into mkdocs.yml's nav, keeping comments and the year order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from casework.cli import main
from casework.publish.navedit import add_after_last, add_review
from conftest import REPO

NEWEST_FIRST = """\
site_name: x
nav:
  - Home: index.md   # the home page
  - Case reviews:
      - reviews/index.md
      - Case A (2024):
          - reviews/a/index.md
          - reviews/a/brief.md
      - Family M (2018):
          - reviews/m/index.md
      # older reviews below
      - Child J (undated; SCR began 2009):
          - reviews/j/index.md
      - reviews/themes.md
  - Quizzes:
      - quizzes/index.md
      - quizzes/a.md
      - progress.md
"""


def labels(text: str) -> list[str]:
    nav = yaml.safe_load(text)["nav"]
    return [next(iter(i)) if isinstance(i, dict) else i for i in nav[1]["Case reviews"]]


@pytest.mark.parametrize(("year", "expected"), [
    (2026, ["reviews/index.md", "new (2026)", "Case A (2024)", "Family M (2018)", "Child J (undated; SCR began 2009)", "reviews/themes.md"]),
    (2020, ["reviews/index.md", "Case A (2024)", "new (2020)", "Family M (2018)", "Child J (undated; SCR began 2009)", "reviews/themes.md"]),
    (2000, ["reviews/index.md", "Case A (2024)", "Family M (2018)", "Child J (undated; SCR began 2009)", "new (2000)", "reviews/themes.md"]),
])
def test_a_review_goes_in_at_its_year_and_comments_stay(year: int, expected: list[str]) -> None:
    edit = add_review(NEWEST_FIRST, "new", year)
    assert edit is not None
    assert labels(edit.text) == expected
    assert "# the home page" in edit.text and "# older reviews below" in edit.text
    assert yaml.safe_load(edit.text)["nav"][1]["Case reviews"][expected.index(f"new ({year})")] == {
        f"new ({year})": ["reviews/new/index.md", "reviews/new/brief.md", "reviews/new/findings.md"]}


def test_an_oldest_first_list_stays_oldest_first() -> None:
    oldest_first = NEWEST_FIRST.replace("Case A (2024)", "TMP").replace("Family M (2018)", "Case A (2024)").replace("TMP", "Family M (2018)")
    oldest_first = oldest_first.replace("      # older reviews below\n      - Child J (undated; SCR began 2009):\n          - reviews/j/index.md\n", "")
    edit = add_review(oldest_first, "new", 2020)
    assert edit is not None and labels(edit.text)[1:4] == ["Family M (2018)", "new (2020)", "Case A (2024)"]


def test_items_go_after_the_last_of_their_kind_once() -> None:
    edit = add_after_last(NEWEST_FIRST, "quizzes/new.md", r"-\s+quizzes/(?!index\.md)[^/\s]+\.md", "quiz bank")
    assert edit is not None and yaml.safe_load(edit.text)["nav"][2]["Quizzes"] == ["quizzes/index.md", "quizzes/a.md", "quizzes/new.md", "progress.md"]
    again = add_after_last(edit.text, "quizzes/new.md", r"-\s+quizzes/(?!index\.md)[^/\s]+\.md", "quiz bank")
    assert again is not None and again.text == edit.text


def test_a_nav_of_another_shape_is_left_alone() -> None:
    assert add_review("site_name: x\n", "new", 2026) is None
    assert add_review("nav:\n  - index.md\n", "new", 2026) is None


def test_new_review_wires_the_real_nav_and_the_site_builds_its_nav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "site"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", ".*cache*"))
    assert main(["--root", str(root), "new", "review", "lcspr-case-b"]) == 0
    out = capsys.readouterr().out
    assert "The new pages are in the navigation" in out and "copying these lines exactly" not in out
    nav = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))["nav"]
    flat = str(nav)
    for page in ("reviews/lcspr-case-b/index.md", "reviews/lcspr-case-b/findings.md", "scenarios/lcspr-case-b-scenario/index.md", "quizzes/lcspr-case-b.md"):
        assert flat.count(page) == 1, page
