"""The benchmark corpus generator (scripts/gen_corpus.py) writes valid, reproducible content."""

from __future__ import annotations

import sys
from pathlib import Path

from casework.checks import load_project
from casework.checks.cues import check_cues
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from gen_corpus import generate  # noqa: E402


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_is_valid(tmp_path: Path) -> None:
    generate(tmp_path, reviews=2, seed=7)
    project = load_project(tmp_path)
    # random sentences can happen to make the key the longest option: only those answer-cue warnings are allowed
    assert [p for p in project.problems if p not in check_cues(project)] == []
    assert len(project.reviews) == len(project.scenarios) == len(project.quizzes) == 2
    for ls in project.scenarios.values():
        assert len(ls.obj.nodes) == 12
    for lq in project.quizzes.values():
        assert len(lq.obj.questions) == 12
        assert {q.type for q in lq.obj.questions} == {"single", "multiple", "fill-in"}


def test_corpus_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", reviews=2, seed=3)
    generate(tmp_path / "b", reviews=2, seed=3)
    generate(tmp_path / "c", reviews=2, seed=4)
    a, b, c = files(tmp_path / "a"), files(tmp_path / "b"), files(tmp_path / "c")
    assert a == b
    assert a != c
