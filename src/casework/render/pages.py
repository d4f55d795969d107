"""Page-level Markdown and HTML transforms (pure: text in, text out)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re
from collections.abc import Mapping, MutableMapping
from typing import Any

from casework.content.dates import parse_date
from casework.content.facts import VARIABLE

ACTION_PLAN_MARKER = "<!-- casework:action-plan -->"

ACTION_PLAN_FORM = """
<form class="cw-form cw-action-plan" aria-labelledby="cw-action-plan-h">
<h2 id="cw-action-plan-h">Team feedback and action plan</h2>
<p>Fill this in together after the briefing, then print it or save it as PDF for your team's records.
Nothing you type here is stored or sent anywhere; it is gone when you close the page.</p>
<p><label for="ap-team">Team or service</label><br><input id="ap-team" type="text" autocomplete="off"></p>
<p><label for="ap-date">Date of the briefing</label><br><input id="ap-date" type="date"></p>
<p><label for="ap-who">Who led it, and who attended</label><br><textarea id="ap-who" rows="2"></textarea></p>
<p><label for="ap-reflect">Key reflections from the discussion</label><br><textarea id="ap-reflect" rows="4"></textarea></p>
<p><label for="ap-embed">How will the learning be embedded, and how will we know?</label><br><textarea id="ap-embed" rows="4"></textarea></p>
<p><label for="ap-plan">Actions for the team plan (what, who, by when)</label><br><textarea id="ap-plan" rows="4"></textarea></p>
<p><button type="button" class="md-button cw-print">Print or save as PDF</button></p>
</form>
"""


def expand_markers(markdown: str) -> str:
    return markdown.replace(ACTION_PLAN_MARKER, ACTION_PLAN_FORM)


def review_banner(meta: Mapping[str, Any], today: dt.date) -> str:
    """An admonition for a page, or its source, past its review date ("" when in date)."""
    notes = []
    due = parse_date(meta.get("next_review"))
    if due and due < today:
        notes.append(f"This page was due for review on {due.isoformat()}. Check it against current local procedures before relying on it.")
    src_due = parse_date(meta.get("source_review_due"))
    if src_due and src_due < today:
        version = meta.get("source_version", "")
        notes.append(
            f"The source document{f' (version {version})' if version else ''} was due for review in {meta.get('source_review_due')} "
            "and no newer version has been published here. The evidence has moved since: see "
            "the change of emphasis between 2018 and 2024."
        )
    if not notes:
        return ""
    body = " ".join(notes)
    return f'<div class="cw-review-banner" role="note"><strong>Past its review date.</strong> {html.escape(body)}</div>\n\n'


def page_record(meta: Mapping[str, Any]) -> str:
    """The 'about this page' block: version, dates and amendment log, also shown in print."""
    keys = [("version", "Version"), ("published", "Published"), ("last_reviewed", "Last reviewed"),
            ("next_review", "Next review due"), ("source_version", "Source version")]
    rows = [(label, str(meta[k])) for k, label in keys if meta.get(k)]
    amendments = meta.get("amendments") or []
    if not rows and not amendments:
        return ""
    out = ['\n\n<aside class="cw-page-record" aria-label="About this page">', "<h2>About this page</h2>", "<dl>"]
    out += [f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in rows]
    out.append('<dt class="cw-print-only">Printed</dt><dd class="cw-print-only cw-print-date"></dd>')
    out.append("</dl>")
    if isinstance(amendments, list) and amendments:
        out.append("<h3>Amendments</h3><ul>")
        for a in amendments:
            if isinstance(a, dict):
                out.append(f"<li><time>{html.escape(str(a.get('date', '')))}</time>: {html.escape(str(a.get('note', '')))}</li>")
        out.append("</ul>")
    out.append("</aside>\n")
    return "\n".join(out)


_TASK = re.compile(
    r'<li class="task-list-item">\s*(?:<label class="task-list-control">\s*)?<input type="checkbox"[^>]*/?>\s*'
    r'(?:<span class="task-list-indicator"></span>\s*</label>)?\s*(?P<text>.*?)</li>',
    re.S,
)


def accessible_checklists(html_text: str, page_id: str) -> str:
    """Turn pymdownx task lists inside `.cw-checklist` into labelled, clickable checkboxes."""
    if "cw-checklist" not in html_text:
        return html_text
    counter = 0

    def one(m: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        ident = f"cw-{page_id}-check-{counter}"
        return (f'<li class="cw-check"><input type="checkbox" id="{ident}" autocomplete="off">'
                f'<label for="{ident}">{m.group("text").strip()}</label></li>')

    def block(m: re.Match[str]) -> str:
        inner = _TASK.sub(one, m.group(0)).replace('class="task-list"', 'class="cw-checklist__list"')
        actions = ('<p class="cw-checklist__actions"><button type="button" class="md-button cw-print">Print this checklist</button> '
                   '<button type="button" class="md-button cw-checklist-clear">Untick all</button></p>')
        return inner.removesuffix("</div>") + actions + "</div>"

    return re.sub(r'<div class="cw-checklist">.*?</div>', block, html_text, flags=re.S)


_ABBR = re.compile(r'<abbr title="[^"]*">(?P<term>[^<]*)</abbr>')


def focusable_terms(html_text: str) -> str:
    """The first use of each glossary term on a page can take keyboard focus, which opens its tooltip
    (Material's `content.tooltips`), as a tap or a hover does; later uses are not extra tab stops."""
    seen: set[str] = set()

    def one(m: re.Match[str]) -> str:
        if m.group("term") in seen:
            return m.group(0)
        seen.add(m.group("term"))
        return m.group(0).replace("<abbr ", '<abbr tabindex="0" ', 1)

    return _ABBR.sub(one, html_text)


_QUESTION = re.compile(r'(<div class="cw-question"[^>]*data-cw-qid="(?P<qid>[^"]+)"[^>]*>)(?P<body>.*?)(?=<div class="cw-question"|<section[^>]*class="cw-quiz-result"|$)', re.S)
_QUIZ_ID = re.compile(r'(?<=["#])quiz-\d+(?=["-])')
_PROGRESS = re.compile(r'<div id="quiz-progress-sidebar".*?</div>\s*(?=<nav id="quiz-progress-mobile")|<nav id="quiz-progress-mobile".*?</nav>', re.S)


_OPTION = re.compile(r'<div><input type="(?:radio|checkbox)" name="answer" value="(\d+)"')


def _lettered(m: re.Match[str]) -> str:
    """An option's written position, which it keeps whatever order it is shown in: its ID and its printed letter."""
    i = int(m.group(1))
    letter = chr(ord("A") + i) if i < 26 else str(i + 1)
    return f'<div data-cw-opt="{i}" data-cw-letter="{letter}"' + m.group(0)[len("<div"):]


def tidy_quiz_html(html_text: str) -> str:
    """Give mkdocs-quiz widgets stable IDs and keep their UI text out of the search index.

    mkdocs-quiz numbers quizzes by position (quiz-0, quiz-1...), and stores answers under
    those IDs, so reordering a bank would mix up stored answers. Each widget is renamed
    after its question ID. Options, buttons and feedback are marked `data-search-exclude`,
    so search finds a question by its stem but not by "Check answer" or run-together options. Every
    question is checked by its "Check answer" button, and each option carries its written position
    (`data-cw-opt`, `data-cw-letter`), so print shows the written, lettered order however it was shuffled.
    """
    if 'class="cw-question"' not in html_text:
        return html_text

    def one(m: re.Match[str]) -> str:
        qid = re.sub(r"[^A-Za-z0-9_-]", "-", m.group("qid"))
        body = _QUIZ_ID.sub(f"quiz-{qid}", m.group("body"))
        body = re.sub(r"<form(?=[\s>])", "<form data-search-exclude", body, count=1)
        body = body.replace('<a href="#quiz-', '<a data-search-exclude aria-label="Link to this question" href="#quiz-', 1)
        body = body.replace('<button type="submit" class="quiz-button">Submit</button>', '<button type="submit" class="quiz-button">Check answer</button>')
        return m.group(1) + _OPTION.sub(_lettered, body)

    # mkdocs-quiz writes `action="javascript:void(0);" onsubmit="return false;"` on every question's form: an inline
    # handler and a javascript: URL, both refused by the Content-Security-Policy. quiz.js and casework.js handle submit.
    html_text = html_text.replace('<form action="javascript:void(0);" onsubmit="return false;"', "<form")
    out = _QUESTION.sub(one, html_text)
    return _PROGRESS.sub("", out)


# The front-end code is split by widget (assets/<name>.js); a page loads casework.js (storage, print,
# clear) and only the widgets whose markup it contains.
WIDGETS: dict[str, tuple[str, ...]] = {
    "scenario": ('class="cw-scenario"', 'class="cw-scenario-start"'),
    "room": ('class="cw-room"',),
    "quiz-answer": ('class="cw-quiz"',),
    "room-sync": ('class="cw-room"',),
    "pack": ('class="cw-pack"',),
    "quiz-result": ('class="cw-quiz"',),
    "training": ('class="cw-compare"', 'class="cw-record"'),
    "forms": ("data-cw-save=",),
    "results": ('class="cw-eval-results"',),
    "progress": ('class="cw-progress"',),
}


def widget_scripts(html_text: str) -> list[str]:
    """The widget scripts a page needs, in a fixed order, from the markup it contains."""
    return [name for name, marks in WIDGETS.items() if any(m in html_text for m in marks)]


# --- page metadata and the Content-Security-Policy ---------------------------------------

PLAIN_META = ("title", "description", "author")


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    """Escape a page's plain-text front matter in place, once, before any template or plugin prints it.

    MkDocs and Material treat a page's title as HTML (they print `page.meta.title` and `page.title` unescaped in
    `<title>`, the header, the nav and the search index), so a title written as plain text is escaped here, at
    the source, and prints as itself everywhere, with no double escaping.
    """
    for key in PLAIN_META:
        value = meta.get(key)
        if value is not None and not isinstance(value, (dict, list)):
            meta[key] = plain(value)
    tags = meta.get("tags")
    if isinstance(tags, list):  # Material's tags plugin prints tag names unescaped, in the page and the listing
        meta["tags"] = [plain(t) for t in tags]


def plain(value: object) -> str:
    """Plain text for a template that prints it as HTML: escaped, on one line; an apostrophe stays as it is."""
    return html.escape(" ".join(str(value).split()), quote=False).replace('"', "&quot;")


_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}


