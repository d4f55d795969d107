"""Checks before publishing: leftover TODO placeholders, personal data, pages past their review date.

All three read the files as written (YAML and Markdown text with line numbers), so they work
even on a file the schema rejected, and they never raise on bad input.

- **TODO placeholders.** Any ``TODO`` in a YAML value, or in a comment at the end of a YAML
  line, or in the text or front matter of a Markdown page (outside code), is an error. The
  scaffolds (``casework new``) use them, so a freshly scaffolded review fails the check with
  a to-do list.
- **Personal data.** Reviews must stay anonymised. Review, scenario and quiz YAML and the pages
  under ``docs/reviews/`` are checked for names with a title (``Mr Smith``), dates of birth,
  street addresses, postcodes, phone numbers and email addresses; every other page for
  postcodes, phone numbers and email addresses. Identifiers that any review lists under
  ``identifiers:`` and single-letter identifiers (``Mr A``, ``HH``) are allowed. A page of
  public contacts (helplines) opts out of the contact checks with ``public_contact_details: true``
  in its front matter, and a page that names someone in their public role (a researcher quoted by
  the review) lists them under ``public_names:``.
- **Amendment logs.** A page's front matter ``amendments`` must be a list of entries, each with a
  ``date`` (``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known) and a ``note``; an entry
  what's new cannot read would otherwise be left out of the page and the feeds without a word.
- **Review dates.** A page whose front matter ``next_review`` has passed gets a warning. This
  one needs a date, so `casework check` runs it (``check_review_dates``); the build does not,
  because the page shows its own banner there and a warning would stop a strict build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casework.forms import check_forms
from casework.pages import _date
from casework.problems import Problem
from casework.project import CONTENT_DIRS, ROOT_FILES, Project, describe, rel
from casework.whatsnew import log_date
from casework.yamlsrc import Scalar, load_yaml, split_front_matter

Path_ = tuple[str | int, ...]

TODO = re.compile(r"\bTODO\b")
OPT_OUT_KEY = "public_contact_details"
PUBLIC_NAMES_KEY = "public_names"  # front matter: people named in their public role (a researcher, an author)
PERSONAL_DIRS = ("reviews", "scenarios", "quizzes")
# YAML fields never checked for personal data: the identifiers themselves, and machine keys.
NOT_PROSE = {"identifiers", "sources", "trains", "id", "key", "goto", "start", "review", "quiz", "protocol", "url", "page", "locators"}


def check_publishing(project: Project, today: dt.date | None = None) -> list[Problem]:
    """Every publishing problem: TODO placeholders and personal data; review dates when `today` is given."""
    problems = (check_todos(project) + check_personal_data(project) + check_amendments(project)
                + check_forms(project.docs_pages, _docs_prefix(project)))
    if today is not None:
        problems += check_review_dates(project, today)
    return problems


# --- reading files as written ---------------------------------------------------------




def parse_yaml(text: str) -> tuple[Any, list[Scalar]]:
    """The data and every scalar with its place, for a text that is not one of the loaded content files
    (a page's front matter, a file the schema rejected); (None, []) when the YAML cannot be read."""
    doc, _ = load_yaml(text, "")
    return (doc.data, doc.scalars) if doc is not None else (None, [])


def field_label(path: Path_, data: Any) -> tuple[str | None, str]:
    """The item and the field a YAML path names: ("finding 'finding-1'", "title")."""
    segs = list(path)
    suffix = ""
    if segs and isinstance(segs[-1], int):
        suffix = f" (item {segs[-1] + 1})"
        segs = segs[:-1]
    boundary = -1
    for i, s in enumerate(segs):
        if isinstance(s, int) or (i > 0 and segs[i - 1] == "nodes"):
            boundary = i
    item = describe(tuple(segs[: boundary + 1]), data) if boundary >= 0 else None
    if item is None:  # a list describe() has no name for: spell the whole path out
        boundary = -1
    field = ".".join(str(s) if isinstance(s, str) else f"(item {s + 1})" for s in segs[boundary + 1:]).replace(".(", " (")
    return item, (field or "value") + suffix


def _line_of(lines: list[str], scalar: Scalar, pattern: re.Pattern[str] | str) -> int:
    """The 1-based line inside `scalar` where `pattern` (or a literal string) first appears."""
    first, last = scalar.start[0], scalar.end[0]
    if last > first and scalar.end[1] == 0:  # a block scalar ends at the start of the next line
        last -= 1
    for i in range(first, min(last, len(lines) - 1) + 1):
        text = lines[i]
        if i == first:
            text = " " * scalar.start[1] + text[scalar.start[1]:]
        if (pattern.search(text) if isinstance(pattern, re.Pattern) else pattern in text):
            return i + 1
    return first + 1


def _inside(scalars: list[Scalar], line: int, col: int) -> bool:
    return any(s.start <= (line, col) < s.end for s in scalars)


@dataclass(frozen=True)
class MdLine:
    number: int  # 1-based
    text: str  # code spans blanked out
    field: str  # "section '1. Background'" or "front matter 'title'"


_FENCE = re.compile(r"^\s*(```+|~~~+)")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_FM_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def markdown_lines(text: str, front: bool = True) -> Iterator[MdLine]:
    """The lines of a page an author wrote as prose: front matter (unless `front` is false) and text, not code."""
    lines = text.split("\n")
    _, body_start = split_front_matter(text)
    key = ""
    for i in range(1, max(body_start - 1, 1) if front else 1):
        m = _FM_KEY.match(lines[i])
        key = m.group(1) if m else key
        yield MdLine(i + 1, lines[i], f"front matter '{key or lines[i].strip()}'")
    section = "top of the page"
    fence: str | None = None
    for i in range(body_start, len(lines)):
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        h = _HEADING.match(line)
        field = section
        if h and line.startswith("# "):
            field = "page title"
        elif h:
            title = TODO.split(h.group(1))[0].rstrip(" :-") or "untitled"
            section = f"section '{title}'"
            field = f"heading '{title}'" if TODO.search(h.group(1)) else section
        yield MdLine(i + 1, _INLINE_CODE.sub(lambda c: " " * len(c.group(0)), line), field)


def _content_files(project: Project) -> list[str]:
    """Every content YAML file, relative to the root."""
    files = [f for f in ROOT_FILES if (project.root / f).is_file()]
    for d in CONTENT_DIRS:
        files.extend(rel(p, project.root) for p in sorted((project.root / d).glob("*.y*ml")))
    return files


def _read(project: Project, name: str) -> str | None:
    try:
        return (project.root / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the loader has already said so


def _docs_prefix(project: Project) -> str:
    return rel(project.docs_dir, project.root)


# --- TODO placeholders ---------------------------------------------------------------


def _what_to_write(text: str) -> str:
    """The words after TODO: "TODO: a one-line title" -> "a one-line title"."""
    m = TODO.search(text)
    rest = text[m.end():] if m else ""
    rest = re.sub(r"^[\s:.,;-]+", "", rest)
    rest = re.split(r",? e\.g\.|\.\s|\s\(|\s\||\bTODO\b|\*\*|-->", rest)[0]
    rest = re.sub(r"\s+", " ", rest).strip().rstrip(".,;: ")
    if len(rest) > 160:
        rest = rest[:157].rsplit(" ", 1)[0] + "..."
    return rest or "replace it with the real text"


def todo_problems_yaml(file: str, text: str, line_offset: int = 0, label: str = "{}") -> list[Problem]:
    """TODOs in the values of a YAML text and in comments at the ends of its lines."""
    out: list[Problem] = []
    lines = text.split("\n")
    data, scalars = parse_yaml(text)
    reported: set[int] = set()
    for s in scalars:
        if s.is_key or not TODO.search(s.value):
            continue
        line = _line_of(lines, s, TODO)
        item, field = field_label(s.path, data)
        reported.add(line)
        out.append(Problem(file, line + line_offset, item, f"still has a TODO placeholder: {label.format(field)} — {_what_to_write(s.value)}"))
    for i, raw in enumerate(lines):
        if i + 1 in reported or raw.lstrip().startswith("#"):
            continue
        for m in TODO.finditer(raw):
            hash_at = raw.rfind("#", 0, m.start())
            if _inside(scalars, i, m.start()) or hash_at < 0 or _inside(scalars, i, hash_at):
                continue
            before = [s for s in scalars if s.start < (i, hash_at)]
            path = before[-1].path if before else ()
            while path and isinstance(path[-1], int):
                path = path[:-1]
            item, field = field_label(path, data) if path else (None, "comment")
            out.append(Problem(file, i + 1 + line_offset, item, f"still has a TODO placeholder: {label.format(field)} — {_what_to_write(raw[hash_at + 1:])}"))
            break
    return out


def check_todos(project: Project) -> list[Problem]:
    out: list[Problem] = []
    for name in _content_files(project):
        text = _read(project, name)
        if text is None or "TODO" not in text:
            continue
        out += todo_problems_yaml(name, text)
    prefix = _docs_prefix(project)
    for page, text in project.docs_pages.items():
        if "TODO" not in text:
            continue
        file = f"{prefix}/{page}"
        fm, _ = split_front_matter(text)
        if "TODO" in fm:
            out += todo_problems_yaml(file, fm, line_offset=1, label="front matter '{}'")
        for ln in markdown_lines(text, front=False):
            if TODO.search(ln.text):
                out.append(Problem(file, ln.number, None, f"still has a TODO placeholder: {ln.field} — {_what_to_write(ln.text)}"))
    return out


# --- personal data ---------------------------------------------------------------------

TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)"
_NAME_WORD = r"[A-Z][A-Za-z]*(?:['’-][A-Z][a-z]+)*"
TITLED_NAME = re.compile(rf"\b{TITLES}\.?[ \t]+(?P<first>{_NAME_WORD})(?:[ \t]+(?P<second>{_NAME_WORD}))?")
# "A", "HH", "J2": the anonymised letters reviews use
_ID_LIKE = re.compile(r"^[A-Z]{1,3}\d{0,2}$")

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_FULL_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+\d{{4}}"
              rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
              r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
              r"|\d{4}-\d{2}-\d{2})")
