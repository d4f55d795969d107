"""IDs that differ only in case ('New-Partner' and 'new-partner'): each becomes a page or a stored answer's key,
and on a case-insensitive disk (Windows, macOS) or in a zip opened there the two pages are one file, so the second
silently replaces the first. Node IDs within a scenario, question IDs within a bank and the paths of hand-written
pages are checked.
"""

from __future__ import annotations

from casework.checks.base import docs_prefix
from casework.content.project import Project
from casework.problems import Problem

HINT = "rename one of them: on Windows and macOS, and in a zip opened there, the two would be one file"


def _clashes(names: list[str]) -> list[tuple[str, str]]:
    """(name, the earlier name it clashes with) for every name equal to an earlier one but for case."""
    first: dict[str, str] = {}
    out: list[tuple[str, str]] = []
    for name in names:
        key = name.casefold()
        if key in first and first[key] != name:
            out.append((name, first[key]))
        first.setdefault(key, name)
    return out


def check_case_collisions(project: Project) -> list[Problem]:
    out: list[Problem] = []
    for ls in project.scenarios.values():
        for nid, other in _clashes(list(ls.obj.nodes)):
            out.append(Problem(ls.file, ls.line("nodes", nid), f"node '{nid}'",
                               f"differs from node '{other}' (line {ls.line('nodes', other)}) only in case", HINT))
    for lq in project.quizzes.values():
        ids = [q.id for q in lq.obj.questions]
        for qid, other in _clashes(ids):
            out.append(Problem(lq.file, lq.line("questions", ids.index(qid)), f"question '{qid}'",
                               f"differs from question '{other}' only in case", HINT))
    prefix = docs_prefix(project)
    for page, other in _clashes(sorted(project.docs_pages)):
        out.append(Problem(f"{prefix}/{page}", None, None, f"differs from {prefix}/{other} only in case", HINT))
    return out
