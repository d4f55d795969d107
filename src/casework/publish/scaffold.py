"""Scaffolds for new content: `casework new review|scenario|quiz`.

The functions that build file contents are pure (text in, text out); `write_files` is the
only one that touches the disk, and it refuses to overwrite anything.

The file texts are package-data templates in src/casework/publish/templates/ (`*.tmpl`,
`string.Template` syntax: `${name}` placeholders, `$$` for a literal `$`), filled in by
`render_template`; the choices between variants are made here, in Python.

Every scaffolded file explains each field in a comment, with an example and a pointer to
the authoring guide. Every value the author must write is a ``TODO`` placeholder, and the
check in `casework.publishing` reports each one left, so a fresh scaffold fails
`casework check` with a to-do list and a filled-in one passes. Values whose form is fixed
(dates, citations) hold a valid stand-in with a ``# TODO`` note at the end of the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template

from casework.content.yamlsrc import load_yaml
from casework.problems import CaseworkError

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KEY_HINT = "use lower-case letters, digits and single hyphens, e.g. 'lcspr-case-a'"
GUIDE = "docs/authoring/index.md"


class ScaffoldError(CaseworkError):
    """A scaffold that cannot be written."""


@dataclass(frozen=True)
class NewFile:
    """A file to create: its path relative to the project root, and its text."""

    path: str
    content: str


def check_key(what: str, value: str) -> None:
    """Raise unless `value` is a valid key, in the engine's words."""
    if not KEY.match(value):
        raise ScaffoldError(f"'{what}' is {value!r}, which is not in the expected form", KEY_HINT)


def render_template(name: str, **values: str) -> str:
    """Fill in templates/<name> with `values`; a placeholder without a value raises KeyError."""
    text = (files("casework.publish") / "templates" / name).read_text(encoding="utf-8")
    return Template(text).substitute(values)


# --- reviews ----------------------------------------------------------------------------


def dates_yaml(file: str) -> str:
    """The version and dates block every content file ends with (TODOs until filled in)."""
    return render_template("dates.yml.tmpl", file=file)


def review_yaml(key: str) -> str:
    return render_template("review.yml.tmpl", key=key, guide=GUIDE) + dates_yaml(f"reviews/{key}.yml")


def source_entry(key: str, indent: str = "  ") -> str:
    """A sources.yml list item for a new review, to append to the file as text."""
    # The leading blank line separates the entry from what is already in the file.
    return "\n" + render_template("source-entry.yml.tmpl", key=key, guide=GUIDE, i=indent, j=indent + "  ")


def _front_matter(what: str, description: str) -> str:
    return render_template("front-matter.md.tmpl", guide=GUIDE, what=what, description=description)


def briefing_md(key: str, scenario: str, quiz: str) -> str:
    """The 7-minute briefing: docs/reviews/<key>/index.md."""
    front = _front_matter("7-minute briefing", "A 7-minute team briefing on the Case Z review, about a new partner nobody asked about.")
    return render_template("briefing.md.tmpl", front_matter=front, key=key, scenario=scenario, quiz=quiz)


def brief_md(key: str, scenario: str, quiz: str) -> str:
    """The learning brief: docs/reviews/<key>/brief.md."""
    front = _front_matter("learning brief", "What happened in the Case Z review, what it found and recommended, and how it fits with other guidance.")
    return render_template("brief.md.tmpl", front_matter=front, key=key, scenario=scenario, quiz=quiz)


def review_files(key: str) -> list[NewFile]:
    """Every file `casework new review <key>` creates (sources.yml is appended to separately)."""
    check_key("key", key)
    scenario, quiz = f"{key}-scenario", key
    first, second = [f"{key}/finding-1", f"{key}/lesson-1"], [f"{key}/rec-1"]
    citation = f"{key} 1.1"
    return [
        NewFile(f"reviews/{key}.yml", review_yaml(key)),
        NewFile(f"docs/reviews/{key}/index.md", briefing_md(key, scenario, quiz)),
        NewFile(f"docs/reviews/{key}/brief.md", brief_md(key, scenario, quiz)),
        NewFile(f"scenarios/{scenario}.yml", scenario_yaml(scenario, key, first, second, citation, quiz)),
        NewFile(f"quizzes/{quiz}.yml", quiz_yaml(quiz, key, first, second, citation)),
    ]


