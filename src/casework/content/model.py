"""Typed content schemas. Pure pydantic: no MkDocs import anywhere in the core."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

URL_SCHEMES = ("https", "http", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")


def url_scheme(url: str) -> str | None:
    """The scheme of `url` as a browser reads it (lower case), None for a relative path. Browsers drop leading and
    trailing control characters and spaces, and tabs and newlines anywhere, so 'java\tscript:' is 'javascript:'."""
    m = _SCHEME.match(_URL_IGNORED.sub("", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")))
    return m.group(1).lower() if m else None


def url_problem(url: str) -> str | None:
    """Why `url` may not be used as a link (None when it is https, http, mailto or a relative path)."""
    scheme = url_scheme(url)
    if scheme is None or scheme in URL_SCHEMES or url.startswith("TODO:"):  # a scaffold's placeholder: the TODO check reports it
        return None
    return f"the address uses '{scheme}:'; only https:, http:, mailto: or a path within the site are allowed"


def _safe_url(value: str) -> str:
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# A link an author gives: https, http, mailto or a relative path, never javascript: or data: (issue #18).
SafeUrl = Annotated[str, AfterValidator(_safe_url)]

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NodeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
# "lcspr-case-a 5.26", "nw-protocol Appendix 1": a source key, a space, a locator.
Citation = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)* \S.*$")]
# "lcspr-case-a/finding-2", "lcspr-case-a/rec-5", "lcspr-case-a/lesson-1"
TrainsRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/(finding|lesson|rec)-[0-9]+[a-z]?$")]
Rating = Literal["stronger", "mixed", "weaker"]
IsoDate = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v),  # YAML reads 2026-11-21 as a date
    StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
]

# A document's date as far as it is known: "2024-07", "2022?" (uncertain), "c. 2010" (about), or "undated".
ApproxDate = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v),
    StringConstraints(pattern=r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?\??|c\. ?\d{4}|undated|unknown)$"),
]

RATING_POINTS: dict[str, int] = {"stronger": 2, "mixed": 1, "weaker": 0}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)


class Amendment(Strict):
    date: IsoDate
    version: str | None = Field(default=None, description="the version this change made (casework amend writes it)")
    note: str = Field(description="what changed and why, in a sentence")


class Dated(Strict):
    """Version and dates for the page generated from a content file, shown on the page and in print."""

    version: str | None = Field(default=None, description="e.g. '1.0'; raise it with every change")
    published: IsoDate | None = None
    last_reviewed: IsoDate | None = None
    next_review: IsoDate | None = Field(default=None, description="after this date the page shows a banner and check warns")
    amendments: list[Amendment] = Field(default_factory=list, description="newest last: date and note; feeds what's new")

    def dates(self) -> dict[str, object]:
        """The front matter keys the site reads (only those that are set)."""
        out: dict[str, object] = {k: getattr(self, k) for k in ("version", "published", "last_reviewed", "next_review") if getattr(self, k)}
        if self.amendments:
            out["amendments"] = [{"date": a.date, "note": a.note} for a in self.amendments]
        return out


class Traced(Strict):
    """Anything that can cite sources and name the learning it trains."""

    sources: list[Citation] = Field(default_factory=list, description="citations such as 'lcspr-case-a 5.26'")
    trains: list[TrainsRef] = Field(default_factory=list, description="IDs such as 'lcspr-case-a/finding-2'")


# --- sources -----------------------------------------------------------------


SourceType = Literal["review", "protocol", "guidance", "research", "press report", "other"]


class Source(Strict):
    key: Key
    type: SourceType | None = Field(default=None, description="review, protocol, guidance, research, press report or other; shown on its page")
    title: str
    short: str = Field(description="short name used in citations on the page, e.g. 'Case A review'")
    publisher: str
    date: ApproxDate = Field(description="'2024-07'; '2022?' when uncertain, 'c. 2010' when approximate, 'undated' when the document has no date")
    date_note: str = Field(default="", description="why the date is approximate or missing, e.g. 'The overview is undated; the review began in October 2009.'")
    url: SafeUrl = Field(description="public address of the original document (https:, http: or mailto:)")
    author: str = Field(default="", description="who wrote it, named in their public role (allowed by the personal-data check)")
    reviewer: str = Field(default="", description="for a review, the independent reviewer, named in their public role")
    page_numbers: dict[str, str] = Field(default_factory=dict, description="locator -> page number in the original document, where known")
    page: str | None = Field(default=None, description="site page (docs path) that presents this source")
    locators: str | None = Field(
        default=None,
        description="regular expression every locator cited for this source must match",
    )
    locator_note: str = Field(
        default="",
        description="how this source's paragraphs are cited, in words: 'paragraph numbers as printed, such as 4.207'",
    )
    sections: dict[str, str] = Field(
        default_factory=dict,
        description="locator prefix -> site page that holds it, e.g. '3': 'protocol/03-section-47.md'",
    )

    @field_validator("locators")
    @classmethod
    def _regex(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return v


class SourcesFile(Strict):
    sources: list[Source]


# --- reviews -----------------------------------------------------------------


class LearningItem(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^(finding|lesson|rec)-[0-9]+[a-z]?$")]
    title: str
    text: str = Field(description="own-words summary (Markdown)")
    sources: list[Citation] = Field(default_factory=list)
    themes: list[Key] = Field(default_factory=list)


class Review(Dated):
    key: Key
    title: str
    board: str
    type: Literal["SCR", "LCSPR", "briefing", "CPR", "national review", "learning review"]
    date: ApproxDate = Field(description="'2024-07'; '2022?' when uncertain, 'c. 2010' when approximate, 'undated' when the document has no date")
    date_note: str = Field(default="", description="why the date is approximate or missing")
    author: str = Field(default="", description="who wrote the review, named in their public role (allowed by the personal-data check)")
    reviewer: str = Field(default="", description="the independent reviewer, named in their public role (allowed by the personal-data check)")
    summary: str
    children: str = Field(default="", description="children and their ages at the time, as the review gives them")
    agencies: list[str] = Field(default_factory=list)
    identifiers: list[str] = Field(
        default_factory=list, description="the anonymised identifiers the review itself uses (Mr A, Child S)"
    )
    public_names: list[str] = Field(
        default_factory=list, description="people named in their public role (the review's author or reviewer), allowed by the personal-data check"
    )
    themes: list[Key] = Field(default_factory=list)
    findings: list[LearningItem] = Field(default_factory=list)
    lessons: list[LearningItem] = Field(default_factory=list)
    recommendations: list[LearningItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _prefixes(self) -> Review:
        for group, prefix in (("findings", "finding-"), ("lessons", "lesson-"), ("recommendations", "rec-")):
            for item in getattr(self, group):
                if not item.id.startswith(prefix):
                    raise ValueError(f"{group}: '{item.id}' should start with '{prefix}'")
        return self

    def items(self) -> list[LearningItem]:
        return [*self.findings, *self.lessons, *self.recommendations]


# --- scenarios ---------------------------------------------------------------


class FacilitatorNote(Strict):
    minutes: int | None = Field(default=None, ge=0, description="time to spend on this node in a session")
    notes: str = Field(default="", description="what to draw out (Markdown)")
    prompts: list[str] = Field(default_factory=list, description="discussion questions")


class Choice(Traced):
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_~-]+$",
                           description="optional stable ID for saved paths; default: the goto target and a hash of the text")
    text: str
    goto: NodeId
    rating: Rating
    feedback: str = Field(description="what happened, and why it matters (Markdown)")

    def key(self) -> str:
        """The choice's stable ID, which saved paths use: it survives reordering the choices (and shuffling)."""
        if self.id:
            return self.id
        return f"{self.goto}~{hashlib.sha1(' '.join(self.text.split()).encode()).hexdigest()[:6]}"


