"""Scenario checks: choices that go nowhere, unreachable nodes, dead ends, loops with no way out, endings without a debrief."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from casework.content.model import Choice, Node, Scenario
from casework.problems import Problem

if TYPE_CHECKING:
    from casework.content.project import Loaded, Project
from casework.checks.base import Cite


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
        seen: dict[str, int] = {}
        for i, ch in enumerate(node.choices):
            cw = f"node '{nid}', choice {i + 1}"
            if ch.key() in seen:
                p.append(Problem(f, ls.line("nodes", nid, "choices", i), cw, f"has the same ID '{ch.key()}' as choice {seen[ch.key()] + 1}",
                                 "give the two choices different text, or different 'id:' values"))
            seen.setdefault(ch.key(), i)
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
