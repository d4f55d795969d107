"""Load YAML while keeping the line of every node, and never raising on bad input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casework.problems import Problem

Path_ = tuple[str | int, ...]
FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present, for plain data

# Limits, so that no file can take the build down (issue #18): each gives a one-line `file:line` problem.
MAX_BYTES = 2_000_000  # the largest content file today is under 50 KB
MAX_LINE = 10_000  # characters on one line; content lines today are under 500
MAX_DEPTH = 40  # levels of nesting; content needs fewer than 10
_FLOW_SCAN = 200  # more '[' and '{' than this (or indentation deeper than this) and the nesting is measured before parsing


class _Refused(Exception):
    """A limit was hit while reading the file: the one problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def split_front_matter(text: str) -> tuple[str, int]:
    """A page's front matter YAML text and the number of lines before its body (0 without front matter)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return "", 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), i + 1
    return "", 0


def front_matter(text: str) -> dict[str, Any]:
    """A page's front matter as data ({} when it has none or it is not a YAML mapping)."""
    fm, _ = split_front_matter(text)
    if not fm.strip() or yaml_limit(fm, "") is not None or ("*" in fm and _first_alias(fm) is not None):
        return {}  # the check reports a front matter over the limits (casework.checks.base)
    try:
        data = yaml.load(fm, Loader=FAST_LOADER)
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError):  # ValueError: a date that is no date, such as 2024-13-01
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Scalar:
    """A YAML scalar value with its path and where it sits in the text (0-based lines and columns)."""

    path: Path_
    value: str
    start: tuple[int, int]
    end: tuple[int, int]
    is_key: bool = False


@dataclass
class YamlDoc:
    """A loaded YAML file: the plain data, the line (1-based) of each path in it, and every scalar (keys
    included, in document order) with its exact place, for checks that point inside a text."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    scalars: list[Scalar] = field(default_factory=list)
    text: str = ""  # the file as written, for checks that quote or locate inside it

    def line(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader whose timestamps stay strings, so dates round-trip as written."""


class _CLoader(FAST_LOADER):  # type: ignore[misc]
    """The same loader on libyaml (about 10x faster); its error messages are worded differently, so a file it
    rejects is parsed again by `_Loader` to report the problem."""


# Dates stay as text ("2024-07"); pydantic parses them where a date is wanted.
_Loader.yaml_implicit_resolvers = _CLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `text`; return the document and any problems (syntax, duplicate keys)."""
    problems: list[Problem] = []
    limit = yaml_limit(text, file)
    if limit is not None:
        return None, [limit]
    try:
        node = _compose(text)
    except RecursionError:  # the pure-Python parser, on a file libyaml rejected: measure the nesting to say where
        return None, [_depth_problem(text, file, yaml.SafeLoader) or _too_deep(file, None)]
    except MemoryError:
        return None, [Problem(file, None, None, "the file is too large to read", "split it into smaller files")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        problems.append(
            Problem(
                file,
                line,
                None,
                f"YAML syntax error: {what}",
                "check the indentation and quoting on this line and the one before it; "
                "text containing ': ' or starting with a special character needs quotes",
            )
        )
        return None, problems
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.append(
            Problem(file, line, None, f"the file contains a control character (U+{char:04X}), which YAML does not allow",
                    "delete it; it usually comes from copying text out of a PDF or a word processor")
        )
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(file, None, None, f"YAML error: {exc}", "save the file as plain UTF-8 text"))
        return None, problems

    doc = YamlDoc(file, None, text=text)
    if node is None:
        doc.data = None
        return doc, problems
    try:
        doc.data = _build(node, (), doc, problems, set())
    except _Refused as refused:
        return None, [refused.problem]
    except (RecursionError, MemoryError):  # not reachable within the limits above; never a traceback all the same
        return None, [_too_deep(file, None)]
    return doc, problems


def yaml_limit(text: str, file: str) -> Problem | None:
    """The problem when `text` is over a size limit (bytes, line length, nesting), else None. Linear in the text, and
    run before parsing: libyaml's composer recurses in C, so a deep enough file would crash the process."""
    if len(text) > MAX_BYTES:
        return Problem(file, None, None, f"the file is {len(text):,} characters long; the limit is {MAX_BYTES:,}", "split it into smaller files")
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    if len(lines[longest]) > MAX_LINE:
        return Problem(file, longest + 1, None, f"this line is {len(lines[longest]):,} characters long; the limit is {MAX_LINE:,}",
                       "break the text over several lines (a long text can be a block: 'text: >' with the lines indented under it)")
    if text.count("[") + text.count("{") > _FLOW_SCAN or any(len(ln) - len(ln.lstrip(" -")) > _FLOW_SCAN for ln in lines):
        return _depth_problem(text, file, FAST_LOADER)
    return None