class Debrief(Strict):
    what_happened: str = Field(description="what the review found actually happened")
    good_practice: str
    protocol: list[str] = Field(default_factory=list, description="docs pages of protocol sections to read next")
    quiz: str | None = Field(default=None, description="ID of the quiz bank that goes with this scenario")


class Node(Traced):
    title: str
    body: str
    ending: bool = False
    choices: list[Choice] = Field(default_factory=list)
    debrief: Debrief | None = None
    facilitator: FacilitatorNote | None = None


class Scenario(Traced, Dated):
    id: Key
    title: str
    review: Key
    role: str = Field(description="the learner's role, e.g. 'probation officer'")
    setting: str
    minutes: int = Field(ge=1, description="time needed, in minutes")
    outcomes: list[str] = Field(min_length=1)
    content_note: str
    summary: str
    start: NodeId
    facilitator: FacilitatorNote | None = None
    nodes: dict[NodeId, Node] = Field(min_length=1)
    public_names: list[str] = Field(default_factory=list, description="people or bodies named in their public role (the Lucy Faithfull Foundation), allowed by the personal-data check")


# --- quizzes -----------------------------------------------------------------


class Option(Traced):
    text: str
    correct: bool = False
    feedback: str = Field(description="why this option is right or wrong")


class Question(Traced):
    id: NodeId
    type: Literal["single", "multiple", "fill-in"]
    stem: str = Field(description="the question; for fill-in, answers go in [[double brackets]]")
    options: list[Option] = Field(default_factory=list)
    explanation: str
    accept: list[str] | dict[str, list[str]] = Field(
        default_factory=list,
        description="fill-in only: other answers to accept, e.g. ['three']; with several blanks, a mapping from each blank's answer to its variants",
    )

    def accepted(self) -> dict[str, list[str]]:
        """Each blank's answer -> the variants accepted for it (a list applies to every blank)."""
        if isinstance(self.accept, dict):
            return self.accept
        return {a: list(self.accept) for a in blanks(self.stem)} if self.accept else {}


FILL_BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")  # no '[' inside: linear on a run of '[[' (issue #18)