# --- scenarios --------------------------------------------------------------------------


def _list(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def scenario_yaml(sid: str, review: str, trains_first: Sequence[str], trains_second: Sequence[str], citation: str, quiz: str | None) -> str:
    """A scenario with two decisions and two endings, every path citing the review."""
    quiz_line = (f"      # The quiz bank that goes with this scenario.\n      quiz: {quiz}\n" if quiz
                 else "      # Optional: the id of the quiz bank that goes with this scenario, e.g. quiz: demo\n")
    return render_template("scenario.yml.tmpl", sid=sid, review=review, guide=GUIDE, citation=citation, quiz_line=quiz_line,
                           trains_first=_list(trains_first), trains_first_one=_list(trains_first[:1]),
                           trains_second=_list(trains_second)) + dates_yaml(f"scenarios/{sid}.yml")


# --- quiz banks -------------------------------------------------------------------------


def quiz_yaml(qid: str, review: str | None, trains_first: Sequence[str], trains_second: Sequence[str], citation: str | None) -> str:
    """A quiz bank with a single-choice and a multiple-choice question (a fill-in one commented out)."""
    made_by = f"casework new quiz {qid}" + (f" --review {review}" if review else "")
    review_block = (f"# The key of the review the bank is based on.\nreview: {review}\n" if review
                    else "# Optional: the key of the review the bank is based on, e.g. review: demo-review\n")
    cite = f"[{citation}]  # TODO: the paragraphs this comes from" if citation else "[]  # TODO: citations for the explanation, e.g. [nw-protocol 3.4]"

    def trains(items: Sequence[str]) -> str:
        if items:
            return f"    trains: {_list(items)}\n"
        return "    # trains: the learning items it trains, e.g. [demo-review/finding-1]\n"

    return render_template("quiz.yml.tmpl", qid=qid, made_by=made_by, guide=GUIDE, review_block=review_block, cite=cite,
                           trains_first=trains(trains_first), trains_second=trains(trains_second)) + dates_yaml(f"quizzes/{qid}.yml")


# --- reading what exists ----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFacts:
    """What a standalone scenario or quiz scaffold needs from an existing review."""

    items: list[str]  # "finding-1", "rec-2", ...
    citation: str  # a citation of the review that resolves, e.g. "lcspr-case-a 5.1"


def review_facts(root: Path, key: str) -> ReviewFacts:
    """Read reviews/<key>.yml as written; raise ScaffoldError when there is no such review."""
    path = root / "reviews" / f"{key}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in (root / "reviews").glob("*.yml"))
        raise ScaffoldError(f"there is no review '{key}' (reviews/{key}.yml does not exist)",
                            f"reviews are: {', '.join(known) or 'none'}; create a new one with `casework new review {key}`")
    doc, _ = load_yaml(path.read_text(encoding="utf-8"), f"reviews/{key}.yml")
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    items: list[str] = []
    citation = ""
    for group in ("findings", "lessons", "recommendations"):
        for item in data.get(group) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                items.append(item["id"])
                for c in item.get("sources") or []:
                    if not citation and isinstance(c, str) and c.startswith(f"{key} "):
                        citation = c
    return ReviewFacts(items, citation or f"{key} 1.1")


def scenario_file(root: Path, sid: str, review: str) -> NewFile:
    check_key("id", sid)
    check_key("review", review)
    facts = review_facts(root, review)
    quiz = review if (root / "quizzes" / f"{review}.yml").is_file() else None
    first = [f"{review}/{facts.items[0]}"] if facts.items else []
    second = [f"{review}/{facts.items[-1]}"] if facts.items else []
    return NewFile(f"scenarios/{sid}.yml", scenario_yaml(sid, review, first, second, facts.citation, quiz))


def quiz_file(root: Path, qid: str, review: str | None) -> NewFile:
    check_key("id", qid)
    if review is None:
        return NewFile(f"quizzes/{qid}.yml", quiz_yaml(qid, None, [], [], None))
    check_key("review", review)
    facts = review_facts(root, review)
    first = [f"{review}/{facts.items[0]}"] if facts.items else []
    second = [f"{review}/{facts.items[-1]}"] if facts.items else []
    return NewFile(f"quizzes/{qid}.yml", quiz_yaml(qid, review, first, second, facts.citation))


# --- writing ----------------------------------------------------------------------------


def has_source(sources_text: str, key: str) -> bool:
    return re.search(rf"^\s*-\s+key:\s*['\"]?{re.escape(key)}['\"]?\s*(#.*)?$", sources_text, re.M) is not None


def list_indent(sources_text: str) -> str:
    """The indentation of the items under `sources:` ("  " when there are none yet)."""
    m = re.search(r"^([ \t]*)-\s+key:", sources_text, re.M)
    return m.group(1) if m else "  "


def write_files(root: Path, files: Sequence[NewFile], source_key: str | None = None) -> list[str]:
    """Create `files` under `root` and, for `source_key`, append a sources.yml entry.

    Refuses (ScaffoldError, nothing written) if any file exists. Returns what was done, one
    line each. The sources.yml entry is appended as text, so the file's comments and layout
    stay as they are; it is skipped if the key is already there.
    """
    existing = [f.path for f in files if (root / f.path).exists()]
    if existing:
        raise ScaffoldError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; nothing was written",
                            "choose another name, or move the existing file out of the way first")
    done: list[str] = []
    sources = root / "sources.yml"
    source_text: str | None = None
    if source_key is not None:
        original = sources.read_text(encoding="utf-8") if sources.exists() else "sources:\n"
        if has_source(original, source_key):
            done.append(f"sources.yml already has an entry for '{source_key}': left as it is")
        else:
            source_text = original + ("" if original.endswith("\n") else "\n") + source_entry(source_key, list_indent(original))
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(f.content)
        done.append(f"created {f.path}")
    if source_text is not None:
        sources.write_text(source_text, encoding="utf-8", newline="\n")
        done.append(f"added an entry for '{source_key}' at the end of sources.yml")
    return done


