"""Checks of the evaluation forms written into pages (`<form class="cw-form" data-cw-save=...>`).

casework.js saves each field of such a form in the browser by its `name`, and the downloaded answers
pair each field with its label, so a field without a name is silently never saved and one without a label
is unreadable to a screen reader. The HTML is read with the standard library's parser, after code spans and
fenced code are blanked out (line numbers kept), so examples in code are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from casework.checks.base import blank_code_spans
from casework.problems import Problem

_FENCE_LINE = re.compile(r"^(```|~~~)")
# A '<' that starts no complete tag: blanked before parsing, as html.parser rescans the rest of the text from each
# one (quadratic on a page of '<script<script...'). The look-ahead stops at the next '<', so this is linear.
_LONE_LT = re.compile(r"<(?![^<>]*>)")
_NOT_SAVED = {"button", "submit", "reset", "image", "hidden"}


def _blank_fences(text: str) -> str:
    """`text` with fenced code blocks blanked (line numbers kept), line by line: linear in the text. A fence left
    open runs to the end of the page, as in Markdown."""
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE_LINE.match(line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and line.rstrip(" \t") == fence:
            fence = None
        elif fence is None:
            continue
        lines[i] = ""
    return "\n".join(lines)


@dataclass
class _Field:
    tag: str
    line: int
    attrs: dict[str, str]
    in_label: bool


@dataclass
class _Form:
    line: int
    save: str | None
    fields: list[_Field] = field(default_factory=list)
    label_for: set[str] = field(default_factory=set)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_Form] = []
        self.current: _Form | None = None
        self.labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        if tag == "form" and "cw-form" in a.get("class", "").split():
            self.current = _Form(line, a.get("data-cw-save") or None)
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "label":
            self.labels += 1
            if a.get("for"):
                self.current.label_for.add(a["for"])
        elif tag in ("input", "textarea", "select") and not (tag == "input" and a.get("type", "text").lower() in _NOT_SAVED):
            self.current.fields.append(_Field(tag, line, a, self.labels > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "label" and self.labels:
            self.labels -= 1


def form_problems(file: str, text: str) -> tuple[list[Problem], list[tuple[str, int]]]:
    """Problems with the cw-forms in one page's text, and each form's (save name, line) for site-wide checks."""
    if "cw-form" not in text:  # most pages: skip the blanking and parsing
        return [], []
    clean = _LONE_LT.sub(" ", blank_code_spans(_blank_fences(text)))
    parser = _FormParser()
    parser.feed(clean)
    parser.close()
    out: list[Problem] = []
    saves: list[tuple[str, int]] = []
    for form in parser.forms:
        label = f"form '{form.save}'" if form.save else "form"
        if form.save is None:
            out.append(Problem(file, form.line, label, "has no data-cw-save name, so nothing typed in it is kept",
                               'give it a name of its own: <form class="cw-form" data-cw-save="evaluation-after" ...>'))
        else:
            saves.append((form.save, form.line))
        for f in form.fields:
            what = ("an" if f.tag == "input" else "a") + f" <{f.tag}>" + (f" (id '{f.attrs['id']}')" if f.attrs.get("id") else "")
            if not f.attrs.get("name"):
                out.append(Problem(file, f.line, label, f"{what} has no name, so what is entered in it is not saved or downloaded",
                                   'add a name that says what it asks, e.g. name="confidence-1"; radio buttons of one question share a name'))
            labelled = f.in_label or f.attrs.get("id", "") in form.label_for or f.attrs.get("aria-label") or f.attrs.get("aria-labelledby")
            if not labelled:
                out.append(Problem(file, f.line, label, f"{what} has no label, so a screen reader cannot say what it asks",
                                   'wrap it in <label>...</label>, or give it an id and add <label for="that-id">'))
    return out, saves


def check_forms(pages: dict[str, str], prefix: str = "docs") -> list[Problem]:
    """Every cw-form problem in the site's hand-written pages, including two forms saving under one name."""
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for page, text in sorted(pages.items()):
        file = f"{prefix}/{page}"
        problems, saves = form_problems(file, text)
        out += problems
        for name, line in saves:
            if name in seen:
                out.append(Problem(file, line, f"form '{name}'", f"saves under the same name as the form in {seen[name]}, so each overwrites the other's answers",
                                   "give every form on the site its own data-cw-save name"))
            else:
                seen[name] = f"{file}:{line}"
    return out
