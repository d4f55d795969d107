"""The personal-data check finds names, named places and dates beside a child: measured on a planted set
(tests/golden/personal/planted.yml) and silent on ordinary text and on the real content."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from casework.checks import load_project
from casework.checks.personal import find_personal_data
from conftest import REPO

PLANTED = yaml.safe_load((Path(__file__).parent / "golden" / "personal" / "planted.yml").read_text(encoding="utf-8"))


def test_planted_set_is_large_and_varied() -> None:
    cases = PLANTED["planted"]
    assert len(cases) >= 40
    assert {c["kind"] for c in cases} == {"fullname", "school", "street", "childdate", "dob"}
    assert len([c for c in cases if c["kind"] == "fullname"]) >= 20


def test_recall_on_the_planted_set_is_at_least_95_percent() -> None:
    missed = []
    for case in PLANTED["planted"]:
        found = find_personal_data(case["text"])
        if not any(f.kind == case["kind"] and f.text == case["found"] for f in found):
            missed.append((case["text"], [(f.kind, f.text) for f in found]))
    recall = 1 - len(missed) / len(PLANTED["planted"])
    print(f"recall {recall:.1%} over {len(PLANTED['planted'])} planted cases; missed: {missed}")
    assert recall >= 0.95, missed


@pytest.mark.parametrize("text", PLANTED["clean"])
def test_ordinary_text_raises_nothing(text: str) -> None:
    assert find_personal_data(text) == []


def test_public_names_and_identifiers_are_allowed() -> None:
    assert find_personal_data("Liam Hargreaves wrote the review.", {"Liam Hargreaves"}) == []
    assert [f.text for f in find_personal_data("Liam Hargreaves wrote the review.")] == ["Liam Hargreaves"]


def test_zero_alarms_on_the_real_content() -> None:
    project = load_project(REPO)
    personal = [str(p) for p in project.problems if "looks like" in p.message]
    assert personal == []


def test_review_public_names_work_in_yaml(mini_copy: Path) -> None:
    review = mini_copy / "reviews" / "demo-review.yml"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("summary: ", "summary: Written by Liam Hargreaves. ", 1), encoding="utf-8")
    problems = [str(p) for p in load_project(mini_copy).problems]
    assert any("looks like a person's full name: 'Liam Hargreaves'" in p for p in problems), problems
    review.write_text(review.read_text(encoding="utf-8") + "public_names: [Liam Hargreaves]\n", encoding="utf-8")
    problems = [str(p) for p in load_project(mini_copy).problems]
    assert not any("Liam Hargreaves" in p for p in problems), problems


@pytest.mark.parametrize("n", [2_000, 20_000])
def test_name_patterns_stay_linear(n: int) -> None:
    """Long hostile lines (runs of capitalised words, digits, place words) are scanned in linear time."""
    hostile = [("Liam " * n), ("A " * n) + "School", ("St Mary " * n), ("1/" * n), ("Child 1 January 2015 " * (n // 10))]
    started = time.perf_counter()
    for text in hostile:
        find_personal_data(text)
    assert time.perf_counter() - started < 0.0005 * n + 1  # quadratic would be seconds at 20,000


def test_every_kind_has_a_message_and_a_hint() -> None:
    from casework.checks.personal import KINDS
    for kind in ("fullname", "school", "street", "childdate"):
        label, hint = KINDS[kind]
        assert label and re.search(r"\w", hint)