DATE_OF_BIRTH = re.compile(
    rf"(?:\bborn(?:\s+on)?\s+|\b(?:DOB|D\.O\.B\.?|d\.o\.b\.?|[Dd]ate\s+of\s+[Bb]irth)(?![A-Za-z])\s*(?:[:\-–]|\bwas\b|\bis\b|\bof\b)?\s*){_FULL_DATE}")
_STREET = r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Gardens|Place|Terrace|Court|Grove|Mews|Row|Walk|Square|Rise|Parade|Hill)"
STREET_ADDRESS = re.compile(rf"(?<![\w.])\d{{1,4}}[A-Za-z]?,?[ \t]+(?:(?:[A-Z][a-z]+|[A-Z][a-z]+['’]s)[ \t]+){{1,3}}{_STREET}\b\.?")
POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)[ \t]?\d[ABD-HJLNP-UW-Z]{2}\b")
PHONE = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)[1-9]\d{1,4}\)?(?:[ \t-]?\d){6,8}(?![\d])")
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+")


_DIGIT = re.compile(r"\d")
_TITLE_WORD = re.compile(rf"\b{TITLES}\b")
_BIRTH_WORD = re.compile(r"born|DOB|D\.O\.B|d\.o\.b|[Bb]irth")


@dataclass(frozen=True)
class Found:
    kind: str
    text: str


