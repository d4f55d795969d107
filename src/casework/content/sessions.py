"""Session plans (the `session:` front matter of pages in docs/training/sessions/) and scenario timings.

A session plan is a hand-written page; its front matter says, in a form a program can read, how long the
session is and what each slot is for, with the scenario it runs:

    session:
      minutes: 210                   # the whole session
      start: "09:30"                 # optional: the first slot's clock time (the table's Time column is checked against it)
      slots:
        - {minutes: 10, activity: Welcome and ground rules}
        - {minutes: 45, activity: Scenario in room mode, scenario: family-m-disagreement}
      statements:                    # optional: statement cards for an activity, with the reply the reviews support
        - {text: "He only looked at pictures.", reply: "Viewing is not a passive act (scr-family-m Key consideration 1)."}

A scenario's run takes its opening minutes (`facilitator: minutes:` at the top) plus the minutes of every
node on the path the room takes; `path_minutes` gives the shortest and the longest run by those timings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from casework.content.model import Key, Scenario, Strict
from casework.content.project import Project, rel, validation_problems
from casework.content.yamlsrc import YamlDoc, load_yaml, split_front_matter
from casework.problems import Problem

SESSIONS_DIR = "training/sessions/"
EVALUATION_FORMS = ["training/evaluation/before.md", "training/evaluation/after.md", "training/evaluation/follow-up.md"]


class Slot(Strict):
    minutes: int = Field(ge=0, description="how long the slot lasts")
    activity: str = Field(description="what happens, in a few words")
    scenario: Key | None = Field(default=None, description="the scenario the slot runs in room mode")


class Statement(Strict):
    text: str = Field(description="what a colleague might say: printed on a card for the group")
    reply: str = Field(default="", description="the reply the reviews support, with citations (the trainer's key)")


class Session(Strict):
    minutes: int = Field(ge=1, description="the whole session, breaks included")
    start: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description='clock time of the first slot, "09:30"')
    slots: list[Slot] = Field(min_length=1)
    statements: list[Statement] = Field(default_factory=list)
    evaluation: list[str] = Field(default_factory=lambda: list(EVALUATION_FORMS), description="docs pages of the forms to print")


class SessionPage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    session: Session


@dataclass
class SessionPlan:
    page: str  # docs-relative, e.g. training/sessions/half-day.md
    file: str  # project-relative, for messages
    title: str
    session: Session
    doc: YamlDoc
    text: str

    def line(self, *path: str | int) -> int | None:
        found = self.doc.line(path)
        return found + 1 if found is not None else None  # the front matter starts after the first '---'

    def body(self) -> str:
        """The page without its front matter."""
        return "\n".join(self.text.split("\n")[split_front_matter(self.text)[1]:])


def read_session_plans(project: Project) -> tuple[list[SessionPlan], list[Problem]]:
    """Every page with a `session:` front matter, and every page in training/sessions/ that should have one."""
    plans: list[SessionPlan] = []
    problems: list[Problem] = []
    prefix = rel(project.docs_dir, project.root)
    for page, text in sorted(project.docs_pages.items()):
        meta = project.docs_meta.get(page, {})
        if "session" not in meta and not page.startswith(SESSIONS_DIR):
            continue
        file = f"{prefix}/{page}"
        if "session" not in meta:
            problems.append(Problem(file, 1, None, "a session plan has no 'session:' front matter, so its timings cannot be checked",
                                    "add session: with minutes and slots (see the authoring guide, 'Session plans')"))
            continue
        fm, _ = split_front_matter(text)
        doc, found = load_yaml(fm, file)
        if doc is None:
            problems += found
            continue
        try:
            parsed = SessionPage.model_validate(doc.data)
        except ValidationError as exc:
            problems += [Problem(p.file, p.line + 1 if p.line else 1, p.item, p.message, p.hint) for p in validation_problems(exc, doc, SessionPage)]
            continue
        title = str(meta.get("title") or page)
        plans.append(SessionPlan(page, file, title, parsed.session, doc, text))
    return plans, problems


@dataclass(frozen=True)
class Timing:
    intro: int
    shortest: int
    longest: int
    longest_path: tuple[str, ...]
    timed_nodes: int

    @property
    def run(self) -> int:
        return self.intro + self.longest


def node_minutes(s: Scenario, nid: str) -> int:
    node = s.nodes.get(nid)
    return (node.facilitator.minutes or 0) if node and node.facilitator else 0


def path_minutes(s: Scenario, limit: int = 200_000) -> Timing:
    """The shortest and the longest run from the start to an ending, by the node timings (no node twice)."""
    intro = (s.facilitator.minutes or 0) if s.facilitator else 0
    best: dict[str, Any] = {"short": None, "long": -1, "path": ()}
    count = 0

    def walk(nid: str, seen: tuple[str, ...], total: int) -> None:
        nonlocal count
        count += 1
        node = s.nodes.get(nid)
        if node is None or count > limit:
            return
        total += node_minutes(s, nid)
        seen = (*seen, nid)
        nexts = [c.goto for c in node.choices if c.goto not in seen and c.goto in s.nodes]
        if node.ending or not node.choices:
            if best["short"] is None or total < best["short"]:
                best["short"] = total
            if total > best["long"]:
                best["long"], best["path"] = total, seen
        for n in dict.fromkeys(nexts):
            walk(n, seen, total)

    walk(s.start, (), 0)
    timed = sum(1 for n in s.nodes.values() if n.facilitator and n.facilitator.minutes)
    return Timing(intro, best["short"] or 0, max(best["long"], 0), best["path"], timed)


def clock(start: str, minutes: int) -> str:
    h, m = (int(x) for x in start.split(":"))
    t = h * 60 + m + minutes
    return f"{t // 60 % 24:02d}:{t % 60:02d}"
