"""Quiz bank checks: option counts, correct answers by question type, fill-in blanks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casework.content.model import QuizBank
from casework.problems import Problem

if TYPE_CHECKING:
    from casework.content.project import Loaded
from casework.checks.base import Cite

FILL_BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")  # no '[' inside: linear on a run of '[[' (issue #18)


def check_quiz(lq: Loaded[QuizBank], problems: list[Problem], cite: Cite, trains: Cite) -> None:
    P = Problem
    bank = lq.obj
    seen: set[str] = set()
    for i, q in enumerate(bank.questions):
        where = f"question '{q.id}'"
        line = lq.line("questions", i)
        if q.id in seen:
            problems.append(P(lq.file, line, where, "this ID is used twice in the bank", "give each question its own ID"))
        seen.add(q.id)
        cite(lq.file, lq.line("questions", i, "sources"), where, q.sources)
        trains(lq.file, lq.line("questions", i, "trains"), where, q.trains)
        correct = [o for o in q.options if o.correct]
        if q.type == "fill-in":
            if q.options:
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, "a fill-in question has options (feedback without an option to choose)",
                                  "remove 'options:' and put the answers in the stem as [[answer]], or change the type to 'single'"))
            if not FILL_BLANK.search(q.stem):
                problems.append(P(lq.file, lq.line("questions", i, "stem"), where, "a fill-in question has no blank",
                                  "write the answer in the stem in double brackets, e.g. 'MAPPA has [[3]] levels'"))
        else:
            if len(q.options) < 2:
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, f"a {q.type}-choice question needs at least two options", None))
            if not correct:
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, "has no correct answer",
                                  "mark the right option with 'correct: true'"))
            elif q.type == "single" and len(correct) > 1:
                nums = ", ".join(str(q.options.index(o) + 1) for o in correct)
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, f"is single-choice but options {nums} are all marked correct",
                                  "mark only one option correct, or change the type to 'multiple'"))
            texts = [o.text for o in q.options]
            for j, o in enumerate(q.options):
                if texts.index(o.text) != j:
                    problems.append(P(lq.file, lq.line("questions", i, "options", j), f"{where}, option {j + 1}", "repeats the text of an earlier option", None))
                cite(lq.file, lq.line("questions", i, "options", j, "sources"), f"{where}, option {j + 1}", o.sources)
                trains(lq.file, lq.line("questions", i, "options", j, "trains"), f"{where}, option {j + 1}", o.trains)
