"""Training programme pages: modules, the modules overview, and before-and-after self-assessment sets.

Pure functions from the loaded project to Markdown, like casework.render; nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import re

from casework.content.citations import item_page, relative_link
from casework.content.index import question_index
from casework.content.model import Module, Question, QuestionSet
from casework.content.project import Loaded, Project
from casework.render.html import Generated, esc, front_matter, page_title, page_url, train_label
from casework.render.quizzes import QUIZ_OPTIONS, render_question

STAGES = {"before": "Before the session", "after": "After the session"}


def module_page(mid: str) -> str:
    return f"training/modules/{mid}.md"


def set_page(sid: str, stage: str) -> str:
    return f"self-assessment/{sid}/{stage}.md"


def _assessment_link(ref: str, page: str, project: Project, questions: dict[str, Question]) -> str:
    kind, _, target = ref.partition(":")
    owner, _, item = target.partition("/")
    if kind == "quiz":
        q = questions.get(target)
        bank = project.quizzes.get(owner)
        label = f"{bank.obj.title if bank else owner}: question '{item}'"
        if q:
            words = q.stem.split()
            label = f"{bank.obj.title if bank else owner}: “{' '.join(words[:14])}{'…' if len(words) > 14 else ''}”"
        return f"[{esc(label)}]({relative_link(page, f'quizzes/{owner}.md')}#q-{item})"
    sc = project.scenarios.get(owner)
    node = sc.obj.nodes.get(item) if sc else None
    label = f"Scenario {sc.obj.title if sc else owner}: {node.title if node else item}"
    return f"[{esc(label)}]({relative_link(page, f'scenarios/{owner}/{item}.md')})"


def render_module(lm: Loaded[Module], project: Project) -> str:
    m = lm.obj
    page = module_page(m.id)
    questions = question_index(project)
    parts = [
        front_matter(title=f"Module: {m.title}", description=m.summary.split(". ")[0][:200], cw_module=m.id, **m.dates()),
        f"# {esc(m.title)}\n",
        m.summary.strip() + "\n",
        f"- **Audience:** {esc(m.audience)}",
        f"- **Time:** {m.minutes} minutes",
    ]
    if m.prerequisites:
        pre = ", ".join(f"[{esc(project.modules[p].obj.title)}]({p}.md)" if p in project.modules else esc(p) for p in m.prerequisites)
        parts.append(f"- **Take first:** {pre}")
    if m.recommendations:
        recs = ", ".join(f"[{esc(train_label(r, project))}]({relative_link(page, item_page(r)[0])}#{item_page(r)[1]})" for r in m.recommendations)
        parts.append(f"- **Answers:** {recs}")
    parts.append("")
    if m.content_note:
        note = " ".join(m.content_note.split())
        support = re.sub(r"\bthe [Ss]upport page\b", f"the [support page]({relative_link(page, 'support.md')})", note, count=1)
        if support == note:
            support += f" [Support and helplines]({relative_link(page, 'support.md')})."
        parts += ['!!! warning "Content note"\n', f"    {support}\n"]
    parts.append("## Learning outcomes\n")
    parts.append("By the end of this module you will be able to:\n")
    for o in m.outcomes:
        parts.append(f'<div class="cw-outcome" id="{esc(o.id)}" markdown="1">\n')
        parts.append(f"### {esc(o.text)}\n")
        answers = ", ".join(f"[{esc(train_label(r, project))}]({relative_link(page, item_page(r)[0])}#{item_page(r)[1]})" for r in o.answers)
        parts.append(f"- **Answers:** {answers}")
        if o.taught_by:
            parts.append("- **Taught by:** " + ", ".join(f"[{esc(page_title(project, t))}]({relative_link(page, t)})" for t in o.taught_by))
        if o.assessed_by:
            parts.append("- **Assessed by:** " + ", ".join(_assessment_link(a, page, project, questions) for a in o.assessed_by))
        parts.append("\n</div>\n")
    if m.self_assessment and m.self_assessment in project.sets:
        sid = m.self_assessment
        parts += [
            "## Before and after\n",
            "Take the same short self-assessment before the session and again afterwards; the second time you will see how "
            "your answers changed. Your answers stay in this browser.\n",
            f"- [Before the session]({relative_link(page, set_page(sid, 'before'))})",
            f"- [After the session]({relative_link(page, set_page(sid, 'after'))})",
            f"- [Your completion record]({relative_link(page, set_page(sid, 'record'))}) (printable, for your CPD)\n",
        ]
    if m.reading:
        parts.append("## Reading\n")
        parts += [f"- [{esc(page_title(project, r))}]({relative_link(page, r)})" for r in m.reading]
        parts.append("")
    if m.scenarios:
        parts.append("## Scenarios\n")
        for sid in m.scenarios:
            if sid in project.scenarios:
                s = project.scenarios[sid].obj
                parts.append(f"- [{esc(s.title)}]({relative_link(page, f'scenarios/{sid}/index.md')}) ({s.minutes} min, as a {esc(s.role)}). "
                             f"Trainers: [facilitator guide]({relative_link(page, f'scenarios/{sid}/facilitator.md')}), "
                             f"[room mode]({relative_link(page, f'scenarios/{sid}/room.md')}).")
        parts.append("")
    if m.quizzes:
        parts.append("## Quizzes\n")
        parts += [f"- [{esc(project.quizzes[q].obj.title)}]({relative_link(page, f'quizzes/{q}.md')})" for q in m.quizzes if q in project.quizzes]
        parts.append("")
    return "\n".join(parts) + "\n"


def render_modules_index(project: Project) -> str:
    page = "training/modules/index.md"
    mods = sorted(project.modules.values(), key=lambda lm: (lm.obj.order, lm.obj.title))
    parts = [
        front_matter(title="Training modules", description="The modules of the training programme, their outcomes, and what teaches and assesses each."),
        "# Training modules\n",
        "Each module lists its learning outcomes, the review findings and recommendations each outcome answers, "
        "the pages that teach it and the questions or scenario decisions that assess it. `casework check` fails a "
        "module outcome that nothing teaches or nothing assesses.\n",
        "| Module | Time | Audience | Outcomes |", "|---|---|---|---|",
    ]
    for lm in mods:
        m = lm.obj
        parts.append(f"| [{esc(m.title)}]({m.id}.md) | {m.minutes} min | {esc(m.audience)} | {len(m.outcomes)} |")
    parts += ["", "## Outcome coverage\n", "| Module | Outcome | Taught by | Assessed by |", "|---|---|---|---|"]
    for lm in mods:
        m = lm.obj
        for o in m.outcomes:
            parts.append(f"| {esc(m.title)} | [{esc(o.text)}]({m.id}.md#{o.id}) | {len(o.taught_by)} page(s) | {len(o.assessed_by)} item(s) |")
    recs: dict[str, list[str]] = {}
    for lm in mods:
        for r in lm.obj.recommendations:
            recs.setdefault(r, []).append(f"[{esc(lm.obj.title)}]({lm.obj.id}.md)")
    if recs:
        parts += ["", "## Recommendations answered\n", "| Recommendation | Modules |", "|---|---|"]
        for r, links in recs.items():
            parts.append(f"| [{esc(train_label(r, project))}]({relative_link(page, item_page(r)[0])}#{item_page(r)[1]}) | {', '.join(links)} |")
    return "\n".join(parts) + "\n"


# --- self-assessment sets ---------------------------------------------------------------


def _set_refs(qs: QuestionSet, project: Project) -> dict[str, str]:
    """Every finding the set's questions train -> its label and link target (for the comparison table)."""
    questions = question_index(project)
    out: dict[str, str] = {}
    for ref in [*qs.before, *qs.after_questions()]:
        q = questions.get(ref)
        if q:
            for t in sorted(set(q.trains) | {t for o in q.options for t in o.trains}):
                out.setdefault(t, train_label(t, project))
    return out


