"""Site-wide facts on hand-written pages: unknown `{{ kind.field }}` names, and counts written out in
words that disagree with the content ("the four case reviews" once there are five)."""

from __future__ import annotations

import re

from casework.checks.base import docs_prefix, markdown_lines
from casework.content.facts import FIELDS, KINDS, NUMBER_WORDS, VARIABLE, site_facts
from casework.content.project import Project
from casework.problems import Problem

NOUNS = {"reviews": "reviews", "scenarios": "scenarios", "quiz banks": "quizzes"}
_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# "the four case reviews", "all five modules", "Four case reviews": a count of the whole site, not "two scenarios" in a plan
SPELLED = re.compile(rf"\b(?:(?:the|all|these|our)\s+(?P<n1>{_NUMBER}|\d+)\s+(?:case\s+)?(?P<k1>reviews|scenarios|quiz banks)"
                     rf"|(?P<n2>{_NUMBER}|\d+)\s+case\s+(?P<k2>reviews))\b", re.I)
HINT = "write {{{{ {kind}.words }}}} (or {{{{ {kind}.count }}}}) instead, so the number follows the content"


def check_facts(project: Project) -> list[Problem]:
    facts = site_facts(project)
    prefix = docs_prefix(project)
    out: list[Problem] = []
    for page, text in project.docs_pages.items():
        if "{{" not in text and not SPELLED.search(text):
            continue
        for ln in markdown_lines(text):
            for m in VARIABLE.finditer(ln.text):
                kind, field = m.group(1), m.group(2)
                if kind not in facts or field not in facts[kind]:
                    out.append(Problem(f"{prefix}/{page}", ln.number, None, f"'{m.group(0)}' is not a site fact",
                                       f"use {{{{ kind.field }}}} with kind one of {', '.join(KINDS)} and field one of {', '.join(FIELDS)}, "
                                       "e.g. {{ reviews.words }}"))
            for m in SPELLED.finditer(ln.text):
                number, noun = (m.group("n1"), m.group("k1")) if m.group("n1") else (m.group("n2"), m.group("k2"))
                kind = NOUNS[noun.lower()]
                said = int(number) if number.isdigit() else NUMBER_WORDS[number.lower()]
                actual = int(facts[kind]["count"])
                if said != actual:
                    out.append(Problem(f"{prefix}/{page}", ln.number, None, f"'{m.group(0)}' says {said}, but the site has {actual} {noun.lower()}",
                                       HINT.format(kind=kind), severity="warning"))
    return out
