"""Quiz bank checks: option counts, correct answers by question type, fill-in blanks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casework.content.model import FILL_BLANK, Question, QuizBank, blanks, normalise_answer
from casework.problems import Problem

if TYPE_CHECKING:
    from casework.content.project import Loaded
from casework.checks.base import Cite


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
        if q.accept:
            problems.extend(check_accept(lq, i, q))
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


def check_accept(lq: Loaded[QuizBank], i: int, q: Question) -> list[Problem]:
    """`accept:` variants: only on fill-in questions, each for a blank that exists, each one a new answer."""
    where, line = f"question '{q.id}'", lq.line("questions", i, "accept")
    if q.type != "fill-in":
        return [Problem(lq.file, line, where, f"'accept' lists answers to accept, but this is a {q.type}-choice question",
                        "remove 'accept:', or change the type to 'fill-in'")]
    answers = blanks(q.stem)
    if isinstance(q.accept, list) and len(answers) > 1:
        return [Problem(lq.file, line, where, f"'accept' is a list, but the stem has {len(answers)} blanks ({', '.join(answers)})",
                        "give each blank's variants under its answer, e.g. 'accept: {\"3\": [three], \"9\": [nine]}'")]
    out = []
    for answer, variants in q.accepted().items():
        if answer not in answers:
            out.append(Problem(lq.file, line, where, f"'accept' has variants for '{answer}', which is not a blank in the stem",
                               f"the blanks are: {', '.join(answers) or 'none'}"))
            continue
        for v in variants:
            if not normalise_answer(v):
                out.append(Problem(lq.file, line, where, f"an accepted variant of '{answer}' is empty", "remove it"))
            elif normalise_answer(v) == normalise_answer(answer):
                out.append(Problem(lq.file, line, where, f"'{v}' is already accepted as '{answer}'",
                                   "remove it: case, spaces, a trailing % or full stop and trailing zeros are ignored anyway",
                                   severity="warning"))
    return out
