#!/usr/bin/env python3
"""Measure answer cues in the quiz banks and scenarios (issue #14).

Prints, for each bank and scenario, the measures that `casework check` warns on; their
definitions and thresholds live in one place, ``casework.checks.cues`` (read its docstring).
It also prints, per scenario, whether always taking the first choice is the best path:

First-choice path best
    A path is followed from ``start`` taking the first choice at every node until an ending
    (``ending: true`` or no choices). Its score is the site's path score: stronger 2, mixed 1,
    weaker 0 points per decision, divided by 2 points per decision. The best score is the highest
    over all paths from ``start`` to an ending that visit no node twice. "First-choice path best"
    is true when the first-choice path reaches an ending and scores the best score.

Exits 1 if `casework check` would warn about a cue or a first-choice path is best, else 0.
Usage: ``python scripts/assessment_cues.py [project-dir]`` (default: this repository).
"""

from __future__ import annotations

import sys
from pathlib import Path

from casework.checks import load_project
from casework.checks.cues import check_cues, measure_bank, measure_scenario
from casework.content.model import RATING_POINTS, Scenario


def path_scores(sc: Scenario) -> tuple[float | None, float | None]:
    """(first-choice path score, best path score); None when no ending is reached."""
    nodes = sc.nodes

    def ending(nid: str) -> bool:
        return nodes[nid].ending or not nodes[nid].choices

    first: float | None = None
    seen: set[str] = set()
    nid, got, steps = sc.start, 0, 0
    while nid in nodes and nid not in seen:
        seen.add(nid)
        if ending(nid):
            first = got / (2 * steps) if steps else 1.0
            break
        ch = nodes[nid].choices[0]
        got, steps, nid = got + RATING_POINTS[ch.rating], steps + 1, ch.goto

    best: float | None = None

    def walk(nid: str, visited: frozenset[str], got: int, steps: int) -> None:
        nonlocal best
        if nid not in nodes or nid in visited:
            return
        if ending(nid):
            s = got / (2 * steps) if steps else 1.0
            best = s if best is None else max(best, s)
            return
        for ch in nodes[nid].choices:
            walk(ch.goto, visited | {nid}, got + RATING_POINTS[ch.rating], steps + 1)

    walk(sc.start, frozenset(), 0, 0)
    return first, best


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    project = load_project(root)
    failed = False
    for lq in project.quizzes.values():
        print(measure_bank(lq.obj, lq.file).line())
    for ls in project.scenarios.values():
        first, best = path_scores(ls.obj)
        first_best = first is not None and best is not None and first >= best
        failed |= first_best
        print(measure_scenario(ls.obj, ls.file).line() + f"  first-choice-best {'yes' if first_best else 'no'}")
    for w in check_cues(project):
        failed = True
        print(f"    FAIL: {w}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
