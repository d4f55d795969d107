"""Date checks: amendment logs in page front matter, and pages past their ``next_review`` date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from casework.checks.base import TODO, Path_, docs_prefix, parse_yaml
from casework.content.dates import log_date, parse_date
from casework.content.project import Project
from casework.content.yamlsrc import split_front_matter
from casework.problems import Problem

# --- amendment logs --------------------------------------------------------------------

AMENDMENT_KEYS = ("date", "note")
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
                out.append(Problem(file, line(("amendments", i, key)), None, f"{where}: unknown key '{key}'; an entry has only 'date' and 'note'",
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
    return out


def check_amendments(project: Project) -> list[Problem]:
    """Every page whose front matter `amendments` log what's new could not read, entry by entry."""
    out: list[Problem] = []
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