# --- what to do next --------------------------------------------------------------------


def nav_review(key: str) -> str:
    return f"""\
      - {key}:
          - reviews/{key}/index.md
          - reviews/{key}/brief.md
          - reviews/{key}/findings.md"""


def next_steps(files: Sequence[NewFile], review: str | None = None, scenario: str | None = None, quiz: str | None = None,
               wired: list[str] | None = None) -> str:
    """What to do after scaffolding: with `wired`, what was added to mkdocs.yml's nav; without, the lines to paste."""
    names = ", ".join(f.path for f in files)
    out = [
        "",
        "Next steps:",
        f"  1. Fill in every TODO in {names}" + (" and in the new entry at the end of sources.yml." if review else "."),
        "     Each field is explained in a comment above it, with an example; the authoring guide",
        f"     ({GUIDE}) has the details.",
        "  2. Run `casework check` (or `make check`). Until every TODO is filled in it fails and lists",
        "     each one left, with its file and line. Fix everything it reports until it says `all good`.",
    ]
    if wired is not None:
        out += ["  3. The new pages are in the navigation (mkdocs.yml, nav:): " + ("; ".join(wired) or "they were there already") + "."]
        if review:
            out += [f"     Rename the label of '{review} (year)' to the review's short name and year, like `Case A (2024)`,",
                    "     and move it if the review's year is not this year: the list is in year order."]
        review = scenario = quiz = None  # nothing to paste
    else:
        out += ["  3. Add the new pages to the navigation in mkdocs.yml (nav:), copying these lines exactly:"]
    if review:
        out += ["", "     In the `- Case reviews:` list, before `- reviews/themes.md` (then change the label",
                f"     '{review}' to the review's short name and year, like `Case A (2024)`):", "", nav_review(review)]
    if scenario:
        out += ["", "     In the `- Scenarios:` list:", "", f"      - scenarios/{scenario}/index.md"]
    if quiz:
        out += ["", "     In the `- Quizzes:` list, before `- progress.md`:", "", f"      - quizzes/{quiz}.md"]
    out += [
        "",
        "  4. Preview with `make serve`, build with `make build`, then make a zip to share with",
        "     `casework export site` (authoring guide: \"Adding a new review, step by step\").",
    ]
    return "\n".join(out)
