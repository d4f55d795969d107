"""What every family of checks shares: reading content files as written, with places.

A problem must name the file, the line and the item. These helpers find them in the YAML and
Markdown text itself (scalars with their places, Markdown prose lines outside code), so the checks
work even on a file the schema rejected, and never raise on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from casework.content.project import CONTENT_DIRS, ROOT_FILES, Project, describe, rel
from casework.content.yamlsrc import Scalar, load_yaml, split_front_matter

Path_ = tuple[str | int, ...]
Cite = Callable[[str, "int | None", "str | None", list[str]], None]
CITE_HINT = "check the key in sources.yml and the paragraph number in the source"
TODO = re.compile(r"\bTODO\b")


def parse_yaml(text: str) -> tuple[Any, list[Scalar]]:
    """The data and every scalar with its place, for a text that is not one of the loaded content files
    (a page's front matter, a file the schema rejected); (None, []) when the YAML cannot be read."""
    doc, _ = load_yaml(text, "")
    return (doc.data, doc.scalars) if doc is not None else (None, [])


def field_label(path: Path_, data: Any) -> tuple[str | None, str]:
    """The item and the field a YAML path names: ("finding 'finding-1'", "title")."""
    segs = list(path)
    suffix = ""
    if segs and isinstance(segs[-1], int):
        suffix = f" (item {segs[-1] + 1})"
        segs = segs[:-1]
    boundary = -1
    for i, s in enumerate(segs):
        if isinstance(s, int) or (i > 0 and segs[i - 1] == "nodes"):
            boundary = i
    item = describe(tuple(segs[: boundary + 1]), data) if boundary >= 0 else None
    if item is None:  # a list describe() has no name for: spell the whole path out
        boundary = -1
    field = ".".join(str(s) if isinstance(s, str) else f"(item {s + 1})" for s in segs[boundary + 1:]).replace(".(", " (")
    return item, (field or "value") + suffix


def line_of(lines: list[str], scalar: Scalar, pattern: re.Pattern[str] | str) -> int:
    """The 1-based line inside `scalar` where `pattern` (or a literal string) first appears."""
    first, last = scalar.start[0], scalar.end[0]
    if last > first and scalar.end[1] == 0:  # a block scalar ends at the start of the next line
        last -= 1
    for i in range(first, min(last, len(lines) - 1) + 1):
        text = lines[i]
        if i == first:
            text = " " * scalar.start[1] + text[scalar.start[1]:]
        if (pattern.search(text) if isinstance(pattern, re.Pattern) else pattern in text):
            return i + 1
    return first + 1


def inside_scalar(scalars: list[Scalar], line: int, col: int) -> bool:
    return any(s.start <= (line, col) < s.end for s in scalars)


@dataclass(frozen=True)
class MdLine:
    number: int  # 1-based
    text: str  # code spans blanked out
    field: str  # "section '1. Background'" or "front matter 'title'"


_FENCE = re.compile(r"^\s*(```+|~~~+)")
_BACKTICKS = re.compile(r"`+")


def blank_code_spans(text: str) -> str:
    """`text` with every code span (`code`, ``co`de``) blanked to spaces, newlines kept. Linear: a run of backticks
    opens a span that the next run of the same length closes (as in CommonMark); a run with no partner is text.
    (A regular expression such as (`+)(.+?)\\1 takes cubic time on a line of unpaired backticks.)"""
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    partner: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):  # the next run of the same length, found right to left in one pass
        size = runs[i][1] - runs[i][0]
        partner[i] = last.get(size)
        last[size] = i
    pieces: list[str] = []
    done = 0
    i = 0
    while i < len(runs):
        j = partner[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        pieces += [text[done:start], re.sub(r"[^\n]", " ", text[start:end])]
        done = end
        i = j + 1
    return "".join(pieces) + text[done:]
_HEADING = re.compile(r"^#{1,6}\s")
_FM_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def markdown_lines(text: str, front: bool = True) -> Iterator[MdLine]:
    """The lines of a page an author wrote as prose: front matter (unless `front` is false) and text, not code."""
    lines = text.split("\n")
    _, body_start = split_front_matter(text)
    key = ""
    for i in range(1, max(body_start - 1, 1) if front else 1):
        m = _FM_KEY.match(lines[i])
        key = m.group(1) if m else key
        yield MdLine(i + 1, lines[i], f"front matter '{key or lines[i].strip()}'")
    section = "top of the page"
    fence: str | None = None
    for i in range(body_start, len(lines)):
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        h = _HEADING.match(line)
        field = section
        if h and line.startswith("# "):
            field = "page title"
        elif h:
            text = line[h.end():].rstrip().rstrip("#").rstrip().lstrip()  # a closing run of '#' is not part of the title
            title = TODO.split(text)[0].rstrip(" :-") or "untitled"
            section = f"section '{title}'"
            field = f"heading '{title}'" if TODO.search(text) else section
        yield MdLine(i + 1, blank_code_spans(line), field)


def content_files(project: Project) -> list[str]:
    """Every content YAML file, relative to the root."""
    files = [f for f in ROOT_FILES if (project.root / f).is_file()]
    for d in CONTENT_DIRS:
        files.extend(rel(p, project.root) for p in sorted((project.root / d).glob("*.y*ml")))
    return files


def read_content(project: Project, name: str) -> str | None:
    try:
        return (project.root / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the loader has already said so


def docs_prefix(project: Project) -> str:
    return rel(project.docs_dir, project.root)
