"""SCORM packages of the training modules (`casework export scorm`), for Moodle, Learning Pool and other LMSs.

The site is built once (the same strict build as `casework export site`); each package then takes the built
pages its module needs (the module page, the pages that teach it, its reading, scenarios, quiz banks and
self-assessment, and the support page), the theme's assets, a launch page and a manifest. A programme package
holds every module. The pages are the site's pages with three changes: links to pages left out of the package
lose their target, links to other hosts open in a new tab, and each page loads the package's own stylesheet
and runtime (assets/casework/scorm.css and scorm.js, never loaded on the site).

One single-SCO package: the launch page (index.html) holds the LMS connection for the whole session and
shows the pages in a frame; scorm.js reads what the learner did from the browser storage the site itself
writes (one source of truth) and reports status, score, interactions and suspend data. The data it needs
(which questions count, their stable IDs and right answers, the scenario decisions) is written per package
to assets/casework/scorm-data.js by `package_data` here.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from importlib.resources import files as package_files
from pathlib import Path

from casework.content.index import question_index
from casework.content.model import Module, Question
from casework.content.project import Project
from casework.publish.export import ExportError, build_site
from casework.publish.scorm_manifest import manifest
from casework.render import search_index as search_chunks
from casework.render.html import node_page, quiz_page_path, scenario_dir
from casework.render.training import module_page, set_page

VERSIONS = ("1.2", "2004")
PROGRAMME = "programme"
ASSETS = "assets/casework"
DEFAULT_PASS = 80
# Left out of every package: source maps, search's language packs, feeds; the search index and the sitemap
# are written per package (search finds only the package's pages).
SKIP = re.compile(r"(\.map$|^search/|^assets/javascripts/lunr/|^sitemap\.xml|^feed\.|^rss\.xml$|^tags\.json$|^404\.html$)")
SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
MERMAID = f"{ASSETS}/vendor/mermaid.min.js"
HREF = re.compile(r'(<a\b[^>]*?)\shref="([^"]*)"')
EDIT_LINK = re.compile(r'<a\b[^>]*\brel="edit"[^>]*>.*?</a>', re.S)
FILL_BLANK = re.compile(r"\[\[([^\]]+)\]\]")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time, so unchanged content packages byte-identical


LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def letter(i: int) -> str:
    """The response letter of an option or a choice, by its place in the order written (never the shuffled order on
    screen): a, b, c for the A, B, C printed and projected (render.pages._lettered). Lower case, as SCORM 1.2's
    choice responses must be (0-9, a-z); beyond z, the digits."""
    return LETTERS[i] if i < len(LETTERS) else "z"


def ident(*parts: str) -> str:
    """A stable ID, the same as the QTI export's (casework.publish.qti.ident; a test holds them equal): cw-<bank>-<question>."""
    return "cw-" + "-".join(re.sub(r"[^A-Za-z0-9_.-]", "-", p) for p in parts)


@dataclass(frozen=True)
class Unit:
    """What one package holds: a module, or the whole programme."""

    id: str
    title: str
    start: str  # docs-relative Markdown path of the page the package opens on
    pages: frozenset[str]  # docs-relative Markdown paths
    scored_refs: dict[str, tuple[str, ...]]  # page -> the bank/question refs on it that count
    scenarios: tuple[str, ...]
    pass_mark: int


@dataclass(frozen=True)
class Package:
    path: Path
    unit: str
    files: int
    size: int


def _scenario_ids(m: Module, project: Project) -> tuple[str, ...]:
    """The module's scenarios, and any other its outcomes are taught or assessed by (a package has all their pages)."""
    named = [*m.scenarios]
    for o in m.outcomes:
        named += [r.split(":", 1)[1].split("/")[0] for r in o.assessed_by if r.startswith("scenario:")]
        named += [p.split("/")[1] for p in o.taught_by if p.startswith("scenarios/") and p.count("/") == 2]
    return tuple(sid for sid in dict.fromkeys(named) if sid in project.scenarios)