KINDS: dict[str, tuple[str, str]] = {
    "name": ("a person's name", "use only the review's anonymised identifiers (such as 'Mr A'); if the review itself uses this one, add it to the review's 'identifiers:' list"),
    "dob": ("a date of birth", "give ages as the review gives them (such as 'aged 2'), never a date of birth"),
    "address": ("a street address", "remove it; say what kind of place it was, such as 'the family home', as the review does"),
    "postcode": ("a postcode", "remove it; name no place more precisely than the review does"),
    "phone": ("a phone number", "remove it; a page of public helplines can set 'public_contact_details: true' in its front matter"),
    "email": ("an email address", "remove it; a page of public contacts can set 'public_contact_details: true' in its front matter"),
}
CONTACT_KINDS = ("postcode", "phone", "email")


def find_personal_data(text: str, allowed: set[str] | frozenset[str] = frozenset(), kinds: tuple[str, ...] = tuple(KINDS)) -> list[Found]:
    """Likely personal data in `text`. `allowed` holds identifiers the reviews themselves use."""
    found: list[Found] = []
    # Cheap tests first: this runs on every line of every page at every build.
    has_digit = _DIGIT.search(text) is not None
    plain = URL.sub(lambda m: " " * len(m.group(0)), text) if ("://" in text or "www." in text) else text
    if "email" in kinds and "@" in text:
        for m in EMAIL.finditer(text):
            found.append(Found("email", m.group(0)))
        plain = EMAIL.sub(lambda m: " " * len(m.group(0)), plain)
    if "name" in kinds and _TITLE_WORD.search(plain):
        for m in TITLED_NAME.finditer(plain):
            first, second = m.group("first"), m.group("second")
            short = m.group(0)[: m.end("first") - m.start()]
            if second is not None and not _looks_like_surname(second):
                second = None
            name = m.group(0) if second is not None else short
            if _ID_LIKE.match(first) and (second is None or _ID_LIKE.match(second)):
                continue  # "Mr A", "Ms X Y": the letters reviews use
            if _allowed_name(name, allowed) or _allowed_name(short, allowed):
                continue
            found.append(Found("name", name))
    if not has_digit:
        return found
    if "dob" in kinds and _BIRTH_WORD.search(plain):
        found += [Found("dob", m.group(0)) for m in DATE_OF_BIRTH.finditer(plain)]
    if "address" in kinds:
        found += [Found("address", m.group(0).rstrip(".")) for m in STREET_ADDRESS.finditer(plain)]
    if "postcode" in kinds:
        found += [Found("postcode", m.group(0)) for m in POSTCODE.finditer(plain)]
    if "phone" in kinds:
        found += [Found("phone", m.group(0)) for m in PHONE.finditer(plain) if _uk_phone_digits(m.group(0))]
    return found


