"""The search documents: pure functions from the checked project and the built pages.

A built page (its path, URL, title, rendered HTML and front matter) becomes a `SearchDoc`: its kind
(protocol, review, scenario, quiz, training or page), the review and themes it belongs to, its
headings, its text, the phrases it contains (review names and identifiers, glossary terms and their
expansions as synonyms both ways) and a boost for start pages. `casework.render.search_index` turns the
documents into the prebuilt index the browser loads. Nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from casework.content.project import Project

STOP_WORDS = frozenset("""
a about after all also am an and any are as at be been before being but by can could did do does doing done
for from had has have he her here hers him his how i if in into is it its me more most my no nor not of on
once only or other our out over own same she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who whom why will
with would you your
""".split())
KINDS = {"protocol": "Protocol", "review": "Review", "scenario": "Scenario", "quiz": "Quiz", "training": "Training",
         "source": "Source", "page": "Page"}
GENERIC_TAIL = {"review", "briefing", "brief", "overview"}
_WORD = re.compile(r"\d+(?:\.\d+)+|[a-z0-9]+")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP_TAGS = {"script", "style", "template", "svg", "button"}
_BLOCK = {"p", "li", "div", "section", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "br", "pre", "blockquote", "summary"}


@dataclass(frozen=True)
class BuiltPage:
    """A page as the engine built it: docs-relative source, site-relative URL, title, content HTML, front matter.

    The title and the plain-text front matter are HTML, as MkDocs holds them (casework escapes plain text once, at the
    source: `render.pages.escape_meta`); `documents` reads them back as text, since the results show text.
    """

    src: str
    url: str
    title: str
    html: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchDoc:
    url: str
    title: str
    """As shown in results (the nav title); `names` adds the page's h1 and front-matter title, `about` its description."""
    names: str
    about: str
    kind: str
    review: str
    themes: list[str]
    headings: list[tuple[str, str]]
    text: str
    summary: str
    phrases: Counter[str]
    boost: float


def excluded(meta: Mapping[str, Any]) -> bool:
    """A page left out of search by its front matter (`search: {exclude: true}`): scenario nodes, guides, room modes."""
    search_meta = meta.get("search")
    return isinstance(search_meta, dict) and bool(search_meta.get("exclude"))


