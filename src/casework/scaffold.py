"""Scaffolds for new content: `casework new review|scenario|quiz`.

The functions that build file contents are pure (text in, text out); `write_files` is the
only one that touches the disk, and it refuses to overwrite anything.

Every scaffolded file explains each field in a comment, with an example and a pointer to
the authoring guide. Every value the author must write is a ``TODO`` placeholder, and the
check in `casework.publishing` reports each one left, so a fresh scaffold fails
`casework check` with a to-do list and a filled-in one passes. Values whose form is fixed
(dates, citations) hold a valid stand-in with a ``# TODO`` note at the end of the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casework.problems import CaseworkError
from casework.yamlsrc import load_yaml

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KEY_HINT = "use lower-case letters, digits and single hyphens, e.g. 'lcspr-case-a'"
GUIDE = "docs/authoring/index.md"


class ScaffoldError(CaseworkError):
    """A scaffold that cannot be written."""


@dataclass(frozen=True)
class NewFile:
    """A file to create: its path relative to the project root, and its text."""

    path: str
    content: str


def check_key(what: str, value: str) -> None:
    """Raise unless `value` is a valid key, in the engine's words."""
    if not KEY.match(value):
        raise ScaffoldError(f"'{what}' is {value!r}, which is not in the expected form", KEY_HINT)


# --- reviews ----------------------------------------------------------------------------


def review_yaml(key: str) -> str:
    return f"""\
# Review '{key}', scaffolded by `casework new review {key}`.
#
# Replace every value that starts with TODO, and every value with a "# TODO" note at
# the end of its line (then delete the note). `casework check` lists each one left,
# with its line number, until none is. Each field is explained in the comment above
# it; the authoring guide ({GUIDE}, section "Reviews") has the full reference and a
# complete example.
#
# Write in your own words and cite every fact (guide: "Citations"). Use only the
# anonymised identifiers the review itself uses (guide: "Use only the review's
# identifiers"). Keep the review's own numbers for findings and recommendations. If
# the review has no list of lessons, say here which paragraphs yours are drawn from.

# The review's key. It must match the file name and the key of its entry in
# sources.yml, and never changes once published.
key: {key}

# A short, descriptive title, e.g. "Case Z: a new partner nobody asked about".
title: "TODO: a short, descriptive title, e.g. Case Z: a new partner nobody asked about"

# The partnership or board that commissioned the review,
# e.g. Demo Safeguarding Partnership.
board: "TODO: the partnership or board that commissioned the review"

# The kind of review: one of SCR, LCSPR, briefing, CPR, national review, learning review.
type: LCSPR  # TODO: the kind of review: SCR, LCSPR, briefing, CPR, national review or learning review

# The publication date: YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-07.
date: "0000"  # TODO: the publication date, e.g. 2024-07

# A few sentences in your own words: who was involved (by identifier), what happened
# and what the review is about, with citations in brackets, e.g.
#   Mr Z was managed by the police at MAPPA Level 1. He began a relationship with
#   the mother of a young child, Child Z (demo-review 1.2).
summary: >-
  TODO: a few sentences in your own words on what happened and what the review is about, with citations

# The children and their ages at the time, as the review gives them,
# e.g. "Child Z, aged 2 when agencies learnt of the relationship".
children: "TODO: the children and their ages at the time, as the review gives them"

# The agencies involved, one per line, e.g.
#   - Police
#   - Children's social care
agencies:
  - "TODO: an agency involved, e.g. Police (one per line)"

# The anonymised identifiers the review itself uses, one per line: the only names
# the site may use, e.g.
#   - Mr Z
#   - Child Z
identifiers:
  - "TODO: an identifier the review uses, e.g. Child Z (one per line)"

# Theme keys from themes.yml, e.g. [information-sharing, professional-curiosity].
themes: []  # TODO: theme keys from themes.yml, e.g. [information-sharing, professional-curiosity]

# Findings, lessons and recommendations. Each has an ID (finding-1, lesson-1,
# rec-1, numbered as the review numbers them), a one-line title, a summary in your
# own words, the citations for it, and optionally theme keys. Quiz questions and
# scenario choices name them as {key}/finding-1 and so on, and every one must be
# trained by at least one of each (guide: "Coverage"). Add more items by copying one.
findings:
  - id: finding-1
    # e.g. "Mr Z's account was accepted without checking"
    title: "TODO: the finding in one line"
    # e.g. "Agencies relied on what Mr Z said about his household and did not check
    # it with anyone else (demo-review 5.1)."
    text: >-
      TODO: the finding in your own words, with citations
    # The paragraphs this comes from, e.g. [{key} 5.1, {key} Finding 1].
    sources: [{key} 1.1]  # TODO: the paragraphs this finding comes from
    # Optional theme keys, e.g. [professional-curiosity].
    themes: []

lessons:
  - id: lesson-1
    # e.g. "A new relationship is a prompt to ask about children"
    title: "TODO: the lesson in one line"
    text: >-
      TODO: the lesson in your own words, with citations
    sources: [{key} 1.1]  # TODO: the paragraphs this lesson comes from

recommendations:
  - id: rec-1
    # e.g. "Check accounts with other agencies"
    title: "TODO: the recommendation in one line"
    # e.g. "Practitioners should check an offender's account of his household with
    # other agencies (demo-review Recommendation 1)."
    text: >-
      TODO: the recommendation in your own words, with citations
    sources: [{key} 1.1]  # TODO: the paragraphs this recommendation comes from, e.g. [{key} Recommendation 1]
"""


