"""A hostile copy of the mini fixture: the red-team payloads of issue #18 in every plain-text and Markdown field."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from conftest import MINI, REPO

# Plain text: the reproductions (a script-running image, an HTML comment that blanked pages, a script tag),
# and what a careless author types (an ampersand, quotes, Markdown punctuation).
PLAIN = "<img src=x onerror=alert(1)> <!-- <script>alert(2)</script> Tom & Jerry's \"plan\" *a* [b] {c} |"
# Markdown: a field may use Markdown, but no payload may run. A `javascript:` link or a frame from another host never
# gets this far: `casework check` refuses both (tests/golden/errors/offline-remote-resources-and-unsafe-links.yml), and
# the sanitiser's unit test drops them. The frame here is the site's own, which the check lets through: the sanitiser
# must still remove it.
MARKDOWN = ("Some **bold** text <img src=x onerror=alert(3)> <script>alert(4)</script> "
            "<iframe src=\"frame.html\"></iframe> <a href=\"#\" onclick=\"alert(6)\">click</a>")
PLAIN_KEYS = {"title", "short", "publisher", "board", "children", "role", "setting", "term", "expansion", "audience", "note",
              "agencies", "outcomes", "description"}
MARKDOWN_KEYS = {"summary", "content_note", "body", "feedback", "what_happened", "good_practice", "notes", "meaning", "intro",
                 "explanation", "text"}
# `text` is plain in a choice and an outcome, Markdown in a finding and an option: the plain payload is the harsher
# test of a Markdown field too (it must not run), so a choice's and an outcome's text get PLAIN.
PLAIN_TEXT_PARENTS = {"choices", "outcomes"}
SCENARIO_TITLE = f"Scenario {PLAIN}"


def _poison(value: Any, key: str = "", parent: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, k, key) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key, parent) for v in value]  # a list's items are the list's field (a choice's parent is 'choices')
    if isinstance(value, str):
        if key == "text" and parent in PLAIN_TEXT_PARENTS:
            return f"{value} {PLAIN}"
        if key in PLAIN_KEYS:
            return f"{value} {PLAIN}"
        if key in MARKDOWN_KEYS:
            return f"{value} {MARKDOWN}"
    return value


def make_hostile(dest: Path) -> Path:
    """Copy the mini project to dest with every text field poisoned; returns the project folder."""
    shutil.copytree(MINI, dest)
    for path in [*dest.glob("*/*.yml"), *dest.glob("*.yml")]:
        if path.name == "mkdocs.yml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "sources.yml":  # a source's short name and title; its URL and page are another branch's checks
            data["sources"] = [{**s, "short": f"{s['short']} {PLAIN}", "title": f"{s['title']} {PLAIN}"} for s in data["sources"]]
        else:
            data = _poison(data)
        if path.parent.name == "scenarios":
            data["title"] = SCENARIO_TITLE
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = dest / "docs/protocol/section-3.md"
    text = page.read_text(encoding="utf-8")
    head = yaml.safe_dump({"title": f"Section 3 {PLAIN}", "description": PLAIN, "published": "2026-01-05",
                           "amendments": [{"date": "2026-01-05", "note": f"First published {PLAIN}"}]}, allow_unicode=True)
    page.write_text(text.replace("---\ntitle: Section 3\n---\n", f"---\n{head}---\n", 1), encoding="utf-8")
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      enabled: true", f"      enabled: true\n      node_modules: {REPO / 'node_modules'}", 1), encoding="utf-8")
    return dest
