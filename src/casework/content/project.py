"""Load a casework content folder into typed objects, collecting every problem in one pass."""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from casework.content.model import GlossaryFile, Module, QuestionSet, QuizBank, Review, Scenario, Source, SourcesFile, Term, Theme, ThemesFile
from casework.content.yamlsrc import YamlDoc, front_matter, load_yaml
from casework.problems import Problem

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

CONTENT_DIRS = ("reviews", "scenarios", "quizzes", "modules", "sets")
ROOT_FILES = ("sources.yml", "glossary.yml", "themes.yml")


@dataclass
class Loaded(Generic[T]):
    """A typed object and the YAML document it came from (for line numbers)."""

    obj: T
    doc: YamlDoc

    @property
    def file(self) -> str:
        return self.doc.file

    def line(self, *path: str | int) -> int | None:
        return self.doc.line(path)


@dataclass
class Project:
    root: Path
    docs_dir: Path
    sources: dict[str, Loaded[Source]] = field(default_factory=dict)
    reviews: dict[str, Loaded[Review]] = field(default_factory=dict)
    scenarios: dict[str, Loaded[Scenario]] = field(default_factory=dict)
    quizzes: dict[str, Loaded[QuizBank]] = field(default_factory=dict)
    modules: dict[str, Loaded[Module]] = field(default_factory=dict)
    sets: dict[str, Loaded[QuestionSet]] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    themes: dict[str, Theme] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    docs_pages: dict[str, str] = field(default_factory=dict)
    """Hand-written Markdown pages (docs-relative path -> text), read once at load."""
    docs_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Their front matter (docs-relative path -> data), parsed once at load."""
    yaml_docs: dict[str, YamlDoc] = field(default_factory=dict)
    """Every content YAML file that parsed, valid or not, by project-relative name (for checks that look inside texts)."""

    @functools.cached_property
    def source_objs(self) -> dict[str, Source]:
        """Source key -> source, for resolving citations (built once, after loading)."""
        return {k: v.obj for k, v in self.sources.items()}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def content_files(self) -> list[Path]:
        """Every file the content is read from (for `mkdocs serve` to watch)."""
        files = [self.root / f for f in ROOT_FILES]
        for d in CONTENT_DIRS:
            files.extend(sorted((self.root / d).glob("*.yml")))
        return files


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# (file, model) -> (text, doc, result, problems) of the last read. `mkdocs serve` rebuilds the whole site after
# every save; with this, a rebuild parses and validates only the files whose text changed.
_READ_CACHE: dict[tuple[str, str], tuple[str, YamlDoc | None, Any, list[Problem]]] = {}
_READ_CACHE_MAX = 50_000


def read_model(path: Path, root: Path, model: type[M], problems: list[Problem],
               docs: dict[str, YamlDoc] | None = None) -> Loaded[M] | None:
    """Read one YAML file as `model`; append problems; return None when it can't be used."""
    name = rel(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8"))
        return None
    except OSError as exc:
        problems.append(Problem(name, None, None, f"cannot be read: {exc.strerror}", None))
        return None
    key = (f"{path.resolve()}|{name}", f"{model.__module__}.{model.__qualname__}")
    cached = _READ_CACHE.get(key)
    if cached is not None and cached[0] == text:
        _, doc, result, found = cached
    else:
        found = []
        doc, result = _parse_model(text, name, model, found)
        if len(_READ_CACHE) >= _READ_CACHE_MAX:
            _READ_CACHE.clear()
        _READ_CACHE[key] = (text, doc, result, found)
    problems.extend(found)
    if doc is not None and docs is not None:
        docs[name] = doc
    return result  # type: ignore[no-any-return]


def _parse_model(text: str, name: str, model: type[M], problems: list[Problem]) -> tuple[YamlDoc | None, Loaded[M] | None]:
    """Parse and validate one file's text (the uncached part of `read_model`)."""
    doc, found = load_yaml(text, name)
    problems.extend(found)
    if doc is None:
        return None, None
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(name, 1, None, "the file should be a YAML mapping (key: value lines)", f"start from the example in the README ({model.__name__})")
        )
        return doc, None
    try:
        obj = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, doc, model))
        return doc, None
    return doc, Loaded(obj, doc)


# --- turning pydantic errors into author-facing messages ----------------------