def _too_deep(file: str, line: int | None) -> Problem:
    return Problem(file, line, None, f"the data is nested more than {MAX_DEPTH} levels deep here",
                   "content files need only a few levels; check for stray '[' or '{' or runaway indentation")


def _depth_problem(text: str, file: str, loader: Any) -> Problem | None:
    """The nesting measured from the parser's events (libyaml's parser keeps its own stack; it never recurses)."""
    parser = loader(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep(file, event.start_mark.line + 1 if event.start_mark else None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: the parse proper reports it
    finally:
        parser.dispose()
    return None


def _first_alias(text: str) -> int | None:
    """The line (1-based) of the first alias (*name) in `text`, None when there is none or the text does not parse."""
    parser = FAST_LOADER(text)
    try:
        while (event := parser.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            if isinstance(event, yaml.AliasEvent):
                return int(event.start_mark.line) + 1 if event.start_mark else None
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None


def _alias_refused(doc: YamlDoc) -> _Refused:
    return _Refused(Problem(doc.file, _first_alias(doc.text), None, "YAML aliases (*name, repeating an &anchor) are not accepted",
                            "write the repeated value out in full where it is needed"))


def read_mapping(path: Path, file: str | None = None) -> YamlDoc | None:
    """A YAML file whose top level is a mapping (such as mkdocs.yml), loaded with its lines; None when it is
    missing, unreadable or not a mapping (whoever owns the file reports that)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    doc, _ = load_yaml(text, file or path.name)
    return doc if doc is not None and isinstance(doc.data, dict) else None


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, from libyaml when it accepts the text, else from the pure-Python parser, whose
    exception (with its wording and line) is what authors see."""
    if FAST_LOADER is not yaml.SafeLoader:
        try:
            fast = _CLoader(text)
            try:
                node: yaml.Node | None = fast.get_single_node()
                return node
            finally:
                fast.dispose()
        except yaml.YAMLError:
            pass
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # most scalars: skip the constructor
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.YAMLError:
        return node.value
    finally:
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.recursive_objects.clear()


def _build(node: yaml.Node, path: Path_, doc: YamlDoc, problems: list[Problem], seen: set[int]) -> Any:
    """The data of `node`. An alias is the same node object met twice (libyaml shares it), so it is refused
    before it can be expanded: nine lines of aliases would otherwise expand to a billion values."""
    if id(node) in seen:
        raise _alias_refused(doc)
    seen.add(id(node))
    if len(path) >= MAX_DEPTH:
        raise _Refused(_too_deep(doc.file, node.start_mark.line + 1))
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, None, "a mapping key must be plain text", None)
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, None, "YAML merge keys (<<) are not supported", "write the keys out in full")
                )
                continue
            doc.scalars.append(Scalar(path + (key_node.value,), key_node.value, _mark_pos(key_node.start_mark), _mark_pos(key_node.end_mark), True))
            key = _scalar(key_node)
            if not isinstance(key, (str, int)):
                key = str(key)
            if key in out:
                problems.append(
                    Problem(
                        doc.file,
                        key_node.start_mark.line + 1,
                        None,
                        f"key '{key}' appears twice in the same block (first on line {doc.lines.get(path + (key,), '?')})",
                        "keep one of them; YAML would silently drop the first",
                    )
                )
                continue
            out[key] = _build(value_node, path + (key,), doc, problems, seen)
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems, seen) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode):
        doc.scalars.append(Scalar(path, str(node.value), _mark_pos(node.start_mark), _mark_pos(node.end_mark)))
        return _scalar(node)
    return None


def _mark_pos(mark: Any) -> tuple[int, int]:
    return (int(mark.line), int(mark.column))
