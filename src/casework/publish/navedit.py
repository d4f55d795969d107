"""Wire new pages into mkdocs.yml's nav, as text, so the author's comments and layout stay.

A new review's three pages go into the list of reviews at its year's place (the list is kept in year
order, newest first or oldest first, whichever it already is), a scenario after the last scenario,
a quiz bank after the last bank. A nav of another shape is left alone: the caller prints the lines
to paste instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"^(?P<indent>[ \t]*)- (?P<rest>.*?)[ \t]*(?:#.*)?$")
_GROUP = re.compile(r"^(?P<indent>[ \t]*)- (?P<label>[^:#]+):[ \t]*(?:#.*)?$")
_YEAR = re.compile(r"\((?:[^)]*?)(?P<year>\d{4})")


@dataclass(frozen=True)
class NavEdit:
    text: str  # the new mkdocs.yml text
    added: list[str]  # what was added where, for the author


def _nav_bounds(lines: list[str]) -> tuple[int, int] | None:
    start = next((i for i, ln in enumerate(lines) if re.match(r"^nav:[ \t]*(?:#.*)?$", ln)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "\t", "-", "#"))):
        end += 1
    return start, end


def _last_item(lines: list[str], lo: int, hi: int, pattern: re.Pattern[str]) -> int | None:
    return next((i for i in range(hi - 1, lo - 1, -1) if pattern.search(lines[i])), None)


def add_review(text: str, key: str, year: int) -> NavEdit | None:
    """The review's pages as a group labelled `key (year)` in the reviews list, at its year's place."""
    lines = text.split("\n")
    bounds = _nav_bounds(lines)
    if bounds is None:
        return None
    lo, hi = bounds
    groups: list[tuple[int, int | None, str]] = []  # (line, year, indent) of each review group
    for i in range(lo, hi - 1):
        g = _GROUP.match(lines[i])
        if g and re.search(r"reviews/[^/\s]+/index\.md", lines[i + 1]):
            found = _YEAR.search(g.group("label"))
            groups.append((i, int(found.group("year")) if found else None, g.group("indent")))
    if not groups:
        return None
    indent = groups[0][2]
    child = re.match(r"^[ \t]*", lines[groups[0][0] + 1]).group(0)  # type: ignore[union-attr]
    years = [y for _, y, _ in groups if y is not None]
    newest_first = len(years) < 2 or years[0] >= years[-1]
    at = None
    for i, y, _ in groups:
        if y is not None and (y < year if newest_first else y > year):
            at = i
            break
    if at is None:  # after the last group: skip its children
        last = groups[-1][0]
        at = last + 1
        while at < hi and lines[at].startswith(child) and _ITEM.match(lines[at]):
            at += 1
    label = f"{key} ({year})"
    block = [f"{indent}- {label}:", *(f"{child}- reviews/{key}/{name}.md" for name in ("index", "brief", "findings"))]
    lines[at:at] = block
    return NavEdit("\n".join(lines), [f"the review's pages, as '{label}', in the reviews list"])


def add_after_last(text: str, page: str, pattern: str, what: str) -> NavEdit | None:
    """`page` as an item after the last nav item matching `pattern` (e.g. the last scenario)."""
    lines = text.split("\n")
    bounds = _nav_bounds(lines)
    if bounds is None:
        return None
    rx = re.compile(pattern)
    at = _last_item(lines, bounds[0], bounds[1], rx)
    if at is None:
        return None
    if any(re.search(rf"-\s+{re.escape(page)}\s*(?:#.*)?$", ln) for ln in lines[bounds[0]:bounds[1]]):
        return NavEdit(text, [])
    indent = re.match(r"^[ \t]*", lines[at]).group(0)  # type: ignore[union-attr]
    lines.insert(at + 1, f"{indent}- {page}")
    return NavEdit("\n".join(lines), [f"{page} after the last {what}"])
