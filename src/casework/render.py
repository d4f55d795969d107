"""Render content to Markdown pages: pure functions from typed objects to text.

Every generated page is a `Generated` with its docs-relative path, its Markdown and the
content file it came from (for edit links). Nothing here imports MkDocs, so the same
pages can be written to disk and built by any engine that reads Markdown.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import markdown as md

from casework.checks import coverage
from casework.citations import item_page, relative_link, resolve
from casework.model import RATING_POINTS, Choice, FacilitatorNote, Node, Question, QuizBank, Review, Scenario
from casework.project import Loaded, Project
from casework.scenario_map import map_svg

RATING_LABEL = {"stronger": "Stronger practice", "mixed": "Mixed practice", "weaker": "Weaker practice"}
SUPPORT_PAGE = "support.md"


@dataclass(frozen=True)
class Generated:
    path: str  # docs-relative, e.g. "scenarios/case-a/n1.md"
    markdown: str  # the page's Markdown; for a static file (kind "scenario-data", a .js file) its text
    source: str | None  # project-relative content file it came from
    kind: str  # "scenario-start", "scenario-node", "scenario-data", "facilitator", "room", "quiz", "findings", "coverage", "glossary"

    @property
    def is_page(self) -> bool:
        """A Markdown page (rendered by the site engine), not a static file copied as it is."""
        return self.path.endswith(".md")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def front_matter(**meta: object) -> str:
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n\n"


_MD = md.Markdown(extensions=["attr_list", "md_in_html"])


def md_html(text: str) -> str:
    """Markdown to HTML for data attributes and scripts (the page itself is rendered by the site engine)."""
    return str(_MD.reset().convert(text)).strip()  # one converter, reset between texts: building one costs more than most conversions


def cite_list(citations: list[str], page: str, project: Project, label: str = "Sources") -> str:
    if not citations:
        return ""
    sources = project.source_objs
    parts = []
    for c in citations:
        r = resolve(c, sources)
        if isinstance(r, str):
            parts.append(esc(c))
            continue
        src = sources[r.key]
        text = f"{src.short} {r.locator}"
        if r.page:
            parts.append(f"[{text}]({relative_link(page, r.page)})")
        else:
            parts.append(text)
    return f'<p class="cw-sources" markdown="1"><span class="cw-sources__label">{label}:</span> ' + "; ".join(parts) + "</p>"


def trains_list(refs: list[str], page: str, project: Project) -> str:
    if not refs:
        return ""
    items = []
    for ref in refs:
        target, anchor = item_page(ref)
        review, _, item_id = ref.partition("/")
        title = ref
        lr = project.reviews.get(review)
        if lr:
            for it in lr.obj.items():
                if it.id == item_id:
                    title = f"{project.sources[review].obj.short if review in project.sources else review}, {item_label(item_id)}: {it.title}"
        items.append(f"- [{title}]({relative_link(page, target)}#{anchor})")
    return "\n".join(items)


def item_label(item_id: str) -> str:
    kind, _, num = item_id.partition("-")
    return {"finding": "finding", "lesson": "lesson", "rec": "recommendation"}[kind] + f" {num}"


# --- scenarios ------------------------------------------------------------------------


def scenario_dir(s: Scenario) -> str:
    return f"scenarios/{s.id}"


def node_page(s: Scenario, nid: str) -> str:
    return f"{scenario_dir(s)}/{nid}.md"


def data_file(s: Scenario) -> str:
    """The scenario's data as a script, loaded by its start and node pages (once, then from the browser's cache)."""
    return f"{scenario_dir(s)}/data.js"


def incoming(s: Scenario) -> dict[str, list[tuple[str, int, Choice]]]:
    inc: dict[str, list[tuple[str, int, Choice]]] = {nid: [] for nid in s.nodes}
    for nid, node in s.nodes.items():
        for i, ch in enumerate(node.choices):
            if ch.goto in inc:
                inc[ch.goto].append((nid, i, ch))
    return inc


def scenario_data(s: Scenario, project: Project) -> dict[str, object]:
    """What the browser needs to replay a path: titles, choices, ratings, feedback (as HTML)."""
    nodes: dict[str, object] = {}
    for nid, node in s.nodes.items():
        nodes[nid] = {
            "title": node.title,
            "ending": node.ending,
            "choices": [
                {
                    "text": ch.text,
                    "goto": ch.goto,
                    "rating": ch.rating,
                    "feedback": md_html(ch.feedback),
                    "sources": [_cite_text(c, project) for c in ch.sources],
                }
                for ch in node.choices
            ],
        }
    return {"id": s.id, "title": s.title, "start": s.start, "points": RATING_POINTS, "nodes": nodes}


def _cite_text(c: str, project: Project) -> str:
    key, _, loc = c.partition(" ")
    src = project.sources.get(key)
    return f"{src.obj.short} {loc}" if src else c


def render_scenario(ls: Loaded[Scenario], project: Project) -> list[Generated]:
    s = ls.obj
    out: list[Generated] = []
    base = scenario_dir(s)
    # A plain <script src> (not fetch) so it loads from file:// too; it runs as the page is parsed, before
    # casework.js (extra_javascript, at the end of the body). Start and node pages share scenario_dir(s).
    data_script = f'<script src="{relative_link(node_page(s, s.start), data_file(s))}"></script>'
    review = project.sources.get(s.review)
    review_name = review.obj.title if review else s.review
    review_page = review.obj.page if review else None

    # start page
    page = f"{base}/index.md"
    lines = [
        front_matter(title=s.title, description=s.summary.splitlines()[0][:160], scenario=s.id, **s.dates()),
        f"# {s.title}\n",
        f'<div class="cw-scenario-start" data-cw-scenario="{esc(s.id)}" markdown="1">\n',
        '!!! warning "Content note"\n',
        "    " + s.content_note.replace("\n", "\n    ") + f" If this affects you, see [support]({relative_link(page, SUPPORT_PAGE)}).\n",
        s.summary + "\n",
        '<dl class="cw-facts">',
        f"<dt>Your role</dt><dd>{esc(s.role)}</dd>",
        f"<dt>Setting</dt><dd>{esc(s.setting)}</dd>",
        f"<dt>Time needed</dt><dd>about {s.minutes} minutes</dd>",
        "<dt>Based on</dt><dd>" + (f'<a href="{esc(_url(page, review_page))}">{esc(review_name)}</a>' if review_page else esc(review_name)) + "</dd>",
        "</dl>\n",
        "## What you will learn\n",
        *[f"- {o}" for o in s.outcomes],
        "",
        f'[Start the scenario]({s.start}.md){{ .md-button .md-button--primary .cw-start }}',
        "",
        '<div class="cw-resume" hidden></div>',
        "",
        "## For trainers\n",
        "- [Facilitator guide](facilitator.md): session plan, timings, every node with its notes and discussion questions, printable.",
        "- [Room mode](room.md): one decision at a time in large type, choices lettered for a vote, feedback revealed on demand.",
        "",
        "Your decisions are kept in this browser only, so you can pick up where you left off; nothing is sent anywhere.",
        "",
        '<button type="button" class="md-button cw-clear" data-cw-scenario="' + esc(s.id) + '">Clear my answers</button>',
        "</div>",
        "",
        data_script,
    ]
    out.append(Generated(page, "\n".join(lines) + "\n", ls.file, "scenario-start"))

    inc = incoming(s)
    for nid, node in s.nodes.items():
        out.append(Generated(node_page(s, nid), render_node(s, nid, node, inc[nid], project, data_script), ls.file, "scenario-node"))
    out.append(Generated(f"{base}/facilitator.md", render_facilitator(ls, project), ls.file, "facilitator"))
    out.append(Generated(f"{base}/room.md", render_room(ls, project), ls.file, "room"))
    out.append(Generated(data_file(s), render_scenario_data(s, project), ls.file, "scenario-data"))
    return out


def render_scenario_data(s: Scenario, project: Project) -> str:
    """data.js: registers the scenario's data under its id in window.cwScenarios, for casework.js.

    All non-ASCII is escaped (U+2028 and U+2029 included), so the file is plain ASCII: safe in any
    JavaScript engine and whatever character set a server claims for it.
    """
    data = json.dumps(scenario_data(s, project), ensure_ascii=True, separators=(",", ":"))
    return ("/* casework: a scenario's data for casework.js, generated at every build; do not edit. */\n"
            "window.cwScenarios = window.cwScenarios || {};\n"
            f"window.cwScenarios[{json.dumps(s.id)}] = {data};\n")


def _url(from_page: str, to_page: str) -> str:
    """An href from one page to another as MkDocs writes them with use_directory_urls off."""
    return re.sub(r"\.md(#|$)", r".html\1", relative_link(from_page, to_page))


def render_node(s: Scenario, nid: str, node: Node, arrivals: list[tuple[str, int, Choice]], project: Project, data_script: str) -> str:
    page = node_page(s, nid)
    parts = [
        front_matter(title=f"{node.title} ({s.title})", search={"exclude": True}, scenario=s.id, hide=["toc"]),
        f'<div class="cw-scenario" data-cw-scenario="{esc(s.id)}" data-cw-node="{esc(nid)}" data-cw-ending="{str(node.ending).lower()}" markdown="1">\n',
        f'<p class="cw-breadcrumb"><a href="index.html">{esc(s.title)}</a></p>\n',
    ]
    for src, i, ch in arrivals:
        parts += [
            f'<section class="cw-feedback cw-rating--{ch.rating}" id="from-{esc(src)}-{i + 1}" aria-labelledby="from-{esc(src)}-{i + 1}-h" markdown="1">',
            f'<h2 id="from-{esc(src)}-{i + 1}-h" tabindex="-1">What happened, and why it matters</h2>',
            f'<p class="cw-you-chose"><span class="cw-badge cw-badge--{ch.rating}">{RATING_LABEL[ch.rating]}</span> You chose: {esc(ch.text)}</p>\n',
            ch.feedback + "\n",
            cite_list(ch.sources, page, project),
            "</section>\n",
        ]
    parts += [
        f'<h1 id="node-title" tabindex="-1">{esc(node.title)}</h1>\n',
        node.body + "\n",
    ]
    if node.choices:
        parts += [
            f'<nav class="cw-choices" aria-labelledby="choices-{esc(nid)}" markdown="1">',
            f'<h2 id="choices-{esc(nid)}">What do you do?</h2>\n',
        ]
        for i, ch in enumerate(node.choices):
            parts.append(
                f'{i + 1}. [{ch.text}]({ch.goto}.md#from-{nid}-{i + 1}){{ .cw-choice data-cw-choice="{i}" data-cw-from="{nid}" }}'
            )
        parts += ["", "</nav>\n"]
    if node.ending and node.debrief:
        d = node.debrief
        parts += [
            '<section class="cw-debrief" aria-labelledby="debrief-h" markdown="1">',
            '<h2 id="debrief-h">Debrief</h2>\n',
            "### What the review found actually happened\n",
            d.what_happened + "\n",
            cite_list(node.sources, page, project),
            "### What good practice looks like\n",
            d.good_practice + "\n",
        ]
        refs = sorted(set(s.trains) | {t for n in s.nodes.values() for ch in n.choices for t in ch.trains})
        if refs:
            parts += ["### What this scenario trains\n", trains_list(refs, page, project), ""]
        links = [f"- [{page_title(project, p)}]({relative_link(page, p)})" for p in d.protocol]
        if d.quiz:
            links.append(f"- [Quiz: check your understanding]({relative_link(page, f'quizzes/{d.quiz}.md')})")
        if links:
            parts += ["### Read and practise next\n", *links, ""]
        parts += [
            '<div class="cw-replay" aria-live="polite"></div>\n',
            '<p class="cw-actions"><a class="md-button cw-restart" href="index.html">Start again</a> '
            '<button type="button" class="md-button cw-print">Print my debrief for supervision</button> '
            f'<button type="button" class="md-button cw-clear" data-cw-scenario="{esc(s.id)}">Clear my answers</button></p>\n',
            "</section>\n",
            '!!! info "Support"\n',
            f"    Scenarios like this one can stir up difficult feelings. Talk to your supervisor or manager, "
            f"or see [support and signposting]({relative_link(page, SUPPORT_PAGE)}) for confidential help.\n",
        ]
    else:
        parts.append('<div class="cw-path" aria-live="polite"></div>\n')
    parts.append("</div>\n")
    parts.append(data_script + "\n")
    return "\n".join(parts)


def page_title(project: Project, page: str) -> str:
    """The title of a site page, for link text: front matter title, first heading, or a generated page's name."""
    text = project.docs_pages.get(page)
    if text is not None:
        m = re.search(r"^title:\s*(.+)$", text, re.M) or re.search(r"^#\s+(.+)$", text, re.M)
        if m:
            return m.group(1).strip().strip("\"'")
    parts = page.removesuffix(".md").split("/")
    if parts[0] == "scenarios" and len(parts) == 3 and parts[1] in project.scenarios:
        s = project.scenarios[parts[1]].obj
        return {"index": f"Scenario: {s.title}", "facilitator": f"Facilitator guide: {s.title}", "room": f"Room mode: {s.title}"}.get(
            parts[2], s.nodes[parts[2]].title if parts[2] in s.nodes else s.title)
    if parts[0] == "quizzes" and len(parts) == 2 and parts[1] in project.quizzes:
        return f"Quiz: {project.quizzes[parts[1]].obj.title}"
    if parts[0] == "reviews" and len(parts) == 3 and parts[2] == "findings" and parts[1] in project.sources:
        return f"{project.sources[parts[1]].obj.short}: findings and recommendations"
    if parts[0] == "training" and len(parts) == 3 and parts[1] == "modules" and parts[2] in project.modules:
        return f"Module: {project.modules[parts[2]].obj.title}"
    return page


