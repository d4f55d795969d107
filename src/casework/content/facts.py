"""Site-wide facts a hand-written page can use instead of writing them out: counts and lists of the
reviews, scenarios, quiz banks, sources, training modules and self-assessment sets.

A page writes `{{ reviews.words }}` ("four"), `{{ reviews.Words }}` ("Four"), `{{ reviews.count }}`
("4") or `{{ reviews.list }}` ("Case A review, ... and Child J review"), so "the four case reviews"
cannot go stale when a fifth is added. Pure: the project in, a table of strings out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casework.content.project import Project

VARIABLE = re.compile(r"\{\{\s*([A-Za-z_]+)\.([A-Za-z_]+)\s*\}\}")
WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
NUMBER_WORDS = {w: n for n, w in enumerate(WORDS) if n}
KINDS = ("reviews", "scenarios", "quizzes", "sources", "modules", "sets")
FIELDS = ("count", "words", "Words", "list")


def in_words(n: int) -> str:
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else "none"


def site_facts(project: Project) -> dict[str, dict[str, str]]:
    """{kind: {field: text}} for every kind of content; reviews listed by their short names, oldest first."""
    short = {k: s.obj.short for k, s in project.sources.items()}
    reviews = sorted(project.reviews.values(), key=lambda r: str(r.obj.date))
    names = {
        "reviews": [short.get(r.obj.key, r.obj.title) for r in reviews],
        "scenarios": [s.obj.title for s in project.scenarios.values()],
        "quizzes": [q.obj.title for q in project.quizzes.values()],
        "sources": [s.obj.short for s in project.sources.values()],
        "modules": [m.obj.title for m in project.modules.values()],
        "sets": [s.obj.title for s in project.sets.values()],
    }
    out: dict[str, dict[str, str]] = {}
    for kind, items in names.items():
        words = in_words(len(items))
        out[kind] = {"count": str(len(items)), "words": words, "Words": words[:1].upper() + words[1:], "list": joined(items)}
    return out
