"""The nav check: a warning for every nav section with more entries than a page should carry."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from casework.checks.nav import NAV_SECTION_LIMIT, check_config_nav, check_nav
from casework.cli import main
from casework.content.yamlsrc import load_yaml
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from gen_corpus import generate  # noqa: E402


def section(n: int, title: str = "Case reviews") -> dict[str, list[Any]]:
    return {title: [f"reviews/review-{i}.md" for i in range(n)]}


def test_limit_is_25() -> None:
    assert NAV_SECTION_LIMIT == 25


def test_25_entries_are_fine_26_are_not() -> None:
    assert check_nav([{"Home": "index.md"}, section(25)]) == []
    problems = check_nav([{"Home": "index.md"}, section(26)])
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line, p.item, p.severity) == ("mkdocs.yml", None, "nav > Case reviews", "warning")
    assert p.message.startswith("has 26 entries; Material writes every one of them into each page of the section")


def test_a_nested_section_counts_as_one_entry_and_is_checked_itself() -> None:
    inner = {"2019": [f"reviews/{i}.md" for i in range(26)]}
    nav = [{"Case reviews": ["reviews/index.md", inner, *[f"reviews/r{i}.md" for i in range(24)]]}]  # 26 entries
    assert [p.item for p in check_nav(nav)] == ["nav > Case reviews", "nav > Case reviews > 2019"]
    assert check_nav([{"Case reviews": ["reviews/index.md", {"2019": ["a.md"] * 25}, *["b.md"] * 23]}]) == []


def test_a_year_section_is_split_by_half_year() -> None:
    [p] = check_nav([{"Reviews": [{"2019": ["a.md"] * 26}]}])
    assert p.hint is not None and "for example by half year:" in p.hint and '- "2019":' in p.hint


def test_the_top_level_counts_too() -> None:
    [p] = check_nav([f"page-{i}.md" for i in range(26)])
    assert p.item == "nav" and p.message.startswith("has 26 top-level entries")


@pytest.mark.parametrize("nav", [None, "index.md", {"Home": "index.md"}, [{"a": ["x.md"] * 30, "b": "y.md"}], [{"Links": "https://example.org"}]])
def test_anything_that_is_not_a_valid_nav_is_left_to_mkdocs(nav: Any) -> None:
    assert check_nav(nav) == []


def test_the_example_in_the_hint_is_a_valid_nav() -> None:
    [p] = check_nav([{"Case reviews: 2024 # all": ["a.md"] * 26}])
    assert p.hint is not None
    example = yaml.safe_load(p.hint.split("\n", 1)[1])
    assert example == [{"Case reviews: 2024 # all": [
        {"2024": [{"Case A": "reviews/case-a/index.md"}, {"Case B": "reviews/case-b/index.md"}]},
        {"2023": [{"Case C": "reviews/case-c/index.md"}]},
    ]}]


def test_marked_and_plain_nav_give_the_same_warnings_with_and_without_lines(tmp_path: Path) -> None:
    generate(tmp_path, reviews=30, seed=1, nav="flat")
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    plain = check_nav(yaml_load(text)["nav"])  # what MkDocs gives a plugin as config.nav
    doc, _ = load_yaml(text, "mkdocs.yml")
    assert doc is not None
    marked = check_nav(doc.data["nav"], "mkdocs.yml", doc)
    assert marked == check_config_nav(tmp_path / "mkdocs.yml")
    assert [(p.item, p.message) for p in plain] == [(p.item, p.message) for p in marked]
    assert [p.item for p in marked] == ["nav > Case reviews", "nav > Scenarios", "nav > Quizzes"]
    lines = text.split("\n")
    for p in marked:
        assert p.line is not None and lines[p.line - 1].strip() == f"- {p.item.split(' > ')[-1]}:"
    assert {p.line for p in plain} == {None}


def test_a_grouped_corpus_gives_no_warning(tmp_path: Path) -> None:
    generate(tmp_path, reviews=60, seed=1, nav="grouped")
    assert check_config_nav(tmp_path / "mkdocs.yml") == []


def test_the_real_site_gives_no_warning() -> None:
    assert check_config_nav(REPO / "mkdocs.yml") == []


def test_no_or_unreadable_config_gives_nothing(tmp_path: Path) -> None:
    assert check_config_nav(tmp_path / "mkdocs.yml") == []
    (tmp_path / "mkdocs.yml").write_text("nav: [a\n", encoding="utf-8")
    assert check_config_nav(tmp_path / "mkdocs.yml") == []


def test_casework_check_prints_the_warning(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = mini_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - Home: index.md\n  - Case reviews:\n"
                      + "".join(f"      - reviews/review-{i}.md\n" for i in range(27)), encoding="utf-8")
    line = config.read_text(encoding="utf-8").split("\n").index("  - Case reviews:") + 1
    code = main(["--root", str(mini_copy), "check", "--today", "2020-01-01"])
    out = capsys.readouterr()
    assert code == 0 and out.err == ""
    assert out.out.startswith(f"mkdocs.yml:{line}: warning: nav > Case reviews: has 27 entries; Material writes every one of them")
    assert "\n    how to fix: group them into sections of 25 or fewer, for example by year:\n        - Case reviews:\n" in out.out
    assert "0 errors, 1 warning\ncasework check: no errors, so the site builds; 1 warning above to look at" in out.out


def test_casework_check_reads_the_nav_from_config(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.yml"
    other.write_text(yaml.safe_dump({"site_name": "x", "nav": [section(26, "Quizzes")]}), encoding="utf-8")
    assert main(["--root", str(mini_copy), "check", "--today", "2020-01-01", "--config", str(other)]) == 0
    assert f"{other.as_posix()}:2: warning: nav > Quizzes: has 26 entries" in capsys.readouterr().out
    assert main(["--root", str(mini_copy), "check", "--config", str(tmp_path / "missing.yml")]) == 1
    assert f"casework check: {tmp_path / 'missing.yml'}: no such MkDocs configuration file" in capsys.readouterr().err
