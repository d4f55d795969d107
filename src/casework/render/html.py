"""Render content to Markdown pages: pure functions from typed objects to text.

Every generated page is a `Generated` with its docs-relative path, its Markdown and the
content file it came from (for edit links). Nothing here imports MkDocs, so the same
pages can be written to disk and built by any engine that reads Markdown.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import markdown as md

from casework.content.citations import cite_href, cite_title, item_page, relative_link, resolve
from casework.content.model import QuizBank, Scenario
from casework.content.project import Project
from casework.render.sanitise import clean

RATING_LABEL = {"stronger": "Stronger practice", "mixed": "Mixed practice", "weaker": "Weaker practice"}
SUPPORT_PAGE = "support.md"


@dataclass(frozen=True)
class Generated:
    path: str  # docs-relative, e.g. "scenarios/case-a/n1.md"
    markdown: str  # the page's Markdown; for a static file (kind "scenario-data", a .js file) its text
    source: str | None  # project-relative content file it came from
    kind: str  # "scenario-start", "scenario-node", "scenario-data", "facilitator", "room", "quiz", "findings", "coverage", "glossary"
    keep: tuple[str, ...] = ()  # exact HTML the renderer wrote and trusts (its own <script src>): kept when the page is sanitised

    @property
    def is_page(self) -> bool:
        """A Markdown page (rendered by the site engine), not a static file copied as it is."""
        return self.path.endswith(".md")


# Characters that mean something to Markdown or its extensions (emphasis, links, attribute lists, tables, code),
# written as character references: they show as themselves, wherever the text lands (Markdown, raw HTML, attributes).
_MARKDOWN_PUNCTUATION = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}|~^"})


def esc(text: str) -> str:
    """A plain-text field, written into a page: HTML-escaped, with Markdown punctuation inert, on one line.

    Safe in Markdown text, headings, link text, table cells, raw HTML and double-quoted attribute values (the
    only kind the renderers write); an apostrophe stays as it is.
    """
    return html.escape(" ".join(str(text).split()), quote=False).replace('"', "&quot;").translate(_MARKDOWN_PUNCTUATION)


def front_matter(**meta: object) -> str:
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n\n"


_MD = md.Markdown(extensions=["attr_list", "md_in_html"])


def md_html(text: str) -> str:
    """A Markdown field as sanitised HTML, for data attributes and scripts (the page itself is rendered by the site engine)."""
    return clean(str(_MD.reset().convert(text)).strip())  # one converter, reset between texts: building one costs more than most conversions


def cite_list(citations: list[str], page: str, project: Project, label: str = "Sources") -> str:
    if not citations:
        return ""
    sources = project.source_objs
    parts = []
    for c in citations:
        r = resolve(c, sources)
        if isinstance(r, str):
            parts.append(esc(c))
            continue
        src = sources[r.key]
        parts.append(f'[{esc(f"{src.short} {r.cited}")}]({cite_href(page, r)} "{cite_title(src, r)}")')
    return f'<p class="cw-sources" markdown="1"><span class="cw-sources__label">{label}:</span> ' + "; ".join(parts) + "</p>"


def content_note(page: str, about: str) -> str:
    """The content note of a generated page with case material, signposting the support page."""
    return (f'!!! warning "Content note"\n    {about} If it affects you, talk to your supervisor or see '
            f"[Support]({relative_link(page, SUPPORT_PAGE)}).\n")


def trains_list(refs: list[str], page: str, project: Project) -> str:
    if not refs:
        return ""
    items = []
    for ref in refs:
        target, anchor = item_page(ref)
        review, _, item_id = ref.partition("/")
        title = ref
        lr = project.reviews.get(review)
        if lr:
            for it in lr.obj.items():
                if it.id == item_id:
                    title = f"{project.sources[review].obj.short if review in project.sources else review}, {item_label(item_id)}: {it.title}"
        items.append(f"- [{esc(title)}]({relative_link(page, target)}#{anchor})")
    return "\n".join(items)


def item_label(item_id: str) -> str:
    kind, _, num = item_id.partition("-")
    return {"finding": "finding", "lesson": "lesson", "rec": "recommendation"}[kind] + f" {num}"


def page_url(from_page: str, to_page: str) -> str:
    """An href from one page to another as MkDocs writes them with use_directory_urls off."""
    return re.sub(r"\.md(#|$)", r".html\1", relative_link(from_page, to_page))


def page_title(project: Project, page: str) -> str:
    """The title of a site page, for link text (plain text: escape it where it is written): front matter title, first heading, or a generated page's name."""
    text = project.docs_pages.get(page)
    if text is not None:
        m = re.search(r"^title:\s*(.+)$", text, re.M) or re.search(r"^#\s+(.+)$", text, re.M)
        if m:
            return m.group(1).strip().strip("\"'")
    parts = page.removesuffix(".md").split("/")
    if parts[0] == "scenarios" and len(parts) == 3 and parts[1] in project.scenarios:
        s = project.scenarios[parts[1]].obj
        return {"index": f"Scenario: {s.title}", "facilitator": f"Facilitator guide: {s.title}", "room": f"Room mode: {s.title}"}.get(
            parts[2], s.nodes[parts[2]].title if parts[2] in s.nodes else s.title)
    if parts[0] == "quizzes" and len(parts) == 2 and parts[1] in project.quizzes:
        return f"Quiz: {project.quizzes[parts[1]].obj.title}"
    if parts[0] == "reviews" and len(parts) == 3 and parts[2] == "findings" and parts[1] in project.sources:
        return f"{project.sources[parts[1]].obj.short}: findings and recommendations"
    if parts[0] == "training" and len(parts) == 3 and parts[1] == "modules" and parts[2] in project.modules:
        return f"Module: {project.modules[parts[2]].obj.title}"
    return page


def one_line(text: str) -> str:
    return " ".join(text.split())


def train_label(ref: str, project: Project) -> str:
    review, _, item_id = ref.partition("/")
    lr = project.reviews.get(review)
    short = project.sources[review].obj.short if review in project.sources else review
    if lr:
        for it in lr.obj.items():
            if it.id == item_id:
                return f"{short}, {item_label(item_id)}: {it.title}"
    return ref


# --- where generated pages go ---------------------------------------------------------


def scenario_dir(s: Scenario) -> str:
    return f"scenarios/{s.id}"

def node_page(s: Scenario, nid: str) -> str:
    return f"{scenario_dir(s)}/{nid}.md"

def data_file(s: Scenario) -> str:
    """The scenario's data as a script, loaded by its start and node pages (once, then from the browser's cache)."""
    return f"{scenario_dir(s)}/data.js"

def quiz_page_path(bank: QuizBank) -> str:
    return f"quizzes/{bank.id}.md"