def source_entry(key: str, indent: str = "  ") -> str:
    """A sources.yml list item for a new review, to append to the file as text."""
    i, j = indent, indent + "  "
    return f"""
{i}# '{key}', scaffolded by `casework new review {key}`. Replace each TODO (authoring
{i}# guide, {GUIDE}, section "Sources"), then delete the "# TODO" notes.
{i}- key: {key}
{j}# The document's full title, as on its cover.
{j}title: "TODO: the document's full title, as on its cover"
{j}# The short name shown in citations on the page, e.g. Case Z review.
{j}short: "TODO: a short name for citations, e.g. Case Z review"
{j}# The board or body that published it.
{j}publisher: "TODO: the board or body that published it"
{j}# Publication date: YYYY, YYYY-MM or YYYY-MM-DD.
{j}date: "0000"  # TODO: the publication date, e.g. 2024-07
{j}# The public address of the original document.
{j}url: "TODO: the public address of the original document, e.g. https://example.org/case-z-review.pdf"
{j}# The site page that citations of this source link to: the learning brief.
{j}page: reviews/{key}/brief.md
{j}# The forms of paragraph or section every citation must match (a regular
{j}# expression, in single quotes). This one accepts 5.1, Finding 2 and
{j}# Recommendation 3; adapt it to the document, e.g. '(\\d+\\.\\d+|Recommendation [1-5])'.
{j}locators: '(\\d+\\.\\d+|Finding \\d+|Recommendation \\d+)'  # TODO: check these are the forms the document uses
"""


def _front_matter(key: str, what: str, description: str) -> str:
    return f"""\
---
# Front matter (authoring guide, {GUIDE}, "Front matter: dates, version and amendments").
# The page title, shown in the menu and in search, e.g. "Case Z: {what}".
title: "TODO: the review's short name, then ': {what}', e.g. Case Z: {what}"
# One or two sentences on what the page covers, e.g. "{description}"
description: "TODO: one or two sentences on what the page covers"
# Theme titles from themes.yml, written exactly, one per line, e.g.
#   tags:
#     - Information sharing
#     - Professional curiosity
tags: []  # TODO: theme titles from themes.yml, e.g. Information sharing
# Dates as YYYY-MM-DD. next_review is usually a year after last_reviewed; once it has
# passed, the page shows a notice and `casework check` warns.
published: "TODO: the date it is first published, e.g. 2026-11-21"
last_reviewed: "TODO: the date it was last checked, at first the same as published"
next_review: "TODO: the date by which it must be checked again, e.g. 2027-11-21"
# Go up to "1.1" for a small correction and "2.0" for a rewrite.
version: "1.0"
# Every change, oldest first. When you change the page, add a line here and update
# last_reviewed, next_review and version.
amendments:
  - date: "TODO: the same date as published"
    note: First published.
---
"""


