"""Timings that agree: a scenario's declared minutes, its node timings, and the slot each session plan gives it.

- A scenario's longest run (its opening minutes plus the node timings along the longest path to an ending)
  must fit in its declared `minutes`.
- A session plan's slots must add up to its length, and its hand-written table (a Minutes column, and a Time
  column when the plan gives `start:`) must say the same, row by row.
- A slot that runs a scenario must be at least as long as the scenario.
"""

from __future__ import annotations

import re

from casework.content.project import Project
from casework.content.sessions import SessionPlan, clock, path_minutes, read_session_plans
from casework.problems import Problem

_ROW = re.compile(r"^\s*\|(.+)\|\s*$")


def check_timings(project: Project) -> list[Problem]:
    out: list[Problem] = []
    for ls in project.scenarios.values():
        s = ls.obj
        t = path_minutes(s)
        if not t.timed_nodes:
            continue
        if t.run > s.minutes:
            out.append(Problem(
                ls.file, ls.line("minutes"), None,
                f"the longest run takes {t.run} minutes by the node timings ({t.intro} to start, then {t.longest} along "
                f"{' → '.join(t.longest_path)}), but minutes says {s.minutes}",
                f"set minutes: {t.run} or more, or shorten the nodes' facilitator minutes"))
    plans, found = read_session_plans(project)
    out += found
    for plan in plans:
        out += check_plan(plan, project)
    return out


def check_plan(plan: SessionPlan, project: Project) -> list[Problem]:
    out: list[Problem] = []
    se = plan.session
    total = sum(sl.minutes for sl in se.slots)
    if total != se.minutes:
        out.append(Problem(plan.file, plan.line("session", "minutes"), "session",
                           f"the slots add up to {total} minutes, but the plan's length (minutes) is {se.minutes}",
                           "make the slots add up to the length, or change minutes"))
    for i, sl in enumerate(se.slots):
        if sl.scenario is None:
            continue
        item = f"session, slot {i + 1} ('{sl.activity}')"
        ls = project.scenarios.get(sl.scenario)
        if ls is None:
            out.append(Problem(plan.file, plan.line("session", "slots", i, "scenario"), item, f"scenario '{sl.scenario}' does not exist",
                               f"scenarios are: {', '.join(sorted(project.scenarios)) or 'none'}"))
        elif sl.minutes < ls.obj.minutes:
            out.append(Problem(plan.file, plan.line("session", "slots", i, "minutes"), item,
                               f"gives scenario '{sl.scenario}' {sl.minutes} minutes, but the scenario takes {ls.obj.minutes} ({ls.file})",
                               f"give the slot at least {ls.obj.minutes} minutes, or shorten the scenario"))
    out += _check_table(plan)
    return out


def _cells(line: str) -> list[str]:
    m = _ROW.match(line)
    return [c.strip() for c in m.group(1).split("|")] if m else []


def _check_table(plan: SessionPlan) -> list[Problem]:
    """The first table with a Minutes column is the plan's timetable: each row with minutes is a slot, in order."""
    lines = plan.text.split("\n")
    for at, line in enumerate(lines):
        head = [c.lower() for c in _cells(line)]
        if "minutes" in head and at + 1 < len(lines) and set(lines[at + 1].replace("|", "").strip()) <= set("-: "):
            break
    else:
        return []
    col, time_col = head.index("minutes"), head.index("time") if "time" in head else None
    rows: list[tuple[int, list[str]]] = []
    for n in range(at + 2, len(lines)):
        cells = _cells(lines[n])
        if not cells:
            break
        if len(cells) > col and cells[col].strip():
            rows.append((n + 1, cells))
    out: list[Problem] = []
    se = plan.session
    if len(rows) != len(se.slots):
        out.append(Problem(plan.file, at + 1, "the plan's table", f"has {len(rows)} rows with minutes, but the front matter has {len(se.slots)} slots",
                           "give every slot one row, in the same order"))
    elapsed = 0
    for k, ((line_no, cells), sl) in enumerate(zip(rows, se.slots, strict=False)):
        said = cells[col].strip()
        if not said.isdigit():
            out.append(Problem(plan.file, line_no, f"the plan's table, row {k + 1}", f"minutes '{said}' is not a whole number", "write the minutes as a number"))
        elif int(said) != sl.minutes:
            out.append(Problem(plan.file, line_no, f"the plan's table, row {k + 1}",
                               f"says {said} minutes, but slot {k + 1} ('{sl.activity}') in the front matter says {sl.minutes}",
                               "make the table and the front matter agree"))
        if se.start and time_col is not None and len(cells) > time_col:
            want = clock(se.start, elapsed)
            if cells[time_col].strip() != want:
                out.append(Problem(plan.file, line_no, f"the plan's table, row {k + 1}",
                                   f"starts at {cells[time_col].strip() or '(no time)'}, but the slots before it end at {want}",
                                   f"write {want}, or change the minutes before it"))
        elapsed += sl.minutes
    return out
