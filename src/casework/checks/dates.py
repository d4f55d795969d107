"""Date checks: amendment logs in page front matter, and pages past their ``next_review`` date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from casework.checks.base import TODO, Path_, docs_prefix, parse_yaml
from casework.content.dates import log_date, parse_date
from casework.content.project import Project
from casework.content.yamlsrc import split_front_matter
from casework.problems import Problem

# --- amendment logs --------------------------------------------------------------------

AMENDMENT_KEYS = ("date", "version", "note")
AMENDMENT_HINT = ("give every entry a date (YYYY-MM-DD, or YYYY-MM when only the month is known) and a one-sentence note, "
                  "newest last, for example:\n"
                  "        amendments:\n"
                  "          - date: 2026-11-21\n"
                  "            note: First published.\n"
                  "          - date: 2027-03\n"
                  "            note: Updated the contact numbers.")
DATE_HINT = "write the date as YYYY-MM-DD, or YYYY-MM when only the month is known, such as 'date: 2026-11-21' or 'date: 2027-03'"
NOTE_HINT = "say what changed and why in one sentence, such as 'note: Updated the contact numbers.'"


def amendment_problems(file: str, front: str) -> list[Problem]:
    """Every problem with the `amendments` log in a page's front matter text (which starts on line 2)."""
    data, scalars = parse_yaml(front)
    if not isinstance(data, dict) or "amendments" not in data:
        return []
    log = data["amendments"]

    def line(path: Path_) -> int:  # the first line of what sits at `path` (its key when it has one)
        for s in scalars:
            if s.path[: len(path)] == path:
                return s.start[0] + 2
        return next(s.start[0] + 2 for s in scalars if s.is_key and s.path == ("amendments",))

    if log is None or log == "":  # `amendments:` with nothing after it: no log yet
        return []
    if not isinstance(log, list):
        return [Problem(file, line(("amendments",)), None, "front matter 'amendments' must be a list of entries", AMENDMENT_HINT)]
    out: list[Problem] = []
    for i, entry in enumerate(log):
        where = f"front matter 'amendments' (item {i + 1})"
        at = line(("amendments", i))
        if not isinstance(entry, dict):
            what = f", not '{entry}'" if isinstance(entry, str) and entry else ""
            out.append(Problem(file, at, None, f"{where}: must be a mapping with 'date' and 'note'{what}", AMENDMENT_HINT))
            continue
        for key in entry:
            if key not in AMENDMENT_KEYS:
                out.append(Problem(file, line(("amendments", i, key)), None, f"{where}: unknown key '{key}'; an entry has only 'date', 'version' and 'note'",
                                   "rename it to 'date' or 'note', or remove it"))
        date = entry.get("date")
        if date is None or date == "":
            out.append(Problem(file, at, None, f"{where}: no date", DATE_HINT))
        elif not isinstance(date, str) or not (log_date(date) is not None or TODO.search(date)):  # a TODO is reported as one
            shown = f" '{date}'" if isinstance(date, (str, int)) else ""
            out.append(Problem(file, line(("amendments", i, "date")), None, f"{where}: date{shown} is not a date (YYYY-MM-DD or YYYY-MM)", DATE_HINT))
        note = entry.get("note")
        if note is None or (isinstance(note, str) and not note.strip()):
            out.append(Problem(file, line(("amendments", i, "note")) if "note" in entry else at, None, f"{where}: no note saying what changed", NOTE_HINT))
        elif not isinstance(note, str):
            out.append(Problem(file, line(("amendments", i, "note")), None, f"{where}: note must be a sentence of text", NOTE_HINT))
    if not out:
        entries = [(log_date(e.get("date")), e.get("version"), line(("amendments", i))) for i, e in enumerate(log)]
        for where_at, message, hint in log_problems(entries, data.get("version"), log_date(data.get("last_reviewed"))):
            out.append(Problem(file, where_at, None, message, hint, severity="warning"))
    return out


AMEND_HINT = "record a change with `casework amend PAGE --note \"...\"`: it raises the version, sets the review dates and appends the entry in order"