def briefing_md(key: str, scenario: str, quiz: str) -> str:
    """The 7-minute briefing: docs/reviews/<key>/index.md."""
    return _front_matter(key, "7-minute briefing", "A 7-minute team briefing on the Case Z review, about a new partner nobody asked about.") + f"""
<!-- The 7-minute briefing, for a short team session. Model: the Case A briefing
     (docs/reviews/lcspr-case-a/index.md); guide: "Pages". Cite every fact in round
     brackets, such as ({key} 5.1), and keep to what the review says. -->

# TODO: the review's short name, then ": 7-minute briefing"

<!-- Content note (guide: "Content notes"): what the page is about, in general terms,
     with no graphic detail, and where to get support. Keep the four spaces. -->
!!! warning "Content note"
    TODO: what this page discusses, with no graphic detail, e.g. "This page discusses a man convicted of offences involving indecent images of children. There is no graphic detail." If it affects you, talk to your supervisor or see [Support](../../support.md).

**In one line:** TODO: the case in one sentence, with citations, e.g. ({key} 1.1).

**Source:** TODO: the board, *the review's title*, month and year ({key} 1.1).

Go deeper: [learning brief](brief.md) · [findings, lessons and recommendations](findings.md) · [scenario](../../scenarios/{scenario}/index.md) · [quiz](../../quizzes/{quiz}.md)

## 1. Background

<!-- Three to six bullet points: who was involved (by identifier), what happened and
     when, each with a citation. -->
- TODO: who was involved and what happened, one point per bullet, each with a citation ({key} 1.1).

## 2. Why it matters

<!-- Two to four bullet points: why a practitioner should care; what was missed. -->
- TODO: why this matters for practice, with a citation ({key} 1.1).

<!-- Sections 3 to 5: one key message each. Put the message in the heading, e.g.
     "## 3. Key point: a new relationship means asking about children". -->
## 3. Key point: TODO: the first key message, in a few words

- TODO: what the review found on this point, and what to do differently, with citations ({key} 1.1).

## 4. Key point: TODO: the second key message, in a few words

- TODO: what the review found on this point, and what to do differently, with citations ({key} 1.1).

## 5. Key point: TODO: the third key message, in a few words

- TODO: what the review found on this point, and what to do differently, with citations ({key} 1.1).

## 6. Things to note and remember

<!-- Short labelled points, e.g. "- **Good practice.** The health visitor ...". -->
- **TODO: a short label.** TODO: something to note: good practice, a term to use, what has changed since ({key} 1.1).

## 7. What to do

<!-- A checklist readers can tick and print (guide: "Checklists"). One action per item,
     each with a citation. No blank lines inside the block. -->
<div class="cw-checklist" markdown>
- [ ] TODO: an action a practitioner can take tomorrow, with a citation ({key} 1.1).
</div>

**Who to contact locally.** TODO: who to go to locally: line manager or supervisor, safeguarding lead, the children's social care front door or MASH, the escalation procedure.

**Where to find out more.**

- The [learning brief](brief.md): the timeline, every finding and recommendation, and how it fits with other guidance.
- The [findings page](findings.md): each finding, lesson and recommendation with its sources.
- Practise: the [scenario](../../scenarios/{scenario}/index.md) and the [quiz](../../quizzes/{quiz}.md).
- [Support](../../support.md) if this material affects you.

## Questions for team discussion

<!-- Questions for the team to discuss, then record on the action plan below
     (guide: "The team action plan"). -->

**Key reflections**

- TODO: a question that makes the team think about its own cases.

**How will the learning be embedded, and how will we know?**

- TODO: a question about what will change, and how the team will know.

**How does it go into our team plans?**

- TODO: a question about actions, owners and dates.

<!-- casework:action-plan -->
"""