def _module_pages(m: Module, project: Project) -> set[str]:
    pages = {module_page(m.id), "support.md", *m.reading}
    for o in m.outcomes:
        pages.update(o.taught_by)
        pages.update(quiz_page_path(project.quizzes[r.split(":", 1)[1].split("/")[0]].obj)
                     for r in o.assessed_by if r.startswith("quiz:") and r[5:].split("/")[0] in project.quizzes)
    for sid in _scenario_ids(m, project):
        s = project.scenarios[sid].obj
        pages.add(f"{scenario_dir(s)}/index.md")
        pages.update(node_page(s, n) for n in s.nodes)
    pages.update(quiz_page_path(project.quizzes[b].obj) for b in m.quizzes if b in project.quizzes)
    if m.self_assessment and m.self_assessment in project.sets:
        pages.update(set_page(m.self_assessment, stage) for stage in ("before", "after", "record"))
    return pages


def _scoring(m: Module, project: Project) -> tuple[dict[str, tuple[str, ...]], int]:
    """The questions that give a module its score, by the page they are answered on, and the pass mark.

    A module with a self-assessment set is scored by the set taken after the session, against the set's
    pass mark. Without one, by the bank questions its outcomes name as assessing them (pass mark 80)."""
    lset = project.sets.get(m.self_assessment or "")
    if lset is not None:
        return {set_page(lset.obj.id, "after"): tuple(lset.obj.after_questions())}, lset.obj.pass_mark
    by_page: dict[str, list[str]] = {}
    for o in m.outcomes:
        for r in o.assessed_by:
            kind, _, ref = r.partition(":")
            bank = ref.split("/")[0]
            if kind == "quiz" and bank in project.quizzes and ref not in by_page.setdefault(quiz_page_path(project.quizzes[bank].obj), []):
                by_page[quiz_page_path(project.quizzes[bank].obj)].append(ref)
    return {p: tuple(refs) for p, refs in by_page.items()}, DEFAULT_PASS


def module_unit(m: Module, project: Project) -> Unit:
    scored, pass_mark = _scoring(m, project)
    return Unit(m.id, m.title, module_page(m.id), frozenset(_module_pages(m, project)), scored, _scenario_ids(m, project), pass_mark)


def programme_unit(project: Project) -> Unit:
    """Every module in one package; scored by every module's questions together, against the highest pass mark."""
    mods = sorted((lm.obj for lm in project.modules.values()), key=lambda m: (m.order, m.id))
    units = [module_unit(m, project) for m in mods]
    pages = frozenset({"training/modules/index.md"}.union(*(u.pages for u in units)))
    scored: dict[str, tuple[str, ...]] = {}
    for u in units:
        for page, refs in u.scored_refs.items():
            scored[page] = tuple(dict.fromkeys(scored.get(page, ()) + refs))
    uid = PROGRAMME if PROGRAMME not in project.modules else f"{PROGRAMME}-all-modules"  # its zip never takes a module's name
    return Unit(uid, "Training programme: every module", "training/modules/index.md", pages, scored,
                tuple(dict.fromkeys(s for u in units for s in u.scenarios)), max((u.pass_mark for u in units), default=DEFAULT_PASS))


def units(project: Project, only: str | None = None) -> list[Unit]:
    """The packages to make: one per module (or only `only`), then the programme."""
    if only is not None:
        if only not in project.modules:
            known = ", ".join(sorted(project.modules)) or "none"
            raise ExportError(f"there is no training module '{only}' (modules: {known})", hint="give the ID of a file in modules/ with --module")
        return [module_unit(project.modules[only].obj, project)]
    out = [module_unit(lm.obj, project) for lm in sorted(project.modules.values(), key=lambda lm: (lm.obj.order, lm.obj.id))]
    return [*out, programme_unit(project)] if out else out


# --- the data the runtime needs -------------------------------------------------------------


def built(page: str) -> str:
    """The built HTML file of a docs page (the site builds with use_directory_urls: false)."""
    return re.sub(r"\.md$", ".html", page)


def _question_entry(q: Question, ref: str, scored: bool) -> dict[str, object]:
    bank, _, qid = ref.partition("/")
    entry: dict[str, object] = {"id": ident(bank, qid), "scored": scored}
    if q.type == "fill-in":
        entry.update(type="fill-in", correct=[m.group(1) for m in FILL_BLANK.finditer(q.stem)])
    else:
        entry.update(type="choice", multiple=q.type == "multiple", correct=[letter(i) for i, o in enumerate(q.options) if o.correct])
    return entry


