"""Training checks: every finding trained by a quiz question and a scenario choice (coverage), and every module outcome taught and assessed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from casework.content.model import Module, Question
from casework.problems import Problem

if TYPE_CHECKING:
    from casework.content.project import Loaded, Project
from casework.checks.base import Cite
from casework.content.index import coverage, question_index, site_pages


def closest(ref: str, known: Iterable[str], limit: int = 3) -> str:
    import difflib

    near = difflib.get_close_matches(ref, sorted(known), n=limit, cutoff=0.6)
    return f"did you mean: {', '.join(near)}?" if near else ""


def check_training(project: Project, trains: Cite) -> None:
    """Modules and self-assessment sets: every reference resolves; every outcome is taught and assessed."""
    p = project.problems
    pages = site_pages(project)
    questions = question_index(project)
    blocked = any(f.startswith(("scenarios/", "quizzes/")) for f in project.unreadable)

    def page_ref(lm: Loaded[Module], path: tuple[str | int, ...], item: str | None, page: str) -> None:
        if page not in pages:
            hint = closest(page, pages) or "give a docs-relative Markdown path, e.g. 'protocol/section-3.md' or 'reviews/lcspr-case-a/brief.md'"
            p.append(Problem(lm.file, lm.line(*path), item, f"page '{page}' does not exist", hint))

    for mid, lm in project.modules.items():
        m = lm.obj
        for j, pre in enumerate(m.prerequisites):
            if pre not in project.modules:
                p.append(Problem(lm.file, lm.line("prerequisites", j), None, f"prerequisite '{pre}' is not a module",
                                 f"modules are: {', '.join(sorted(project.modules))}"))
            elif pre == mid:
                p.append(Problem(lm.file, lm.line("prerequisites", j), None, "a module cannot be its own prerequisite", None))
        for j, page in enumerate(m.reading):
            page_ref(lm, ("reading", j), None, page)
        for j, sid in enumerate(m.scenarios):
            if sid not in project.scenarios and not blocked:
                p.append(Problem(lm.file, lm.line("scenarios", j), None, f"scenario '{sid}' does not exist",
                                 f"scenarios are: {', '.join(sorted(project.scenarios)) or 'none'}"))
        for j, qid in enumerate(m.quizzes):
            if qid not in project.quizzes and not blocked:
                p.append(Problem(lm.file, lm.line("quizzes", j), None, f"quiz '{qid}' does not exist",
                                 f"quizzes are: {', '.join(sorted(project.quizzes)) or 'none'}"))
        if m.self_assessment and m.self_assessment not in project.sets and not any(u.startswith("sets/") for u in project.unreadable):
            p.append(Problem(lm.file, lm.line("self_assessment"), None, f"self-assessment set '{m.self_assessment}' does not exist",
                             f"sets are: {', '.join(sorted(project.sets)) or 'none'}; add sets/{m.self_assessment}.yml"))
        trains(lm.file, lm.line("recommendations"), None, m.recommendations)
        seen: set[str] = set()
        for i, o in enumerate(m.outcomes):
            where = f"outcome '{o.id}'"
            if o.id in seen:
                p.append(Problem(lm.file, lm.line("outcomes", i, "id"), where, "this ID is used twice in the module", "give each outcome its own ID"))
            seen.add(o.id)
            trains(lm.file, lm.line("outcomes", i, "answers"), where, o.answers)
            for j, page in enumerate(o.taught_by):
                page_ref(lm, ("outcomes", i, "taught_by", j), where, page)
            for j, ref in enumerate(o.assessed_by):
                msg = _assessment_problem(ref, project, questions)
                if msg and not blocked:
                    p.append(Problem(lm.file, lm.line("outcomes", i, "assessed_by", j), where, msg[0], msg[1]))
            if not o.taught_by:
                p.append(Problem(lm.file, lm.line("outcomes", i), where, "is not taught by any page",
                                 "add 'taught_by:' with the pages under docs/ that teach it, e.g. 'reviews/<review>/brief.md'"))
            if not o.assessed_by:
                p.append(Problem(lm.file, lm.line("outcomes", i), where, "is not assessed by any question or scenario choice",
                                 "add 'assessed_by:' with a question or a scenario node, e.g. 'quiz:<bank>/<question>' or 'scenario:<scenario>/<node>'"))

    for _sid, lset in project.sets.items():
        qs = lset.obj
        if qs.module and qs.module not in project.modules and not any(u.startswith("modules/") for u in project.unreadable):
            p.append(Problem(lset.file, lset.line("module"), None, f"module '{qs.module}' does not exist",
                             closest(qs.module, project.modules) or f"modules are: {', '.join(sorted(project.modules)) or 'none'}"))
        for stage in ("before", "after"):
            refs: list[str] = getattr(qs, stage)
            for j, ref in enumerate(refs):
                if ref not in questions and not blocked:
                    bank = ref.split("/")[0]
                    if bank in project.quizzes:
                        hint = f"{bank} has: {', '.join(dict.fromkeys(q.id for q in project.quizzes[bank].obj.questions))}"
                    else:
                        hint = f"banks are: {', '.join(sorted(project.quizzes)) or 'none'}"
                    p.append(Problem(lset.file, lset.line(stage, j), None, f"question '{ref}' does not exist", hint))
                if refs.index(ref) != j:
                    p.append(Problem(lset.file, lset.line(stage, j), None, f"question '{ref}' is listed twice", "list each question once"))


def _assessment_problem(ref: str, project: Project, questions: dict[str, Question]) -> tuple[str, str | None] | None:
    kind, _, target = ref.partition(":")
    owner, _, item = target.partition("/")
    if kind == "quiz":
        if target in questions:
            return None
        if owner in project.quizzes:
            return (f"assessed by '{ref}', but quiz '{owner}' has no question '{item}'",
                    f"{owner} has: {', '.join(dict.fromkeys(q.id for q in project.quizzes[owner].obj.questions))}")
        return f"assessed by '{ref}', but there is no quiz '{owner}'", f"quizzes are: {', '.join(sorted(project.quizzes)) or 'none'}"
    if owner not in project.scenarios:
        return f"assessed by '{ref}', but there is no scenario '{owner}'", f"scenarios are: {', '.join(sorted(project.scenarios)) or 'none'}"
    nodes = project.scenarios[owner].obj.nodes
    if item not in nodes:
        return f"assessed by '{ref}', but scenario '{owner}' has no node '{item}'", f"nodes: {', '.join(nodes)}"
    if not nodes[item].choices:
        with_choices = ", ".join(n for n, node in nodes.items() if node.choices)
        return f"assessed by '{ref}', but node '{item}' has no choices to assess with", f"nodes with choices: {with_choices}"
    return None


def check_coverage(project: Project) -> None:
    blocked = [f for f in project.unreadable if f.startswith(("scenarios/", "quizzes/"))]
    if blocked:
        project.problems.append(Problem(blocked[0], None, None, "training coverage was not checked because this file could not be read",
                                        "fix the errors above, then run the check again", severity="warning"))
        return
    for ref, c in coverage(project).items():
        review, _, item = ref.partition("/")
        lr = project.reviews[review]
        group = {"finding": "findings", "lesson": "lessons", "rec": "recommendations"}[item.split("-")[0]]
        idx = next(i for i, it in enumerate(getattr(lr.obj, group)) if it.id == item)
        missing = [label for key, label in (("questions", "quiz question"), ("choices", "scenario choice")) if not c[key]]
        if missing:
            what = " or ".join(missing)
            project.problems.append(Problem(lr.file, lr.line(group, idx), f"'{item}'", f"is not trained by any {what}",
                                            f"add '{ref}' to the 'trains:' list of a {what}"))
