"""Checks before publishing: leftover TODO placeholders, personal data, pages past their review date.

All three read the files as written (YAML and Markdown text with line numbers), so they work
even on a file the schema rejected, and they never raise on bad input.

- **TODO placeholders.** Any ``TODO`` in a YAML value, or in a comment at the end of a YAML
  line, or in the text or front matter of a Markdown page (outside code), is an error. The
  scaffolds (``casework new``) use them, so a freshly scaffolded review fails the check with
  a to-do list.
- **Personal data.** Reviews must stay anonymised. Review, scenario and quiz YAML and the pages
  under ``docs/reviews/`` are checked for names with a title (``Mr Smith``), dates of birth,
  street addresses, postcodes, phone numbers and email addresses; every other page for
  postcodes, phone numbers and email addresses. Identifiers that any review lists under
  ``identifiers:`` and single-letter identifiers (``Mr A``, ``HH``) are allowed. A page of
  public contacts (helplines) opts out of the contact checks with ``public_contact_details: true``
  in its front matter, and a page that names someone in their public role (a researcher quoted by
  the review) lists them under ``public_names:``.
- **Amendment logs.** A page's front matter ``amendments`` must be a list of entries, each with a
  ``date`` (``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known) and a ``note``; an entry
  what's new cannot read would otherwise be left out of the page and the feeds without a word.
- **Content notes.** A page that carries case material (under ``reviews/``, or citing a review) needs a
  "Content note" admonition that links to the support page (``casework.checks.contentnotes``).
- **Review dates.** A page whose front matter ``next_review`` has passed gets a warning. This
  one needs a date, so `casework check` runs it (``check_review_dates``); the build does not,
  because the page shows its own banner there and a warning would stop a strict build.
"""

from __future__ import annotations

import datetime as dt

from casework.checks.base import docs_prefix
from casework.checks.contentnotes import check_content_notes
from casework.checks.dates import check_amendments, check_review_dates
from casework.checks.facts import check_facts
from casework.checks.forms import check_forms
from casework.checks.personal import check_personal_data
from casework.checks.todos import check_todos
from casework.content.project import Project
from casework.problems import Problem


def check_publishing(project: Project, today: dt.date | None = None) -> list[Problem]:
    """Every publishing problem: TODO placeholders and personal data; review dates when `today` is given."""
    problems = (check_todos(project) + check_personal_data(project) + check_amendments(project)
                + check_forms(project.docs_pages, docs_prefix(project)) + check_facts(project) + check_content_notes(project))
    if today is not None:
        problems += check_review_dates(project, today)
    return problems
