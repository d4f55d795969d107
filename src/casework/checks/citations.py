"""Citations written inside the prose fields of content YAML (feedback, debriefs, explanations, finding text), with the line inside multi-line text;
and whether every citation can land on its paragraph's anchor on the source page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casework.checks.base import field_label
from casework.content.citations import citations_in_markdown, resolve
from casework.content.project import CONTENT_DIRS, rel
from casework.content.sourceindex import anchor, anchor_clashes, cited, cited_locators, source_page
from casework.problems import Problem

if TYPE_CHECKING:
    from casework.content.project import Project
    from casework.content.yamlsrc import Scalar
from casework.checks.base import CITE_HINT


def check_prose_citations(project: Project) -> list[Problem]:
    """Citations in the free text of reviews, scenarios, quizzes, modules and sets: every one the
    renderer would link must resolve. Structured `sources:` lists are checked with their items."""
    sources = project.source_objs
    known = tuple(sources)
    out: list[Problem] = []
    examples: dict[str, list[str]] = {}

    def forms(key: str) -> list[str]:  # the locators the site cites, worked out only when a citation fails
        if not examples:
            examples.update(cited_locators(project) or {"": []})
        return examples.get(key, [])

    for name, doc in sorted(project.yaml_docs.items()):
        if name.split("/", 1)[0] not in CONTENT_DIRS:
            continue
        lines: list[str] | None = None
        for s in doc.scalars:
            if s.is_key or "(" not in s.value or "sources" in s.path:
                continue
            found = [(c, resolve(c, sources, forms)) for _, c in citations_in_markdown(s.value, known)]
            if not any(isinstance(r, str) for _, r in found):
                continue
            lines = doc.text.split("\n") if lines is None else lines
            cursor = s.start
            for c, r in found:
                cursor = find_in(lines, s, c, cursor)  # every citation moves on, so a repeated one gets its own line
                if isinstance(r, str):
                    item, field = field_label(s.path, doc.data)
                    out.append(Problem(name, cursor[0] + 1, item, f"{field}: {r}", CITE_HINT))
    return out


def find_in(lines: list[str], s: Scalar, text: str, start: tuple[int, int]) -> tuple[int, int]:
    """Where `text` next appears in scalar `s` from `start` (0-based line and column), as the position
    just after it; `start` itself when it is not found (a citation folded over two lines)."""
    line, col = start
    for i in range(line, min(s.end[0], len(lines) - 1) + 1):
        at = lines[i].find(text, col if i == line else 0)
        if at >= 0:
            return i, at + len(text)
    return start


def check_citation_landing(project: Project) -> list[Problem]:
    """Every citation must land on an anchor of its own on its source page: two spellings of one locator that share
    an anchor cannot, and neither can a paragraph missing from a source page an author wrote by hand."""
    out: list[Problem] = []
    index = cited(project)
    for key, one, other in anchor_clashes(project, index):
        ls = project.sources.get(key)
        out.append(Problem(ls.file if ls else "sources.yml", ls.line("key") if ls else None, f"source '{key}'",
                           f"'{key} {one}' and '{key} {other}' are cited as two paragraphs, but both land on '#{anchor(one)}'",
                           "write the locator the same way in every citation"))
    prefix = rel(project.docs_dir, project.root)
    for (key, locator), links in sorted(index.items()):
        page = source_page(key)
        text = project.docs_pages.get(page)
        if text is not None and f"#{anchor(locator)}" not in text and f'id="{anchor(locator)}"' not in text:
            where = ", ".join(sorted({b.page for b in links})[:3])
            out.append(Problem(f"{prefix}/{page}", None, None,
                               f"'{key} {locator}' is cited (on {where}) but this page has no anchor '#{anchor(locator)}' for it",
                               f"add a heading for it with '{{ #{anchor(locator)} }}', or delete the page to have it generated"))
    return out