def words(text: str) -> list[str]:
    """Lower-cased words and paragraph locators ('5.48'), accents dropped. search-worker.js does the same."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    return _WORD.findall(plain)


SUFFIXES = (("ations", "at"), ("ation", "at"), ("ating", "at"), ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""), ("ed", ""))


def term(word: str) -> str:
    """A light stemmer, the same in search-worker.js: 'reviews' -> 'review', 'agencies' -> 'agency',
    'evaluation' and 'evaluating' -> 'evaluat', 'protection' -> 'protect'. Locators and numbers stay as they are."""
    if word[0].isdigit():
        return word
    for suffix, repl in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + repl
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and not word[0].isdigit():
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The indexed terms of a text: stemmed words without stop words and single letters."""
    return [term(w) for w in words(text) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def phrase_token(phrase: str) -> str:
    return "_".join(words(phrase))


class _Text(HTMLParser):
    """Text and h2/h3 headings of rendered content, leaving out `data-search-exclude` parts, scripts and permalinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, starts a skipped subtree)
        self.skip = 0
        self.heading: tuple[str, list[str]] | None = None
        self.h1 = False
        self.h1_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        a = dict(attrs)
        skipped = tag in _SKIP_TAGS or "data-search-exclude" in a or "headerlink" in (a.get("class") or "").split() or tag == "h1"
        if tag == "h1":
            self.h1 = True
        self.stack.append((tag, skipped))
        self.skip += skipped
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag in ("h2", "h3") and not self.skip:
            self.heading = (a.get("id") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:  # tolerate a missing end tag
            open_tag, skipped = self.stack.pop()
            self.skip -= skipped
            if open_tag == tag:
                break
        if tag == "h1":
            self.h1 = False
        if tag in ("h2", "h3") and self.heading is not None:
            anchor, text = self.heading
            self.headings.append((anchor, " ".join("".join(text).split())))
            self.heading = None
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.h1 and self.skip == 1:
            self.h1_text.append(data)
        if self.skip:
            return
        self.parts.append(data)
        if self.heading is not None:
            self.heading[1].append(data)


def page_text(html: str) -> tuple[str, list[tuple[str, str]], str]:
    """The searchable text of a page's content HTML, its (anchor, heading) pairs and its h1."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    return re.sub(r"\s*\n\s*", "\n", text).strip(), parser.headings, " ".join("".join(parser.h1_text).split())


def kind_of(src: str) -> str:
    top = src.split("/", 1)[0]
    if top in ("protocol", "guidance"):
        return "protocol"
    if top in ("reviews",):
        return "review"
    if top in ("scenarios",):
        return "scenario"
    if top in ("quizzes", "self-assessment") or src == "progress.md":
        return "quiz"
    if top == "training":
        return "training"
    if top == "sources":
        return "source"
    return "page"


def review_phrases(project: Project) -> dict[str, list[str]]:
    """Each review's names as a practitioner types them: identifiers and the source's short name ('HH, II and JJ')."""
    out: dict[str, list[str]] = {}
    for key, lr in project.reviews.items():
        names = list(lr.obj.identifiers)
        src = project.sources.get(key)
        if src is not None:
            short = src.obj.short.split()
            while len(short) > 1 and short[-1].lower() in GENERIC_TAIL:
                short.pop()
            names.append(" ".join(short))
        out[key] = sorted({n for n in names if words(n)}, key=str.lower)
    return out


def synonym_groups(project: Project) -> list[list[str]]:
    """Glossary terms with an expansion: each group's tokens stand for each other (SHPO <-> Sexual Harm Prevention Order)."""
    groups: list[list[str]] = []
    for t in project.terms:
        if t.expansion:
            group = sorted({phrase_token(t.term), phrase_token(t.expansion)} - {""})
            if len(group) > 1:
                groups.append(group)
    return groups


def known_phrases(project: Project) -> list[str]:
    """Every multi-word phrase the index keeps whole: review names, glossary terms and expansions."""
    names = [n for ns in review_phrases(project).values() for n in ns]
    names += [t.term for t in project.terms] + [t.expansion for t in project.terms if t.expansion]
    return sorted({phrase_token(n) for n in names if len(words(n)) > 1})


def _owner(src: str, project: Project) -> str:
    """The review a page belongs to: its folder under reviews/, or its scenario's or quiz bank's review."""
    parts = src.split("/")
    if parts[0] == "reviews" and len(parts) > 2 and parts[1] in project.reviews:
        return parts[1]
    if parts[0] == "scenarios" and len(parts) > 2 and parts[1] in project.scenarios:
        return project.scenarios[parts[1]].obj.review
    if parts[0] == "sources" and len(parts) == 2 and parts[1].removesuffix(".md") in project.reviews:
        return parts[1].removesuffix(".md")
    if parts[0] == "quizzes" and len(parts) == 2:
        bank = project.quizzes.get(parts[1].removesuffix(".md"))
        return (bank.obj.review or "") if bank else ""
    return ""


def _boost(src: str, project: Project) -> float:
    """Start pages of reviews, scenarios, quizzes and modules come first; other pages by relevance alone."""
    parts = src.split("/")
    if (parts[0] in ("reviews", "scenarios") and len(parts) == 3 and parts[2] == "index.md") or src in ("guidance/what-to-do.md", "protocol/index.md"):
        return 2.0
    if (parts[0] == "quizzes" and len(parts) == 2) or (src.startswith("training/modules/") and len(parts) == 3):
        return 1.8
    if parts[-1] == "index.md":
        return 1.3
    return 1.0


def _find_phrases(seq: Sequence[str], starts: dict[str, list[tuple[str, ...]]]) -> Counter[str]:
    found: Counter[str] = Counter()
    for i, w in enumerate(seq):
        for ph in starts.get(w, ()):
            if tuple(seq[i:i + len(ph)]) == ph:
                found["_".join(ph)] += 1
    return found


def documents(project: Project, pages: Iterable[BuiltPage]) -> list[SearchDoc]:
    """One search document per page that is not excluded from search (front matter `search: {exclude: true}`)."""
    owners = review_phrases(project)
    starts: dict[str, list[tuple[str, ...]]] = {}
    for ph in known_phrases(project):
        parts = tuple(ph.split("_"))
        starts.setdefault(parts[0], []).append(parts)
    synonyms = synonym_groups(project)
    tag_keys = {t.title.lower(): k for k, t in project.themes.items()}
    docs: list[SearchDoc] = []
    for p in sorted(pages, key=lambda p: p.url):
        if excluded(p.meta):
            continue
        text, all_headings, h1 = page_text(p.html)
        # short headings are headings; an outcome written as a long heading counts as text
        headings = [(a, h) for a, h in all_headings if len(h.split()) <= 10]
        text = "\n".join([*(h for _, h in all_headings if len(h.split()) > 10), text])
        title = html.unescape(p.title)
        names = " ".join(dict.fromkeys(x for x in (title, h1, html.unescape(str(p.meta.get("title") or ""))) if x))
        about = html.unescape(str(p.meta.get("description") or ""))
        review = _owner(p.src, project)
        seq = words(" ".join([names, about, *(h for _, h in headings), text]))
        found = _find_phrases(seq, starts)
        present = set(seq) | set(found)
        for group in synonyms:  # a page with either form is found by both
            if present.intersection(group):
                for tok in group:
                    found[tok] += 1
        for name in owners.get(review, []):  # a review's pages answer to its names
            found[phrase_token(name)] += 2
        themes = set(project.reviews[review].obj.themes) if review in project.reviews else set()
        tags = p.meta.get("tags")
        tag_names = [html.unescape(str(t)).lower() for t in tags] if isinstance(tags, list) else []
        themes.update(tag_keys[t] for t in tag_names if t in tag_keys)
        summary = " ".join(text.split())[:180]
        docs.append(SearchDoc(url=p.url, title=title, names=names, about=about, kind=kind_of(p.src), review=review, themes=sorted(themes),
                              headings=headings, text=text, summary=summary, phrases=found, boost=_boost(p.src, project)))
    return docs
