"""Unit tests: scenario choices' stable IDs, the duplicate-ID check, and 'about N decisions' (issue #14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from casework.checks import load_project
from casework.content.model import Choice
from casework.render.scenarios import depths, typical_length
from conftest import MINI


def choice(**kw: object) -> Choice:
    return Choice.model_validate({"goto": "n2", "rating": "stronger", "feedback": "f", **kw})


def test_a_choice_id_follows_its_target_and_text_not_its_position() -> None:
    a = choice(text="Ask whether she has children.")
    assert a.key() == choice(text="  Ask whether   she has children. ").key()  # spacing does not matter
    assert a.key().startswith("n2~") and a.key() != choice(text="Accept it.").key()
    assert choice(text="Anything", id="ask-first").key() == "ask-first"  # an explicit id wins


def test_two_choices_with_the_same_id_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    path = root / "scenarios" / "demo.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - text: Accept that there is nothing to worry about.",
                                 "      - text: Accept that there is nothing to worry about.\n        id: same", 1)
                    .replace("      - text: Ask whether she has children and tell children's social care.",
                             "      - text: Ask whether she has children and tell children's social care.\n        id: same", 1), encoding="utf-8")
    problems = [str(p) for p in load_project(root).problems]
    assert any("node 'n1', choice 2: has the same ID 'same' as choice 1" in p for p in problems), problems


def test_about_how_many_decisions_and_the_shortest_step() -> None:
    s = load_project(MINI).scenarios["demo"].obj
    assert depths(s) == {"n1": 0, "n2": 1, "n3": 1, "e-good": 2, "e-poor": 2}
    assert typical_length(s) == 3
