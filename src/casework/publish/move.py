"""`casework move`: rename or move a page without breaking anything.

Moving a page means: the file moves; links to it from other pages are rewritten; links in the page
itself are re-pointed from its new folder; content YAML that names it (sources.yml sections, debrief
protocol pages, module reading lists) is updated; the nav entry in mkdocs.yml follows it; and a
redirect from the old address is added for mkdocs-redirects, so bookmarks and links in old briefings
and printouts keep working. All edits are text edits, so comments and layout are kept.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from casework.problems import CaseworkError

LINK = re.compile(r"(?P<pre>\]\(\s*<?)(?P<target>[^)\s#>]+\.md)(?P<post>(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\))")
CONTENT_GLOBS = ("sources.yml", "reviews/*.yml", "scenarios/*.yml", "quizzes/*.yml", "modules/*.yml", "sets/*.yml")


class MoveError(CaseworkError):
    """A move that cannot be done; nothing was changed."""


@dataclass(frozen=True)
class Edit:
    path: Path
    text: str
    what: str


def norm(page: str, docs_prefix: str) -> str:
    page = page.strip().replace("\\", "/").removeprefix("./")
    if docs_prefix and page.startswith(docs_prefix + "/"):
        page = page[len(docs_prefix) + 1:]
    return page


def _retarget(text: str, page_dir: str, new_dir: str, old: str, new: str) -> str:
    """Rewrite relative .md links in `text`, a page that lived in `page_dir` and now lives in `new_dir`."""

    def one(m: re.Match[str]) -> str:
        target = m.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return m.group(0)
        resolved = posixpath.normpath(posixpath.join(page_dir, target))
        if resolved == old:
            resolved = new
        elif page_dir == new_dir:
            return m.group(0)
        link = posixpath.relpath(resolved, new_dir or ".")
        return m.group("pre") + link + m.group("post")

    return LINK.sub(one, text)


def plan(root: Path, docs_dir: Path, config: Path, old: str, new: str) -> list[Edit]:
    """Every edit a move makes, without making any; raises MoveError when the move cannot be done."""
    prefix = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else ""
    old, new = norm(old, prefix), norm(new, prefix)
    for label, page in (("old", old), ("new", new)):
        _inside_docs(docs_dir, page, label, prefix or docs_dir.name)
        if not page.endswith(".md"):
            raise MoveError(f"the {label} path '{page}' is not a Markdown page", "give paths under docs/ ending in .md, e.g. protocol/section-3.md")
    source = docs_dir / old
    if not source.is_file():
        near = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob(Path(old).name))
        raise MoveError(f"there is no page '{old}' under {prefix or docs_dir}/",
                        f"pages with that name: {', '.join(near)}" if near else "give the path as it is under docs/")
    if (docs_dir / new).exists():
        raise MoveError(f"'{new}' already exists", "choose a new path, or delete that page first")
    old_dir, new_dir = posixpath.dirname(old), posixpath.dirname(new)
    edits: list[Edit] = []
    moved = _retarget(source.read_text(encoding="utf-8"), old_dir, new_dir, old, new)
    edits.append(Edit(docs_dir / new, moved, f"moved from {prefix}/{old}" if prefix else f"moved from {old}"))
    for md in sorted(docs_dir.rglob("*.md")):
        page = md.relative_to(docs_dir).as_posix()
        if page == old:
            continue
        text = md.read_text(encoding="utf-8")
        page_dir = posixpath.dirname(page)
        updated = _retarget(text, page_dir, page_dir, old, new)
        if updated != text:
            edits.append(Edit(md, updated, "links updated"))
    exact = re.compile(rf"(?<![\w/.-]){re.escape(old)}(?![\w/.-])")
    for pattern in CONTENT_GLOBS:
        for f in sorted(root.glob(pattern)):
            text = f.read_text(encoding="utf-8")
            if exact.search(text):
                edits.append(Edit(f, exact.sub(new, text), "page path updated"))
    if config.is_file():
        edits.append(Edit(config, _config_with_move(config.read_text(encoding="utf-8"), old, new), "nav entry moved and redirect added"))
    return edits


def _inside_docs(docs_dir: Path, page: str, label: str, shown: str) -> None:
    """Refuse a path that is absolute, climbs out with '..', or resolves (through a symlink) outside the docs folder:
    a move writes and deletes files, and puts the path into the nav and the content."""
    hint = f"give the page's path under {shown}/, e.g. protocol/section-3.md"
    if not page or page.startswith("/") or Path(page).is_absolute() or re.match(r"^[A-Za-z]:", page):
        raise MoveError(f"the {label} path '{page}' is not a path under {shown}/", hint)
    if ".." in page.split("/"):
        raise MoveError(f"the {label} path '{page}' uses '..', which leaves {shown}/", hint)
    if not (docs_dir / page).resolve().is_relative_to(docs_dir.resolve()):
        raise MoveError(f"the {label} path '{page}' leads outside {shown}/ (through a symbolic link)", hint)


def _config_with_move(text: str, old: str, new: str) -> str:
    """mkdocs.yml with the nav entry pointing at `new` and a redirect from `old` for mkdocs-redirects."""
    nav_entry = re.compile(rf"^(\s*-\s*(?:[^:\n]+:\s*)?){re.escape(old)}\s*$", re.M)
    text = nav_entry.sub(lambda m: m.group(1) + new, text)
    # earlier redirects to the old path go straight to the new one (no chains of redirects)
    text = re.sub(rf"^(\s+[\w./-]+\.md:\s*){re.escape(old)}\s*$", lambda m: m.group(1) + new, text, flags=re.M)
    # moving a page back to an address it once had: that address is a page again, not a redirect
    text = re.sub(rf"^[ \t]+{re.escape(new)}:[ \t]*\S+[ \t]*\n", "", text, flags=re.M)
    redirect = f"{old}: {new}"
    m = re.search(r"^(?P<indent>[ \t]*)redirect_maps:[ \t]*(?P<empty>\{\})?[ \t]*$", text, re.M)
    if m:
        indent = m.group("indent")
        after = text[m.end():]
        existing = re.match(r"\n([ \t]+)\S", after)
        child = existing.group(1) if existing and not m.group("empty") and len(existing.group(1)) > len(indent) else indent + "  "
        head = text[: m.start()] + f"{indent}redirect_maps:"
        return head + f"\n{child}{redirect}" + after
    plugins = re.search(r"^plugins:[ \t]*\n(?P<item>[ \t]*)-", text, re.M)
    if not plugins:
        raise MoveError("mkdocs.yml has no 'plugins:' list to add the redirect to",
                        f"add the redirects plugin with `redirect_maps:` and the line '{redirect}'")
    item = plugins.group("item")
    block = f"{item}- redirects:\n{item}    redirect_maps:\n{item}      {redirect}\n"
    return text[: plugins.start("item")] + block + text[plugins.start("item"):]


def apply(edits: list[Edit], old_file: Path) -> None:
    for e in edits:
        e.path.parent.mkdir(parents=True, exist_ok=True)
        e.path.write_text(e.text, encoding="utf-8")
    old_file.unlink()
