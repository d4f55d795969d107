"""Source pages: one per source, listing every paragraph the site cites, in order, with where the site cites it.

A citation on any page links to its paragraph's anchor here (`sources/nw-protocol.md#p-3-7`). Each entry
gives the source's own reference (and page number where known), the site page that presents it, a link to
the original document and every place on the site that cites it, with the sentence that does. A board's
reviewer checks the site against the source from this page, paragraph by paragraph; it prints.
"""

from __future__ import annotations

from casework.content.citations import relative_link
from casework.content.model import show_date
from casework.content.project import Project
from casework.content.sourceindex import SOURCES_DIR, Backlink, anchor, by_source, source_page
from casework.render.html import Generated, content_note, esc, front_matter, page_title

INDEX_PAGE = f"{SOURCES_DIR}/index.md"
TYPE_LABEL = {"review": "Case review", "protocol": "Protocol", "guidance": "Guidance", "research": "Research",
              "press report": "Press report (a second-hand account of the document)", "other": "Other"}
PRINT_BUTTON = '<p class="cw-actions"><button type="button" class="md-button cw-print">Print this page</button></p>\n'


def render_source(key: str, entries: list[tuple[str, list[Backlink]]], project: Project) -> str:
    src = project.sources[key].obj
    page = source_page(key)
    when = show_date(src.date) + (f". {src.date_note}" if src.date_note else "")
    parts = [
        front_matter(title=f"Source: {src.short}", description=f"Every paragraph of {src.title} that this site cites, with where it cites it."),
        f"# Source: {esc(src.title)}\n",
        content_note(page, "This page quotes what the site says about the sexual abuse of children, from the guidance and the case reviews."),
        '<dl class="cw-facts">',
        *([f"<dt>Type</dt><dd>{esc(TYPE_LABEL[src.type])}</dd>"] if src.type else []),
        f"<dt>Publisher</dt><dd>{esc(src.publisher)}</dd>",
        *([f"<dt>Author</dt><dd>{esc(src.author)}</dd>"] if src.author else []),
        *([f"<dt>Reviewer</dt><dd>{esc(src.reviewer)}</dd>"] if src.reviewer else []),
        f"<dt>Date</dt><dd>{esc(when)}</dd>",
        f'<dt>Original document</dt><dd><a href="{esc(src.url)}">{esc(src.url)}</a></dd>',
        *([f"<dt>How its paragraphs are cited</dt><dd>{esc(src.locator_note)}</dd>"] if src.locator_note else []),
        "</dl>\n",
        "Every paragraph of this document that the site cites, in the document's order, with every place on the site "
        "that cites it and the sentence that does. Check each against the original, paragraph by paragraph.\n",
        PRINT_BUTTON,
    ]
    if not entries:
        parts.append("Nothing on the site cites this source yet.\n")
    for locator, links in entries:
        ref = [f"{esc(src.short)}, {esc(locator)}"]
        if locator in src.page_numbers:
            ref.append(f"page {esc(src.page_numbers[locator])}")
        presented = _presented_on(src.sections, src.page, locator)
        if presented and presented in project.docs_pages:
            ref.append(f'presented on <a href="{esc(_html_link(page, presented))}">{esc(page_title(project, presented))}</a>')
        ref.append(f'<a href="{esc(src.url)}">original document</a>')
        parts += [
            f"## {esc(src.short)} {esc(locator)} {{ #{anchor(locator)} .cw-source-para }}\n",
            '<p class="cw-source-ref">' + " · ".join(ref) + "</p>\n",
            f"Cited in {len(links)} place{'s' if len(links) != 1 else ''}:\n",
        ]
        for b in links:
            href = relative_link(page, b.page) + (f"#{b.fragment}" if b.fragment else "")
            sentence = f": “{esc(b.sentence)}”" if b.sentence else ""
            span = f" (cites {esc(locator)}–{esc(b.end)})" if b.end else ""
            parts.append(f"- [{esc(page_title(project, b.page))}]({href}){span}{sentence}")
        parts.append("")
    return "\n".join(parts) + "\n"


def _presented_on(sections: dict[str, str], default: str | None, locator: str) -> str | None:
    best = ""
    for prefix in sections:
        if (locator == prefix or locator.startswith(prefix + ".") or locator.startswith(prefix + " ")) and len(prefix) > len(best):
            best = prefix
    return sections[best] if best else default


def _html_link(from_page: str, to_page: str) -> str:
    return relative_link(from_page, to_page).removesuffix(".md") + ".html"


def render_sources_index(project: Project, counts: dict[str, int]) -> str:
    page = INDEX_PAGE
    parts = [
        front_matter(title="Sources", description="The documents this site is built from, and every paragraph of each that it cites."),
        "# Sources\n",
        "Every fact on this site cites the document and paragraph it comes from. A citation opens the paragraph on its "
        "source's page, which lists every place the site cites it.\n",
        "| Source | Type | Publisher | Date | Paragraphs cited |", "|---|---|---|---|---|",
    ]
    for key, ls in project.sources.items():
        s = ls.obj
        kind = esc(TYPE_LABEL[s.type].split(" (")[0]) if s.type else ""
        parts.append(f"| [{esc(s.title)}]({relative_link(page, source_page(key))}) | {kind} | {esc(s.publisher)} | {esc(show_date(s.date))} | {counts.get(key, 0)} |")
    return "\n".join(parts) + "\n"


def generate(project: Project) -> list[Generated]:
    """A page per source and the index of sources."""
    if not project.sources:
        return []
    index = by_source(project)
    out = [Generated(source_page(key), render_source(key, index.get(key, []), project), "sources.yml", "source") for key in project.sources]
    out.append(Generated(INDEX_PAGE, render_sources_index(project, {k: len(v) for k, v in index.items()}), "sources.yml", "index"))
    return out