def _compare_block(lset: Loaded[QuestionSet], page: str, project: Project) -> str:
    qs = lset.obj
    refs = _set_refs(qs, project)
    labels = {r: {"label": label, "href": page_url(page, item_page(r)[0]) + "#" + item_page(r)[1]} for r, label in refs.items()}
    return (
        f'<section class="cw-compare" data-cw-set="{esc(qs.id)}" data-cw-labels="{esc(json.dumps(labels))}" aria-live="polite" data-search-exclude>\n'
        '<h2 id="your-change">Your change</h2>\n'
        '<p class="cw-compare__status">Answer every question before and after the session to see your change here.</p>\n'
        '<div class="cw-compare__table"></div>\n'
        "</section>\n"
    )


def render_set_stage(lset: Loaded[QuestionSet], stage: str, project: Project) -> str:
    qs = lset.obj
    page = set_page(qs.id, stage)
    refs = qs.before if stage == "before" else qs.after_questions()
    questions = question_index(project)
    module = project.modules.get(qs.module or "")
    title = f"{qs.title}: {STAGES[stage].lower()}"
    parts = [
        front_matter(title=title, description=f"Self-assessment {STAGES[stage].lower()}: {qs.title}", quiz=QUIZ_OPTIONS,
                     cw_set=qs.id, cw_stage=stage, pass_mark=qs.pass_mark, **(qs.dates() if stage == "before" else {})),
        f"# {esc(title)}\n",
        '!!! info "A self-assessment, not an exam"\n',
        "    The answers are in this page, so this is for checking your own understanding. Your answers are kept in this "
        "browser only and never sent anywhere; nobody else can see them unless you print or show them.\n",
    ]
    if qs.intro:
        parts.append(qs.intro.strip() + "\n")
    if module:
        parts.append(f"Part of the module [{esc(module.obj.title)}]({relative_link(page, module_page(module.obj.id))}).\n")
    if stage == "before":
        parts.append(f"Take this before the session. Afterwards, take [the same set after the session]({relative_link(page, set_page(qs.id, 'after'))}) "
                     "to see your change.\n")
    else:
        parts.append(f"Take this after the session. If you took [the set before the session]({relative_link(page, set_page(qs.id, 'before'))}), "
                     "your change shows at the end, and you can print [your completion record]"
                     f"({relative_link(page, set_page(qs.id, 'record'))}).\n")
    parts.append(
        f'<div class="cw-quiz" data-cw-quiz="{esc(qs.id)}--{stage}" data-cw-set="{esc(qs.id)}" data-cw-stage="{stage}" '
        f'data-cw-pass="{qs.pass_mark}" data-cw-total="{len(refs)}" markdown="1">\n'
    )
    for ref in refs:
        q = questions.get(ref)
        if q is None:
            continue
        bank = ref.split("/")[0]
        shuffle = project.quizzes[bank].obj.shuffle if bank in project.quizzes else True
        parts.append(render_question(q.model_copy(update={"id": f"{bank}--{q.id}"}), page, project, shuffle=shuffle))
    parts += [
        "</div>\n",
        f'<section class="cw-quiz-result" aria-live="polite" data-search-exclude data-cw-quiz="{esc(qs.id)}--{stage}" markdown="1">',
        "## Your starting point\n" if stage == "before" else "## Your result\n",
        '<p class="cw-quiz-result__status">Answer every question to see your starting point. Before the session there is no pass '
        'or fail: this is your baseline.</p>' if stage == "before" else
        f'<p class="cw-quiz-result__status">Pass mark: {qs.pass_mark}%. Answer every question to see your result.</p>',
        '<div class="cw-quiz-result__revisit"></div>',
        f'<p><button type="button" class="md-button cw-quiz-clear" data-cw-quiz="{esc(qs.id)}--{stage}">Clear my answers</button></p>',
        "</section>\n",
    ]
    if stage == "after":
        parts.append(_compare_block(lset, page, project))
    return "\n".join(parts) + "\n"