def render_facilitator(ls: Loaded[Scenario], project: Project) -> str:
    s = ls.obj
    page = f"{scenario_dir(s)}/facilitator.md"
    total = sum((n.facilitator.minutes or 0) for n in s.nodes.values() if n.facilitator) + (
        s.facilitator.minutes or 0 if s.facilitator else 0
    )
    parts = [
        front_matter(title=f"Facilitator guide: {s.title}", search={"exclude": True}, scenario=s.id, facilitator=True),
        f"# Facilitator guide: {s.title}\n",
        '<div class="cw-facilitator" markdown="1">\n',
        '!!! warning "Content note"\n',
        "    " + s.content_note.replace("\n", "\n    ") + "\n",
        f"**Learners' role:** {s.role}. **Setting:** {s.setting}. **Time:** {s.minutes} minutes"
        + (f" (node timings add up to {total})" if total else "") + ".\n",
        "## Learning outcomes\n",
        *[f"- {o}" for o in s.outcomes],
        "",
    ]
    if s.facilitator:
        parts += _facilitator_block(s.facilitator, "Before you start")
    parts += ["## Session plan\n", "| Step | Node | Minutes | Elapsed |", "|---|---|---|---|"]
    elapsed = s.facilitator.minutes or 0 if s.facilitator else 0
    order = _reading_order(s)
    for n, nid in enumerate(order, 1):
        node = s.nodes[nid]
        m = node.facilitator.minutes if node.facilitator and node.facilitator.minutes else 0
        elapsed += m
        parts.append(f"| {n} | [{esc(node.title)}](#node-{nid}){' (ending)' if node.ending else ''} | {m or '–'} | {elapsed} |")
    parts += ["", "## Map of the scenario\n", map_svg(s), "",
              "Nodes are coloured by the best rating of the choices that lead to them; endings have a double border.\n",
              "## Every node\n"]
    for nid in order:
        node = s.nodes[nid]
        parts += [f"### {esc(node.title)} {{ #node-{nid} }}\n", f"*Node `{nid}`{' · ending' if node.ending else ''}*\n", node.body + "\n"]
        if node.facilitator:
            parts += _facilitator_block(node.facilitator, "Facilitator notes")
        for i, ch in enumerate(node.choices):
            target = s.nodes.get(ch.goto)
            parts += [
                f"**{chr(65 + i)}. {esc(ch.text)}** <span class=\"cw-badge cw-badge--{ch.rating}\">{RATING_LABEL[ch.rating]}</span> "
                f"→ [{esc(target.title if target else ch.goto)}](#node-{ch.goto})\n",
                "> " + ch.feedback.replace("\n", "\n> ") + "\n",
                cite_list(ch.sources, page, project),
                "",
            ]
        if node.debrief:
            parts += ["**Debrief: what happened.** " + node.debrief.what_happened + "\n",
                      "**Debrief: good practice.** " + node.debrief.good_practice + "\n"]
    parts.append("</div>\n")
    return "\n".join(parts)