def describe(loc: tuple[str | int, ...], data: Any) -> str | None:
    """Name the item at `loc` the way an author thinks of it: "node 'n3', choice 2"."""
    parts: list[str] = []
    cur = data
    i = 0
    while i < len(loc):
        key = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if key == "nodes" and nxt is not None and not isinstance(nxt, int):
            parts.append(f"node '{nxt}'")
            cur = _get(_get(cur, key), nxt)
            i += 2
            continue
        if isinstance(nxt, int) and key in {"choices", "options", "questions", "findings", "lessons", "recommendations", "sources", "terms", "themes", "trains", "outcomes"}:
            item = _get(_get(cur, key), nxt)
            ident = item.get("id") or item.get("key") or item.get("term") if isinstance(item, dict) else None
            label = {"choices": "choice", "options": "option", "questions": "question", "findings": "finding",
                     "lessons": "lesson", "recommendations": "recommendation", "sources": "source",
                     "terms": "term", "themes": "theme", "trains": "trains", "outcomes": "outcome"}[key]
            if ident and isinstance(ident, str):
                parts.append(f"{label} '{ident}'")
            elif key in {"sources", "trains"}:
                parts.append(f"{key} entry {nxt + 1}")
            else:
                parts.append(f"{label} {nxt + 1}")
            cur = item
            i += 2
            continue
        cur = _get(cur, key)
        i += 1
    return ", ".join(parts) or None


def _get(obj: Any, key: str | int) -> Any:
    if isinstance(obj, dict):
        return obj.get(key)
    if isinstance(obj, list) and isinstance(key, int) and 0 <= key < len(obj):
        return obj[key]
    return None