def package_data(unit: Unit, project: Project, version: str) -> dict[str, object]:
    """What scorm.js needs, by the storage keys the site's pages write (see assets/casework.js and quiz-result.js)."""
    questions = question_index(project)
    pages: dict[str, dict[str, dict[str, object]]] = {}
    for page in sorted(unit.pages):
        key = "casework:" + built(page).removesuffix(".html")
        refs: list[tuple[str, str]] = []  # (element id on the page, bank/question)
        if page.startswith("quizzes/"):
            bank = page.removeprefix("quizzes/").removesuffix(".md")
            if bank in project.quizzes:
                refs = [(f"quiz-{q.id}", f"{bank}/{q.id}") for q in project.quizzes[bank].obj.questions]
        elif page.startswith("self-assessment/") and not page.endswith("record.md"):
            sid, stage = page.split("/")[1], page.split("/")[2].removesuffix(".md")
            lset = project.sets.get(sid)
            if lset is not None:
                chosen = lset.obj.before if stage == "before" else lset.obj.after_questions()
                refs = [(f"quiz-{r.replace('/', '--')}", r) for r in chosen]
        counted = set(unit.scored_refs.get(page, ()))
        entries = {el: _question_entry(questions[r], r, r in counted) for el, r in refs if r in questions}
        if entries:
            pages[key] = entries
    scenarios: dict[str, object] = {}
    for sid in unit.scenarios:
        s = project.scenarios[sid].obj
        # each choice in its written order (its letter, A, B, C, as on the projector and the printed cards), by the
        # stable ID scenario.js saves a decision under (Choice.key), never by its shuffled position on screen
        nodes = {nid: {"id": ident("scenario", sid, nid), "choices": [c.key() for c in n.choices],
                       "ratings": [c.rating for c in n.choices], "goto": [c.goto for c in n.choices]}
                 for nid, n in s.nodes.items() if n.choices}
        scenarios[sid] = {"nodes": nodes, "endings": sorted(nid for nid, n in s.nodes.items() if n.ending)}
    layout = hashlib.sha256(json.dumps([pages, scenarios], sort_keys=True).encode()).hexdigest()[:8]
    return {"id": unit.id, "title": unit.title, "version": version, "layout": layout, "pass": unit.pass_mark, "start": built(unit.start),
            "scoredTotal": sum(1 for p in pages.values() for e in p.values() if e["scored"]),
            "pages": pages, "scenarios": scenarios,
            "sets": sorted({p.split("/")[1] for p in unit.pages if p.startswith("self-assessment/")}),
            "banks": sorted({p.removeprefix("quizzes/").removesuffix(".md") for p in unit.pages if p.startswith("quizzes/")})}


# --- the pages -----------------------------------------------------------------------------


def rewrite_page(html: str, page: str, included: set[str], start: str) -> str:
    """A built page as it goes into a package: links out of the package dead, other hosts in a new tab."""
    here = posixpath.dirname(page)
    to_root = posixpath.relpath(".", here or ".")

    def link(m: re.Match[str]) -> str:
        tag, href = m.group(1), m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            if href.lower().startswith(("http:", "https:")) and "target=" not in tag:
                return f'{tag} href="{href}" target="_blank" rel="noopener noreferrer"'
            return m.group(0)
        path, _, fragment = href.partition("#")
        if not path:
            return m.group(0)
        target = posixpath.normpath(posixpath.join(here, path))
        if target.endswith("/") or target in (".", ""):
            target = posixpath.join(target, "index.html")
        if not target.endswith(".html") or target in included:
            return m.group(0)
        if target == "index.html":  # the site's home: in a package, the module's start page
            return f'{tag} href="{posixpath.relpath(start, here or ".")}"'
        return f'{tag} data-cw-not-in-package="{escape(target)}"'

    html = EDIT_LINK.sub("", html)
    html = HREF.sub(link, html)
    html = html.replace("</head>", f'<link rel="stylesheet" href="{to_root}/{ASSETS}/scorm.css">\n</head>', 1)
    at = html.rfind("</body>")
    tag = f'<script src="{to_root}/{ASSETS}/scorm.js"></script>\n'
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def launch_page(unit: Unit) -> str:
    """index.html: holds the LMS connection and shows the package's pages in a frame."""
    title = escape(unit.title)
    start = escape(built(unit.start))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{ASSETS}/scorm.css">
