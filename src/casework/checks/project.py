"""`check_project`: every cross-file check in one pass, over a project `casework.content` has read.

References between files (reviews, scenarios, quizzes, debrief links, tags, citations in pages) are
checked here; each family with rules of its own has its own module, called from here in a fixed
order so that problems are always listed the same way.
"""

from __future__ import annotations

from casework.checks.base import CITE_HINT
from casework.checks.citations import check_citation_landing, check_prose_citations
from casework.checks.cues import check_cues
from casework.checks.ids import check_case_collisions
from casework.checks.offline import check_offline
from casework.checks.publishing import check_publishing
from casework.checks.quizzes import check_quiz
from casework.checks.scenarios import check_scenario
from casework.checks.timings import check_timings
from casework.checks.training import check_coverage, check_training, closest
from casework.content.citations import citations_in_markdown, resolve
from casework.content.project import Project, rel
from casework.content.sourceindex import cited_locators
from casework.problems import Problem


def check_project(project: Project) -> None:
    p = project.problems
    sources = project.source_objs
    known_items = {f"{key}/{item.id}" for key, r in project.reviews.items() for item in r.obj.items()}
    examples: dict[str, list[str]] = {}

    def forms(key: str) -> list[str]:
        """The locators the site cites for a source, worked out only when a citation fails (for the message)."""
        if not examples:
            examples.update(cited_locators(project) or {"": []})
        return examples.get(key, [])

    def cite(file: str, line: int | None, item: str | None, citations: list[str]) -> None:
        for c in citations:
            r = resolve(c, sources, forms)
            if isinstance(r, str):
                p.append(Problem(file, line, item, r, CITE_HINT))

    def trains(file: str, line: int | None, item: str | None, refs: list[str]) -> None:
        for ref in refs:
            if ref not in known_items:
                review = ref.split("/")[0]
                if review in project.reviews:
                    ids = ", ".join(i.id for i in project.reviews[review].obj.items()) or "no findings, lessons or recommendations yet"
                    p.append(Problem(file, line, item, f"trains '{ref}', which does not exist ({review} has: {ids})", None))
                else:
                    p.append(Problem(file, line, item, f"trains '{ref}', but there is no review '{review}'",
                                     f"reviews are: {', '.join(sorted(project.reviews)) or 'none'}"))

    def themes(file: str, line: int | None, item: str | None, keys: list[str]) -> None:
        for t in keys:
            if project.themes and t not in project.themes:
                p.append(Problem(file, line, item, f"theme '{t}' is not in themes.yml",
                                 f"use one of: {', '.join(sorted(project.themes))}"))

    # reviews
    for key, lr in project.reviews.items():
        r = lr.obj
        themes(lr.file, lr.line("themes"), None, r.themes)
        seen: set[str] = set()
        for group in ("findings", "lessons", "recommendations"):
            for i, item in enumerate(getattr(r, group)):
                where = lr.line(group, i)
                if item.id in seen:
                    p.append(Problem(lr.file, where, f"{group[:-1] if group != 'recommendations' else 'recommendation'} '{item.id}'", "this ID is used twice in the review", "number items uniquely"))
                seen.add(item.id)
                cite(lr.file, lr.line(group, i, "sources"), f"'{item.id}'", item.sources)
                themes(lr.file, lr.line(group, i, "themes"), f"'{item.id}'", item.themes)
        if key not in project.sources:
            p.append(Problem(lr.file, lr.line("key"), None, f"review '{key}' has no entry in sources.yml", "add the original document to sources.yml with the same key"))

    # glossary terms' sources
    glossary = (project.root / "glossary.yml").read_text(encoding="utf-8").split("\n") if project.terms else []
    for t in project.terms:
        line = next((i + 1 for i, ln in enumerate(glossary) if ln.strip().lstrip("- ").startswith("term:") and ln.split(":", 1)[1].strip().strip("'\"") == t.term), None)
        cite("glossary.yml", line, f"term '{t.term}'", t.sources)

    # scenarios
    for _sid, ls in project.scenarios.items():
        check_scenario(ls, project, cite, trains)

    # quizzes
    for _qid, lq in project.quizzes.items():
        check_quiz(lq, p, cite, trains)
        if lq.obj.review and lq.obj.review not in project.reviews:
            p.append(Problem(lq.file, lq.line("review"), None, f"review '{lq.obj.review}' does not exist", f"reviews are: {', '.join(sorted(project.reviews)) or 'none'}"))

    # debrief quiz links
    for _sid, ls in project.scenarios.items():
        for nid, node in ls.obj.nodes.items():
            if (node.debrief and node.debrief.quiz and node.debrief.quiz not in project.quizzes
                    and not any(u.startswith(f"quizzes/{node.debrief.quiz}.y") for u in project.unreadable)):
                p.append(Problem(ls.file, ls.line("nodes", nid, "debrief", "quiz"), f"node '{nid}'",
                                 f"debrief links to quiz '{node.debrief.quiz}', which does not exist",
                                 f"quizzes are: {', '.join(sorted(project.quizzes)) or 'none'}"))
            if node.debrief:
                for j, page in enumerate(node.debrief.protocol):
                    if not (project.docs_dir / page).is_file():
                        p.append(Problem(ls.file, ls.line("nodes", nid, "debrief", "protocol", j), f"node '{nid}'",
                                         f"debrief links to page '{page}', which is not in {project.docs_dir.name}/",
                                         "give the path of a Markdown page under docs/, e.g. 'protocol/section-3.md'"))

    # citations and tags in hand-written pages
    docs_prefix = rel(project.docs_dir, project.root)
    titles = {t.title for t in project.themes.values()}
    for page, text in project.docs_pages.items():
        for line, c in citations_in_markdown(text, tuple(sources)):
            cite(f"{docs_prefix}/{page}", line, None, [c])
        tags = project.docs_meta.get(page, {}).get("tags") if titles else None
        for tag in tags if isinstance(tags, list) else []:
            if str(tag) not in titles:
                tag_line = next((i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip() in (f"- {tag}", f"- '{tag}'", f'- "{tag}"')), None)
                p.append(Problem(f"{docs_prefix}/{page}", tag_line, None, f"tag '{tag}' is not a theme in themes.yml",
                                 closest(str(tag), titles) or f"use a theme title: {', '.join(sorted(titles))}", severity="warning"))

    # citations written inside prose fields of the content YAML (feedback, debriefs, findings...)
    p.extend(check_prose_citations(project))
    p.extend(check_citation_landing(project))

    # answers that give themselves away: the longest, always in one place, or repeating the question's words
    p.extend(check_cues(project))

    check_coverage(project)
    check_training(project, trains)
    p.extend(check_timings(project))

    p.extend(check_publishing(project))
    p.extend(check_offline(project))
    p.extend(check_case_collisions(project))
