"""Cross-file checks: references, citations, scenario graphs, quiz rules, coverage."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from casework.citations import citations_in_markdown, resolve
from casework.model import Choice, Module, Node, Question, QuizBank, Scenario
from casework.problems import Problem
from casework.project import CONTENT_DIRS, rel
from casework.publishing import field_label

if TYPE_CHECKING:
    from casework.project import Loaded, Project
    from casework.yamlsrc import Scalar


Cite = Callable[[str, "int | None", "str | None", list[str]], None]
FILL_BLANK = re.compile(r"\[\[([^\]]+)\]\]")
CITE_HINT = "check the key in sources.yml and the paragraph number in the source"


def check_project(project: Project) -> None:
    p = project.problems
    sources = project.source_objs
    known_items = {f"{key}/{item.id}" for key, r in project.reviews.items() for item in r.obj.items()}

    def cite(file: str, line: int | None, item: str | None, citations: list[str]) -> None:
        for c in citations:
            r = resolve(c, sources)
            if isinstance(r, str):
                p.append(Problem(file, line, item, r, CITE_HINT))

    def trains(file: str, line: int | None, item: str | None, refs: list[str]) -> None:
        for ref in refs:
            if ref not in known_items:
                review = ref.split("/")[0]
                if review in project.reviews:
                    ids = ", ".join(i.id for i in project.reviews[review].obj.items()) or "no findings, lessons or recommendations yet"
                    p.append(Problem(file, line, item, f"trains '{ref}', which does not exist ({review} has: {ids})", None))
                else:
                    p.append(Problem(file, line, item, f"trains '{ref}', but there is no review '{review}'",
                                     f"reviews are: {', '.join(sorted(project.reviews)) or 'none'}"))

    def themes(file: str, line: int | None, item: str | None, keys: list[str]) -> None:
        for t in keys:
            if project.themes and t not in project.themes:
                p.append(Problem(file, line, item, f"theme '{t}' is not in themes.yml",
                                 f"use one of: {', '.join(sorted(project.themes))}"))

    # reviews
    for key, lr in project.reviews.items():
        r = lr.obj
        themes(lr.file, lr.line("themes"), None, r.themes)
        seen: set[str] = set()
        for group in ("findings", "lessons", "recommendations"):
            for i, item in enumerate(getattr(r, group)):
                where = lr.line(group, i)
                if item.id in seen:
                    p.append(Problem(lr.file, where, f"{group[:-1] if group != 'recommendations' else 'recommendation'} '{item.id}'", "this ID is used twice in the review", "number items uniquely"))
                seen.add(item.id)
                cite(lr.file, lr.line(group, i, "sources"), f"'{item.id}'", item.sources)
                themes(lr.file, lr.line(group, i, "themes"), f"'{item.id}'", item.themes)
        if key not in project.sources:
            p.append(Problem(lr.file, lr.line("key"), None, f"review '{key}' has no entry in sources.yml", "add the original document to sources.yml with the same key"))

    # scenarios
    for _sid, ls in project.scenarios.items():
        check_scenario(ls, project, cite, trains)

    # quizzes
    for _qid, lq in project.quizzes.items():
        check_quiz(lq, p, cite, trains)
        if lq.obj.review and lq.obj.review not in project.reviews:
            p.append(Problem(lq.file, lq.line("review"), None, f"review '{lq.obj.review}' does not exist", f"reviews are: {', '.join(sorted(project.reviews)) or 'none'}"))

    # debrief quiz links
    for _sid, ls in project.scenarios.items():
        for nid, node in ls.obj.nodes.items():
            if (node.debrief and node.debrief.quiz and node.debrief.quiz not in project.quizzes
                    and not any(u.startswith(f"quizzes/{node.debrief.quiz}.y") for u in project.unreadable)):
                p.append(Problem(ls.file, ls.line("nodes", nid, "debrief", "quiz"), f"node '{nid}'",
                                 f"debrief links to quiz '{node.debrief.quiz}', which does not exist",
                                 f"quizzes are: {', '.join(sorted(project.quizzes)) or 'none'}"))
            if node.debrief:
                for j, page in enumerate(node.debrief.protocol):
                    if not (project.docs_dir / page).is_file():
                        p.append(Problem(ls.file, ls.line("nodes", nid, "debrief", "protocol", j), f"node '{nid}'",
                                         f"debrief links to page '{page}', which is not in {project.docs_dir.name}/",
                                         "give the path of a Markdown page under docs/, e.g. 'protocol/section-3.md'"))

    # citations and tags in hand-written pages
    docs_prefix = rel(project.docs_dir, project.root)
    titles = {t.title for t in project.themes.values()}
    for page, text in project.docs_pages.items():
        for line, c in citations_in_markdown(text, tuple(sources)):
            cite(f"{docs_prefix}/{page}", line, None, [c])
        tags = project.docs_meta.get(page, {}).get("tags") if titles else None
        for tag in tags if isinstance(tags, list) else []:
            if str(tag) not in titles:
                tag_line = next((i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip() in (f"- {tag}", f"- '{tag}'", f'- "{tag}"')), None)
                p.append(Problem(f"{docs_prefix}/{page}", tag_line, None, f"tag '{tag}' is not a theme in themes.yml",
                                 _closest(str(tag), titles) or f"use a theme title: {', '.join(sorted(titles))}", severity="warning"))

    # citations written inside prose fields of the content YAML (feedback, debriefs, findings...)
    p.extend(check_prose_citations(project))

    check_coverage(project)
    check_training(project, trains)

    from casework.publishing import check_publishing  # leftover placeholders and personal data

    p.extend(check_publishing(project))


def check_prose_citations(project: Project) -> list[Problem]:
    """Citations in the free text of reviews, scenarios, quizzes, modules and sets: every one the
    renderer would link must resolve. Structured `sources:` lists are checked with their items."""
    sources = project.source_objs
    known = tuple(sources)
    out: list[Problem] = []
    for name, doc in sorted(project.yaml_docs.items()):
        if name.split("/", 1)[0] not in CONTENT_DIRS:
            continue
        lines: list[str] | None = None
        for s in doc.scalars:
            if s.is_key or "(" not in s.value or "sources" in s.path:
                continue
            found = [(c, resolve(c, sources)) for _, c in citations_in_markdown(s.value, known)]
            if not any(isinstance(r, str) for _, r in found):
                continue
            lines = doc.text.split("\n") if lines is None else lines
            cursor = s.start
            for c, r in found:
                cursor = _find_in(lines, s, c, cursor)  # every citation moves on, so a repeated one gets its own line
                if isinstance(r, str):
                    item, field = field_label(s.path, doc.data)
                    out.append(Problem(name, cursor[0] + 1, item, f"{field}: {r}", CITE_HINT))
    return out


def _find_in(lines: list[str], s: Scalar, text: str, start: tuple[int, int]) -> tuple[int, int]:
    """Where `text` next appears in scalar `s` from `start` (0-based line and column), as the position
    just after it; `start` itself when it is not found (a citation folded over two lines)."""
    line, col = start
    for i in range(line, min(s.end[0], len(lines) - 1) + 1):
        at = lines[i].find(text, col if i == line else 0)
        if at >= 0:
            return i, at + len(text)
    return start


def site_pages(project: Project) -> set[str]:
    """Every docs-relative page the site will have: hand-written and generated."""
    pages = set(project.docs_pages)
    for sid, ls in project.scenarios.items():
        pages |= {f"scenarios/{sid}/index.md", f"scenarios/{sid}/facilitator.md", f"scenarios/{sid}/room.md"}
        pages |= {f"scenarios/{sid}/{nid}.md" for nid in ls.obj.nodes}
    pages |= {f"quizzes/{q}.md" for q in project.quizzes}
    pages |= {f"reviews/{r}/findings.md" for r in project.reviews}
    pages |= {f"training/modules/{m}.md" for m in project.modules}
    pages |= {f"self-assessment/{s}/{stage}.md" for s in project.sets for stage in ("before", "after", "record")}
    named: tuple[tuple[str, object], ...] = (("scenarios/index.md", project.scenarios), ("quizzes/index.md", project.quizzes),
                          ("progress.md", project.quizzes), ("reviews/coverage.md", project.reviews),
                          ("glossary.md", project.terms), ("training/modules/index.md", project.modules),
                          ("topics.md", project.themes), ("whats-new.md", True))
    for name, present in named:
        if present:
            pages.add(name)
    return pages


def question_index(project: Project) -> dict[str, Question]:
    """'bank/qid' -> question, for every question in every bank."""
    return {f"{b}/{q.id}": q for b, lq in project.quizzes.items() for q in lq.obj.questions}


def _closest(ref: str, known: Iterable[str], limit: int = 3) -> str:
    import difflib

    near = difflib.get_close_matches(ref, sorted(known), n=limit, cutoff=0.6)
    return f"did you mean: {', '.join(near)}?" if near else ""


def check_training(project: Project, trains: Cite) -> None:
    """Modules and self-assessment sets: every reference resolves; every outcome is taught and assessed."""
    p = project.problems
    pages = site_pages(project)
    questions = question_index(project)
    blocked = any(f.startswith(("scenarios/", "quizzes/")) for f in project.unreadable)

    def page_ref(lm: Loaded[Module], path: tuple[str | int, ...], item: str | None, page: str) -> None:
        if page not in pages:
            hint = _closest(page, pages) or "give a docs-relative Markdown path, e.g. 'protocol/section-3.md' or 'reviews/lcspr-case-a/brief.md'"
            p.append(Problem(lm.file, lm.line(*path), item, f"page '{page}' does not exist", hint))

    for mid, lm in project.modules.items():
        m = lm.obj
        for j, pre in enumerate(m.prerequisites):
            if pre not in project.modules:
                p.append(Problem(lm.file, lm.line("prerequisites", j), None, f"prerequisite '{pre}' is not a module",
                                 f"modules are: {', '.join(sorted(project.modules))}"))
            elif pre == mid:
                p.append(Problem(lm.file, lm.line("prerequisites", j), None, "a module cannot be its own prerequisite", None))
        for j, page in enumerate(m.reading):
            page_ref(lm, ("reading", j), None, page)
        for j, sid in enumerate(m.scenarios):
            if sid not in project.scenarios and not blocked:
                p.append(Problem(lm.file, lm.line("scenarios", j), None, f"scenario '{sid}' does not exist",
                                 f"scenarios are: {', '.join(sorted(project.scenarios)) or 'none'}"))
        for j, qid in enumerate(m.quizzes):
            if qid not in project.quizzes and not blocked:
                p.append(Problem(lm.file, lm.line("quizzes", j), None, f"quiz '{qid}' does not exist",
                                 f"quizzes are: {', '.join(sorted(project.quizzes)) or 'none'}"))
        if m.self_assessment and m.self_assessment not in project.sets and not any(u.startswith("sets/") for u in project.unreadable):
            p.append(Problem(lm.file, lm.line("self_assessment"), None, f"self-assessment set '{m.self_assessment}' does not exist",
                             f"sets are: {', '.join(sorted(project.sets)) or 'none'}; add sets/{m.self_assessment}.yml"))
        trains(lm.file, lm.line("recommendations"), None, m.recommendations)
        seen: set[str] = set()
        for i, o in enumerate(m.outcomes):
            where = f"outcome '{o.id}'"
            if o.id in seen:
                p.append(Problem(lm.file, lm.line("outcomes", i, "id"), where, "this ID is used twice in the module", "give each outcome its own ID"))
            seen.add(o.id)
            trains(lm.file, lm.line("outcomes", i, "answers"), where, o.answers)
            for j, page in enumerate(o.taught_by):
                page_ref(lm, ("outcomes", i, "taught_by", j), where, page)
            for j, ref in enumerate(o.assessed_by):
                msg = _assessment_problem(ref, project, questions)
                if msg and not blocked:
                    p.append(Problem(lm.file, lm.line("outcomes", i, "assessed_by", j), where, msg[0], msg[1]))
            if not o.taught_by:
                p.append(Problem(lm.file, lm.line("outcomes", i), where, "is not taught by any page",
                                 "add 'taught_by:' with the pages under docs/ that teach it, e.g. 'reviews/<review>/brief.md'"))
            if not o.assessed_by:
                p.append(Problem(lm.file, lm.line("outcomes", i), where, "is not assessed by any question or scenario choice",
                                 "add 'assessed_by:' with a question or a scenario node, e.g. 'quiz:<bank>/<question>' or 'scenario:<scenario>/<node>'"))

    for _sid, lset in project.sets.items():
        qs = lset.obj
        if qs.module and qs.module not in project.modules and not any(u.startswith("modules/") for u in project.unreadable):
            p.append(Problem(lset.file, lset.line("module"), None, f"module '{qs.module}' does not exist",
                             _closest(qs.module, project.modules) or f"modules are: {', '.join(sorted(project.modules)) or 'none'}"))
        for stage in ("before", "after"):
            refs: list[str] = getattr(qs, stage)
            for j, ref in enumerate(refs):
                if ref not in questions and not blocked:
                    bank = ref.split("/")[0]
                    if bank in project.quizzes:
                        hint = f"{bank} has: {', '.join(dict.fromkeys(q.id for q in project.quizzes[bank].obj.questions))}"
                    else:
                        hint = f"banks are: {', '.join(sorted(project.quizzes)) or 'none'}"
                    p.append(Problem(lset.file, lset.line(stage, j), None, f"question '{ref}' does not exist", hint))
                if refs.index(ref) != j:
                    p.append(Problem(lset.file, lset.line(stage, j), None, f"question '{ref}' is listed twice", "list each question once"))


def _assessment_problem(ref: str, project: Project, questions: dict[str, Question]) -> tuple[str, str | None] | None:
    kind, _, target = ref.partition(":")
    owner, _, item = target.partition("/")
    if kind == "quiz":
        if target in questions:
            return None
        if owner in project.quizzes:
            return (f"assessed by '{ref}', but quiz '{owner}' has no question '{item}'",
                    f"{owner} has: {', '.join(dict.fromkeys(q.id for q in project.quizzes[owner].obj.questions))}")
        return f"assessed by '{ref}', but there is no quiz '{owner}'", f"quizzes are: {', '.join(sorted(project.quizzes)) or 'none'}"
    if owner not in project.scenarios:
        return f"assessed by '{ref}', but there is no scenario '{owner}'", f"scenarios are: {', '.join(sorted(project.scenarios)) or 'none'}"
    nodes = project.scenarios[owner].obj.nodes
    if item not in nodes:
        return f"assessed by '{ref}', but scenario '{owner}' has no node '{item}'", f"nodes: {', '.join(nodes)}"
    if not nodes[item].choices:
        with_choices = ", ".join(n for n, node in nodes.items() if node.choices)
        return f"assessed by '{ref}', but node '{item}' has no choices to assess with", f"nodes with choices: {with_choices}"
    return None


def check_scenario(ls: Loaded[Scenario], project: Project, cite: Cite, trains: Cite) -> None:
    p = project.problems
    s = ls.obj
    f = ls.file
    nodes = s.nodes
    names = ", ".join(nodes)
    cite(f, ls.line("sources"), None, s.sources)
    trains(f, ls.line("trains"), None, s.trains)
    if s.review not in project.reviews:
        p.append(Problem(f, ls.line("review"), None, f"review '{s.review}' does not exist",
                         f"reviews are: {', '.join(sorted(project.reviews)) or 'none'}"))
    if s.start not in nodes:
        p.append(Problem(f, ls.line("start"), None, f"start node '{s.start}' does not exist (nodes: {names})", "set 'start:' to the ID of the first node"))
    broken: set[str] = set()  # nodes with a choice that goes nowhere
    for nid, node in nodes.items():
        where = f"node '{nid}'"
        cite(f, ls.line("nodes", nid, "sources"), where, node.sources)
        trains(f, ls.line("nodes", nid, "trains"), where, node.trains)
        if node.ending:
            if node.choices:
                p.append(Problem(f, ls.line("nodes", nid, "choices"), where, "is an ending but has choices",
                                 "remove 'ending: true' or remove the choices"))
            if node.debrief is None:
                p.append(Problem(f, ls.line("nodes", nid), where, "is an ending without a debrief",
                                 "add 'debrief:' with 'what_happened:' and 'good_practice:'"))
        else:
            if not node.choices:
                p.append(Problem(f, ls.line("nodes", nid), where, "is a dead end: it has no choices and is not an ending",
                                 "add choices, or mark it 'ending: true' with a debrief"))
            if node.debrief is not None:
                p.append(Problem(f, ls.line("nodes", nid, "debrief"), where, "has a debrief but is not an ending",
                                 "add 'ending: true', or move the debrief to an ending"))
        for i, ch in enumerate(node.choices):
            cw = f"node '{nid}', choice {i + 1}"
            if ch.goto not in nodes:
                broken.add(nid)
                p.append(Problem(f, ls.line("nodes", nid, "choices", i, "goto"), cw,
                                 f"goes to '{ch.goto}', which does not exist (nodes: {names})", None))
            cite(f, ls.line("nodes", nid, "choices", i, "sources"), cw, ch.sources)
            trains(f, ls.line("nodes", nid, "choices", i, "trains"), cw, ch.trains)
    if s.start not in nodes:
        return
    reach = reachable(s, s.start)
    for nid in nodes:
        if nid not in reach:
            p.append(Problem(f, ls.line("nodes", nid), f"node '{nid}'", f"cannot be reached from the start node '{s.start}'",
                             "add a choice that goes to it, or delete it"))
    endings = {nid for nid, n in nodes.items() if n.ending}
    if not endings:
        p.append(Problem(f, ls.line("nodes"), None, "has no ending", "mark at least one node 'ending: true' with a debrief"))
        return
    can_end = nodes_that_reach(s, endings)
    for nid in nodes:
        if nid in reach and nid not in can_end and nid not in broken:
            if nodes[nid].choices:
                p.append(Problem(f, ls.line("nodes", nid), f"node '{nid}'", "no ending can be reached from here (the choices go round in a loop)",
                                 "give one of the choices on the loop a way out to an ending"))
    # a path to an ending that never touches a decision citing the review
    if s.review in project.sources:
        uncited = reachable(s, s.start, skip=lambda ch: any(c.split(" ")[0] == s.review for c in ch.sources))
        for nid in sorted(endings & uncited):
            p.append(Problem(f, ls.line("nodes", nid), f"node '{nid}'",
                             f"a path reaches this ending without any decision that cites the review ({s.review})",
                             "add a citation to the review on at least one choice along every path", severity="warning"))


def reachable(s: Scenario, start: str, skip: Callable[[Choice], bool] | None = None) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        node: Node | None = s.nodes.get(queue.popleft())
        if node is None:
            continue
        for ch in node.choices:
            if skip is not None and skip(ch):
                continue
            if ch.goto in s.nodes and ch.goto not in seen:
                seen.add(ch.goto)
                queue.append(ch.goto)
    return seen


def nodes_that_reach(s: Scenario, targets: set[str]) -> set[str]:
    back: dict[str, set[str]] = {n: set() for n in s.nodes}
    for nid, node in s.nodes.items():
        for ch in node.choices:
            if ch.goto in back:
                back[ch.goto].add(nid)
    seen = set(targets)
    queue = deque(targets)
    while queue:
        for prev in back[queue.popleft()]:
            if prev not in seen:
                seen.add(prev)
                queue.append(prev)
    return seen


def check_quiz(lq: Loaded[QuizBank], problems: list[Problem], cite: Cite, trains: Cite) -> None:
    P = Problem
    bank = lq.obj
    seen: set[str] = set()
    for i, q in enumerate(bank.questions):
        where = f"question '{q.id}'"
        line = lq.line("questions", i)
        if q.id in seen:
            problems.append(P(lq.file, line, where, "this ID is used twice in the bank", "give each question its own ID"))
        seen.add(q.id)
        cite(lq.file, lq.line("questions", i, "sources"), where, q.sources)
        trains(lq.file, lq.line("questions", i, "trains"), where, q.trains)
        correct = [o for o in q.options if o.correct]
        if q.type == "fill-in":
            if q.options:
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, "a fill-in question has options (feedback without an option to choose)",
                                  "remove 'options:' and put the answers in the stem as [[answer]], or change the type to 'single'"))
            if not FILL_BLANK.search(q.stem):
                problems.append(P(lq.file, lq.line("questions", i, "stem"), where, "a fill-in question has no blank",
                                  "write the answer in the stem in double brackets, e.g. 'MAPPA has [[3]] levels'"))
        else:
            if len(q.options) < 2:
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, f"a {q.type}-choice question needs at least two options", None))
            if not correct:
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, "has no correct answer",
                                  "mark the right option with 'correct: true'"))
            elif q.type == "single" and len(correct) > 1:
                nums = ", ".join(str(q.options.index(o) + 1) for o in correct)
                problems.append(P(lq.file, lq.line("questions", i, "options"), where, f"is single-choice but options {nums} are all marked correct",
                                  "mark only one option correct, or change the type to 'multiple'"))
            texts = [o.text for o in q.options]
            for j, o in enumerate(q.options):
                if texts.index(o.text) != j:
                    problems.append(P(lq.file, lq.line("questions", i, "options", j), f"{where}, option {j + 1}", "repeats the text of an earlier option", None))
                cite(lq.file, lq.line("questions", i, "options", j, "sources"), f"{where}, option {j + 1}", o.sources)
                trains(lq.file, lq.line("questions", i, "options", j, "trains"), f"{where}, option {j + 1}", o.trains)

def coverage(project: Project) -> dict[str, dict[str, list[str]]]:
    """For every finding, lesson and recommendation: the quiz questions and scenario choices that train it."""
    cov: dict[str, dict[str, list[str]]] = {
        f"{key}/{item.id}": {"questions": [], "choices": []} for key, r in project.reviews.items() for item in r.obj.items()
    }
    for qid, lq in project.quizzes.items():
        for q in lq.obj.questions:
            refs = set(q.trains) | {t for o in q.options for t in o.trains}
            for ref in sorted(refs):
                if ref in cov:
                    cov[ref]["questions"].append(f"{qid}/{q.id}")
    for sid, ls in project.scenarios.items():
        for nid, node in ls.obj.nodes.items():
            for i, ch in enumerate(node.choices):
                for ref in ch.trains:
                    if ref in cov:
                        cov[ref]["choices"].append(f"{sid}/{nid}/{i + 1}")
    return cov


def check_coverage(project: Project) -> None:
    blocked = [f for f in project.unreadable if f.startswith(("scenarios/", "quizzes/"))]
    if blocked:
        project.problems.append(Problem(blocked[0], None, None, "training coverage was not checked because this file could not be read",
                                        "fix the errors above, then run the check again", severity="warning"))
        return
    for ref, c in coverage(project).items():
        review, _, item = ref.partition("/")
        lr = project.reviews[review]
        group = {"finding": "findings", "lesson": "lessons", "rec": "recommendations"}[item.split("-")[0]]
        idx = next(i for i, it in enumerate(getattr(lr.obj, group)) if it.id == item)
        missing = [label for key, label in (("questions", "quiz question"), ("choices", "scenario choice")) if not c[key]]
        if missing:
            what = " or ".join(missing)
            project.problems.append(Problem(lr.file, lr.line(group, idx), f"'{item}'", f"is not trained by any {what}",
                                            f"add '{ref}' to the 'trains:' list of a {what}"))