<script src="{ASSETS}/scorm-data.js"></script>
<script src="{ASSETS}/scorm.js"></script>
</head>
<body class="cw-launch">
<header class="cw-launch__bar">
<span class="cw-launch__title">{title}</span>
<span class="cw-launch__status" id="cw-launch-status" role="status">Your answers are kept in this browser.</span>
</header>
<main class="cw-launch__main">
<iframe id="cw-launch-frame" class="cw-launch__frame" title="{title}" src="{start}"></iframe>
</main>
<noscript><p><a href="{start}">Open {title}</a></p></noscript>
</body>
</html>
"""


def _site_files(site: Path, pages: Iterable[str]) -> list[str]:
    """The built site's files a package takes: the pages given, and every asset but those in SKIP."""
    wanted = set(pages)
    needs_mermaid = any(MERMAID.rsplit("/", 1)[1] in (site / p).read_text(encoding="utf-8") for p in wanted)
    files = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or SKIP.search(name) or (name == MERMAID and not needs_mermaid):
            continue
        if name.endswith(".html") and name not in wanted:
            continue
        files.append(name)
    return files


def search_index(site: Path, pages: set[str]) -> dict[str, str]:
    """The site's prebuilt search index (casework.render.search_index), cut down to the package's pages."""
    index = search_chunks.from_chunks(p.read_text(encoding="utf-8") for p in sorted((site / "search").glob("index-*.js")))
    return search_chunks.chunks(search_chunks.subset(index, pages)) if index else {}


def write_package(unit: Unit, project: Project, site: Path, out: Path, version: str) -> Package:
    missing = [p for p in sorted(unit.pages) if not (site / built(p)).is_file()]
    if missing:
        raise ExportError(f"{unit.id}: the built site has no page for {', '.join(missing)}",
                          hint="check that each page the module names exists under docs/ or is generated (run `casework check`)")
    pages = {built(p) for p in unit.pages}
    files = _site_files(site, pages)
    data = package_data(unit, project, version)
    runtime = {f"{ASSETS}/{name}": package_files("casework").joinpath("assets", name).read_text(encoding="utf-8") for name in ("scorm.js", "scorm.css")}
    files = [f for f in files if f not in runtime]
    extra = {
        **runtime,
        "index.html": launch_page(unit),
        "sitemap.xml": SITEMAP,
        **search_index(site, pages),
        f"{ASSETS}/scorm-data.js": "window.cwScormPackage = " + json.dumps(data, ensure_ascii=False, sort_keys=True) + ";\n",
    }
    listed = sorted({*files, *extra})
    extra["imsmanifest.xml"] = manifest(unit.id, unit.title, unit.pass_mark, listed, version)
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            def put(name: str, content: bytes) -> None:
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, content)

            for name, text in extra.items():
                put(name, text.encode("utf-8"))
            for name in files:
                raw = (site / name).read_bytes()
                if name in pages:
                    raw = rewrite_page(raw.decode("utf-8"), name, pages, built(unit.start)).encode("utf-8")
                put(name, raw)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return Package(out, unit.id, len(files) + len(extra), out.stat().st_size)


def package_name(unit_id: str, version: str) -> str:
    return f"{unit_id}-scorm{version.replace('.', '')}.zip"


def export_scorm(project: Project, config: Path, out_dir: Path, version: str = "1.2", only: str | None = None,
                 site: Path | None = None) -> list[Package]:
    """Build the site (unless `site` is a built one) and write a package per module and one for the programme."""
    if version not in VERSIONS:
        raise ExportError(f"there is no SCORM version '{version}'", hint=f"use one of {', '.join(VERSIONS)}")
    todo = units(project, only)
    if not todo:
        raise ExportError("there are no training modules to package", hint="add a module to modules/ (see the authoring guide)")
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file", hint="give a folder to write the packages to with --out")
    out_dir.mkdir(parents=True, exist_ok=True)
    if site is not None:
        return [write_package(u, project, site, out_dir / package_name(u.id, version), version) for u in todo]
    with tempfile.TemporaryDirectory(prefix="casework-scorm-") as tmp:
        built_site = Path(tmp) / "site"
        build_site(config, built_site)
        return [write_package(u, project, built_site, out_dir / package_name(u.id, version), version) for u in todo]
