"""Trainer views of a scenario from the same source: the printable facilitator guide and room mode."""

from __future__ import annotations

from casework.content.model import FacilitatorNote, Scenario
from casework.content.project import Loaded, Project
from casework.content.sessions import node_minutes, path_minutes
from casework.render.html import RATING_LABEL, cite_list, esc, front_matter, scenario_dir
from casework.render.scenario_map import map_svg


def render_facilitator(ls: Loaded[Scenario], project: Project) -> str:
    s = ls.obj
    page = f"{scenario_dir(s)}/facilitator.md"
    t = path_minutes(s)
    timing = (f": {t.intro} to set the scene, then {t.shortest} to {t.longest} along a path to an ending, by the node timings"
              if t.timed_nodes else "")
    parts = [
        front_matter(title=f"Facilitator guide: {s.title}", search={"exclude": True}, scenario=s.id, facilitator=True),
        f"# Facilitator guide: {esc(s.title)}\n",
        '<div class="cw-facilitator" markdown="1">\n',
        '!!! warning "Content note"\n',
        "    " + s.content_note.replace("\n", "\n    ") + "\n",
        f"**Learners' role:** {esc(s.role)}. **Setting:** {esc(s.setting)}. **Time:** {s.minutes} minutes{timing}.\n",
        "## Learning outcomes\n",
        *[f"- {esc(o)}" for o in s.outcomes],
        "",
    ]
    if s.facilitator:
        parts += facilitator_block(s.facilitator, "Before you start")
    parts += [
        "## Running it with a projector\n",
        "Open the [room mode](room.md) on your laptop and press **S**: the presenter view opens in a second window with these "
        "notes, the prompts, the timings and what comes next. Put the room mode window on the projector, full screen; the two "
        "stay in step. Each decision fills the screen in large type, choices lettered A, B, C as below and on the printed cards. "
        "Press the letter of the room's choice, **V** to enter the vote, **F** to reveal the feedback, **Enter** to go on, "
        "**P** to go back, **R** to restart, **N** for notes, **?** for every key. The address keeps the place, so a reload "
        "comes back at the same step.\n",
    ]
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


ROOM_KEYS: list[tuple[str, str]] = [
    ("A – D", "pick the room's choice (press again to compare another choice's feedback)"),
    ("V", "enter the room's vote per choice (optional), before the reveal"),
    ("F", "reveal the feedback on the choice"),
    ("Enter or G", "go with the room's choice; on a long situation, go from reading to choosing"),
    ("P or Backspace", "go back a step"),
    ("R", "restart from the first decision"),
    ("N", "show or hide the facilitator notes"),
    ("S", "open the presenter view (notes, timings, what comes next) in a new window"),
    ("?", "list these keys"),
    ("→, Page Down, Space", "next step (a clicker's forward button)"),
    ("←, Page Up", "back a step (a clicker's back button)"),
]


