"""Stage 3 of the pipeline: render. Pure functions from the checked project to Markdown pages.

Every generated page is a `Generated` with its docs-relative path, its Markdown and the content
file it came from (for edit links). `html` holds what every page family shares (escaping, citation
lists, page paths); each family has its own module: scenarios (with the facilitator guide, room
mode and map), quizzes, reviews, glossary and topics, training, source pages, and hand-written pages' transforms
(`pages`, `brand`). Nothing here imports MkDocs, so any engine that reads Markdown can build the
same pages.
"""

from __future__ import annotations

from casework.content.index import coverage
from casework.content.project import Project
from casework.render.glossary import TOPICS_PAGE, render_glossary, render_topics, term_usage
from casework.render.html import Generated, quiz_page_path
from casework.render.quizzes import render_progress, render_quiz, render_quiz_index
from casework.render.reviews import render_coverage, render_findings
from casework.render.scenarios import render_scenario, render_scenario_index
from casework.render.sources import generate as source_pages
from casework.render.training import generate as training_pages

__all__ = ["Generated", "generate"]


def generate(project: Project) -> list[Generated]:
    """Every page casework generates for a project."""
    out: list[Generated] = []
    for ls in project.scenarios.values():
        out.extend(render_scenario(ls, project))
    for lq in project.quizzes.values():
        out.append(Generated(quiz_page_path(lq.obj), render_quiz(lq, project), lq.file, "quiz"))
    cov = coverage(project)  # once for all the reviews
    for lr in project.reviews.values():
        out.append(Generated(f"reviews/{lr.obj.key}/findings.md", render_findings(lr, project, cov), lr.file, "findings"))
    if project.scenarios:
        out.append(Generated("scenarios/index.md", render_scenario_index(project), None, "index"))
    if project.quizzes or project.sets:
        out.append(Generated("progress.md", render_progress(project), None, "progress"))
        out.append(Generated("quizzes/index.md", render_quiz_index(project), None, "index"))
    if project.reviews:
        out.append(Generated("reviews/coverage.md", render_coverage(project), None, "coverage"))
    out.extend(training_pages(project))
    if project.themes:
        out.append(Generated(TOPICS_PAGE, render_topics(project), "themes.yml", "topics"))
    if project.terms:
        out.append(Generated("glossary.md", render_glossary(project, term_usage(project, project.docs_pages)), "glossary.yml", "glossary"))
    out.extend(source_pages(project))
    return out