def _uk_phone_digits(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+44"):
        national = digits[2:].removeprefix("0")
        return len(national) == 10
    return len(digits) == 11 and digits.startswith("0")


# Words that follow a title without being a surname: "Mr A Team", "Ms R Told".
def _looks_like_surname(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:['’-][A-Z][a-z]+)*", word)) and word not in _COMMON_CAPITALISED


_COMMON_CAPITALISED = {
    "The", "A", "An", "And", "Or", "But", "He", "She", "They", "It", "His", "Her", "Their", "In", "On", "At", "To",
    "Of", "For", "With", "When", "While", "Was", "Is", "Had", "Has", "Did", "Does", "Then", "So", "As", "If",
    "Police", "Probation", "Court", "Jigsaw", "Team", "Level", "Section", "MAPPA", "GP",
}


def _allowed_name(text: str, allowed: set[str] | frozenset[str]) -> bool:
    norm = re.sub(r"\s+", " ", text).strip()
    return norm in allowed or norm.replace(".", "", 1) in allowed


def _identifiers(project: Project) -> set[str]:
    """Every identifier any review lists: each is, by definition, anonymised."""
    out: set[str] = set()
    for lr in project.reviews.values():
        out.update(re.sub(r"\s+", " ", i).strip() for i in lr.obj.identifiers)
    for name in project.unreadable:
        if name.startswith("reviews/"):
            doc = project.yaml_docs.get(name)  # parsed by the loader even though the schema rejected it
            ids = doc.data.get("identifiers") if doc and isinstance(doc.data, dict) else None
            if isinstance(ids, list):
                out.update(str(i).strip() for i in ids)
    return out


def _personal_problem(file: str, line: int, item: str | None, field: str, f: Found) -> Problem:
    label, hint = KINDS[f.kind]
    return Problem(file, line, item, f"{field}: looks like {label}: '{f.text}'", hint)


def check_personal_data(project: Project) -> list[Problem]:
    out: list[Problem] = []
    allowed = _identifiers(project)
    for name, doc in sorted(project.yaml_docs.items()):  # every content file that parsed, valid or not
        if name.split("/", 1)[0] in PERSONAL_DIRS:
            lines = doc.text.split("\n")
            for s in doc.scalars:
                if s.is_key or any(isinstance(p, str) and p in NOT_PROSE for p in s.path):
                    continue
                for f in find_personal_data(s.value, allowed):
                    item, field = field_label(s.path, doc.data)
                    out.append(_personal_problem(name, _line_of(lines, s, f.text), item, field, f))
    prefix = _docs_prefix(project)
    for page, text in project.docs_pages.items():
        kinds = tuple(KINDS) if page.startswith("reviews/") else CONTACT_KINDS
        meta = project.docs_meta.get(page, {})
        if meta.get(OPT_OUT_KEY) is True:
            kinds = tuple(k for k in kinds if k not in CONTACT_KINDS)
        if not kinds:
            continue
        public = meta.get(PUBLIC_NAMES_KEY)
        page_allowed = allowed | {str(n).strip() for n in public} if isinstance(public, list) else allowed
        for ln in markdown_lines(text):
            for f in find_personal_data(ln.text, page_allowed, kinds):
                out.append(_personal_problem(f"{prefix}/{page}", ln.number, None, ln.field, f))
    return out


# --- amendment logs --------------------------------------------------------------------

AMENDMENT_KEYS = ("date", "note")
AMENDMENT_HINT = ("give every entry a date (YYYY-MM-DD, or YYYY-MM when only the month is known) and a one-sentence note, "
                  "newest last, for example:\n"
                  "        amendments:\n"
                  "          - date: 2026-11-21\n"
                  "            note: First published.\n"
                  "          - date: 2027-03\n"
                  "            note: Updated the contact numbers.")
DATE_HINT = "write the date as YYYY-MM-DD, or YYYY-MM when only the month is known, such as 'date: 2026-11-21' or 'date: 2027-03'"
NOTE_HINT = "say what changed and why in one sentence, such as 'note: Updated the contact numbers.'"


def amendment_problems(file: str, front: str) -> list[Problem]:
    """Every problem with the `amendments` log in a page's front matter text (which starts on line 2)."""
    data, scalars = parse_yaml(front)
    if not isinstance(data, dict) or "amendments" not in data:
        return []
    log = data["amendments"]

    def line(path: Path_) -> int:  # the first line of what sits at `path` (its key when it has one)
        for s in scalars:
            if s.path[: len(path)] == path:
                return s.start[0] + 2
        return next(s.start[0] + 2 for s in scalars if s.is_key and s.path == ("amendments",))

    if log is None or log == "":  # `amendments:` with nothing after it: no log yet
        return []
    if not isinstance(log, list):
        return [Problem(file, line(("amendments",)), None, "front matter 'amendments' must be a list of entries", AMENDMENT_HINT)]
    out: list[Problem] = []
    for i, entry in enumerate(log):
        where = f"front matter 'amendments' (item {i + 1})"
        at = line(("amendments", i))
        if not isinstance(entry, dict):
            what = f", not '{entry}'" if isinstance(entry, str) and entry else ""
            out.append(Problem(file, at, None, f"{where}: must be a mapping with 'date' and 'note'{what}", AMENDMENT_HINT))
            continue
        for key in entry:
            if key not in AMENDMENT_KEYS:
                out.append(Problem(file, line(("amendments", i, key)), None, f"{where}: unknown key '{key}'; an entry has only 'date' and 'note'",
                                   "rename it to 'date' or 'note', or remove it"))
        date = entry.get("date")
        if date is None or date == "":
            out.append(Problem(file, at, None, f"{where}: no date", DATE_HINT))
        elif not isinstance(date, str) or not (log_date(date) is not None or TODO.search(date)):  # a TODO is reported as one
            shown = f" '{date}'" if isinstance(date, (str, int)) else ""
            out.append(Problem(file, line(("amendments", i, "date")), None, f"{where}: date{shown} is not a date (YYYY-MM-DD or YYYY-MM)", DATE_HINT))
        note = entry.get("note")
        if note is None or (isinstance(note, str) and not note.strip()):
            out.append(Problem(file, line(("amendments", i, "note")) if "note" in entry else at, None, f"{where}: no note saying what changed", NOTE_HINT))
        elif not isinstance(note, str):
            out.append(Problem(file, line(("amendments", i, "note")), None, f"{where}: note must be a sentence of text", NOTE_HINT))
    return out


def check_amendments(project: Project) -> list[Problem]:
    """Every page whose front matter `amendments` log what's new could not read, entry by entry."""
    out: list[Problem] = []
    prefix = _docs_prefix(project)
    for page, text in project.docs_pages.items():
        if "amendments" not in text:
            continue
        fm, _ = split_front_matter(text)
        out += amendment_problems(f"{prefix}/{page}", fm)
    return out


# --- review dates -------------------------------------------------------------------------


_NEXT_REVIEW = re.compile(r"""^next_review:[ \t]*(?P<q>["']?)(?P<value>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?P=q)[ \t]*(?:#.*)?$""", re.M)


def check_review_dates(project: Project, today: dt.date) -> list[Problem]:
    """A warning for every page whose front matter `next_review` date is before `today`."""
    out: list[Problem] = []
    prefix = _docs_prefix(project)
    for page, text in project.docs_pages.items():
        fm, _ = split_front_matter(text)
        m = _NEXT_REVIEW.search(fm)
        if m is None:
            continue
        value = m.group("value")
        due = _date(value)
        if due is None or due >= today:
            continue
        line = fm.count("\n", 0, m.start()) + 2  # the front matter starts on line 2
        out.append(Problem(f"{prefix}/{page}", line, None, f"next review was due on {value}",
                           "review the page, then update last_reviewed and next_review (and add an amendment note)", severity="warning"))
    content: list[Any] = [*project.reviews.values(), *project.scenarios.values(), *project.quizzes.values(),
                          *project.modules.values(), *project.sets.values()]
    for loaded in content:
        due = _date(loaded.obj.next_review) if loaded.obj.next_review else None
        if due is not None and due < today:
            out.append(Problem(loaded.file, loaded.line("next_review"), None, f"next review was due on {loaded.obj.next_review}",
                               "review the content, then update last_reviewed and next_review (and add an amendment note)", severity="warning"))
    return out
