"""Answer cues (casework.checks.cues) and fill-in answer normalisation: the pure core."""

from __future__ import annotations

import pytest

from casework.checks import load_project
from casework.checks.cues import check_cues, clang, content_words, measure_bank
from casework.content.model import QuizBank, normalise_answer
from conftest import REPO


def test_the_real_content_raises_no_cue_warning() -> None:
    project = load_project(REPO)
    assert [str(p) for p in check_cues(project)] == []
    assert project.quizzes and project.scenarios


def test_measures_follow_the_definitions() -> None:
    bank = QuizBank.model_validate({"id": "b", "title": "B", "questions": [
        {"id": "a", "type": "single", "stem": "s", "explanation": "e",
         "options": [{"text": "long right answer", "correct": True, "feedback": "f"}, {"text": "short", "feedback": "f"}]},
        {"id": "b", "type": "single", "stem": "s", "explanation": "e",
         "options": [{"text": "tie", "feedback": "f"}, {"text": "yes", "correct": True, "feedback": "f"}]},
        {"id": "c", "type": "single", "stem": "s", "explanation": "e",
         "options": [{"text": "x", "correct": True, "feedback": "f"}, {"text": "longer", "feedback": "f"}]},
    ]})
    m = measure_bank(bank)
    assert (m.n, m.longest) == (3, ["a", "b"])  # a tie with the longest counts as longest
    assert m.key_position() == (1, 2 / 3)
    assert bank.shuffle is True  # shuffling is the default


def test_clang_needs_two_shared_words_and_no_distractor_sharing_one() -> None:
    stem = "Mr Z says his new partner has no children."
    assert content_words(stem) == {"says", "partner", "children"}
    assert clang(stem, ["Ask what his partner says"], ["Move on"]) == {"partner", "says"}
    assert clang(stem, ["Ask what his partner says"], ["Ignore the children"]) == set()
    assert clang(stem, ["Ask his partner"], ["Move on"]) == set()


@pytest.mark.parametrize(("typed", "expected"), [
    ("4.70", "4.7"), ("4.7%", "4.7"), (" 4.7 % ", "4.7"), ("Alone.", "alone"), ("  Respectful   Uncertainty ", "respectful uncertainty"),
    ("3.", "3"), ("03", "3"), (".5", "0.5"), ("42", "42"), ("", ""),
])
def test_fill_in_answers_are_normalised(typed: str, expected: str) -> None:
    assert normalise_answer(typed) == expected