def brief_md(key: str, scenario: str, quiz: str) -> str:
    """The learning brief: docs/reviews/<key>/brief.md."""
    return _front_matter(key, "learning brief", "What happened in the Case Z review, what it found and recommended, and how it fits with other guidance.") + f"""
<!-- The learning brief: the fuller account. Model: the Case A learning brief
     (docs/reviews/lcspr-case-a/brief.md); guide: "Pages". Cite every fact in round
     brackets, such as ({key} 5.1). Where sources disagree, show both with their dates
     (guide: "When sources disagree, show both with dates"). -->

# TODO: the review's short name, then ": learning brief"

!!! warning "Content note"
    TODO: what this page discusses, with no graphic detail. If it affects you, talk to your supervisor or see [Support](../../support.md).

This is the second layer of the learning from this review. For a short team session, start with the [7-minute briefing](index.md). The [findings page](findings.md) holds each finding, lesson and recommendation as data. To practise the decisions, try the [scenario](../../scenarios/{scenario}/index.md), then the [quiz](../../quizzes/{quiz}.md).

## About the review

| | |
|---|---|
| **Board** | TODO: the board that commissioned the review ({key} 1.1) |
| **Review type** | TODO: the kind of review, and who carried it out ({key} 1.1) |
| **Year** | TODO: when it was published, and the years the events cover ({key} 1.1) |
| **Children** | TODO: the children and their ages, as the review gives them ({key} 1.1) |
| **Adults** | TODO: the adults, by the review's identifiers ({key} 1.1) |
| **Agencies involved** | TODO: the agencies involved ({key} 1.1) |
| **Themes** | TODO: the themes, as on the review's findings page |

## What happened

<!-- A timeline in the review's order, keeping to the dates it gives. Add a row per event. -->

| When | What happened | Agency |
|---|---|---|
| TODO: a date or period | TODO: what happened, with a citation ({key} 1.1) | TODO: the agency |

## What the review found

<!-- One paragraph per finding, linked to the findings page. -->

**[Finding 1](findings.md#finding-1): TODO: the finding's title.** TODO: the finding in your own words ({key} 1.1).

## Lessons

**[Lesson 1](findings.md#lesson-1): TODO: the lesson's title.** TODO: the lesson in your own words ({key} 1.1).

## Recommendations

**[Recommendation 1](findings.md#rec-1).** TODO: the recommendation in your own words ({key} 1.1).

## Practice context

### How the review fits with the protocol

TODO: how the learning lines up with the protocol and other guidance, each point cited, with links to the protocol sections.

### Where the sources differ

TODO: where the review and other sources read the evidence differently, each position with its source and date; say where they agree. If they do not differ, say so in one sentence.

## Go further

- Practise the decisions: the [scenario](../../scenarios/{scenario}/index.md).
- Check your understanding: the [quiz](../../quizzes/{quiz}.md).
- Run a team session: the [7-minute briefing](index.md).
"""


def review_files(key: str) -> list[NewFile]:
    """Every file `casework new review <key>` creates (sources.yml is appended to separately)."""
    check_key("key", key)
    scenario, quiz = f"{key}-scenario", key
    first, second = [f"{key}/finding-1", f"{key}/lesson-1"], [f"{key}/rec-1"]
    citation = f"{key} 1.1"
    return [
        NewFile(f"reviews/{key}.yml", review_yaml(key)),
        NewFile(f"docs/reviews/{key}/index.md", briefing_md(key, scenario, quiz)),
        NewFile(f"docs/reviews/{key}/brief.md", brief_md(key, scenario, quiz)),
        NewFile(f"scenarios/{scenario}.yml", scenario_yaml(scenario, key, first, second, citation, quiz)),
        NewFile(f"quizzes/{quiz}.yml", quiz_yaml(quiz, key, first, second, citation)),
    ]


