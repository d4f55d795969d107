"""Locators in words: citation ranges ("3.1–3.4", "4.207-4.210"), the order of a source's paragraphs, and the forms
a source's paragraphs take, said in plain English for error messages (never the source's regular expression)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from casework.content.model import Source

# A range separator: an en dash, or a hyphen (either with spaces around it or none).
_DASH = re.compile(r"\s*[–-]\s*")
_RANKS = (("appendix", 2), ("app ", 2), ("footnote", 3))
_NUMBER = re.compile(r"\d+")


def locator_order(locator: str) -> tuple[int, list[tuple[int, int | str]]]:
    """Natural order of locators: numbered paragraphs first (2.9 < 2.10), then named parts, then appendices, then footnotes."""
    low = locator.lower()
    rank = 0 if low[:1].isdigit() else next((r for prefix, r in _RANKS if low.startswith(prefix)), 1)
    tokens: list[tuple[int, int | str]] = [(0, int(t)) if t.isdigit() else (1, t) for t in re.findall(r"\d+|[a-z]+", low)]
    return rank, tokens


def matches(source: Source, locator: str) -> bool:
    """Whether `locator` is one of the source's paragraphs (any locator is, for a source with no `locators` pattern)."""
    return not source.locators or re.fullmatch(source.locators, locator) is not None


def split_range(source: Source, locator: str) -> tuple[str, str] | None:
    """A range's two ends ('3.1–3.4' -> ('3.1', '3.4')), or None when `locator` is not written as a range.

    A locator the source's pattern accepts whole is a single paragraph, hyphen or not. Otherwise each dash is tried
    as the separator, and the first whose two ends are both paragraphs of the source wins; failing that, the first
    en dash (or a hyphen between two numbers) splits it, so that a bad end can be reported."""
    if source.locators and matches(source, locator):
        return None
    dashes = [m for m in _DASH.finditer(locator) if 0 < m.start() and m.end() < len(locator)]
    for m in dashes:
        start, end = locator[: m.start()], locator[m.end():]
        if source.locators and matches(source, start) and matches(source, end):
            return start, end
    for m in dashes:
        start, end = locator[: m.start()], locator[m.end():]
        if "–" in m.group(0) or (start[-1:].isdigit() and end[:1].isdigit()):
            return start, end
    return None


def range_problem(key: str, locator: str, start: str, end: str) -> str | None:
    """Why the range `locator` cannot be cited, or None: its end must not come before its start."""
    if locator_order(end) < locator_order(start):
        return f"cites '{key} {locator}', but the range ends before it starts ('{end}' comes before '{start}')"
    return None


def shape(locator: str) -> str:
    """A locator's form with its numbers taken out: 'para 14' -> 'para #', '4.207' -> '#.#'."""
    return _NUMBER.sub("#", locator)


def describe_forms(examples: Iterable[str], limit: int = 6) -> str:
    """The forms of the given (valid) locators in words: 'para 1 to para 12', '1.1 to 14.3, Appendix 1 to Appendix 7, Purpose'."""
    groups: dict[str, list[str]] = {}
    for loc in sorted(set(examples), key=locator_order):
        groups.setdefault(shape(loc), []).append(loc)
    words = []
    for _, locs in sorted(groups.items(), key=lambda g: locator_order(g[1][0])):
        words.append(locs[0] if len(locs) == 1 else f"{locs[0]} to {locs[-1]}")
    if len(words) > limit:
        words = [*words[:limit], f"and {len(words) - limit} other form{'s' if len(words) - limit != 1 else ''}"]
    return ", ".join(words)


def not_a_paragraph(key: str, locator: str, source: Source, examples: Iterable[str] = (), cited: str = "") -> str:
    """The plain-English message for a locator (or one end of the range `cited`) that is not one of the source's paragraphs."""
    forms = describe_forms(e for e in examples if matches(source, e))
    said = f"it has {forms}" if forms else ""
    note = source.locator_note.strip().rstrip(".")
    if note:
        said = f"{said} ({note})" if said else f"its paragraphs are cited as: {note}"
    if not said:
        said = "nothing on the site cites it correctly yet; see the original for how its paragraphs are numbered"
    return f"cites '{key} {cited or locator}', but '{locator}' is not one of this source's paragraphs: {said}"
