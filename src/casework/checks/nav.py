"""The site navigation (`nav:` in mkdocs.yml): warn about sections too big for every page to carry.

Material writes every entry of the active section into each page of that section, even with
`navigation.prune`, so a section with hundreds of entries makes every page in it heavy and the
build slow (BENCHMARKS.md). The fix is in the content: group a big section into smaller ones.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from casework.content.yamlsrc import Path_, YamlDoc, read_mapping
from casework.problems import Problem

NAV_SECTION_LIMIT = 25
"""The most direct entries a nav section (or the top level) should have; a nested section counts as one."""


def check_nav(nav: Any, file: str = "mkdocs.yml", doc: YamlDoc | None = None) -> list[Problem]:
    """A warning for every nav section with more than NAV_SECTION_LIMIT direct entries.

    `nav` is the `nav:` list as MkDocs reads it (`config.nav` in a plugin) or as `load_yaml` reads
    it; pass the loaded mkdocs.yml as `doc` to give each warning its line. Anything that is not a
    valid nav is skipped: MkDocs reports that itself.
    """
    problems: list[Problem] = []

    def line(path: Path_) -> int | None:
        return doc.lines.get(path) if doc is not None else None

    def walk(entries: list[Any], path: Path_, names: tuple[str, ...]) -> None:
        if len(entries) > NAV_SECTION_LIMIT:
            problems.append(_too_big(file, line(path), names, len(entries)))
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and len(entry) == 1:
                title, children = next(iter(entry.items()))
                if isinstance(children, list):
                    walk(children, path + (i, title), names + (str(title),))

    if isinstance(nav, list):
        walk(nav, ("nav",), ())
    return problems


def check_config_nav(config: Path, file: str | None = None, doc: YamlDoc | None = None) -> list[Problem]:
    """Check the nav of `config` (mkdocs.yml), with line numbers. [] when there is no file or it cannot be read
    as YAML (MkDocs reports that). !ENV and !!python/name: tags are tolerated. Pass `doc` when it is already loaded."""
    doc = doc or read_mapping(config, file)
    return check_nav(doc.data.get("nav"), doc.file, doc) if doc is not None else []


def _too_big(file: str, line: int | None, names: tuple[str, ...], count: int) -> Problem:
    if not names:
        return Problem(file, line, "nav", f"has {count} top-level entries; Material writes every one of them into every page of the site",
                       f"put related pages into sections, so that the top level has {NAV_SECTION_LIMIT} entries or fewer", severity="warning")
    title = names[-1]
    # a section that is a year already is split by half year
    by, first, second = ("half year", "January to June", "July to December") if re.fullmatch(r"\d{4}", title) else ("year", '"2024"', '"2023"')
    example = "\n".join("        " + ln for ln in (
        f"- {_yaml_text(title)}:",
        f"    - {first}:",
        "        - Case A: reviews/case-a/index.md",
        "        - Case B: reviews/case-b/index.md",
        f"    - {second}:",
        "        - Case C: reviews/case-c/index.md",
    ))
    return Problem(file, line, " > ".join(("nav",) + names),
                   f"has {count} entries; Material writes every one of them into each page of the section, "
                   "so its pages grow with every entry added",
                   f"group them into sections of {NAV_SECTION_LIMIT} or fewer, for example by {by}:\n{example}", severity="warning")


def _yaml_text(text: str) -> str:
    """`text` as a YAML scalar: plain when YAML reads it back unchanged as a key, otherwise quoted."""
    try:
        plain = yaml.safe_load(f"{text}: x")
    except yaml.YAMLError:
        plain = None
    if isinstance(plain, dict) and list(plain) == [text] and "#" not in text:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