# --- scenarios --------------------------------------------------------------------------


def _list(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def scenario_yaml(sid: str, review: str, trains_first: Sequence[str], trains_second: Sequence[str], citation: str, quiz: str | None) -> str:
    """A scenario with two decisions and two endings, every path citing the review."""
    quiz_line = (f"      # The quiz bank that goes with this scenario.\n      quiz: {quiz}\n" if quiz
                 else "      # Optional: the id of the quiz bank that goes with this scenario, e.g. quiz: demo\n")
    return f"""\
# Scenario '{sid}', scaffolded by `casework new scenario {sid} --review {review}`.
#
# Replace every value that starts with TODO, and every value with a "# TODO" note at
# the end of its line (then delete the note). `casework check` lists each one left,
# with its line number. The authoring guide ({GUIDE}, section "Scenarios") explains
# every field and has a complete example; the Case A scenario
# (scenarios/case-a-new-relationship.yml) is a full model.
#
# Base every decision on a real moment in the review, and let the feedback say what
# actually happened there. Invented details (what someone says on a visit) must be
# generic and consistent with the review: say which ones here.
#
# The shape: n1 -> n2 -> e-good, with weaker choices going to e-missed. Add nodes by
# copying one; every node that is not an ending needs choices, every ending a debrief.

# The scenario's ID: the same as the file name.
id: {sid}

# The title, e.g. "Case Z: a new partner".
title: "TODO: the scenario's title, e.g. Case Z: a new partner"

# The key of the review it is built from.
review: {review}

# The learner's role, e.g. "police offender manager".
role: "TODO: the learner's role, e.g. police offender manager"

# Where and when it takes place, e.g. "A routine home visit to Mr Z, who is managed at
# MAPPA Level 1."
setting: "TODO: where and when it takes place"

# Time needed, in minutes.
minutes: 20  # TODO: the time needed, in minutes

# What the learner can do afterwards, one per line, e.g.
#   - Check an offender's account with other agencies.
outcomes:
  - "TODO: a learning outcome, e.g. Check an offender's account with other agencies."

# What the scenario is about, in general terms, with no graphic detail. A link to the
# Support page is added for you. E.g. "This scenario is about a man convicted of
# offences involving indecent images of children. It contains no descriptions of abuse."
content_note: >-
  TODO: what the scenario is about, with no graphic detail

# A short introduction for the start page, e.g. "You manage Mr Z. On a routine visit
# he mentions a new partner. Each decision follows a real moment in the review."
summary: >-
  TODO: a short introduction for the start page

# The ID of the first node.
start: n1

# Notes for the trainer before the session starts. They never appear on learners'
# pages, only in the facilitator guide and room mode, but anyone with the site can
# open those: write nothing that could not be published (guide: "Facilitator notes
# stay off learner pages").
facilitator:
  minutes: 5  # time for the introduction in a group session
  notes: "TODO: what to set up before starting, e.g. Agree ground rules. Keep to what the review says."
  prompts:
    - "TODO: a question to ask the room, e.g. What do you already know about Mr Z?"

nodes:
  n1:
    # The node's heading, e.g. "Mr Z mentions a new partner".
    title: "TODO: the first moment's heading"
    # What is happening now, e.g. "On a routine visit Mr Z says he has met someone."
    body: >-
      TODO: what is happening at the first decision point
    # Optional notes for this node (as above); nodes may leave them out.
    facilitator:
      minutes: 5
      notes: "TODO: what to draw out here, e.g. Draw out what is unknown, and whose account it rests on."
    # What the learner can do. Each choice goes to a node (goto), is rated stronger,
    # mixed or weaker, and gives feedback: what happened as a result, and why it
    # matters, with citations. trains: names the learning items it trains (guide:
    # "Coverage"); check the ones filled in here.
    choices:
      - text: "TODO: a stronger choice, e.g. Ask whether she has children, and check with children's social care."
        goto: n2
        rating: stronger
        feedback: >-
          TODO: what happened as a result, and why it matters, with citations
        sources: [{citation}]  # TODO: the paragraphs the feedback comes from
        trains: {_list(trains_first)}
      - text: "TODO: a weaker choice a busy, well-meaning practitioner could really make, e.g. Note the relationship and move on."
        goto: e-missed
        rating: weaker
        feedback: >-
          TODO: what happened as a result, and how close it is to what happened in the review, with citations
        sources: [{citation}]  # TODO: the paragraphs the feedback comes from
        trains: {_list(trains_first[:1])}
  n2:
    title: "TODO: the second moment's heading"
    body: >-
      TODO: what is happening at the second decision point
    choices:
      - text: "TODO: a stronger choice"
        goto: e-good
        rating: stronger
        feedback: >-
          TODO: what happened as a result, and why it matters, with citations
        sources: [{citation}]  # TODO: the paragraphs the feedback comes from
        trains: {_list(trains_second)}
      - text: "TODO: a weaker choice"
        goto: e-missed
        rating: weaker
        feedback: >-
          TODO: what happened as a result, with citations
        sources: [{citation}]  # TODO: the paragraphs the feedback comes from
        trains: {_list(trains_second)}
  e-good:
    title: "TODO: the good ending's heading, e.g. A plan that protects Child Z"
    body: >-
      TODO: how things stand at this ending
    # An ending has no choices, and must have a debrief.
    ending: true
    # Shown under "What the review found actually happened".
    sources: [{citation}]  # TODO: the paragraphs the debrief comes from
    debrief:
      # What the review found actually happened.
      what_happened: >-
        TODO: what the review found actually happened, with citations
      # What good practice looks like.
      good_practice: "TODO: what good practice looks like, e.g. Ask, check, share, and see the child."
      # Optional: pages under docs/ to read next, e.g. [protocol/section-3.md].
      protocol: []
{quiz_line}  e-missed:
    title: "TODO: the other ending's heading, e.g. Nobody knew"
    body: >-
      TODO: how things stand at this ending
    ending: true
    sources: [{citation}]  # TODO: the paragraphs the debrief comes from
    debrief:
      what_happened: >-
        TODO: what the review found actually happened, with citations
      good_practice: "TODO: what good practice looks like"
"""


# --- quiz banks -------------------------------------------------------------------------


def quiz_yaml(qid: str, review: str | None, trains_first: Sequence[str], trains_second: Sequence[str], citation: str | None) -> str:
    """A quiz bank with a single-choice and a multiple-choice question (a fill-in one commented out)."""
    made_by = f"casework new quiz {qid}" + (f" --review {review}" if review else "")
    review_block = (f"# The key of the review the bank is based on.\nreview: {review}\n" if review
                    else "# Optional: the key of the review the bank is based on, e.g. review: demo-review\n")
    cite = f"[{citation}]  # TODO: the paragraphs this comes from" if citation else "[]  # TODO: citations for the explanation, e.g. [nw-protocol 3.4]"

    def trains(items: Sequence[str]) -> str:
        if items:
            return f"    trains: {_list(items)}\n"
        return "    # trains: the learning items it trains, e.g. [demo-review/finding-1]\n"

    return f"""\
# Quiz bank '{qid}', scaffolded by `{made_by}`.
#
# Replace every value that starts with TODO, and every value with a "# TODO" note at
# the end of its line (then delete the note). `casework check` lists each one left,
# with its line number. The authoring guide ({GUIDE}, section "Quiz banks") explains
# every field and has a complete example.
#
# Set most questions at real decision points ("what should the officer do first?")
# rather than recall of facts. Make the wrong options plausible, and give every
# option feedback that explains itself. Add questions by copying one.

# The bank's ID: the same as the file name.
id: {qid}

# The quiz's title, e.g. "Case Z: check your practice".
title: "TODO: the quiz's title, e.g. Case Z: check your practice"

{review_block}
# Percentage needed to pass, 1 to 100 (80 if left out).
pass_mark: 80

# A short introduction: what the questions are based on, and that they contain no
# descriptions of abuse, e.g. "These questions are based on the Case Z review. They
# contain no descriptions of abuse."
intro: >-
  TODO: what the questions are based on, and that they contain no descriptions of abuse

questions:
  # Each question has an ID that never changes once published (learners' saved
  # answers use it), so give it a short descriptive name, e.g. new-partner.
  # type: single (one right answer), multiple (tick all that apply) or fill-in.
  - id: q1
    type: single
    # The question, e.g. "Mr Z says his new partner has no children. What do you do?"
    stem: "TODO: a question set at a real decision point"
    # At least two options. Mark the right one correct: true. Every option needs
    # feedback saying why it is right or wrong.
    options:
      - text: "TODO: the right answer"
        correct: true
        feedback: "TODO: why it is right, with a citation"
      - text: "TODO: a plausible wrong answer"
        feedback: "TODO: why it is wrong, with a citation"
    # Shown after answering: the point of the question, with citations.
    explanation: "TODO: the point of the question, with citations"
    # The citations, and the learning items the question trains (guide: "Coverage").
    sources: {cite}
{trains(trains_first)}  - id: q2
    type: multiple
    stem: "TODO: a question with more than one right answer, e.g. Who should know? Choose all that apply."
    options:
      - text: "TODO: a right answer"
        correct: true
        feedback: "TODO: why it is right"
      - text: "TODO: another right answer"
        correct: true
        feedback: "TODO: why it is right"
      - text: "TODO: a wrong answer"
        feedback: "TODO: why it is wrong"
    explanation: "TODO: the point of the question, with citations"
    sources: {cite}
{trains(trains_second)}  # A fill-in question has the answer in the stem in [[double brackets]], and no options:
  # - id: mappa-levels
  #   type: fill-in
  #   stem: MAPPA has [[3]] levels of management.
  #   explanation: Level 1 is management by one agency, with no multi-agency meetings.
  #   sources: [nw-protocol 1.4]
"""


# --- reading what exists ----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFacts:
    """What a standalone scenario or quiz scaffold needs from an existing review."""

    items: list[str]  # "finding-1", "rec-2", ...
    citation: str  # a citation of the review that resolves, e.g. "lcspr-case-a 5.1"


def review_facts(root: Path, key: str) -> ReviewFacts:
    """Read reviews/<key>.yml as written; raise ScaffoldError when there is no such review."""
    path = root / "reviews" / f"{key}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in (root / "reviews").glob("*.yml"))
        raise ScaffoldError(f"there is no review '{key}' (reviews/{key}.yml does not exist)",
                            f"reviews are: {', '.join(known) or 'none'}; create a new one with `casework new review {key}`")
    doc, _ = load_yaml(path.read_text(encoding="utf-8"), f"reviews/{key}.yml")
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    items: list[str] = []
    citation = ""
    for group in ("findings", "lessons", "recommendations"):
        for item in data.get(group) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                items.append(item["id"])
                for c in item.get("sources") or []:
                    if not citation and isinstance(c, str) and c.startswith(f"{key} "):
                        citation = c
    return ReviewFacts(items, citation or f"{key} 1.1")


def scenario_file(root: Path, sid: str, review: str) -> NewFile:
    check_key("id", sid)
    check_key("review", review)
    facts = review_facts(root, review)
    quiz = review if (root / "quizzes" / f"{review}.yml").is_file() else None
    first = [f"{review}/{facts.items[0]}"] if facts.items else []
    second = [f"{review}/{facts.items[-1]}"] if facts.items else []
    return NewFile(f"scenarios/{sid}.yml", scenario_yaml(sid, review, first, second, facts.citation, quiz))


def quiz_file(root: Path, qid: str, review: str | None) -> NewFile:
    check_key("id", qid)
    if review is None:
        return NewFile(f"quizzes/{qid}.yml", quiz_yaml(qid, None, [], [], None))
    check_key("review", review)
    facts = review_facts(root, review)
    first = [f"{review}/{facts.items[0]}"] if facts.items else []
    second = [f"{review}/{facts.items[-1]}"] if facts.items else []
    return NewFile(f"quizzes/{qid}.yml", quiz_yaml(qid, review, first, second, facts.citation))


# --- writing ----------------------------------------------------------------------------


def has_source(sources_text: str, key: str) -> bool:
    return re.search(rf"^\s*-\s+key:\s*['\"]?{re.escape(key)}['\"]?\s*(#.*)?$", sources_text, re.M) is not None


def list_indent(sources_text: str) -> str:
    """The indentation of the items under `sources:` ("  " when there are none yet)."""
    m = re.search(r"^([ \t]*)-\s+key:", sources_text, re.M)
    return m.group(1) if m else "  "


def write_files(root: Path, files: Sequence[NewFile], source_key: str | None = None) -> list[str]:
    """Create `files` under `root` and, for `source_key`, append a sources.yml entry.

    Refuses (ScaffoldError, nothing written) if any file exists. Returns what was done, one
    line each. The sources.yml entry is appended as text, so the file's comments and layout
    stay as they are; it is skipped if the key is already there.
    """
    existing = [f.path for f in files if (root / f.path).exists()]
    if existing:
        raise ScaffoldError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; nothing was written",
                            "choose another name, or move the existing file out of the way first")
    done: list[str] = []
    sources = root / "sources.yml"
    source_text: str | None = None
    if source_key is not None:
        original = sources.read_text(encoding="utf-8") if sources.exists() else "sources:\n"
        if has_source(original, source_key):
            done.append(f"sources.yml already has an entry for '{source_key}': left as it is")
        else:
            source_text = original + ("" if original.endswith("\n") else "\n") + source_entry(source_key, list_indent(original))
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(f.content)
        done.append(f"created {f.path}")
    if source_text is not None:
        sources.write_text(source_text, encoding="utf-8", newline="\n")
        done.append(f"added an entry for '{source_key}' at the end of sources.yml")
    return done


