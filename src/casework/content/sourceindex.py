"""Every place the site cites each paragraph of each source: what the source pages list, and where citations land.

A citation "nw-protocol 3.7" lands on the source page `sources/nw-protocol.md`, at the anchor of its
paragraph (`#p-3-7`). The index gathers every citation the site shows, from the content YAML
(`sources:` lists and citations written in prose fields), the glossary and the hand-written pages, each
with the page that shows it, the place on that page, and the sentence that cites it (the backlink).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casework.content.citations import citations_in_markdown, group_pattern, paragraph_anchor, resolve, split
from casework.content.locators import locator_order
from casework.content.yamlsrc import split_front_matter

if TYPE_CHECKING:
    from casework.content.model import Source
    from casework.content.project import Project

SOURCES_DIR = "sources"


@dataclass(frozen=True)
class Backlink:
    page: str  # docs-relative page that shows the citation
    fragment: str  # anchor on that page ("" for the top)
    sentence: str  # the sentence that cites it, as plain text
    end: str = ""  # for a range listed under its first paragraph, the range's last paragraph


def source_page(key: str) -> str:
    """The docs-relative path of a source's page."""
    return f"{SOURCES_DIR}/{key}.md"


def anchor(locator: str) -> str:
    """The anchor of a cited paragraph on its source page: '3.7' -> 'p-3-7', 'Appendix 1' -> 'p-appendix-1'."""
    return paragraph_anchor(locator)


def citation_target(key: str, locator: str) -> tuple[str, str]:
    """Where a citation lands: (source page, anchor)."""
    return source_page(key), anchor(locator)


# --- the sentence that cites -----------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)(?:\{[^}\n]*\})?")
_MARKUP = re.compile(r"<[^>\n]*>|[*_`]+|^\s*(?:[-+]|\d+\.|>|#+|!!!\s*\w+|\|)\s*", re.M)
_SENTENCE_END = re.compile(r"[.!?:](?=\s+[A-Z(\"'‘“])")


def plain(text: str) -> str:
    """Markdown to one line of plain text: links keep their words, markup goes, table cells are joined."""
    words = " ".join(_MARKUP.sub(" ", _LINK.sub(r"\1", text)).replace("|", " ; ").split())
    return re.sub(r"\s+([.,;:!?])", r"\1", words).strip(" ;")


def citing_sentence(text: str, citation: str, known: tuple[str, ...]) -> str:
    """The sentence of `text` that holds the first citation group citing `citation`, without any citation group."""
    pattern = group_pattern(known)
    for m in pattern.finditer(text):
        if citation not in m.group("body"):
            continue
        before = text[: m.start()]
        ends = list(_SENTENCE_END.finditer(before))
        start = ends[-1].end() if ends else max(before.rfind("\n\n"), 0)
        sentence = plain(pattern.sub("", before[start:] + text[m.end(): m.end() + 1]))
        return shorten(sentence)
    return shorten(plain(pattern.sub("", text)))


def shorten(text: str, limit: int = 240) -> str:
    text = text.strip().rstrip(" ,;")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- what the site cites ---------------------------------------------------------------


def yaml_place(file: str, path: tuple[str | int, ...], data: object) -> tuple[str, str] | None:
    """The page (and anchor) that shows a value of a content file, by its YAML path; None for values the site does not show."""
    folder, _, name = file.partition("/")
    stem = name.rsplit(".", 1)[0]
    if file == "glossary.yml":
        term = _at(data, path[:2]) if len(path) >= 2 and path[0] == "terms" else None
        return "glossary.md", glossary_anchor(str(term.get("term", ""))) if isinstance(term, dict) else ""
    if file == "sources.yml":
        source = _at(data, path[:2]) if len(path) >= 2 and path[0] == "sources" else None
        return (source_page(str(source.get("key"))), "") if isinstance(source, dict) and path[2:3] == ("date_note",) else None
    if folder == "reviews":
        if len(path) >= 2 and path[0] in ("findings", "lessons", "recommendations") and isinstance(path[1], int):
            item = _at(data, path[:2])
            return f"reviews/{stem}/findings.md", str(item.get("id", "")) if isinstance(item, dict) else ""
        return f"reviews/{stem}/findings.md", ""
    if folder == "scenarios":
        sid = _at(data, ("id",)) or stem
        if len(path) >= 4 and path[0] == "nodes" and path[2] == "choices" and isinstance(path[3], int):
            choice = _at(data, path[:4])
            goto = choice.get("goto") if isinstance(choice, dict) else None
            if isinstance(goto, str):
                return f"scenarios/{sid}/{goto}.md", f"from-{path[1]}-{path[3] + 1}"
        if len(path) >= 2 and path[0] == "nodes":
            return f"scenarios/{sid}/{path[1]}.md", ""
        return f"scenarios/{sid}/index.md", ""
    if folder == "quizzes":
        bank = _at(data, ("id",)) or stem
        if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
            q = _at(data, path[:2])
            return f"quizzes/{bank}.md", f"q-{q.get('id')}" if isinstance(q, dict) else ""
        return f"quizzes/{bank}.md", ""
    if folder == "modules":
        return f"training/modules/{_at(data, ('id',)) or stem}.md", ""
    if folder == "sets":
        return f"self-assessment/{_at(data, ('id',)) or stem}/before.md", ""
    return None


def _at(data: object, path: tuple[str | int, ...]) -> object:
    cur = data
    for k in path:
        if isinstance(cur, dict):
            cur = cur.get(k)
        elif isinstance(cur, list) and isinstance(k, int) and 0 <= k < len(cur):
            cur = cur[k]
        else:
            return None
    return cur


_SENTENCE_FIELDS = ("title", "stem", "text", "term")


