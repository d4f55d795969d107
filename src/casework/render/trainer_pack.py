"""The trainer pack of a session plan: everything a trainer prints for the day, in one page that prints in one go.

For each plan in docs/training/sessions/ (a page with `session:` front matter) the pack holds, each section
starting on a new sheet: the plan itself; the facilitator guide of every scenario the plan runs; choice cards
(one card per choice, lettered as on the projector and in the guide) and a handout per scenario; the plan's
statement cards with the trainer's key; the evaluation forms, blank; and an attendance sheet. Links print
their address (pack.js and pack.css); the original documents get a QR code made by segno.
"""

from __future__ import annotations

import posixpath
import re

import segno

from casework.content.citations import relative_link
from casework.content.project import Project
from casework.content.sessions import SessionPlan, read_session_plans
from casework.render.facilitator import render_facilitator
from casework.render.html import Generated, cite_list, esc, front_matter, scenario_dir

ATTENDANCE_ROWS = 24
_LINK = re.compile(r"(\]\(|href=\")([^)\"\s#][^)\"\s]*?)(#[^)\"\s]*)?(?=[)\"\s])")
_EXTERNAL = ("http://", "https://", "mailto:", "tel:", "data:", "/")
_FENCE = re.compile(r"^(```|~~~)")
_FORM = re.compile(r"<form class=\"cw-form\".*?</form>", re.S)


def pack_path(plan: SessionPlan) -> str:
    return re.sub(r"\.md$", "-pack.md", plan.page)


def render_packs(project: Project) -> list[Generated]:
    plans, _problems = read_session_plans(project)  # the problems are the checks' to report
    return [Generated(pack_path(p), render_pack(p, project), p.file, "pack") for p in plans]


def rebase(markdown: str, from_page: str, to_page: str) -> str:
    """Rewrite the relative links of a page's Markdown (and HTML) so they work from another page."""
    src_dir, dst_dir = posixpath.dirname(from_page), posixpath.dirname(to_page) or "."

    def one(m: re.Match[str]) -> str:
        target = m.group(2)
        if target.startswith(_EXTERNAL) or ":" in target.split("/")[0]:
            return m.group(0)
        full = posixpath.normpath(posixpath.join(src_dir, target))
        return m.group(1) + posixpath.relpath(full, dst_dir) + (m.group(3) or "")

    return _LINK.sub(one, markdown)


