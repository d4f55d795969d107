"""Content notes: every page that carries case material warns the reader first and signposts support.

A page **carries case material** when it is

1. under ``reviews/`` (a briefing, a learning brief, a findings page, the coverage table); or
2. a generated scenario start page, quiz page, findings page, coverage table or source page; or
3. any other page whose text cites a review (a source with a file in ``reviews/``), such as
   ``(lcspr-case-a 5.49)``.

Scenario node pages, facilitator guides and room mode are reached through the scenario's start
page, which carries its note, and are not checked.

A **content note** is an admonition titled "Content note" (``!!! warning "Content note"``) whose
text links to the support page (``[Support](../support.md)``). Generated pages get theirs from the
renderer; `casework check` reports a hand-written page without one.
"""

from __future__ import annotations

import re

from casework.checks.base import docs_prefix
from casework.content.citations import citations_in_markdown, split
from casework.content.project import Project
from casework.content.yamlsrc import split_front_matter
from casework.problems import Problem

SUPPORT_PAGE = "support.md"
NOTE_TITLE = re.compile(r'^(?:!!!|\?\?\?\+?)\s+[\w-]+\s+"Content note"\s*$', re.I)
SUPPORT_LINK = re.compile(r"\]\((?:[^)\s]*/)?" + re.escape(SUPPORT_PAGE) + r"(?:#[^)\s]*)?(?:\s+\"[^\"]*\")?\)")
GENERATED_KINDS = ("scenario-start", "quiz", "findings", "coverage", "source")
HINT = ('add a content note near the top of the page:\n'
        '    !!! warning "Content note"\n'
        '        This page discusses <what>. If it affects you, talk to your supervisor or see [Support](<path to>/support.md).')


def case_material(page: str, text: str, reviews: set[str]) -> str | None:
    """Why `page` carries case material (None when it does not): its place, or the first review it cites."""
    if page.startswith("reviews/"):
        return "it is under reviews/"
    for _, c in citations_in_markdown(text, tuple(sorted(reviews))):
        key = split(c)[0]
        if key in reviews:
            return f"it cites the review '{key}'"
    return None


def has_content_note(text: str) -> bool:
    """A "Content note" admonition whose indented text links to the support page."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not NOTE_TITLE.match(line.strip()):
            continue
        body = []
        for nxt in lines[i + 1:]:
            if nxt.strip() and not nxt.startswith(("    ", "\t")):
                break
            body.append(nxt)
        if SUPPORT_LINK.search("\n".join(body)):
            return True
    return False


def check_content_notes(project: Project) -> list[Problem]:
    """Every hand-written page with case material and no content note."""
    reviews = set(project.reviews) | {n.split("/", 1)[1].rsplit(".", 1)[0] for n in project.unreadable if n.startswith("reviews/")}
    prefix = docs_prefix(project)
    out: list[Problem] = []
    for page, text in sorted(project.docs_pages.items()):
        if page == SUPPORT_PAGE:
            continue
        why = case_material(page, text, reviews)
        if why and not has_content_note(text):
            _, body_start = split_front_matter(text)
            title = next((n for n, ln in enumerate(text.split("\n"), 1) if n > body_start and ln.startswith("# ")), body_start + 1)
            out.append(Problem(f"{prefix}/{page}", title, None,
                               f"carries case material ({why}) but has no content note linking to the support page", HINT))
    return out