def _facilitator_block(f: FacilitatorNote, heading: str) -> list[str]:
    lines = [f'!!! note "{heading}' + (f' ({f.minutes} min)' if f.minutes else "") + '"']
    if f.notes:
        lines.append("    " + f.notes.replace("\n", "\n    "))
    if f.prompts:
        lines.append("")
        lines.append("    **Ask the room:**")
        lines.append("")
        lines += [f"    - {p}" for p in f.prompts]
    lines.append("")
    return lines


def _reading_order(s: Scenario) -> list[str]:
    """Breadth-first from the start, then anything left (unreachable nodes fail the checks anyway)."""
    order = [s.start] if s.start in s.nodes else []
    i = 0
    while i < len(order):
        for ch in s.nodes[order[i]].choices:
            if ch.goto in s.nodes and ch.goto not in order:
                order.append(ch.goto)
        i += 1
    return order + [n for n in s.nodes if n not in order]


def render_room(ls: Loaded[Scenario], project: Project) -> str:
    s = ls.obj
    page = f"{scenario_dir(s)}/room.md"
    parts = [
        front_matter(title=f"Room mode: {s.title}", search={"exclude": True}, scenario=s.id, hide=["navigation", "toc"], room=True),
        f'<div class="cw-room" data-cw-scenario="{esc(s.id)}" data-cw-start="{esc(s.start)}" markdown="1">\n',
        f"# Room mode: {esc(s.title)}\n",
        '<p class="cw-room__help">Keys: <kbd>A</kbd>–<kbd>D</kbd> pick the room\'s choice · <kbd>F</kbd> reveal feedback · '
        "<kbd>N</kbd> show or hide notes · <kbd>R</kbd> restart. This page needs JavaScript; "
        "without it, use the <a href=\"facilitator.html\">facilitator guide</a>.</p>\n",
    ]
    for nid in _reading_order(s):
        node = s.nodes[nid]
        parts += [
            f'<section class="cw-room__node" data-cw-node="{esc(nid)}" hidden markdown="1">',
            f'<h2 tabindex="-1">{esc(node.title)}</h2>\n',
            node.body + "\n",
        ]
        if node.choices:
            parts.append(f'<ol class="cw-room__choices" type="A" aria-label="Choices for {esc(node.title)}">')
            for i, ch in enumerate(node.choices):
                parts += [
                    f'<li><button type="button" class="cw-room__choice" data-cw-choice="{i}" data-cw-goto="{esc(ch.goto)}">'
                    f'<span class="cw-room__letter">{chr(65 + i)}</span> {esc(ch.text)}</button>',
                    f'<div class="cw-room__feedback" hidden markdown="1">\n\n<p><span class="cw-badge cw-badge--{ch.rating}">{RATING_LABEL[ch.rating]}</span></p>\n\n'
                    + ch.feedback + "\n\n" + cite_list(ch.sources, page, project) + "\n\n</div></li>",
                ]
            parts.append("</ol>\n")
        if node.debrief:
            parts += ['<div class="cw-room__debrief" markdown="1">\n', "**What the review found.** " + node.debrief.what_happened + "\n",
                      "**Good practice.** " + node.debrief.good_practice + "\n", "</div>\n"]
        if node.facilitator:
            parts += ['<aside class="cw-room__notes" hidden markdown="1">\n', *_facilitator_block(node.facilitator, "Facilitator notes"), "</aside>\n"]
        parts.append("</section>\n")
    parts += [
        '<p class="cw-room__controls"><button type="button" class="md-button cw-room__reveal">Reveal feedback (F)</button> '
        '<button type="button" class="md-button cw-room__next" hidden>Go to the room\'s choice</button> '
        '<button type="button" class="md-button cw-room__notes-toggle" aria-pressed="false">Notes (N)</button> '
        '<button type="button" class="md-button cw-room__restart">Restart (R)</button></p>\n',
        "</div>\n",
    ]
    return "\n".join(parts)