def render_record(lset: Loaded[QuestionSet], project: Project) -> str:
    qs = lset.obj
    page = set_page(qs.id, "record")
    module = project.modules.get(qs.module or "")
    name = module.obj.title if module else qs.title
    parts = [
        front_matter(title=f"Completion record: {name}", description=f"A printable CPD record for {name}, marked as self-assessment.",
                     search={"exclude": True}, cw_set=qs.id, cw_print="record"),
        f"# Completion record: {esc(name)}\n",
        '<div class="cw-record" data-cw-set="' + esc(qs.id) + '" markdown="1">\n',
        '<p class="cw-record__status" aria-live="polite">Take the self-assessment '
        f'<a href="{esc(page_url(page, set_page(qs.id, "after")))}">after the session</a> to complete this record.</p>\n',
        '<p><label for="cw-record-name">Your name (for the printout; kept in this browser only)</label><br>'
        '<input id="cw-record-name" class="cw-record__name" type="text" autocomplete="name"></p>\n',
        "| Record | Detail |", "|---|---|",
        f"| Module | {esc(name)} |",
    ]
    if module:
        parts.append(f"| Time | {module.obj.minutes} minutes |")
    parts += [
        '| Completed | <span class="cw-record__date">not yet</span> |',
        '| Self-assessment before | <span class="cw-record__before">not taken</span> |',
        '| Self-assessment after | <span class="cw-record__after">not taken</span> |',
        "",
    ]
    if module:
        parts.append("## Outcomes covered\n")
        parts += [f"- {esc(o.text)}" for o in module.obj.outcomes]
        parts.append("")
    parts += [
        '!!! note "Self-assessment, not an examination"\n',
        "    The scores on this record come from a self-assessment whose answers are in the page. They show what the learner "
        "checked for themselves, not an examined result. The record was made in the learner's own browser; nothing was sent anywhere.\n",
        "</div>\n",
        '<p class="cw-record__actions"><button type="button" class="md-button cw-print">Print or save as PDF</button></p>\n',
    ]
    return "\n".join(parts) + "\n"


def generate(project: Project) -> list[Generated]:
    out: list[Generated] = []
    for lm in project.modules.values():
        out.append(Generated(module_page(lm.obj.id), render_module(lm, project), lm.file, "module"))
    if project.modules:
        out.append(Generated("training/modules/index.md", render_modules_index(project), None, "index"))
    for lset in project.sets.values():
        for stage in STAGES:
            out.append(Generated(set_page(lset.obj.id, stage), render_set_stage(lset, stage, project), lset.file, "self-assessment"))
        out.append(Generated(set_page(lset.obj.id, "record"), render_record(lset, project), lset.file, "record"))
    return out