# --- what to do next --------------------------------------------------------------------


def nav_review(key: str) -> str:
    return f"""\
      - {key}:
          - reviews/{key}/index.md
          - reviews/{key}/brief.md
          - reviews/{key}/findings.md"""


def next_steps(files: Sequence[NewFile], review: str | None = None, scenario: str | None = None, quiz: str | None = None) -> str:
    """What to do after scaffolding, with the exact lines to paste into mkdocs.yml."""
    names = ", ".join(f.path for f in files)
    out = [
        "",
        "Next steps:",
        f"  1. Fill in every TODO in {names}" + (" and in the new entry at the end of sources.yml." if review else "."),
        "     Each field is explained in a comment above it, with an example; the authoring guide",
        f"     ({GUIDE}) has the details.",
        "  2. Run `casework check` (or `make check`). Until every TODO is filled in it fails and lists",
        "     each one left, with its file and line. Fix everything it reports until it says `all good`.",
        "  3. Add the new pages to the navigation in mkdocs.yml (nav:), copying these lines exactly:",
    ]
    if review:
        out += ["", "     In the `- Case reviews:` list, before `- reviews/themes.md` (then change the label",
                f"     '{review}' to the review's short name and year, like `Case A (2024)`):", "", nav_review(review)]
    if scenario:
        out += ["", "     In the `- Scenarios:` list:", "", f"      - scenarios/{scenario}/index.md"]
    if quiz:
        out += ["", "     In the `- Quizzes:` list, before `- progress.md`:", "", f"      - quizzes/{quiz}.md"]
    out += [
        "",
        "  4. Preview with `make serve`, build with `make build`, then make a zip to share with",
        "     `casework export site` (authoring guide: \"Adding a new review, step by step\").",
    ]
    return "\n".join(out)
