"""Load YAML while keeping the line of every node, and never raising on bad input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casework.problems import Problem

Path_ = tuple[str | int, ...]
FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present, for plain data


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
    if not fm.strip():
        return {}
    try:
        data = yaml.load(fm, Loader=FAST_LOADER)
    except (yaml.YAMLError, ValueError):  # ValueError: a date that is no date, such as 2024-13-01
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
    try:
        node = _compose(text)
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
    doc.data = _build(node, (), doc, problems)
    return doc, problems


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


def _build(node: yaml.Node, path: Path_, doc: YamlDoc, problems: list[Problem]) -> Any:
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
            out[key] = _build(value_node, path + (key,), doc, problems)
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode):
        doc.scalars.append(Scalar(path, str(node.value), _mark_pos(node.start_mark), _mark_pos(node.end_mark)))
        return _scalar(node)
    return None


def _mark_pos(mark: Any) -> tuple[int, int]:
    return (int(mark.line), int(mark.column))
