"""Quiz pages: one page per bank (mkdocs-quiz blocks), the quiz index and the progress page."""

from __future__ import annotations

import json

from casework.content.citations import item_page, relative_link
from casework.content.model import Question, QuizBank
from casework.content.project import Loaded, Project
from casework.render.html import cite_list, content_note, esc, front_matter, one_line, page_url, quiz_page_path, train_label

# --- quizzes ---------------------------------------------------------------------------

# mkdocs-quiz options for every quiz page: single-choice questions are checked by a button, never when an
# option is selected (an arrow key moves the selection); options are shuffled by assets/quiz-answer.js,
# which keeps the order for the whole attempt.
QUIZ_OPTIONS = {"enabled": True, "auto_submit": False, "shuffle_answers": False, "disable_after_submit": True}


def render_quiz(lq: Loaded[QuizBank], project: Project) -> str:
    bank = lq.obj
    page = quiz_page_path(bank)
    review = project.reviews.get(bank.review or "")
    parts = [
        front_matter(title=bank.title, description=f"Self-assessment quiz: {bank.title}", quiz=QUIZ_OPTIONS, cw_quiz=bank.id, pass_mark=bank.pass_mark,
                     **bank.dates()),
        f"# {esc(bank.title)}\n",
        content_note(page, "These questions are about adults who pose a sexual risk to children and about cases in which children were harmed."),
        '!!! info "A self-assessment, not an exam"\n',
        "    The answers are in this page, so this quiz is for checking your own understanding. "
        "Your answers are kept in this browser only and never sent anywhere.\n",
    ]
    if bank.intro:
        parts.append(bank.intro + "\n")
    if review:
        parts.append(f"Based on [{review.obj.title}]({relative_link(page, f'reviews/{review.obj.key}/findings.md')}).\n")
    parts.append(
        f'<div class="cw-quiz" data-cw-quiz="{esc(bank.id)}" data-cw-pass="{bank.pass_mark}" data-cw-total="{len(bank.questions)}" markdown="1">\n'
    )
    for q in bank.questions:
        parts.append(render_question(q, page, project, shuffle=bank.shuffle))
    parts += [
        "</div>\n",
        f'<section class="cw-quiz-result" aria-live="polite" data-search-exclude data-cw-quiz="{esc(bank.id)}" markdown="1">',
        "## Your result\n",
        f'<p class="cw-quiz-result__status">Pass mark: {bank.pass_mark}%. Answer every question to see your result.</p>',
        '<div class="cw-quiz-result__revisit"></div>',
        f'<p><button type="button" class="md-button cw-quiz-clear" data-cw-quiz="{esc(bank.id)}">Clear my answers</button></p>',
        "</section>\n",
    ]
    return "\n".join(parts)


def render_question(q: Question, page: str, project: Project, shuffle: bool = True) -> str:
    """One question as an mkdocs-quiz block, in a div that carries what assets/quiz-answer.js needs:
    the findings to revisit, whether its options are shuffled, and the fill-in variants to accept."""
    refs = sorted(set(q.trains) | {t for o in q.options for t in o.trains})
    revisit = [{"ref": r, "label": train_label(r, project), "href": page_url(page, item_page(r)[0]) + "#" + item_page(r)[1]} for r in refs]
    extra = "" if shuffle else ' data-cw-fixed="true"'
    if q.accepted():
        extra += f' data-cw-accept="{esc(json.dumps(q.accepted()))}"'
    lines = [f'<div class="cw-question" id="q-{esc(q.id)}" data-cw-qid="{esc(q.id)}" data-cw-revisit="{esc(json.dumps(revisit))}"{extra} markdown="1">\n',
             "<quiz>"]
    lines.append(one_line(q.stem))
    for o in q.options:
        lines.append(f"- [{'x' if o.correct else ' '}] {one_line(o.text)}")
        if o.feedback:
            lines.append(f"    > {one_line(o.feedback)}")
    lines.append("")
    if q.type == "fill-in":
        lines.append("---")
        lines.append("")
    lines.append(q.explanation.strip())
    lines.append("")
    lines.append(cite_list(q.sources, page, project))
    lines.append("</quiz>\n")
    lines.append("</div>\n")
    return "\n".join(lines)


def render_progress(project: Project) -> str:
    page = "progress.md"
    rows = "\n".join(
        f'<tr data-cw-quiz="{esc(q.obj.id)}"><td><a href="{esc(page_url(page, quiz_page_path(q.obj)))}">{esc(q.obj.title)}</a></td>'
        f'<td>{q.obj.pass_mark}%</td><td class="cw-progress__best">not taken yet</td></tr>'
        for q in project.quizzes.values()
    ) + "".join(
        f'<tr data-cw-quiz="{esc(ls.obj.id)}--{stage}"><td><a href="{esc(page_url(page, f"self-assessment/{ls.obj.id}/{stage}.md"))}">'
        f'{esc(ls.obj.title)}: {label}</a></td><td>{ls.obj.pass_mark}%</td><td class="cw-progress__best">not taken yet</td></tr>'
        for ls in project.sets.values() for stage, label in (("before", "before the session"), ("after", "after the session"))
    )
    return "\n".join([
        front_matter(title="My progress", description="Your best score on every quiz, kept in this browser only."),
        "# My progress\n",
        "Your best score on each quiz. These are **self-assessments**: the answers are in the pages, so a score shows "
        "what you checked, not what you were examined on. Everything here is kept in this browser only and never sent "
        "anywhere. If you open the site from another folder, computer or browser, it starts fresh.\n",
        '<table class="cw-progress">',
        "<thead><tr><th scope=\"col\">Quiz</th><th scope=\"col\">Pass mark</th><th scope=\"col\">Your best score</th></tr></thead>",
        f"<tbody>{rows}</tbody>",
        "</table>\n",
        '<p><button type="button" class="md-button cw-progress-clear">Clear my answers</button> '
        "removes every quiz answer and scenario path this site has stored in this browser.</p>",
    ]) + "\n"


def render_quiz_index(project: Project) -> str:
    parts = [front_matter(title="Quizzes", description="Self-assessment quizzes built from the reviews and the protocol."),
             "# Quizzes\n",
             "Check your understanding. These are self-assessments: the answers are in the pages, and your answers stay in "
             "this browser. See [my progress](../progress.md) for your best scores.\n",
             "| Quiz | Questions | Pass mark |", "|---|---|---|"]
    for lq in project.quizzes.values():
        q = lq.obj
        parts.append(f"| [{q.title}]({q.id}.md) | {len(q.questions)} | {q.pass_mark}% |")
    return "\n".join(parts) + "\n"
