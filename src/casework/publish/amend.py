"""`casework amend`: record a change to a page or a content file in one command.

It raises the version (minor, or major with --major), sets `last_reviewed` to today and
`next_review` (default: a year on), and appends a dated note, carrying the new version, to the
amendment log. The file is edited as text, line by line, so comments and formatting stay as the
author wrote them; the result is read back and refused if it would not load.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from casework.content.project import CONTENT_DIRS
from casework.content.yamlsrc import split_front_matter
from casework.problems import CaseworkError

KEYS = ("version", "last_reviewed", "next_review")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?P<rest>.*)$")
_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?")


class AmendError(CaseworkError):
    """An amendment that cannot be made; the file was not changed."""


@dataclass(frozen=True)
class Amended:
    path: Path
    version: str
    next_review: dt.date


def next_version(current: str | None, major: bool) -> str:
    """'1.2' -> '1.3' (or '2.0' with major); no version yet -> '1.0'."""
    m = _VERSION.match(current or "")
    if not m:
        return "1.0"
    big, small = int(m.group(1)), int(m.group(2) or 0)
    return f"{big + 1}.0" if major else f"{big}.{small + 1}"


def a_year_on(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _block_end(lines: list[str], start: int) -> int:
    """The index after the last line that belongs to the top-level key at `start` (its indented or list lines)."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "\t", "-"))):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # trailing blank lines belong to what follows
        end -= 1
    return end


def amend_yaml(text: str, note: str, today: dt.date, next_review: dt.date, major: bool = False) -> tuple[str, str]:
    """The YAML mapping `text` with the amendment made, and the new version. Pure: text in, text out."""
    data = yaml.safe_load(text) if text.strip() else {}
    if not isinstance(data, dict):
        raise AmendError("the file's YAML is not a mapping of keys", "run `casework check` and fix the file first")
    version = next_version(str(data["version"]) if data.get("version") is not None else None, major)
    values = {"version": json.dumps(version), "last_reviewed": today.isoformat(), "next_review": next_review.isoformat()}
    lines = text.split("\n")
    tops = {m.group("key"): i for i, ln in enumerate(lines) if (m := _TOP_KEY.match(ln))}
    missing = []
    for key in KEYS:
        if key in tops:
            i = tops[key]
            comment = re.search(r"[ \t]+#.*$", lines[i])
            lines[i] = f"{key}: {values[key]}" + (comment.group(0) if comment else "")
        else:
            missing.append(f"{key}: {values[key]}")
    entry = [f"  - date: {today.isoformat()}", f"    version: {json.dumps(version)}", f"    note: {json.dumps(note, ensure_ascii=False)}"]
    if "amendments" in tops:
        i = tops["amendments"]
        inline = lines[i].split(":", 1)[1].split("#", 1)[0].strip()
        if inline in ("", "[]"):
            lines[i] = "amendments:"
            end = _block_end(lines, i)
            lines[end:end] = entry
        else:
            raise AmendError("'amendments' is written on one line", "write it as a list, one '- date: ...' entry per line, then run amend again")
    else:
        missing += ["amendments:", *entry]
    if missing:
        at = _block_end(lines, max(tops.values())) if tops else len(lines)
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        lines[at:at] = missing
    out = "\n".join(lines)
    if not out.endswith("\n"):
        out += "\n"
    check = yaml.safe_load(out)
    if not isinstance(check, dict) or not isinstance(check.get("amendments"), list) or check["amendments"][-1].get("note") != note:
        raise AmendError("the amended file would not read back as written", "fix the file's YAML (run `casework check`), then run amend again")
    return out, version


def amend_text(text: str, is_page: bool, note: str, today: dt.date, next_review: dt.date, major: bool = False) -> tuple[str, str]:
    """Amend a Markdown page (its front matter) or a YAML content file."""
    if not is_page:
        return amend_yaml(text, note, today, next_review, major)
    front, body_start = split_front_matter(text)
    body = "\n".join(text.split("\n")[body_start:]) if body_start else text
    new_front, version = amend_yaml(front + "\n" if front else "", note, today, next_review, major)
    return f"---\n{new_front}---\n" + ("" if body_start else "\n") + body, version


def resolve_target(root: Path, docs_dir: Path, target: str) -> tuple[Path, bool]:
    """The file to amend, from a path under the project (or under docs/); only pages and content files."""
    candidates = [root / target, docs_dir / target]
    root_r = root.resolve()
    for path in candidates:
        if path.is_file():
            real = path.resolve()
            if not real.is_relative_to(root_r):
                break
            if real.suffix == ".md" and real.is_relative_to(docs_dir.resolve()):
                return path, True
            if real.suffix in (".yml", ".yaml") and real.parent.name in CONTENT_DIRS and real.parent.parent == root_r:
                return path, False
            raise AmendError(f"{target}: only a page under docs/ or a content file ({', '.join(d + '/*.yml' for d in CONTENT_DIRS)}) can be amended",
                             "give the path of the page or content file, e.g. protocol/section-3.md or reviews/lcspr-case-a.yml")
    raise AmendError(f"{target}: no such page or content file in this project",
                     "give a path under docs/ (e.g. protocol/section-3.md) or a content file (e.g. reviews/lcspr-case-a.yml)")


def amend(root: Path, docs_dir: Path, target: str, note: str, today: dt.date, next_review: dt.date | None = None, major: bool = False) -> Amended:
    if not note.strip():
        raise AmendError("the note is empty", "say what changed and why in one sentence, e.g. --note \"Updated the contact numbers.\"")
    path, is_page = resolve_target(root, docs_dir, target)
    due = next_review or a_year_on(today)
    if due <= today:
        raise AmendError(f"the next review date {due.isoformat()} is not after today ({today.isoformat()})", "give a later --next-review date, or leave it out for a year on")
    try:
        text, version = amend_text(path.read_text(encoding="utf-8"), is_page, note.strip(), today, due, major)
    except yaml.YAMLError:
        raise AmendError(f"{target}: the YAML cannot be read", "run `casework check` to see where, fix it, then run amend again") from None
    tmp = path.with_name(path.name + ".amend-tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return Amended(path, version, due)