def blanks(stem: str) -> list[str]:
    """The answers written in a fill-in stem's [[double brackets]]."""
    return [m.strip() for m in FILL_BLANK.findall(stem)]


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


def normalise_answer(text: str) -> str:
    """A fill-in answer as it is compared: case, spaces, a trailing % or full stop, and 4.70 vs 4.7 do not count.

    assets/quiz-answer.js (normalise) does the same in the browser; keep the two together.
    """
    s = " ".join(text.lower().split())
    s = re.sub(r"\s*[%.]+$", "", s)
    if _NUMBER.match(s):
        f = float(s)
        s = str(int(f)) if f.is_integer() else repr(f)
    return s


class QuizBank(Dated):
    id: Key
    title: str
    intro: str = ""
    review: Key | None = None
    pass_mark: int = Field(default=80, ge=1, le=100, description="percentage needed to pass")
    shuffle: bool = Field(default=True, description="show options in a new order on each attempt (false: in the order written)")
    questions: list[Question] = Field(min_length=1)
    public_names: list[str] = Field(default_factory=list, description="people or bodies named in their public role (the Lucy Faithfull Foundation), allowed by the personal-data check")


# --- glossary and themes -----------------------------------------------------


class Term(Strict):
    term: str
    meaning: str
    expansion: str | None = Field(default=None, description="for an abbreviation, what it stands for")
    tooltip: bool = Field(default=True, description="show as a tooltip wherever the term appears")
    sources: list[Citation] = Field(default_factory=list, description="citations for the meaning, linked on the glossary page (never in tooltips)")
    general_knowledge: bool = Field(default=False, description="true for a term whose meaning is not from the sources")


class GlossaryFile(Strict):
    terms: list[Term]


class Theme(Strict):
    key: Key
    title: str
    description: str = ""


class ThemesFile(Strict):
    themes: list[Theme]


# --- training programme ------------------------------------------------------

# "quiz:lcspr-case-a/q3" (a question in a bank) or "scenario:case-a-new-relationship/n2" (a node's choices)
AssessRef = Annotated[str, StringConstraints(pattern=r"^(quiz|scenario):[a-z0-9]+(-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9_-]*$")]
# "lcspr-case-a/q3": a question in a bank
QuestionRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9_-]*$")]


class Outcome(Strict):
    id: Key
    text: str = Field(description="what a learner can do afterwards, e.g. 'Explain why self-report is unreliable'")
    answers: list[TrainsRef] = Field(min_length=1, description="the findings and recommendations this outcome answers, e.g. 'lcspr-case-a/rec-5'")
    taught_by: list[str] = Field(default_factory=list, description="site pages that teach it, e.g. 'evidence/change-of-emphasis.md'")
    assessed_by: list[AssessRef] = Field(
        default_factory=list, description="questions or scenario decisions that assess it, e.g. 'quiz:lcspr-case-a/q3' or 'scenario:case-a-new-relationship/n2'"
    )


class Module(Dated):
    id: Key
    title: str
    summary: str = Field(description="one paragraph: what the module is for")
    audience: str = Field(description="who it is for, e.g. 'all practitioners; essential for social workers'")
    minutes: int = Field(ge=1, description="time needed in a session, in minutes")
    order: int = Field(default=0, description="position in the programme (lower first)")
    prerequisites: list[Key] = Field(default_factory=list, description="IDs of modules to take first")
    content_note: str = ""
    outcomes: list[Outcome] = Field(min_length=1)
    reading: list[str] = Field(default_factory=list, description="site pages to read: briefs, protocol sections, evidence")
    scenarios: list[Key] = Field(default_factory=list)
    quizzes: list[Key] = Field(default_factory=list)
    self_assessment: Key | None = Field(default=None, description="ID of the before-and-after set in sets/")
    recommendations: list[TrainsRef] = Field(default_factory=list, description="review recommendations the module helps answer")


class QuestionSet(Dated):
    id: Key
    title: str
    intro: str = ""
    module: Key | None = Field(default=None, description="the training module this set goes with")
    pass_mark: int = Field(default=80, ge=1, le=100, description="percentage needed to pass")
    before: list[QuestionRef] = Field(min_length=1, description="questions for before the session, e.g. 'lcspr-case-a/q3'")
    after: list[QuestionRef] = Field(default_factory=list, description="questions for after the session (default: the same as before)")

    def after_questions(self) -> list[str]:
        return self.after or self.before


def show_date(value: str) -> str:
    """A document date as a reader should see it: '2024-07', 'about 2010', '2022 (uncertain)', 'undated'."""
    if value in ("undated", "unknown"):
        return value
    if value.startswith("c."):
        return "about " + value[2:].strip()
    if value.endswith("?"):
        return f"{value[:-1]} (uncertain)"
    return value


def date_year(value: str) -> str:
    """The year for a short reference: '2024', 'c. 2010', '2022?', 'undated'."""
    if value in ("undated", "unknown") or value.startswith("c."):
        return value
    return value[:4] + ("?" if value.endswith("?") else "")