def log_problems(entries: Sequence[tuple[tuple[dt.date, bool] | None, object, int | None]], version: object,
                 last_reviewed: tuple[dt.date, bool] | None) -> list[tuple[int | None, str, str]]:
    """Warnings for an amendment log that reads wrong: entries out of date order, a newest entry after
    `last_reviewed`, and a version that did not change with an entry (when entries record versions)."""
    out: list[tuple[int | None, str, str]] = []
    dated = [(d[0], str(v) if v is not None else None, at) for d, v, at in entries if d is not None]
    for (before, _, _), (after, _, at) in zip(dated, dated[1:], strict=False):
        if after < before:
            out.append((at, f"amendment of {after.isoformat()} comes after one of {before.isoformat()}: the log is out of order", "keep the log oldest first, newest last; " + AMEND_HINT))
    if dated and last_reviewed is not None and max(d for d, _, _ in dated) > last_reviewed[0]:
        newest = max(dated, key=lambda e: e[0])
        out.append((newest[2], f"amendment of {newest[0].isoformat()} is newer than last_reviewed ({last_reviewed[0].isoformat()})",
                    "set last_reviewed to the date of the review that made the change; " + AMEND_HINT))
    versions = [(v, at) for _, v, at in dated if v is not None]
    for (v1, _), (v2, at) in zip(versions, versions[1:], strict=False):
        if v1 == v2:
            out.append((at, f"amendment leaves the version unchanged at {v2}", "raise the version with every change; " + AMEND_HINT))
    if versions and version is not None and versions[-1][0] != str(version):
        out.append((versions[-1][1], f"the newest amendment made version {versions[-1][0]}, but the version is {version}",
                    "raise the version with every change; " + AMEND_HINT))
    return out


def check_amendments(project: Project) -> list[Problem]:
    """Every page whose front matter `amendments` log what's new could not read, entry by entry; and
    warnings for logs, in pages and content files, that are out of order or disagree with the version."""
    out: list[Problem] = []
    content: list[Any] = [*project.reviews.values(), *project.scenarios.values(), *project.quizzes.values(),
                          *project.modules.values(), *project.sets.values()]
    for loaded in content:
        obj = loaded.obj
        entries = [(log_date(a.date), a.version, loaded.line("amendments", i)) for i, a in enumerate(obj.amendments)]
        for at, message, hint in log_problems(entries, obj.version, log_date(obj.last_reviewed) if obj.last_reviewed else None):
            out.append(Problem(loaded.file, at, None, message, hint, severity="warning"))
    prefix = docs_prefix(project)
    for page, text in project.docs_pages.items():
        if "amendments" not in text:
            continue
        fm, _ = split_front_matter(text)
        out += amendment_problems(f"{prefix}/{page}", fm)
    return out


# --- review dates -------------------------------------------------------------------------


_NEXT_REVIEW = re.compile(r"""^next_review:[ \t]*(?P<q>["']?)(?P<value>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?P=q)[ \t]*(?:#.*)?$""", re.M)


def check_review_dates(project: Project, today: dt.date) -> list[Problem]:
    """A warning for every page whose front matter `next_review` date is before `today`."""
    out: list[Problem] = []
    prefix = docs_prefix(project)
    for page, text in project.docs_pages.items():
        fm, _ = split_front_matter(text)
        m = _NEXT_REVIEW.search(fm)
        if m is None:
            continue
        value = m.group("value")
        due = parse_date(value)
        if due is None or due >= today:
            continue
        line = fm.count("\n", 0, m.start()) + 2  # the front matter starts on line 2
        out.append(Problem(f"{prefix}/{page}", line, None, f"next review was due on {value}",
                           "review the page, then update last_reviewed and next_review (and add an amendment note)", severity="warning"))
    content: list[Any] = [*project.reviews.values(), *project.scenarios.values(), *project.quizzes.values(),
                          *project.modules.values(), *project.sets.values()]
    for loaded in content:
        due = parse_date(loaded.obj.next_review) if loaded.obj.next_review else None
        if due is not None and due < today:
            out.append(Problem(loaded.file, loaded.line("next_review"), None, f"next review was due on {loaded.obj.next_review}",
                               "review the content, then update last_reviewed and next_review (and add an amendment note)", severity="warning"))
    return out