# --- quizzes ---------------------------------------------------------------------------


def quiz_page_path(bank: QuizBank) -> str:
    return f"quizzes/{bank.id}.md"


def render_quiz(lq: Loaded[QuizBank], project: Project) -> str:
    bank = lq.obj
    page = quiz_page_path(bank)
    review = project.reviews.get(bank.review or "")
    parts = [
        front_matter(title=bank.title, description=f"Self-assessment quiz: {bank.title}", quiz={"enabled": True}, cw_quiz=bank.id, pass_mark=bank.pass_mark,
                     **bank.dates()),
        f"# {esc(bank.title)}\n",
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
        parts.append(render_question(q, page, project))
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


def render_question(q: Question, page: str, project: Project) -> str:
    refs = sorted(set(q.trains) | {t for o in q.options for t in o.trains})
    revisit = [{"ref": r, "label": _train_label(r, project), "href": _url(page, item_page(r)[0]) + "#" + item_page(r)[1]} for r in refs]
    lines = [f'<div class="cw-question" id="q-{esc(q.id)}" data-cw-qid="{esc(q.id)}" data-cw-revisit="{esc(json.dumps(revisit))}" markdown="1">\n', "<quiz>"]
    lines.append(_one_line(q.stem))
    for o in q.options:
        lines.append(f"- [{'x' if o.correct else ' '}] {_one_line(o.text)}")
        if o.feedback:
            lines.append(f"    > {_one_line(o.feedback)}")
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _train_label(ref: str, project: Project) -> str:
    review, _, item_id = ref.partition("/")
    lr = project.reviews.get(review)
    short = project.sources[review].obj.short if review in project.sources else review
    if lr:
        for it in lr.obj.items():
            if it.id == item_id:
                return f"{short}, {item_label(item_id)}: {it.title}"
    return ref


# --- reviews, coverage, glossary -------------------------------------------------------


def render_findings(lr: Loaded[Review], project: Project, cov: dict[str, dict[str, list[str]]] | None = None) -> str:
    r = lr.obj
    page = f"reviews/{r.key}/findings.md"
    cov = coverage(project) if cov is None else cov
    src = project.sources.get(r.key)
    themes = ", ".join(project.themes[t].title if t in project.themes else t for t in r.themes)
    parts = [
        front_matter(title=f"{r.title}: findings and recommendations", description=f"Every finding, lesson and recommendation of {r.title}, with the training that covers it.",
                     tags=[project.themes[t].title for t in r.themes if t in project.themes], **r.dates()),
        f"# {esc(r.title)}: findings and recommendations\n",
        "This page is generated from the review's data file. Each item has a stable ID that quiz questions and scenario choices use to say what they train.\n",
        "| | |", "|---|---|",
        f"| Board | {esc(r.board)} |", f"| Review type | {esc(r.type)} |", f"| Date | {esc(r.date)} |",
    ]
    if r.children:
        parts.append(f"| Children | {esc(r.children)} |")
    if r.agencies:
        parts.append(f"| Agencies involved | {esc(', '.join(r.agencies))} |")
    if themes:
        parts.append(f"| Themes | {esc(themes)} |")
    if src:
        parts.append(f"| Original document | {esc(src.obj.publisher)}, [{esc(src.obj.title)}]({src.obj.url}) |")
    layers = [f"[{label}]({name})" for name, label in (("index.md", "7-minute briefing"), ("brief.md", "Learning brief"))
              if (project.docs_dir / "reviews" / r.key / name).is_file()]
    parts += ["", " · ".join(layers) + "\n" if layers else ""]
    for group, heading in (("findings", "Findings"), ("lessons", "Lessons"), ("recommendations", "Recommendations")):
        items = getattr(r, group)
        if not items:
            continue
        parts.append(f"## {heading}\n")
        for it in items:
            ref = f"{r.key}/{it.id}"
            parts += [f"### {item_label(it.id).capitalize()}: {esc(it.title)} {{ #{it.id} }}\n", f"`{ref}`\n", it.text + "\n",
                      cite_list(it.sources, page, project)]
            c = cov.get(ref, {"questions": [], "choices": []})
            trained = [f"[{q}]({relative_link(page, 'quizzes/' + q.split('/')[0] + '.md')}#q-{q.split('/')[1]})" for q in c["questions"]]
            trained += [f"[{ch}]({relative_link(page, 'scenarios/' + ch.split('/')[0] + '/' + ch.split('/')[1] + '.md')})" for ch in c["choices"]]
            if trained:
                parts.append('<p class="cw-trained" markdown="1"><span class="cw-sources__label">Trained by:</span> ' + ", ".join(trained) + "</p>\n")
    return "\n".join(parts) + "\n"


def render_coverage(project: Project) -> str:
    page = "reviews/coverage.md"
    cov = coverage(project)
    parts = [
        front_matter(title="Training coverage", description="Every finding, lesson and recommendation, with the quiz questions and scenario choices that train it."),
        "# Training coverage\n",
        "Generated at every build. An item with no quiz question or no scenario choice fails `casework check`.\n",
        "| Item | Quiz questions | Scenario choices |", "|---|---|---|",
    ]
    for ref, c in cov.items():
        target, anchor = item_page(ref)
        qs = ", ".join(f"[{q}]({relative_link(page, 'quizzes/' + q.split('/')[0] + '.md')}#q-{q.split('/')[1]})" for q in c["questions"]) or "**none**"
        chs = ", ".join(c["choices"]) or "**none**"
        parts.append(f"| [{_train_label(ref, project)}]({relative_link(page, target)}#{anchor}) | {qs} | {chs} |")
    return "\n".join(parts) + "\n"


TOPICS_PAGE = "topics.md"


def tag_slug(tag: str) -> str:
    """The anchor Material's tags plugin gives a tag in the listing ("Child's lived experience" -> "childs-lived-experience")."""
    return re.sub(r"[^a-z0-9]+", "-", tag.lower().replace("'", "").replace("\u2019", "")).strip("-")


def render_topics(project: Project) -> str:
    """One section per theme, with its description and every page tagged with it (listed by Material's tags plugin)."""
    parts = [
        front_matter(title="Topics", description="The themes that recur across the reviews, and every page on each."),
        "# Topics\n",
        "The same few problems recur across the case reviews. Each topic below lists every page tagged with it: "
        "guidance, learning briefs, findings and training.\n",
    ]
    parts.append("| Topic | What it covers |\n|---|---|")
    # raw HTML links: the anchors come from Material's tag listing, which is filled in after MkDocs validates anchors
    parts += [f'| <a href="#tag:{tag_slug(t.title)}">{esc(t.title)}</a> | {esc(t.description)} |' for t in project.themes.values()]
    parts += ["", "## Pages by topic\n", "<!-- material/tags { toc: false } -->\n"]
    return "\n".join(parts) + "\n"


def render_glossary(project: Project, usage: dict[str, list[str]]) -> str:
    page = "glossary.md"
    parts = [
        front_matter(title="Glossary", description="Every abbreviation and term of art used on this site, in plain English."),
        "# Glossary\n",
        "Abbreviations marked with a dotted underline anywhere on the site show their meaning when you hover over them or focus them.\n",
    ]
    for t in sorted(project.terms, key=lambda t: t.term.lower()):
        anchor = re.sub(r"[^a-z0-9]+", "-", t.term.lower()).strip("-")
        parts.append(f"### {t.term} {{ #{anchor} }}\n")
        if t.expansion:
            parts.append(f"*{t.expansion}*\n")
        parts.append(t.meaning + "\n")
        used = usage.get(t.term, [])
        if used:
            links = ", ".join(f"[{page_title(project, p)}]({relative_link(page, p)})" for p in used[:8])
            more = f" and {len(used) - 8} more" if len(used) > 8 else ""
            parts.append(f'<p class="cw-used-in" markdown="1">Used in: {links}{more}</p>\n')
    return "\n".join(parts)


def abbreviations(project: Project) -> dict[str, str]:
    """Tooltip text for every tooltip term, for the `abbr` extension's glossary option.

    Passed once as configuration rather than appended to every page as `*[TERM]: ...` lines:
    Python-Markdown scans such a block line by line with several regexes over the rest of the
    page, which made two-thirds of a large build (see BENCHMARKS.md).
    """
    return {t.term: _one_line(f"{t.expansion}: {t.meaning}" if t.expansion else t.meaning) for t in project.terms if t.tooltip}


def term_usage(project: Project, pages: dict[str, str]) -> dict[str, list[str]]:
    """The pages that use each glossary term (case-sensitive for abbreviations)."""
    out: dict[str, list[str]] = {}
    lowered = {p: text.lower() for p, text in pages.items()}
    for t in project.terms:
        rx = re.compile(rf"(?<![\w-]){re.escape(t.term)}(?![\w-])", 0 if t.expansion else re.I)
        needle = t.term.lower()
        # a plain substring test first: most pages don't contain most terms, and `in` is far cheaper than the regex
        out[t.term] = sorted(p for p, text in pages.items() if needle in lowered[p] and rx.search(text))
    return out


def render_progress(project: Project) -> str:
    page = "progress.md"
    rows = "\n".join(
        f'<tr data-cw-quiz="{esc(q.obj.id)}"><td><a href="{esc(_url(page, quiz_page_path(q.obj)))}">{esc(q.obj.title)}</a></td>'
        f'<td>{q.obj.pass_mark}%</td><td class="cw-progress__best">not taken yet</td></tr>'
        for q in project.quizzes.values()
    ) + "".join(
        f'<tr data-cw-quiz="{esc(ls.obj.id)}--{stage}"><td><a href="{esc(_url(page, f"self-assessment/{ls.obj.id}/{stage}.md"))}">'
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


def render_scenario_index(project: Project) -> str:
    page = "scenarios/index.md"
    parts = [front_matter(title="Scenarios", description="Branching case scenarios built from the reviews' real decision points."),
             "# Scenarios\n",
             "Each scenario puts you in a practitioner's place at the real decision points of a case review. "
             "Choose what you would do; see what happened and why it matters; finish with a debrief. "
             "Trainers: every scenario has a printable facilitator guide and a room mode for group sessions.\n",
             "| Scenario | Your role | Time | Based on | For trainers |", "|---|---|---|---|---|"]
    for ls in project.scenarios.values():
        s = ls.obj
        src = project.sources.get(s.review)
        based = f"[{src.obj.short}]({relative_link(page, src.obj.page)})" if src and src.obj.page else s.review
        parts.append(f"| [{s.title}]({s.id}/index.md) | {s.role} | {s.minutes} min | {based} | "
                     f"[guide]({s.id}/facilitator.md) · [room mode]({s.id}/room.md) |")
    return "\n".join(parts) + "\n"


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


def generate(project: Project) -> list[Generated]:
    """Every page casework generates for a project."""
    out: list[Generated] = []
    for ls in project.scenarios.values():
        out.extend(render_scenario(ls, project))
    for lq in project.quizzes.values():
        out.append(Generated(quiz_page_path(lq.obj), render_quiz(lq, project), lq.file, "quiz"))
    cov = coverage(project)  # once for all the reviews
    for lr in project.reviews.values():
        out.append(Generated(f"reviews/{lr.obj.key}/findings.md", render_findings(lr, project, cov), lr.file, "findings"))
    if project.scenarios:
        out.append(Generated("scenarios/index.md", render_scenario_index(project), None, "index"))
    if project.quizzes or project.sets:
        out.append(Generated("progress.md", render_progress(project), None, "progress"))
        out.append(Generated("quizzes/index.md", render_quiz_index(project), None, "index"))
    if project.reviews:
        out.append(Generated("reviews/coverage.md", render_coverage(project), None, "coverage"))
    from casework import training  # local import: training builds on this module

    out.extend(training.generate(project))
    if project.themes:
        out.append(Generated(TOPICS_PAGE, render_topics(project), "themes.yml", "topics"))
    if project.terms:
        out.append(Generated("glossary.md", render_glossary(project, term_usage(project, project.docs_pages)), "glossary.yml", "glossary"))
    return out
