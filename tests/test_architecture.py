"""The package reads as the pipeline: content -> checks -> render -> publish, adapters on top.

Imports point one way, down the pipeline, with no cycles; no module is over 450 lines; private
helpers are not imported across modules; the core never imports MkDocs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "casework"
MAX_LINES = 450
# lower layers never import higher ones; modules in one layer may import each other, without cycles
LAYERS = {"problems": 0, "content": 1, "checks": 2, "render": 3, "publish": 4, "cli": 5, "mkdocs_plugin": 5}
CORE = ("content", "checks", "render", "publish")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["casework", *parts])


def imports_of(path: Path) -> list[tuple[str, list[str], int]]:
    """Every `casework` import in a file (module level, in functions, under TYPE_CHECKING): (module, names, line)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names]
    return out


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if parts[0] == "casework" and len(parts) > 1 else None


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PKG.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for m, path in modules.items():
        for target, names, _ in imports_of(path):
            if not target.startswith("casework"):
                continue
            # `from casework.render import pages` imports the module casework.render.pages
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in modules]
            edges[m].update(subs or [target])
    return edges


def layer_violations(edges: dict[str, set[str]]) -> list[str]:
    bad = []
    for m, targets in edges.items():
        for t in targets:
            lm, lt = layer(m), layer(t)
            if lm is not None and lt is not None and lt > lm:
                bad.append(f"{m} imports {t}, which is further down the pipeline")
    return sorted(bad)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle between modules (a package's __init__ importing its own modules is not one: they
    are loaded after it, but a module importing its package's __init__ back is)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(edges.get(m, ())):
            if t.startswith(m + "."):
                continue  # a package importing its own submodule
            if state.get(t) == 1:
                found.append(stack[stack.index(t):] + [t])
            elif t in edges and t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)
    return found


def test_the_checker_sees_a_cycle_and_an_upward_import() -> None:
    bad = {"casework.content.a": {"casework.render.x"}, "casework.render.x": {"casework.render.y"}, "casework.render.y": {"casework.render.x"}}
    assert layer_violations(bad) == ["casework.content.a imports casework.render.x, which is further down the pipeline"]
    assert cycles(bad) == [["casework.render.x", "casework.render.y", "casework.render.x"]]


def test_imports_point_down_the_pipeline() -> None:
    edges = graph()
    assert all(layer(m) is not None for m in edges if m != "casework"), "every module belongs to a layer"
    assert layer_violations(edges) == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_core_never_imports_mkdocs() -> None:
    """The core is free of the plugin API (mkdocs-quiz's QTI writer is a library, not the plugin)."""
    bad = [f"{module_name(p)}:{line} imports {t}" for p in PKG.rglob("*.py") if module_name(p).split(".")[1:2] and module_name(p).split(".")[1] in CORE
           for t, _, line in imports_of(p) if t.split(".")[0] in ("mkdocs", "material") or t == "mkdocs_quiz.plugin"]
    assert bad == []


def test_private_helpers_are_not_imported_across_modules() -> None:
    bad = [f"{module_name(p)}:{line} imports {n} from {t}" for p in PKG.rglob("*.py")
           for t, names, line in imports_of(p) if t.startswith("casework") for n in names if n.startswith("_")]
    assert bad == []


@pytest.mark.parametrize("path", sorted(p for p in PKG.rglob("*") if p.suffix in (".py", ".js")), ids=lambda p: str(p.relative_to(PKG)))
def test_no_module_over_450_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_readme_map_matches_the_tree() -> None:
    """README's map of the engine names every folder and module that exists, and none that does not."""
    readme = (PKG.parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("### The engine's map", 1)[1].split("```", 2)[1]
    sections: dict[str, set[str]] = {}
    current = ""
    for line in block.splitlines():
        words = line.split()
        if not words:
            continue
        if line.startswith("  ") and not line.startswith("    ") and words[0].endswith("/"):
            current = words[0].rstrip("/")
        elif line.startswith("  ") and not line.startswith("    "):
            current = ""
        names = {w.rstrip(",:") for w in line.split("  ") for w in w.split() if w.rstrip(",:").endswith(".py")}
        sections.setdefault(current, set()).update(names)
    for folder in ("content", "checks", "render", "publish"):
        on_disk = {p.name for p in (PKG / folder).glob("*.py")} - {"__init__.py"}
        assert sections.get(folder, set()) - {"__init__.py"} == on_disk, folder
    assert sections[""] == {p.name for p in PKG.glob("*.py")} - {"__init__.py"}
