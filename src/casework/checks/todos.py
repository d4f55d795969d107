"""TODO placeholders left in YAML values, YAML comments, or Markdown pages (outside code): scaffolds use them, so a new review fails until it is filled in."""

from __future__ import annotations

import re

from casework.checks.base import TODO, content_files, docs_prefix, field_label, inside_scalar, line_of, markdown_lines, parse_yaml, read_content
from casework.content.project import Project
from casework.content.yamlsrc import split_front_matter
from casework.problems import Problem

# --- TODO placeholders ---------------------------------------------------------------


def _what_to_write(text: str) -> str:
    """The words after TODO: "TODO: a one-line title" -> "a one-line title"."""
    m = TODO.search(text)
    rest = text[m.end():] if m else ""
    rest = re.sub(r"^[\s:.,;-]+", "", rest)
    rest = re.split(r",? e\.g\.|\.\s|\s\(|\s\||\bTODO\b|\*\*|-->", rest)[0]
    rest = re.sub(r"\s+", " ", rest).strip().rstrip(".,;: ")
    if len(rest) > 160:
        rest = rest[:157].rsplit(" ", 1)[0] + "..."
    return rest or "replace it with the real text"


def todo_problems_yaml(file: str, text: str, line_offset: int = 0, label: str = "{}") -> list[Problem]:
    """TODOs in the values of a YAML text and in comments at the ends of its lines."""
    out: list[Problem] = []
    lines = text.split("\n")
    data, scalars = parse_yaml(text)
    reported: set[int] = set()
    for s in scalars:
        if s.is_key or not TODO.search(s.value):
            continue
        line = line_of(lines, s, TODO)
        item, field = field_label(s.path, data)
        reported.add(line)
        out.append(Problem(file, line + line_offset, item, f"still has a TODO placeholder: {label.format(field)} — {_what_to_write(s.value)}"))
    for i, raw in enumerate(lines):
        if i + 1 in reported or raw.lstrip().startswith("#"):
            continue
        for m in TODO.finditer(raw):
            hash_at = raw.rfind("#", 0, m.start())
            if inside_scalar(scalars, i, m.start()) or hash_at < 0 or inside_scalar(scalars, i, hash_at):
                continue
            before = [s for s in scalars if s.start < (i, hash_at)]
            path = before[-1].path if before else ()
            while path and isinstance(path[-1], int):
                path = path[:-1]
            item, field = field_label(path, data) if path else (None, "comment")
            out.append(Problem(file, i + 1 + line_offset, item, f"still has a TODO placeholder: {label.format(field)} — {_what_to_write(raw[hash_at + 1:])}"))
            break
    return out


def check_todos(project: Project) -> list[Problem]:
    out: list[Problem] = []
    for name in content_files(project):
        text = read_content(project, name)
        if text is None or "TODO" not in text:
            continue
        out += todo_problems_yaml(name, text)
    prefix = docs_prefix(project)
    for page, text in project.docs_pages.items():
        if "TODO" not in text:
            continue
        file = f"{prefix}/{page}"
        fm, _ = split_front_matter(text)
        if "TODO" in fm:
            out += todo_problems_yaml(file, fm, line_offset=1, label="front matter '{}'")
        for ln in markdown_lines(text, front=False):
            if TODO.search(ln.text):
                out.append(Problem(file, ln.number, None, f"still has a TODO placeholder: {ln.field} — {_what_to_write(ln.text)}"))
    return out