def _context(data: object, path: tuple[str | int, ...]) -> str:
    """For a `sources:` list, the text of the item that carries it (a finding's title, a question's stem, a choice's text)."""
    parent = _at(data, path[:-2]) if len(path) >= 2 else None
    if isinstance(parent, dict):
        if isinstance(parent.get("term"), str) and isinstance(parent.get("meaning"), str):
            return shorten(plain(f"{parent['term']}: {parent['meaning']}"))
        for f in _SENTENCE_FIELDS:
            if isinstance(parent.get(f), str):
                return shorten(plain(str(parent[f])))
    return ""


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


def heading_anchors(text: str) -> list[tuple[int, str]]:
    """(1-based line, anchor) of each heading of a page whose anchor is certain: one set with `{ #id }`, or one the
    toc extension slugs from plain words. A heading with links, code or markup is left out ("" lands on the page)."""
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    fence = ""
    _, body_start = split_front_matter(text)
    for n, line in enumerate(text.split("\n"), 1):
        if n <= body_start:
            continue
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else fence or stripped[:3]
            continue
        m = None if fence else _HEADING.match(line)
        if not m:
            continue
        words = m.group(2)
        explicit = _ATTR_ID.search(words)
        if explicit:
            slug = explicit.group(1)
        else:
            slug = toc_slug(words) if not re.search(r"[\[\]()`<>*_{}&]", words) else ""
            base, i = slug, 0
            while slug and slug in seen:  # the toc extension's way with a repeated heading
                i += 1
                slug = f"{base}_{i}"
        if slug:
            seen.add(slug)
        out.append((n, slug))
    return out


def toc_slug(words: str) -> str:
    """The id Python-Markdown's toc extension gives a plain heading."""
    text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def glossary_anchor(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def cited(project: Project, pages: set[str] | None = None) -> dict[tuple[str, str], list[Backlink]]:
    """(source key, locator) -> every place the site cites it, for every citation that resolves.

    `pages` are the site's pages (hand-written ones win over generated ones of the same path)."""
    sources = project.source_objs
    known = tuple(sorted(sources))
    out: dict[tuple[str, str], list[Backlink]] = {}

    def add(citation: str, page: str, fragment: str, sentence: str) -> None:
        r = resolve(citation, sources)
        if isinstance(r, str):
            return
        links = out.setdefault((r.key, r.locator), [])
        link = Backlink(page, fragment, sentence, r.end or "")
        if link not in links:
            links.append(link)

    written = set(project.docs_pages)
    for name, doc in sorted(project.yaml_docs.items()):
        for s in doc.scalars:
            if s.is_key:
                continue
            place = yaml_place(name, s.path, doc.data)
            if place is None or place[0] in written:
                continue
            if len(s.path) >= 2 and s.path[-2] == "sources" and isinstance(s.path[-1], int):
                add(s.value, place[0], place[1], _context(doc.data, s.path))
            elif "(" in s.value:
                for _, c in citations_in_markdown(s.value, known):
                    add(c, place[0], place[1], citing_sentence(s.value, c, known))
    if "glossary.md" not in written:  # the glossary and sources.yml are not kept as YAML documents: their objects
        for t in project.terms:
            where = glossary_anchor(t.term)
            for c in t.sources:
                add(c, "glossary.md", where, shorten(plain(f"{t.term}: {t.meaning}")))
            for _, c in citations_in_markdown(t.meaning, known):
                add(c, "glossary.md", where, citing_sentence(t.meaning, c, known))
    for key, ls in project.sources.items():
        for _, c in citations_in_markdown(ls.obj.date_note, known):
            add(c, source_page(key), "", citing_sentence(ls.obj.date_note, c, known))
    for page, text in sorted(project.docs_pages.items()):
        if pages is not None and page not in pages:
            continue
        lines = text.split("\n")
        headings = heading_anchors(text)
        for n, c in citations_in_markdown(text, known):
            fragment = next((a for line, a in reversed(headings) if line <= n), "")
            add(c, page, fragment, citing_sentence(lines[n - 1], c, known))
    for links in out.values():
        links.sort(key=lambda b: (b.page, b.fragment))
    return out


def cited_locators(project: Project, index: dict[tuple[str, str], list[Backlink]] | None = None) -> dict[str, list[str]]:
    """Source key -> every locator the site cites for it, both ends of each range included: examples of its forms."""
    out: dict[str, list[str]] = {}
    for (key, locator), links in (cited(project) if index is None else index).items():
        out.setdefault(key, []).extend([locator, *(b.end for b in links if b.end)])
    return out


def by_source(project: Project) -> dict[str, list[tuple[str, list[Backlink]]]]:
    """Source key -> its cited locators in natural order, each with its backlinks (every source, cited or not)."""
    index = cited(project)
    out: dict[str, list[tuple[str, list[Backlink]]]] = {key: [] for key in project.sources}
    for (key, locator), links in index.items():
        out.setdefault(key, []).append((locator, links))
    for entries in out.values():
        entries.sort(key=lambda e: locator_order(e[0]))
    return out


def anchor_clashes(project: Project, index: dict[tuple[str, str], list[Backlink]] | None = None) -> list[tuple[str, str, str]]:
    """Cited locators of one source that are written differently but share an anchor ("Section What Happens Next" and
    "Section What Happens Next?"): (key, one, other). Such a citation cannot land on a paragraph of its own."""
    seen: dict[tuple[str, str], str] = {}
    out: list[tuple[str, str, str]] = []
    for key, locator in sorted(cited(project) if index is None else index):
        a = (key, anchor(locator))
        if a in seen and seen[a] != locator:
            out.append((key, seen[a], locator))
        seen.setdefault(a, locator)
    return out


def source_for(citation: str, sources: dict[str, Source]) -> Source | None:
    return sources.get(split(citation)[0])
