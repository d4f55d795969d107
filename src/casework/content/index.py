"""The index of what cites and trains what: coverage of review items by questions and choices, every question by ID, every page of the site."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casework.content.model import Question

if TYPE_CHECKING:
    from casework.content.project import Project


def site_pages(project: Project) -> set[str]:
    """Every docs-relative page the site will have: hand-written and generated."""
    pages = set(project.docs_pages)
    for sid, ls in project.scenarios.items():
        pages |= {f"scenarios/{sid}/index.md", f"scenarios/{sid}/facilitator.md", f"scenarios/{sid}/room.md"}
        pages |= {f"scenarios/{sid}/{nid}.md" for nid in ls.obj.nodes}
    pages |= {f"quizzes/{q}.md" for q in project.quizzes}
    pages |= {f"reviews/{r}/findings.md" for r in project.reviews}
    pages |= {f"training/modules/{m}.md" for m in project.modules}
    pages |= {f"self-assessment/{s}/{stage}.md" for s in project.sets for stage in ("before", "after", "record")}
    pages |= {f"sources/{k}.md" for k in project.sources} | ({"sources/index.md"} if project.sources else set())
    named: tuple[tuple[str, object], ...] = (("scenarios/index.md", project.scenarios), ("quizzes/index.md", project.quizzes),
                          ("progress.md", project.quizzes), ("reviews/coverage.md", project.reviews),
                          ("glossary.md", project.terms), ("training/modules/index.md", project.modules),
                          ("topics.md", project.themes), ("whats-new.md", True))
    for name, present in named:
        if present:
            pages.add(name)
    return pages


def question_index(project: Project) -> dict[str, Question]:
    """'bank/qid' -> question, for every question in every bank."""
    return {f"{b}/{q.id}": q for b, lq in project.quizzes.items() for q in lq.obj.questions}

def coverage(project: Project) -> dict[str, dict[str, list[str]]]:
    """For every finding, lesson and recommendation: the quiz questions and scenario choices that train it."""
    cov: dict[str, dict[str, list[str]]] = {
        f"{key}/{item.id}": {"questions": [], "choices": []} for key, r in project.reviews.items() for item in r.obj.items()
    }
    for qid, lq in project.quizzes.items():
        for q in lq.obj.questions:
            refs = set(q.trains) | {t for o in q.options for t in o.trains}
            for ref in sorted(refs):
                if ref in cov:
                    cov[ref]["questions"].append(f"{qid}/{q.id}")
    for sid, ls in project.scenarios.items():
        for nid, node in ls.obj.nodes.items():
            for i, ch in enumerate(node.choices):
                for ref in ch.trains:
                    if ref in cov:
                        cov[ref]["choices"].append(f"{sid}/{nid}/{i + 1}")
    return cov
