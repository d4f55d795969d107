"""Glossary and topics pages, the site-wide abbreviation tooltips and which pages use each term."""

from __future__ import annotations

import re

from casework.content.citations import relative_link
from casework.content.project import Project
from casework.render.html import cite_list, esc, front_matter, one_line, page_title

TOPICS_PAGE = "topics.md"


def tag_slug(tag: str) -> str:
    """The anchor Material's tags plugin gives a tag in the listing ("Child's lived experience" -> "childs-lived-experience")."""
    return re.sub(r"[^a-z0-9]+", "-", tag.lower().replace("'", "").replace("\u2019", "")).strip("-")


def render_topics(project: Project) -> str:
    """One section per theme, with its description and every page tagged with it (listed by Material's tags plugin)."""
    parts = [
        front_matter(title="Topics", description="The themes that recur across the reviews, and every page on each."),
        "# Topics\n",
        "The same few problems recur across the case reviews. Each topic below lists every page tagged with it: "
        "guidance, learning briefs, findings and training.\n",
    ]
    parts.append("| Topic | What it covers |\n|---|---|")
    # raw HTML links: the anchors come from Material's tag listing, which is filled in after MkDocs validates anchors
    parts += [f'| <a href="#tag:{tag_slug(t.title)}">{esc(t.title)}</a> | {esc(t.description)} |' for t in project.themes.values()]
    parts += ["", "## Pages by topic\n", "<!-- material/tags { toc: false } -->\n"]
    return "\n".join(parts) + "\n"


def render_glossary(project: Project, usage: dict[str, list[str]]) -> str:
    page = "glossary.md"
    parts = [
        front_matter(title="Glossary", description="Every abbreviation and term of art used on this site, in plain English."),
        "# Glossary\n",
        "Abbreviations marked with a dotted underline anywhere on the site show their meaning when you hover over them or focus them.\n",
    ]
    for t in sorted(project.terms, key=lambda t: t.term.lower()):
        anchor = re.sub(r"[^a-z0-9]+", "-", t.term.lower()).strip("-")
        parts.append(f"### {t.term} {{ #{anchor} }}\n")
        if t.expansion:
            parts.append(f"*{t.expansion}*\n")
        parts.append(t.meaning + "\n")
        if t.sources:
            parts.append(cite_list(t.sources, page, project) + "\n")
        elif t.general_knowledge:
            parts.append('<p class="cw-sources"><span class="cw-sources__label">Sources:</span> general knowledge, not from the sources</p>\n')
        used = usage.get(t.term, [])
        if used:
            links = ", ".join(f"[{page_title(project, p)}]({relative_link(page, p)})" for p in used[:8])
            more = f" and {len(used) - 8} more" if len(used) > 8 else ""
            parts.append(f'<p class="cw-used-in" markdown="1">Used in: {links}{more}</p>\n')
    return "\n".join(parts)


def abbreviations(project: Project) -> dict[str, str]:
    """Tooltip text for every tooltip term, for the `abbr` extension's glossary option.

    Passed once as configuration rather than appended to every page as `*[TERM]: ...` lines:
    Python-Markdown scans such a block line by line with several regexes over the rest of the
    page, which made two-thirds of a large build (see BENCHMARKS.md).
    """
    return {t.term: one_line(f"{t.expansion}: {t.meaning}" if t.expansion else t.meaning) for t in project.terms if t.tooltip}


def term_usage(project: Project, pages: dict[str, str]) -> dict[str, list[str]]:
    """The pages that use each glossary term (case-sensitive for abbreviations)."""
    out: dict[str, list[str]] = {}
    lowered = {p: text.lower() for p, text in pages.items()}
    for t in project.terms:
        rx = re.compile(rf"(?<![\w-]){re.escape(t.term)}(?![\w-])", 0 if t.expansion else re.I)
        needle = t.term.lower()
        # a plain substring test first: most pages don't contain most terms, and `in` is far cheaper than the regex
        out[t.term] = sorted(p for p, text in pages.items() if needle in lowered[p] and rx.search(text))
    return out