def render_room(ls: Loaded[Scenario], project: Project) -> str:
    """The projection view: one decision at a time on a 16:9 screen, and the presenter view from the same page.

    Every choice keeps its letter (A, B, C... in the order of the YAML, as in the facilitator guide and the
    printed cards). Feedback is its own Markdown block beside the choices, so citations render as links.
    """
    s = ls.obj
    page = f"{scenario_dir(s)}/room.md"
    intro = s.facilitator.minutes or 0 if s.facilitator else 0
    parts = [
        front_matter(title=f"Room mode: {s.title}", search={"exclude": True}, scenario=s.id, template="cw-room.html", room=True),
        f'<div class="cw-room" data-cw-scenario="{esc(s.id)}" data-cw-start="{esc(s.start)}" data-cw-minutes="{s.minutes}" '
        f'data-cw-intro="{intro}" markdown="1">\n',
        f'<h1 class="cw-room__title">{esc(s.title)}</h1>\n',
        '<p class="cw-room__noscript">Room mode needs JavaScript. Without it, use the '  # hidden by room.css once scripts run
        '<a href="facilitator.html">facilitator guide</a> or the scenario pages.</p>\n',
        '<div class="cw-room__stage" markdown="1">\n',
    ]
    if s.facilitator:
        parts += ['<aside class="cw-room__intro-notes" hidden markdown="1">\n', *facilitator_block(s.facilitator, "Before you start"), "</aside>\n"]
    for nid in reading_order(s):
        node = s.nodes[nid]
        ending = ' data-cw-ending="true"' if node.ending or not node.choices else ""
        parts += [
            f'<section class="cw-room__node" data-cw-node="{esc(nid)}" data-cw-minutes="{node_minutes(s, nid)}"{ending} '
            f'aria-label="{esc(node.title)}" hidden markdown="1">\n',
            '<div class="cw-room__situation" markdown="1">\n',
            f'<h2 class="cw-room__heading" tabindex="-1">{esc(node.title)}</h2>\n',
            node.body + "\n",
            "</div>\n",
        ]
        if node.choices:
            parts.append(f'<div class="cw-room__choices" role="group" aria-label="Choices for {esc(node.title)}">')
            for i, ch in enumerate(node.choices):
                target = s.nodes.get(ch.goto)
                nxt = (target.title if target else ch.goto) + (" (ending)" if target and target.ending else "")
                mins = node_minutes(s, ch.goto) if target else 0
                parts.append(
                    f'<button type="button" class="cw-room__choice" data-cw-choice="{i}" data-cw-goto="{esc(ch.goto)}" aria-pressed="false">'
                    f'<span class="cw-room__letter">{chr(65 + i)}</span> <span class="cw-room__text">{esc(ch.text)}</span>'
                    f'<span class="cw-room__votes" hidden></span>'
                    f'<span class="cw-room__presenter-only cw-room__leads"><span class="cw-badge cw-badge--{ch.rating}">{RATING_LABEL[ch.rating]}</span> '
                    f'→ {esc(nxt)}{f" · {mins} min" if mins else ""}</span></button>'
                )
            parts.append("</div>\n")
            for i, ch in enumerate(node.choices):
                parts += [
                    f'<div class="cw-room__feedback" data-cw-for="{i}" role="region" aria-label="Feedback on choice {chr(65 + i)}" hidden markdown="1">\n',
                    f'<p class="cw-room__verdict"><span class="cw-room__letter">{chr(65 + i)}</span> '
                    f'<span class="cw-badge cw-badge--{ch.rating}">{RATING_LABEL[ch.rating]}</span></p>\n',
                    ch.feedback + "\n",
                    cite_list(ch.sources, page, project) + "\n",
                    "</div>\n",
                ]
        if node.debrief:
            parts += ['<div class="cw-room__debrief" markdown="1">\n', "**What the review found.** " + node.debrief.what_happened + "\n",
                      "**Good practice.** " + node.debrief.good_practice + "\n", "</div>\n"]
        if node.facilitator:
            parts += ['<aside class="cw-room__notes" hidden markdown="1">\n', *facilitator_block(node.facilitator, "Facilitator notes"), "</aside>\n"]
        parts.append("</section>\n")
    parts += [
        "</div>\n",
        '<p class="cw-room__status" role="status" aria-live="polite"></p>\n',
        '<div class="cw-room__bar" role="toolbar" aria-label="Room controls">'
        '<span class="cw-room__where"></span>'
        '<button type="button" class="cw-room__btn" data-cw-do="back" aria-keyshortcuts="P Backspace">Back <kbd>P</kbd></button>'
        '<button type="button" class="cw-room__btn" data-cw-do="votes" aria-keyshortcuts="V" aria-pressed="false">Votes <kbd>V</kbd></button>'
        '<button type="button" class="cw-room__btn" data-cw-do="reveal" aria-keyshortcuts="F">Reveal <kbd>F</kbd></button>'
        '<button type="button" class="cw-room__btn cw-room__btn--go" data-cw-do="go" aria-keyshortcuts="Enter G">Go <kbd>Enter</kbd></button>'
        '<button type="button" class="cw-room__btn" data-cw-do="notes" aria-keyshortcuts="N" aria-pressed="false">Notes <kbd>N</kbd></button>'
        '<button type="button" class="cw-room__btn" data-cw-do="restart" aria-keyshortcuts="R">Restart <kbd>R</kbd></button>'
        '<button type="button" class="cw-room__btn" data-cw-do="presenter" aria-keyshortcuts="S">Presenter <kbd>S</kbd></button>'
        '<button type="button" class="cw-room__btn" data-cw-do="keys" aria-keyshortcuts="Shift+?">Keys <kbd>?</kbd></button>'
        "</div>\n",
        '<div class="cw-room__presenter-panel" hidden><h2>Presenter</h2><div class="cw-room__clock"></div>'
        '<div class="cw-room__next-up"></div><div class="cw-room__presenter-notes"></div></div>\n',
        '<dialog class="cw-room__keys" aria-labelledby="cw-room-keys-title"><h2 id="cw-room-keys-title">Keys</h2><table>',
        *[f"<tr><th scope=\"row\"><kbd>{esc(k)}</kbd></th><td>{esc(v)}</td></tr>" for k, v in ROOM_KEYS],
        '</table><p>Everything also works with the buttons at the bottom of the screen, with a pointer or a touch. '
        'The address keeps the place: reload, or share the link, and the room is back at the same step.</p>'
        '<form method="dialog"><button class="cw-room__btn">Close <kbd>Esc</kbd></button></form></dialog>\n',
        "</div>\n",
    ]
    return "\n".join(parts)
