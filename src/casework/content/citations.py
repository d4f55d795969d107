"""Citations ("lcspr-case-a 5.26") and training references ("lcspr-case-a/finding-2")."""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casework.content.locators import matches, not_a_paragraph, range_problem, split_range
from casework.content.model import Source, date_year

# A parenthesised citation group in Markdown prose: "(lcspr-case-a 5.49; nw-protocol 3.4)".
# A part counts as a citation when it is a key-like word followed by a locator that starts
# with a digit or a locator word; anything else in brackets is left alone.
LOCATOR_START = r"(?:\d|Appendix|App\b|para|paras|section|Section|Recommendation|Finding|Lesson|Learning|Key|p\.|Part|Table|Introduction|Summary|Conclusion)"
_GENERIC_PART = rf"[a-z0-9]+(?:-[a-z0-9]+)+ {LOCATOR_START}[^;()\n]*"
_SCRIPT_OPEN = re.compile(r"<script\b")


def _split(body: str) -> list[str]:
    """The citations in a group's body ("a 1; b 2"); str.split, as r"\\s*;\\s*" is quadratic on a run of spaces."""
    return [part.strip() for part in body.strip().split(";")]


def _split_scripts(text: str) -> list[str]:
    """`text` split into pieces, every odd one a <script>...</script> element. Linear: each script's end is found
    with str.find (a lazy regex scanned to the end of the text again for every unclosed '<script')."""
    pieces: list[str] = []
    pos = 0
    while (m := _SCRIPT_OPEN.search(text, pos)) is not None:
        end = text.find("</script>", m.end())
        if end < 0:
            break
        end += len("</script>")
        pieces += [text[pos:m.start()], text[m.start():end]]
        pos = end
    return pieces + [text[pos:]]


@functools.lru_cache(maxsize=16)
def group_pattern(known: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The pattern of a citation group. A known source key takes any locator; an unknown
    key-like word counts only before a locator-like word, so ordinary brackets are left alone."""
    known_part = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
    part = f"(?:(?:{known_part}) [^;()\\n]+|{_GENERIC_PART})" if known else _GENERIC_PART
    return re.compile(rf"(?<![\w\]])\((?P<body>{part}(?:;\s*{part})*)\)")


CITATION_GROUP = group_pattern()


@dataclass(frozen=True)
class Resolved:
    key: str
    locator: str
    page: str | None  # docs-relative path of the page that presents it, if any
    end: str | None = None  # the last paragraph of a range ("3.1–3.4": locator '3.1', end '3.4')

    @property
    def cited(self) -> str:
        """The locator as the site shows it: '3.7', or a range '3.1–3.4' with an en dash."""
        return f"{self.locator}–{self.end}" if self.end else self.locator

    @property
    def target(self) -> str:
        """Where a link to the citation lands: its paragraph's anchor on the source's page ('sources/<key>.md#p-3-7')."""
        return f"sources/{self.key}.md#{paragraph_anchor(self.locator)}"


def paragraph_anchor(locator: str) -> str:
    """The anchor of a cited paragraph on its source page: '3.7' -> 'p-3-7', 'Appendix 1' -> 'p-appendix-1'."""
    return "p-" + (re.sub(r"[^a-z0-9]+", "-", locator.lower()).strip("-") or "0")


def split(citation: str) -> tuple[str, str]:
    key, _, locator = citation.partition(" ")
    return key, locator.strip()


def resolve(citation: str, sources: dict[str, Source], examples: Callable[[str], Iterable[str]] | None = None) -> Resolved | str:
    """Resolve a citation (a range lands on its first paragraph), or return the reason it does not resolve, in words.
    `examples(key)` gives the locators the site cites for a source, to say which forms its paragraphs take."""
    key, locator = split(citation)
    source = sources.get(key)
    if source is None:
        known = ", ".join(sorted(sources)) or "none"
        return f"cites unknown source '{key}' (known sources: {known})"
    if not locator:
        return f"cites '{key}' without a paragraph or section"
    ends = split_range(source, locator)
    if ends is not None:
        for end in ends:
            if not matches(source, end):
                return not_a_paragraph(key, end, source, examples(key) if examples else (), locator)
        return range_problem(key, locator, *ends) or Resolved(key, ends[0], page_for(source, ends[0]), ends[1])
    if not matches(source, locator):
        return not_a_paragraph(key, locator, source, examples(key) if examples else ())
    return Resolved(key, locator, page_for(source, locator))


def page_for(source: Source, locator: str) -> str | None:
    best = ""
    for prefix in source.sections:
        if (locator == prefix or locator.startswith(prefix + ".") or locator.startswith(prefix + " ")) and len(prefix) > len(best):
            best = prefix
    if best:
        return source.sections[best]
    return source.page


def citations_in_markdown(text: str, known: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """Every citation in Markdown prose, with its 1-based line, skipping fenced code."""
    pattern = group_pattern(tuple(sorted(known)))
    out: list[tuple[int, str]] = []
    in_fence = False
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in pattern.finditer(line):
            out.extend((n, part) for part in _split(m.group("body")))
    return out


@functools.lru_cache(maxsize=1 << 16)
def relative_link(from_page: str, to_page: str) -> str:
    """A Markdown link from one docs page to another ('a/b.md' -> '../c.md')."""
    base = posixpath.dirname(from_page)
    return posixpath.relpath(to_page, base or ".")


_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}|~^"})


def link_citations(text: str, page: str, sources: dict[str, Source]) -> str:
    """Turn citation groups in `text` into links to their paragraphs on the source pages."""

    def one(part: str) -> str:
        r = resolve(part, sources)
        if isinstance(r, str):
            return part
        src = sources[r.key]
        # a source's names are plain text: escaped, with Markdown punctuation inert, wherever the link lands
        label = html.escape(f"{src.short} {r.cited}", quote=False).translate(_INERT)
        title = cite_title(src, r)  # Markdown escapes a link's title
        return f'[{label}]({cite_href(page, r)} "{title}"){{ .cw-cite }}'

    def group(m: re.Match[str]) -> str:
        parts = _split(m.group("body"))
        return "(" + "; ".join(one(p) for p in parts) + ")"

    pattern = group_pattern(tuple(sorted(sources)))
    # Scripts (scenario data as JSON) are left exactly as they are.
    pieces = _split_scripts(text)
    for i in range(0, len(pieces), 2):
        out = []
        in_fence = False
        for line in pieces[i].split("\n"):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            out.append(line if in_fence else pattern.sub(group, line))
        pieces[i] = "\n".join(out)
    return "".join(pieces)


def cite_title(src: Source, r: Resolved) -> str:
    """A citation link's tooltip: the document, its paragraph and the address of the original."""
    return f"{src.title} ({src.publisher}, {date_year(src.date)}), {r.cited}. Original: {src.url}".replace('"', "'")


def cite_href(page: str, r: Resolved) -> str:
    """A relative link from `page` to the paragraph a resolved citation names."""
    target, _, frag = r.target.partition("#")
    return f"{relative_link(page, target)}#{frag}"


def item_page(ref: str) -> tuple[str, str]:
    """'lcspr-case-a/finding-2' -> ('reviews/lcspr-case-a/findings.md', 'finding-2')."""
    review, _, item = ref.partition("/")
    return f"reviews/{review}/findings.md", item