def demote(markdown: str, levels: int = 1) -> str:
    """Every Markdown heading one level down (outside fenced code), so an included page's title is a section heading."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,5} ", line):
            line = "#" * levels + line
        out.append(line)
    return "\n".join(out)


def drop_h1(markdown: str) -> str:
    """Without its first top-level heading (the pack's section heading takes its place)."""
    return re.sub(r"^# .*\n", "", markdown, count=1, flags=re.M)


def body_of(markdown: str) -> str:
    """A page's Markdown without its front matter."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            return markdown[end + 5:]
    return markdown


def qr(url: str, label: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=2, svgclass="cw-qr", title=f"QR code for {url}")
    return f'<figure class="cw-qr-box">{svg}<figcaption>{esc(label)}<br><span class="cw-address">{esc(url)}</span></figcaption></figure>'


def section(anchor: str, title: str, body: list[str]) -> list[str]:
    return [f'<section class="cw-pack__section" id="{anchor}" markdown="1">\n', f"## {title}\n", *body, "\n</section>\n"]


def render_pack(plan: SessionPlan, project: Project) -> str:
    page = pack_path(plan)
    se = plan.session
    scenarios = [project.scenarios[s.scenario] for s in se.slots if s.scenario and s.scenario in project.scenarios]
    scenarios = list({ls.obj.id: ls for ls in scenarios}.values())
    contents = [("the-plan", plan.title)]
    for ls in scenarios:
        contents += [(f"guide-{ls.obj.id}", f"Facilitator guide: {ls.obj.title}"), (f"cards-{ls.obj.id}", f"Choice cards: {ls.obj.title}"),
                     (f"handout-{ls.obj.id}", f"Handout: {ls.obj.title}")]
    if se.statements:
        contents.append(("statement-cards", "Statement cards"))
    forms = [f for f in se.evaluation if f in project.docs_pages]
    contents += [(f"form-{posixpath.basename(f)[:-3]}", str(project.docs_meta.get(f, {}).get("title", f))) for f in forms]
    contents.append(("attendance", "Attendance sheet"))

    parts = [
        front_matter(title=f"Trainer pack: {plan.title}", search={"exclude": True}, hide=["navigation", "toc"], template="cw-pack.html"),
        '<div class="cw-pack" markdown="1">\n',
        f"# Trainer pack: {esc(plan.title)}\n",
        f"Everything to print for the session, in order. Each section starts on a new sheet. Length: {se.minutes} minutes"
        + (f", starting at {se.start}" if se.start else "") + f". Made from the [session plan]({posixpath.basename(plan.page)}).\n",
        '<p class="cw-pack__actions"><button type="button" class="md-button cw-print">Print the pack</button></p>\n',
        "Printed links show their address after the link text: from a copy on disk, the address is the page's place "
        "in the site's folder (for example `protocol/section-3.html`).\n",
        "**In this pack**\n",
        *[f"{i}. [{esc(t)}](#{a})" for i, (a, t) in enumerate(contents, 1)],
        "",
    ]
    plan_md = re.sub(r'^!!! tip "Print the trainer pack"\n(?:    .*\n|\n)*', "", plan.body(), flags=re.M)  # this pack itself
    parts += section("the-plan", esc(plan.title), [demote(drop_h1(rebase(plan_md, plan.page, page)))])
    for ls in scenarios:
        s = ls.obj
        guide = body_of(render_facilitator(ls, project))
        guide = rebase(guide, f"{scenario_dir(s)}/facilitator.md", page).replace("#node-", f"#node-{s.id}-")
        parts += section(f"guide-{s.id}", f"Facilitator guide: {esc(s.title)}", [demote(drop_h1(guide))])
        parts += section(f"cards-{s.id}", f"Choice cards: {esc(s.title)}", choice_cards(plan, project, s.id))
        parts += section(f"handout-{s.id}", f"Handout: {esc(s.title)}", handout(project, s.id, page))
    if se.statements:
        cards = ['<div class="cw-cards">']
        cards += [f'<div class="cw-card cw-card--statement"><p class="cw-card__text">“{esc(st.text)}”</p>'
                  f'<p class="cw-card__where">Statement {i}</p></div>' for i, st in enumerate(se.statements, 1)]
        cards += ["</div>\n", "### The trainer's key\n"]
        cards += [f"{i}. **“{esc(st.text)}”** {st.reply}" for i, st in enumerate(se.statements, 1)]
        parts += section("statement-cards", "Statement cards", ["Cut along the lines; one set per group.\n", *cards, ""])
    for f in forms:
        m = _FORM.search(project.docs_pages[f])
        if not m:
            continue
        form = re.sub(r'\sdata-cw-save="[^"]*"', "", m.group(0))
        form = re.sub(r'<p class="cw-form__actions">.*?</p>', "", form, flags=re.S)
        title = str(project.docs_meta.get(f, {}).get("title", f))
        parts += section(f"form-{posixpath.basename(f)[:-3]}", esc(title),
                         [f"To fill in on paper. The same form is [online]({relative_link(page, f)}), where answers can be downloaded.\n",
                          rebase(form, f, page)])
    parts += section("attendance", "Attendance sheet", attendance(plan))
    parts.append("</div>\n")
    return "\n".join(parts)


def choice_cards(plan: SessionPlan, project: Project, sid: str) -> list[str]:
    s = project.scenarios[sid].obj
    out = ["One card per choice at each decision, lettered as on the projector and in the facilitator guide. "
           "Print one set per table; tables hold up the letter they choose.\n", '<div class="cw-cards">']
    for n, (nid, node) in enumerate(((k, v) for k, v in s.nodes.items() if v.choices), 1):
        for i, ch in enumerate(node.choices):
            out.append(f'<div class="cw-card"><p class="cw-card__letter">{chr(65 + i)}</p><p class="cw-card__text">{esc(ch.text)}</p>'
                       f'<p class="cw-card__where">{esc(s.title)} · decision {n}: {esc(node.title)} <span class="cw-node-id">({esc(nid)})</span></p></div>')
    out.append("</div>\n")
    return out


def handout(project: Project, sid: str, page: str) -> list[str]:
    ls = project.scenarios[sid]
    s = ls.obj
    out = [f"**Your role:** {esc(s.role)}. **Setting:** {esc(s.setting)}\n", s.summary + "\n", "### What this scenario practises\n",
           *[f"- {esc(o)}" for o in s.outcomes], "", "### Good practice, from the endings\n"]
    for node in s.nodes.values():
        if node.debrief:
            out.append(f"- **{esc(node.title)}.** {node.debrief.good_practice}")
    out.append("")
    reading = sorted({p for n in s.nodes.values() if n.debrief for p in n.debrief.protocol})
    if reading:
        out += ["### Read next\n", *[f"- [{esc(str(project.docs_meta.get(p, {}).get('title', p)))}]({relative_link(page, p)})" for p in reading], ""]
    out.append(cite_list(s.sources, page, project, label="From") + "\n")
    src = project.sources.get(s.review)
    if src and src.obj.url:
        out += ['<div class="cw-qr-row">', qr(src.obj.url, f"The original document: {src.obj.title}"), "</div>\n"]
    return out


def attendance(plan: SessionPlan) -> list[str]:
    rows = "\n".join(f'<tr><td>{i}</td><td></td><td></td><td></td><td></td></tr>' for i in range(1, ATTENDANCE_ROWS + 1))
    return [
        f"**Session:** {esc(plan.title)} · **Date:** ____________ · **Venue:** ______________________ · **Trainers:** ______________________\n",
        "Keep this sheet with the training records: it holds names. Ticks show who handed in the before and after forms.\n",
        '<table class="cw-attendance"><colgroup><col><col><col><col><col></colgroup>',  # widths in pack.css: the sanitiser drops style
        '<thead><tr><th scope="col">No.</th><th scope="col">Name</th><th scope="col">Role and agency</th>'
        '<th scope="col">Signature</th><th scope="col">Forms in</th></tr></thead>',
        f"<tbody>\n{rows}\n</tbody></table>\n",
    ]