def _model_at(model: Any, loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The pydantic model class that owns the last key of `loc`."""
    cur: Any = model
    for key in loc:
        cur = _unwrap(cur)
        if isinstance(cur, type) and issubclass(cur, BaseModel):
            if not isinstance(key, str) or key not in cur.model_fields:
                return None
            cur = cur.model_fields[key].annotation
        else:
            args = typing.get_args(cur)
            origin = typing.get_origin(cur)
            if origin is list and args:
                cur = args[0]
            elif origin is dict and len(args) == 2:
                cur = args[1]
            else:
                return None
    cur = _unwrap(cur)
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(non_none) == 1:
            return _unwrap(non_none[0])
    return tp


def validation_problems(exc: ValidationError, doc: YamlDoc, model: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        item = describe(loc, doc.data)
        line = doc.line(loc)
        last = loc[-1] if loc else None
        hint: str | None = None
        if kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            allowed = ", ".join(owner.model_fields) if owner else ""
            msg = f"unknown key '{last}'"
            hint = f"check the spelling; allowed keys here: {allowed}" if allowed else "remove it"
            item = describe(loc[:-1], doc.data)
        elif kind == "missing":
            msg = f"missing key '{last}'"
            owner = _model_at(model, loc[:-1])
            if owner and isinstance(last, str) and last in owner.model_fields:
                desc = owner.model_fields[last].description
                hint = f"add '{last}:'" + (f" ({desc})" if desc else "")
            item = describe(loc[:-1], doc.data)
            line = doc.line(loc[:-1])
        elif kind == "string_pattern_mismatch":
            pattern = (err.get("ctx") or {}).get("pattern", "")
            msg = f"{err['input']!r} is not in the expected form" if isinstance(last, int) else f"'{last}' is {err['input']!r}, which is not in the expected form"
            hint = _pattern_hint(str(pattern))
        elif kind == "literal_error":
            expected = (err.get("ctx") or {}).get("expected", "")
            msg = f"'{last}' is {err['input']!r}, which is not one of {expected}"
        else:
            text = err["msg"].removeprefix("Value error, ")
            text = text[0].lower() + text[1:] if text else text
            if isinstance(last, str) and not isinstance(err.get("input"), (dict, list)):
                msg = f"'{last}' is {err['input']!r}, but {text}"
            elif isinstance(last, str):
                msg = f"'{last}': {text}"
            else:
                msg = text
        out.append(Problem(doc.file, line, item, msg, hint))
    return out


def _pattern_hint(pattern: str) -> str:
    if "finding|lesson|rec" in pattern and "/" in pattern:
        return "write a review key, a slash and an item ID, e.g. 'lcspr-case-a/finding-2' or 'lcspr-case-a/rec-5'"
    if "finding|lesson|rec" in pattern:
        return "IDs look like 'finding-1', 'lesson-2', 'rec-3'"
    if r" \S" in pattern:
        return "write a source key, a space and a paragraph or section, e.g. 'lcspr-case-a 5.26' or 'nw-protocol Appendix 1'"
    if r"\d{4}" in pattern:
        return "write a date as YYYY, YYYY-MM or YYYY-MM-DD"
    if "A-Za-z0-9" in pattern:
        return "use letters, digits, '-' and '_' only, e.g. 'n1' or 'probation-visit'"
    return "use lower-case letters, digits and single hyphens, e.g. 'lcspr-case-a'"


# --- the whole project --------------------------------------------------------


def _read_list(path: Path, root: Path, model: type[M], problems: list[Problem]) -> Loaded[M] | None:
    if not path.exists():
        return None
    return read_model(path, root, model, problems)


def read_project(root: Path, docs_dir: Path | None = None) -> Project:
    """Read and validate every content file under `root` against its schema. Never raises on bad content.

    Cross-file checks (references, citations, graphs, personal data) are `casework.checks`'s job:
    `casework.checks.load_project` reads and checks in one call.
    """
    root = Path(root)
    project = Project(root=root, docs_dir=docs_dir or root / "docs")
    problems = project.problems

    src = _read_list(root / "sources.yml", root, SourcesFile, problems)
    if src:
        for i, s in enumerate(src.obj.sources):
            if s.key in project.sources:
                problems.append(Problem(src.file, src.line("sources", i), f"source '{s.key}'", "this key is used twice", "give each source its own key"))
            project.sources[s.key] = Loaded(s, src.doc)
    elif not (root / "sources.yml").exists():
        problems.append(Problem("sources.yml", None, None, "file is missing", "create it with a 'sources:' list (see the README)"))

    gl = _read_list(root / "glossary.yml", root, GlossaryFile, problems)
    if gl:
        seen: set[str] = set()
        for i, t in enumerate(gl.obj.terms):
            if t.term in seen:
                problems.append(Problem(gl.file, gl.line("terms", i), f"term '{t.term}'", "defined twice", "keep one definition"))
            seen.add(t.term)
        project.terms = list(gl.obj.terms)

    th = _read_list(root / "themes.yml", root, ThemesFile, problems)
    if th:
        for i, theme in enumerate(th.obj.themes):
            if theme.key in project.themes:
                problems.append(Problem(th.file, th.line("themes", i), f"theme '{theme.key}'", "defined twice", "keep one definition"))
            project.themes[theme.key] = theme

    kinds: list[tuple[str, type[BaseModel], dict[str, Any], str]] = [
        ("reviews", Review, project.reviews, "key"),
        ("scenarios", Scenario, project.scenarios, "id"),
        ("quizzes", QuizBank, project.quizzes, "id"),
        ("modules", Module, project.modules, "id"),
        ("sets", QuestionSet, project.sets, "id"),
    ]
    for folder, model, target, id_field in kinds:
        for path in sorted((root / folder).glob("*.y*ml")):
            loaded = read_model(path, root, model, problems, project.yaml_docs)
            if loaded is None:
                project.unreadable.append(rel(path, root))
                continue
            ident = getattr(loaded.obj, id_field)
            if ident != path.stem:
                problems.append(
                    Problem(loaded.file, loaded.line(id_field), None, f"{id_field} '{ident}' does not match the file name '{path.name}'",
                            f"rename the file to '{ident}{path.suffix}' or set {id_field}: {path.stem}")
                )
            if ident in target:
                problems.append(Problem(loaded.file, loaded.line(id_field), None, f"{id_field} '{ident}' is already used by {target[ident].file}", "give each file its own ID"))
                continue
            target[ident] = loaded

    project.docs_pages = _read_docs(project)
    project.docs_meta = {page: front_matter(text) for page, text in project.docs_pages.items()}
    return project


def _read_docs(project: Project) -> dict[str, str]:
    pages: dict[str, str] = {}
    if not project.docs_dir.is_dir():
        return pages
    for md in sorted(project.docs_dir.rglob("*.md")):
        try:
            pages[md.relative_to(project.docs_dir).as_posix()] = md.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            project.problems.append(Problem(rel(md, project.root), None, None, "cannot be read as UTF-8 text", "save the file as UTF-8"))
    return pages