def inline_scripts(html_text: str) -> list[str]:
    """The bodies of the inline scripts a browser would run (not `<script src>`, not JSON or templates)."""
    out = []
    for m in _SCRIPT.finditer(html_text):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in JS_TYPES:
            out.append(m.group("body"))
    return out


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(html_text: str, refused: frozenset[str] | set[str] = frozenset()) -> str:
    """The policy for a finished page: the site's own files, and the hashes of the page's inline scripts.

    `refused` are inline scripts that came from content (a page's Markdown), which never get a hash. Styles
    allow 'unsafe-inline' because Material and the tags listing write style attributes; a style cannot run script.
    Images allow data: for Material's icons in its CSS; workers allow blob:, since search starts its worker from a
    Blob (the browser refuses a worker file from file://).
    """
    hashes = sorted({script_hash(body) for body in inline_scripts(html_text) if body not in refused})
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_csp(html_text: str, refused: frozenset[str] | set[str] = frozenset()) -> str:
    """The page with its Content-Security-Policy as the first thing in <head> after the character set."""
    policy = content_security_policy(html_text, refused)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'
    m = re.search(r"<meta charset=[^>]*>", html_text[:2000], re.I) or re.search(r"<head[^>]*>", html_text[:2000], re.I)
    if not m:
        return tag + "\n" + html_text
    return html_text[: m.end()] + "\n" + tag + html_text[m.end():]


_CODE = re.compile(r"^(```+|~~~+)[^\n]*\n.*?^\1[ \t]*$|`+[^`\n]+`+", re.S | re.M)


def expand_facts(markdown: str, facts: Mapping[str, Mapping[str, str]]) -> str:
    """Put the site's facts in for `{{ kind.field }}` (content.facts), except inside code; an unknown
    name is left as written (casework check reports it)."""
    if "{{" not in markdown:
        return markdown

    def sub(m: re.Match[str]) -> str:
        return facts.get(m.group(1), {}).get(m.group(2), m.group(0))

    out, last = [], 0
    for code in _CODE.finditer(markdown):
        out.append(VARIABLE.sub(sub, markdown[last:code.start()]))
        out.append(code.group(0))
        last = code.end()
    out.append(VARIABLE.sub(sub, markdown[last:]))
    return "".join(out)
