"""Scenario pages: the start page, one page per node (plain links, so it works without JavaScript), the index of scenarios, and data.js for replay."""

from __future__ import annotations

import json
import re
from collections import deque

from casework.content.citations import link_citations, relative_link, resolve
from casework.content.model import RATING_POINTS, Choice, Node, Scenario
from casework.content.project import Loaded, Project
from casework.render.facilitator import render_facilitator, render_room
from casework.render.html import (
    RATING_LABEL,
    SUPPORT_PAGE,
    Generated,
    cite_list,
    data_file,
    esc,
    front_matter,
    md_html,
    node_page,
    page_title,
    page_url,
    scenario_dir,
    trains_list,
)

# --- scenarios ------------------------------------------------------------------------


def typical_length(s: Scenario) -> int:
    """About how many decisions a path takes: the expected number of a walker who picks choices at random."""
    expect = {nid: 0.0 for nid in s.nodes}
    for _ in range(200):  # converges fast; loops are allowed, but every node can reach an ending (checked)
        expect = {nid: 0.0 if not n.choices else 1 + sum(expect.get(c.goto, 0.0) for c in n.choices) / len(n.choices)
                  for nid, n in s.nodes.items()}
    return max(1, round(expect.get(s.start, 1.0)))


def depths(s: Scenario) -> dict[str, int]:
    """The fewest decisions from the start to each node (the step shown when JavaScript is off)."""
    out = {s.start: 0}
    queue = deque([s.start])
    while queue:
        nid = queue.popleft()
        for ch in s.nodes[nid].choices if nid in s.nodes else []:
            if ch.goto not in out:
                out[ch.goto] = out[nid] + 1
                queue.append(ch.goto)
    return out


def cite_links(citations: list[str], page: str, project: Project) -> list[dict[str, str]]:
    """Citations as link text and an href from the scenario's pages (for the path summary: never raw source keys)."""
    out = []
    for c in citations:
        r = resolve(c, project.source_objs)
        if isinstance(r, str):
            out.append({"text": c, "href": ""})
            continue
        text = f"{project.source_objs[r.key].short} {r.locator}"
        out.append({"text": text, "href": page_url(page, r.page) if r.page else ""})
    return out


def feedback_html(text: str, page: str, project: Project) -> str:
    """Feedback Markdown as HTML with its prose citations linked (.md links written as the site's .html)."""
    out = md_html(link_citations(text, page, project.source_objs))
    return re.sub(r'href="([^"#:]+)\.md(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', out)


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
    page = node_page(s, s.start)  # every node page is in the same folder
    for nid, node in s.nodes.items():
        nodes[nid] = {
            "title": node.title,
            "ending": node.ending,
            "choices": [
                {
                    "id": ch.key(),
                    "text": ch.text,
                    "goto": ch.goto,
                    "rating": ch.rating,
                    "feedback": feedback_html(ch.feedback, page, project),
                    "sources": cite_links(ch.sources, page, project),
                }
                for ch in node.choices
            ],
        }
    return {"id": s.id, "title": s.title, "start": s.start, "points": RATING_POINTS, "about": typical_length(s),
            "endings": sum(1 for n in s.nodes.values() if n.ending), "nodes": nodes}


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
        f"# {esc(s.title)}\n",
        f'<div class="cw-scenario-start" data-cw-scenario="{esc(s.id)}" markdown="1">\n',
        '!!! warning "Content note"\n',
        "    " + s.content_note.replace("\n", "\n    ") + f" If this affects you, see [support]({relative_link(page, SUPPORT_PAGE)}).\n",
        s.summary + "\n",
        '<dl class="cw-facts">',
        f"<dt>Your role</dt><dd>{esc(s.role)}</dd>",
        f"<dt>Setting</dt><dd>{esc(s.setting)}</dd>",
        f"<dt>Time needed</dt><dd>about {s.minutes} minutes</dd>",
        "<dt>Based on</dt><dd>" + (f'<a href="{esc(page_url(page, review_page))}">{esc(review_name)}</a>' if review_page else esc(review_name)) + "</dd>",
        "</dl>\n",
        "## What you will learn\n",
        *[f"- {esc(o)}" for o in s.outcomes],
        "",
        f'[Start the scenario]({s.start}.md){{ .md-button .md-button--primary .cw-start }}',
        "",
        '<div class="cw-resume" hidden></div>',
        "",
        "## For trainers\n",
        "- [Facilitator guide](facilitator.md): session plan, timings, every node with its notes and discussion questions, printable.",
        "- [Room mode](room.md): for a projector: one decision at a time in large type, choices lettered for a vote, feedback revealed on demand; press S for the presenter view.",
        "",
        "Your decisions are kept in this browser only, so you can pick up where you left off; nothing is sent anywhere.",
        "",
        '<button type="button" class="md-button cw-clear" data-cw-scenario="' + esc(s.id) + '">Clear my answers</button>',
        "</div>",
        "",
        data_script,
    ]
    out.append(Generated(page, "\n".join(lines) + "\n", ls.file, "scenario-start", keep=(data_script,)))

    inc = incoming(s)
    where = (depths(s), typical_length(s), sum(1 for n in s.nodes.values() if n.ending))
    for nid, node in s.nodes.items():
        out.append(Generated(node_page(s, nid), render_node(s, nid, node, inc[nid], project, data_script, where), ls.file, "scenario-node", keep=(data_script,)))
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


def render_node(s: Scenario, nid: str, node: Node, arrivals: list[tuple[str, int, Choice]], project: Project, data_script: str,
                where: tuple[dict[str, int], int, int]) -> str:
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
    depth, about, n_endings = where
    if node.ending:  # scenario.js does not change this: an ending is an ending however you got here
        mark = (f'<p class="cw-where cw-where--ending"><span class="cw-badge cw-badge--ending">Ending</span> '
                f'This is one of {n_endings} endings of the scenario. Your debrief is below.</p>\n')
    else:  # the decision number follows your own path (scenario.js); without JavaScript, the shortest way here
        step = depth.get(nid, 0) + 1
        mark = f'<p class="cw-where" data-cw-about="{about}">Decision <span class="cw-where__step">{step}</span> of about {max(about, step)}</p>\n'
    parts += [
        mark,
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
                f'{i + 1}. [{esc(ch.text)}]({ch.goto}.md#from-{nid}-{i + 1})'
            f'{{ .cw-choice data-cw-choice="{i}" data-cw-cid="{esc(ch.key())}" data-cw-from="{nid}" }}'
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
        links = [f"- [{esc(page_title(project, p))}]({relative_link(page, p)})" for p in d.protocol]
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
        based = f"[{esc(src.obj.short)}]({relative_link(page, src.obj.page)})" if src and src.obj.page else esc(s.review)
        parts.append(f"| [{esc(s.title)}]({s.id}/index.md) | {esc(s.role)} | {s.minutes} min | {based} | "
                     f"[guide]({s.id}/facilitator.md) · [room mode]({s.id}/room.md) |")
    return "\n".join(parts) + "\n"
