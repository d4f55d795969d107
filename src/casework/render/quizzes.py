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
        parts.append(f"Based on [{esc(review.obj.title)}]({relative_link(page, f'reviews/{review.obj.key}/findings.md')}).\n")
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
    """My progress: quizzes, before-and-after change, scenarios and modules, with export, import and clear (progress.js)."""
    page = "progress.md"

    def link(to: str, text: str) -> str:
        return f'<a href="{esc(page_url(page, to))}">{esc(text)}</a>'

    def table(cls: str, caption: str, heads: list[str], rows: list[str]) -> str:
        head = "".join(f'<th scope="col">{h}</th>' for h in heads)
        return (f'<table class="{cls}"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>\n')

    quizzes = [f'<tr data-cw-quiz="{esc(q.obj.id)}"><td>{link(quiz_page_path(q.obj), q.obj.title)}</td>'
               f'<td>{q.obj.pass_mark}%</td><td class="cw-progress__best">not taken yet</td></tr>' for q in project.quizzes.values()]
    sets = [f'<tr data-cw-set="{esc(ls.obj.id)}"><td>{link(f"self-assessment/{ls.obj.id}/before.md", ls.obj.title)}</td>'
            '<td class="cw-progress__before">not taken</td><td class="cw-progress__after">not taken</td>'
            '<td class="cw-progress__change">–</td></tr>' for ls in project.sets.values()]
    scenarios = [f'<tr data-cw-scenario="{esc(ls.obj.id)}" data-cw-endings="{sum(1 for n in ls.obj.nodes.values() if n.ending)}">'
                 f'<td>{link(f"scenarios/{ls.obj.id}/index.md", ls.obj.title)}</td><td class="cw-progress__endings">none yet</td>'
                 '<td class="cw-progress__score">–</td></tr>' for ls in project.scenarios.values()]
    modules = []
    for lm in sorted(project.modules.values(), key=lambda lm: (lm.obj.order, lm.obj.title)):
        m = lm.obj
        parts = ([{"kind": "quiz", "id": q} for q in m.quizzes] + [{"kind": "scenario", "id": s} for s in m.scenarios]
                 + ([{"kind": "set", "id": m.self_assessment}] if m.self_assessment else []))
        modules.append(f'<tr data-cw-module="{esc(m.id)}" data-cw-parts="{esc(json.dumps(parts))}">'
                       f'<td>{link(f"training/modules/{m.id}.md", m.title)}</td><td class="cw-progress__parts">0 of {len(parts)}</td>'
                       '<td class="cw-progress__status">not started</td></tr>')
    return "\n".join([
        front_matter(title="My progress", description="Your quizzes, self-assessments, scenarios and modules, kept in this browser only."),
        "# My progress\n",
        "Your quizzes, self-assessments, scenarios and modules, on one page. These are **self-assessments**: the answers "
        "are in the pages, so a score shows what you checked, not what you were examined on. Everything here is kept in "
        "this browser only and never sent anywhere. To carry it to another computer or browser, export it to a file and "
        "import that file there.\n",
        '<div class="cw-progress" data-search-exclude markdown="0">',
        "<h2>Quizzes</h2>",
        table("cw-progress__quizzes", "Your best score on each quiz", ["Quiz", "Pass mark", "Your best score"], quizzes),
        *(["<h2>Self-assessment before and after</h2>",
           table("cw-progress__sets", "Your score before and after each session", ["Self-assessment", "Before", "After", "Change"], sets)]
          if sets else []),
        *(["<h2>Scenarios</h2>",
           table("cw-progress__scenarios", "The endings you reached and your best path score", ["Scenario", "Endings reached", "Best path score"],
                 scenarios)] if scenarios else []),
        *(["<h2>Modules</h2>",
           table("cw-progress__modules", "A module is complete when its quizzes are passed, a scenario ending is reached and the "
                 "self-assessment after the session is taken", ["Module", "Parts done", "Status"], modules)] if modules else []),
        '<h2 id="my-record">Take your record with you</h2>',
        "<p>Export saves everything on this page to a file (JSON) on your device; import it on another computer or browser to "
        "carry on there. Importing replaces the progress in this browser with the file's, and a file that is not a casework "
        "record, or is damaged, is refused without changing anything. Evaluation-form drafts are not part of the record.</p>",
        '<p><button type="button" class="md-button cw-progress-export">Export my record</button> '
        '<label for="cw-progress-import">Import a record from a file:</label> '
        '<input type="file" id="cw-progress-import" class="cw-progress-import" accept=".json,application/json"></p>',
        '<p class="cw-progress-data__message" role="alert"></p>',
        '<h2 id="clear-my-data">Clear my data</h2>',
        '<p id="cw-progress-clear-what">Removes from this browser your quiz answers and scores, your self-assessment results, '
        "your scenario paths and the endings you reached, and the name on your completion records. It does not remove "
        "evaluation-form drafts (clear those on the form itself). You are asked to confirm first.</p>",
        '<p><button type="button" class="md-button cw-progress-clear" aria-describedby="cw-progress-clear-what">Clear my data</button></p>',
        "</div>",
    ]) + "\n"


def render_quiz_index(project: Project) -> str:
    parts = [front_matter(title="Quizzes", description="Self-assessment quizzes built from the reviews and the protocol."),
             "# Quizzes\n",
             "Check your understanding. These are self-assessments: the answers are in the pages, and your answers stay in "
             "this browser. See [my progress](../progress.md) for your best scores.\n",
             "| Quiz | Questions | Pass mark |", "|---|---|---|"]
    for lq in project.quizzes.values():
        q = lq.obj
        parts.append(f"| [{esc(q.title)}]({q.id}.md) | {len(q.questions)} | {q.pass_mark}% |")
    return "\n".join(parts) + "\n"
