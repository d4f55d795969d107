"""Review pages: findings and recommendations with what trains each, and the training coverage table."""

from __future__ import annotations

from casework.content.citations import item_page, relative_link
from casework.content.index import coverage
from casework.content.model import Review, show_date
from casework.content.project import Loaded, Project
from casework.content.sourceindex import source_page
from casework.render.html import cite_list, content_note, esc, front_matter, item_label, train_label

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
        content_note(page, "This page summarises a review of a case in which children were harmed or put at risk of sexual abuse."),
        "This page is generated from the review's data file. Each item has a stable ID that quiz questions and scenario choices use to say what they train.\n",
        "| | |", "|---|---|",
        f"| Board | {esc(r.board)} |", f"| Review type | {esc(r.type)} |", f"| Date | {esc(show_date(r.date))}{' ' + esc(r.date_note) if r.date_note else ''} |",
    ]
    for label, who in (("Author", r.author or (src.obj.author if src else "")), ("Reviewer", r.reviewer or (src.obj.reviewer if src else ""))):
        if who:
            parts.append(f"| {label} | {esc(who)} |")
    if r.children:
        parts.append(f"| Children | {esc(r.children)} |")
    if r.agencies:
        parts.append(f"| Agencies involved | {esc(', '.join(r.agencies))} |")
    if themes:
        parts.append(f"| Themes | {esc(themes)} |")
    if src:
        parts.append(f"| Original document | {esc(src.obj.publisher)}, [{esc(src.obj.title)}]({src.obj.url}) |")
    others = sources_cited(r, project)
    if others:
        parts.append(f"| Other sources cited | {others} |")
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


def sources_cited(r: Review, project: Project) -> str:
    """Every other source the review's items cite: its page on the site, and the original document."""
    page = f"reviews/{r.key}/findings.md"
    keys = dict.fromkeys(c.partition(" ")[0] for it in r.items() for c in it.sources)
    out = []
    for key in keys:
        ls = project.sources.get(key)
        if ls is None or key == r.key:
            continue
        s = ls.obj
        out.append(f"[{esc(s.short)}]({relative_link(page, source_page(key))}) ([original]({s.url}))")
    return "; ".join(out)


def render_coverage(project: Project) -> str:
    page = "reviews/coverage.md"
    cov = coverage(project)
    parts = [
        front_matter(title="Training coverage", description="Every finding, lesson and recommendation, with the quiz questions and scenario choices that train it."),
        "# Training coverage\n",
        content_note(page, "This table names the findings of reviews of cases in which children were harmed or put at risk of sexual abuse."),
        "Generated at every build. An item with no quiz question or no scenario choice fails `casework check`.\n",
        "| Item | Quiz questions | Scenario choices |", "|---|---|---|",
    ]
    for ref, c in cov.items():
        target, anchor = item_page(ref)
        qs = ", ".join(f"[{q}]({relative_link(page, 'quizzes/' + q.split('/')[0] + '.md')}#q-{q.split('/')[1]})" for q in c["questions"]) or "**none**"
        chs = ", ".join(c["choices"]) or "**none**"
        parts.append(f"| [{esc(train_label(ref, project))}]({relative_link(page, target)}#{anchor}) | {qs} | {chs} |")
    return "\n".join(parts) + "\n"
