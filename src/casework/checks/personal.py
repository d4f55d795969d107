"""Personal-data check: the site must keep the reviews' anonymisation.

Review, scenario and quiz YAML and the pages under ``docs/reviews/`` are checked for names with a
title, dates of birth, street addresses, postcodes, phone numbers and email addresses; every page and
every content file for full names without a title, named schools, nurseries and GP surgeries, streets
and an exact date next to a child (``casework.checks.names``); every other page for postcodes, phone
numbers and email addresses. A review's ``identifiers`` and ``public_names`` and a page's
``public_names`` are allowed; a page of public helplines opts out of the contact checks with
``public_contact_details: true``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.checks.base import docs_prefix, field_label, line_of, markdown_lines
from casework.checks.names import child_dates, full_names, named_places
from casework.content.project import Project
from casework.problems import Problem

OPT_OUT_KEY = "public_contact_details"
PUBLIC_NAMES_KEY = "public_names"  # front matter: people named in their public role (a researcher, an author)
PERSONAL_DIRS = ("reviews", "scenarios", "quizzes")
NAME_DIRS = ("reviews", "scenarios", "quizzes", "modules", "sets")  # full names, places and child dates: every content file
# YAML fields never checked for personal data: the identifiers themselves, and machine keys.
NOT_PROSE = {"identifiers", "public_names", "author", "reviewer", "sources", "trains", "id", "key", "goto", "start", "review", "quiz", "protocol", "url", "page", "locators"}


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
    rf"(?:\bborn(?:\s+on)?\s+|\b(?:DOB|D\.O\.B\.?|d\.o\.b\.?|[Dd]ate\s+of\s+[Bb]irth)(?![A-Za-z])\s*(?:(?:[:\-–]|\bwas\b|\bis\b|\bof\b)\s*)?){_FULL_DATE}")
_STREET = r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Gardens|Place|Terrace|Court|Grove|Mews|Row|Walk|Square|Rise|Parade|Hill)"
STREET_ADDRESS = re.compile(rf"(?<![\w.])\d{{1,4}}[A-Za-z]?,?[ \t]+(?:(?:[A-Z][a-z]+|[A-Z][a-z]+['’]s)[ \t]+){{1,3}}{_STREET}\b\.?")
POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)[ \t]?\d[ABD-HJLNP-UW-Z]{2}\b")
PHONE = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)[1-9]\d{1,4}\)?(?:[ \t-]?\d){6,8}(?![\d])")
# Every quantifier is bounded (the lengths email addresses allow), so each match attempt is bounded and a
# search is linear in the text: with `+` here, a line like 'a.a.a.a...@' took minutes (issue #18).
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b")
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
    "fullname": ("a person's full name", "use only the review's anonymised identifiers; someone named in a public role (an author, a researcher) "
                 "goes in the page's 'public_names:' front matter, or the review's 'public_names:'"),
    "school": ("a named school, nursery or GP surgery", "say what kind of place it was, such as 'the child's primary school', as the review does"),
    "street": ("a street", "remove it; name no place more precisely than the review does"),
    "childdate": ("an exact date next to a child", "give an age, or a month and year, as the review does; an exact date beside a child can be a date of birth"),
}
CONTACT_KINDS = ("postcode", "phone", "email")
NAME_KINDS = ("fullname", "school", "street", "childdate")


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
    if "fullname" in kinds:
        found += [Found("fullname", n) for n in full_names(plain) if not _public(n, allowed)]
    if "school" in kinds or "street" in kinds:
        found += [Found(k, n) for k, n in named_places(plain) if k in kinds and not _public(n, allowed)]
    if not has_digit:
        return found
    if "childdate" in kinds:
        dobs = {m.group(0) for m in DATE_OF_BIRTH.finditer(plain)} if "dob" in kinds and _BIRTH_WORD.search(plain) else set()
        found += [Found("childdate", d) for d in child_dates(plain) if not any(d in b for b in dobs)]
    if "dob" in kinds and _BIRTH_WORD.search(plain):
        found += [Found("dob", m.group(0)) for m in DATE_OF_BIRTH.finditer(plain)]
    if "address" in kinds:
        found += [Found("address", m.group(0).rstrip(".")) for m in STREET_ADDRESS.finditer(plain)]
    if "postcode" in kinds:
        found += [Found("postcode", m.group(0)) for m in POSTCODE.finditer(plain)]
    if "phone" in kinds:
        found += [Found("phone", m.group(0)) for m in PHONE.finditer(plain) if _uk_phone_digits(m.group(0))]
    addresses = [f.text for f in found if f.kind == "address"]
    return [f for f in found if f.kind != "street" or not any(f.text in a for a in addresses)]  # '12 Elm Road' once, as an address


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


def _public(text: str, allowed: set[str] | frozenset[str]) -> bool:
    """A name or place that is allowed, or part of one ('Lucy Faithfull' in 'Lucy Faithfull Foundation')."""
    norm = re.sub(r"\s+", " ", text).strip()
    return norm in allowed or any(norm in a for a in allowed if len(a) > len(norm))


def _allowed_name(text: str, allowed: set[str] | frozenset[str]) -> bool:
    norm = re.sub(r"\s+", " ", text).strip()
    return norm in allowed or norm.replace(".", "", 1) in allowed


def _identifiers(project: Project) -> set[str]:
    """Every identifier any review lists (each is, by definition, anonymised), and every public name: a review's
    `public_names`, and the authors and reviewers of reviews and sources, named in their public role."""
    out: set[str] = set()
    for lr in project.reviews.values():
        out.update(re.sub(r"\s+", " ", i).strip() for i in [*lr.obj.identifiers, *lr.obj.public_names])
        out.update(public_people(lr.obj.author, lr.obj.reviewer))
    for ls in project.sources.values():
        out.update(public_people(ls.obj.author, ls.obj.reviewer))
    for name in project.unreadable:
        if name.startswith("reviews/"):
            doc = project.yaml_docs.get(name)  # parsed by the loader even though the schema rejected it
            for field in ("identifiers", "public_names", "author", "reviewer"):
                ids = doc.data.get(field) if doc and isinstance(doc.data, dict) else None
                if isinstance(ids, list):
                    out.update(str(i).strip() for i in ids)
                elif isinstance(ids, str):
                    out.update(public_people(ids))
    return out


def public_people(*fields: str) -> set[str]:
    """The names in author and reviewer fields: 'Dr Jane Roe and Sam Poe' -> itself, 'Dr Jane Roe', 'Sam Poe', 'Jane Roe'."""
    out: set[str] = set()
    for field in fields:
        whole = re.sub(r"\s+", " ", field).strip()
        if not whole:
            continue
        out.add(whole)
        for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", whole):
            if part:
                out.update((part, re.sub(rf"^{TITLES}\.?\s+", "", part)))
    return out


def _personal_problem(file: str, line: int, item: str | None, field: str, f: Found) -> Problem:
    label, hint = KINDS[f.kind]
    return Problem(file, line, item, f"{field}: looks like {label}: '{f.text}'", hint)


def check_personal_data(project: Project) -> list[Problem]:
    out: list[Problem] = []
    allowed = _identifiers(project)
    for name, doc in sorted(project.yaml_docs.items()):  # every content file that parsed, valid or not
        folder = name.split("/", 1)[0]
        if folder in NAME_DIRS:
            kinds = tuple(KINDS) if folder in PERSONAL_DIRS else NAME_KINDS
            public = doc.data.get(PUBLIC_NAMES_KEY) if isinstance(doc.data, dict) else None
            file_allowed = allowed | {str(n).strip() for n in public} if isinstance(public, list) else allowed
            lines = doc.text.split("\n")
            for s in doc.scalars:
                if s.is_key or any(isinstance(p, str) and p in NOT_PROSE for p in s.path):
                    continue
                for f in find_personal_data(s.value, file_allowed, kinds):
                    item, field = field_label(s.path, doc.data)
                    out.append(_personal_problem(name, line_of(lines, s, f.text), item, field, f))
    prefix = docs_prefix(project)
    for page, text in project.docs_pages.items():
        kinds = tuple(KINDS) if page.startswith("reviews/") else CONTACT_KINDS + NAME_KINDS
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
