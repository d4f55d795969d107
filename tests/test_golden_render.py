"""Golden cases: content in the small fixture project -> the exact Markdown casework generates.

Expected files live in tests/golden/render/, named after the generated page path. Run with
UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casework.project import load_project
from casework.render import generate

MINI = Path(__file__).parent / "fixtures" / "mini"
GOLDEN = Path(__file__).parent / "golden" / "render"
PAGES = ["scenarios/demo/index.md", "scenarios/demo/n2.md", "scenarios/demo/e-good.md", "scenarios/demo/facilitator.md",
         "scenarios/demo/room.md", "quizzes/demo.md", "reviews/demo-review/findings.md", "reviews/coverage.md", "glossary.md"]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return {g.path: g.markdown for g in generate(load_project(MINI))}


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_matches_golden(page: str, generated: dict[str, str]) -> None:
    expected = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(generated[page], encoding="utf-8")
    assert generated[page] == expected.read_text(encoding="utf-8")


def test_every_node_gets_a_page_and_learner_pages_hold_no_facilitator_text(generated: dict[str, str]) -> None:
    for node in ("n1", "n2", "n3", "e-good", "e-poor"):
        page = generated[f"scenarios/demo/{node}.md"]
        assert "FACILITATOR-ONLY" not in page
    assert "FACILITATOR-ONLY-N1" in generated["scenarios/demo/facilitator.md"]
    assert "FACILITATOR-ONLY-N1" in generated["scenarios/demo/room.md"]  # behind the notes toggle


def test_inner_pages_are_kept_out_of_search(generated: dict[str, str]) -> None:
    assert 'search: {"exclude": true}' in generated["scenarios/demo/n1.md"]
    assert "search:" not in generated["scenarios/demo/index.md"]
