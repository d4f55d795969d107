"""`casework amend`: one command raises the version, sets the review dates and logs the change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from casework.cli import main
from casework.content.yamlsrc import front_matter
from casework.publish.amend import a_year_on, amend_text, next_version

TODAY = "2026-11-25"


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), "amend", *args, "--today", TODAY])


@pytest.mark.parametrize(("current", "major", "expected"), [("1.0", False, "1.1"), ("1.9", False, "1.10"), ("1.3", True, "2.0"), (None, False, "1.0"), ("2", False, "2.1")])
def test_next_version(current: str | None, major: bool, expected: str) -> None:
    assert next_version(current, major) == expected


def test_a_year_on_from_29_february() -> None:
    assert a_year_on(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_amending_a_page_keeps_its_body_and_comments(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = mini_copy / "docs" / "index.md"
    before = page.read_text(encoding="utf-8")
    assert run(mini_copy, "index.md", "--note", 'Scotland: the "learning review" is named.') == 0
    after = page.read_text(encoding="utf-8")
    meta = front_matter(after)
    assert meta["version"] == "1.1"
    assert str(meta["last_reviewed"]) == TODAY and str(meta["next_review"]) == "2027-11-25"
    assert meta["amendments"][-1] == {"date": dt.date(2026, 11, 25), "version": "1.1", "note": 'Scotland: the "learning review" is named.'}
    assert after.split("---", 2)[2] == before.split("---", 2)[2]  # the body is untouched
    assert "is now version 1.1" in capsys.readouterr().out
    assert main(["--root", str(mini_copy), "check", "--today", TODAY]) == 0
    assert "docs/index.md" not in capsys.readouterr().out  # no warning about the page it amended


def test_amending_content_yaml_with_a_major_change_and_a_review_date(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = mini_copy / "quizzes" / "demo.yml"
    comment = "# keep this comment\n"
    bank.write_text(comment + bank.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(mini_copy, "quizzes/demo.yml", "--note", "Rewrote the distractors.", "--major", "--next-review", "2027-06-01") == 0
    text = bank.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert text.startswith(comment)
    assert (data["version"], str(data["next_review"]), data["amendments"][-1]["note"]) == ("3.0", "2027-06-01", "Rewrote the distractors.")
    capsys.readouterr()
    assert main(["--root", str(mini_copy), "check", "--today", TODAY]) == 0
    assert "quizzes/demo.yml" not in capsys.readouterr().out


def test_a_page_with_no_front_matter_gets_one() -> None:
    out, version = amend_text("# New\n\nText.\n", True, "First published.", dt.date(2026, 11, 25), dt.date(2027, 11, 25))
    assert version == "1.0"
    assert out.endswith("---\n\n# New\n\nText.\n") and front_matter(out)["amendments"][0]["note"] == "First published."


@pytest.mark.parametrize(("args", "message"), [
    (["../README.md", "--note", "x"], "no such page or content file in this project"),
    (["/etc/hostname", "--note", "x"], "no such page or content file in this project"),
    (["mkdocs.yml", "--note", "x"], "only a page under docs/ or a content file"),
    (["index.md", "--note", "  "], "the note is empty"),
    (["index.md", "--note", "x", "--next-review", "2020-01-01"], "is not after today"),
])
def test_refusals_name_the_problem_and_change_nothing(mini_copy: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in mini_copy.rglob("*") if p.is_file()}
    assert run(mini_copy, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("casework amend: ") and message in err and "how to fix:" in err
    assert before == {p: p.read_bytes() for p in mini_copy.rglob("*") if p.is_file()}


def test_site_facts_are_put_in_outside_code() -> None:
    from casework.render.pages import expand_facts

    facts = {"reviews": {"words": "five", "Words": "Five", "count": "5", "list": "A and B"}}
    md = "The {{ reviews.words }} reviews ({{reviews.count}}): {{ reviews.list }}. `{{ reviews.words }}`\n\n```\n{{ reviews.Words }}\n```\n{{ nope.x }}"
    assert expand_facts(md, facts) == "The five reviews (5): A and B. `{{ reviews.words }}`\n\n```\n{{ reviews.Words }}\n```\n{{ nope.x }}"
