"""Trainer views of a scenario from the same source: the printable facilitator guide and room mode."""

from __future__ import annotations

from casework.content.model import FacilitatorNote, Scenario
from casework.content.project import Loaded, Project
from casework.render.html import RATING_LABEL, cite_list, esc, front_matter, scenario_dir
from casework.render.scenario_map import map_svg


def render_facilitator(ls: Loaded[Scenario], project: Project) -> str:
    s = ls.obj
    page = f"{scenario_dir(s)}/facilitator.md"
    total = sum((n.facilitator.minutes or 0) for n in s.nodes.values() if n.facilitator) + (
        s.facilitator.minutes or 0 if s.facilitator else 0
    )
    parts = [
        front_matter(title=f"Facilitator guide: {s.title}", search={"exclude": True}, scenario=s.id, facilitator=True),
        f"# Facilitator guide: {esc(s.title)}\n",
        '<div class="cw-facilitator" markdown="1">\n',
        '!!! warning "Content note"\n',
        "    " + s.content_note.replace("\n", "\n    ") + "\n",
        f"**Learners' role:** {esc(s.role)}. **Setting:** {esc(s.setting)}. **Time:** {s.minutes} minutes"
        + (f" (node timings add up to {total})" if total else "") + ".\n",
        "## Learning outcomes\n",
        *[f"- {esc(o)}" for o in s.outcomes],
        "",
    ]
    if s.facilitator:
        parts += facilitator_block(s.facilitator, "Before you start")
    parts += ["## Session plan\n", "| Step | Node | Minutes | Elapsed |", "|---|---|---|---|"]
    elapsed = s.facilitator.minutes or 0 if s.facilitator else 0
    order = reading_order(s)
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
            parts += facilitator_block(node.facilitator, "Facilitator notes")
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


def facilitator_block(f: FacilitatorNote, heading: str) -> list[str]:
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


def reading_order(s: Scenario) -> list[str]:
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
    for nid in reading_order(s):
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
            parts += ['<aside class="cw-room__notes" hidden markdown="1">\n', *facilitator_block(node.facilitator, "Facilitator notes"), "</aside>\n"]
        parts.append("</section>\n")
    parts += [
        '<p class="cw-room__controls"><button type="button" class="md-button cw-room__reveal">Reveal feedback (F)</button> '
        '<button type="button" class="md-button cw-room__next" hidden>Go to the room\'s choice</button> '
        '<button type="button" class="md-button cw-room__notes-toggle" aria-pressed="false">Notes (N)</button> '
        '<button type="button" class="md-button cw-room__restart">Restart (R)</button></p>\n',
        "</div>\n",
    ]
    return "\n".join(parts)
