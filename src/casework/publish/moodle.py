"""Moodle XML export of the quiz banks (`casework export moodle`), for Moodle's own question bank import.

One file per bank: a category named after the bank, then one question per bank question, named by its ID and
the start of its stem, with the stable ID (cw-<bank>-<question>, as the QTI export and the SCORM packages) as
Moodle's `idnumber`. Single-choice questions are multichoice with single=true; multiple-choice are
single=false, the right options sharing 100% and the wrong ones sharing -100% (so ticking everything scores
nothing, as on the site, where only the exact set counts); a fill-in with one blank is shortanswer, with
several blanks a Cloze (multianswer) question. Every option keeps its own feedback; the explanation and the
citations (as text and a link to the source document) are the general feedback. Answers are shuffled when
the bank shuffles them (`shuffle`, true unless the bank turns it off), as the site does.

Everything is written with xml.etree's writer, so no text can break the XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path
from typing import Any

from casework.content.citations import group_pattern, resolve
from casework.content.model import Question, QuizBank
from casework.content.project import Project
from casework.render.html import md_html

FILL_BLANK = re.compile(r"\[\[([^\]]+)\]\]")
# Moodle accepts only these grades (percent); 100/n for n = 1..10 are all among them.
GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)
_SPLIT = re.compile(r"\s*;\s*")


def stable_id(*parts: str) -> str:
    """The same stable ID as the QTI export's items (casework.publish.qti.ident; a test holds them equal)."""
    return "cw-" + "-".join(re.sub(r"[^A-Za-z0-9_.-]", "-", p) for p in parts)


def share(n: int) -> str:
    """One of n equal shares of 100%, as the nearest grade Moodle accepts, written as Moodle writes it."""
    exact = 100 / n
    best = min(GRADES, key=lambda g: abs(g - exact))
    return f"{best:g}"


def plain_citations(text: str, project: Project) -> str:
    """Citation groups in Markdown prose as their labels: '(lcspr-case-a 5.49)' -> '(Case A review 5.49)'."""
    sources = project.source_objs

    def group(m: re.Match[str]) -> str:
        out = []
        for part in _SPLIT.split(m.group("body").strip()):
            r = resolve(part, sources)
            out.append(part if isinstance(r, str) else f"{sources[r.key].short} {r.locator}")
        return "(" + "; ".join(out) + ")"

    return group_pattern(tuple(sorted(sources))).sub(group, text)


def citations_html(q: Question, project: Project) -> str:
    """'Sources: <a href=url>Case A review 5.49</a>; ...' for the general feedback (escaped HTML)."""
    sources = project.source_objs
    parts = []
    for c in q.sources:
        r = resolve(c, sources)
        if isinstance(r, str):
            parts.append(escape(c))
            continue
        src = sources[r.key]
        label = escape(f"{src.short} {r.locator}")
        title = escape(f"{src.title} ({src.publisher}, {src.date[:4]}), {r.locator}")
        parts.append(f'<a href="{escape(src.url)}" title="{title}">{label}</a>' if src.url else label)
    return f"<p>Sources: {'; '.join(parts)}</p>" if parts else ""


def _md(text: str, project: Project) -> str:
    """Markdown prose as HTML, citations as labels; any HTML in it is shown as text, never run."""
    return md_html(escape(plain_citations(text, project), quote=False))


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(e, "text").text = value
    return e


def _accepted(q: Question, answers: list[str]) -> list[list[str]]:
    """Each blank's accepted answers: the one in the stem, then any `accept:` variants the bank gives."""
    extra: Any = getattr(q, "accept", None) or []
    out = [[a] for a in answers]
    if extra and all(isinstance(x, str) for x in extra):
        extra = [extra] if len(answers) == 1 else []
    for i, variants in enumerate(extra):
        if i < len(out) and isinstance(variants, list):
            out[i] += [str(v) for v in variants if str(v) not in out[i]]
    return out


def _cloze_escape(text: str) -> str:
    return re.sub(r"([}#~/\"\\])", r"\\\1", text)


def _question(root: ET.Element, bank: QuizBank, q: Question, project: Project, shuffle: bool) -> None:
    blanks = [m.group(1) for m in FILL_BLANK.finditer(q.stem)]
    kind = "multichoice" if q.type != "fill-in" else "shortanswer" if len(blanks) == 1 else "cloze"
    qe = ET.SubElement(root, "question", {"type": kind})
    stem_line = " ".join(FILL_BLANK.sub("…", q.stem).split())
    short = stem_line if len(stem_line) <= 90 else stem_line[:90].rsplit(" ", 1)[0] + "…"
    _text(qe, "name", f"{q.id}: {short}", fmt=None)
    accepted = _accepted(q, blanks)
    if kind == "cloze":
        parts = iter(accepted)
        stem = FILL_BLANK.sub(lambda m: "{1:SHORTANSWER:" + "~".join(f"={_cloze_escape(a)}" for a in next(parts)) + "}", q.stem)
        _text(qe, "questiontext", _md(stem, project))
    else:
        _text(qe, "questiontext", _md(FILL_BLANK.sub("_____", q.stem), project))
    general = _md(q.explanation, project) + citations_html(q, project)
    _text(qe, "generalfeedback", general)
    ET.SubElement(qe, "defaultgrade").text = "1"
    ET.SubElement(qe, "penalty").text = "0.3333333"
    ET.SubElement(qe, "hidden").text = "0"
    ET.SubElement(qe, "idnumber").text = stable_id(bank.id, q.id)
    if kind == "multichoice":
        right = [o for o in q.options if o.correct]
        wrong = [o for o in q.options if not o.correct]
        ET.SubElement(qe, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(qe, "shuffleanswers").text = "true" if shuffle else "false"
        ET.SubElement(qe, "answernumbering").text = "abc"
        ET.SubElement(qe, "showstandardinstruction").text = "1"
        _text(qe, "correctfeedback", "<p>Your answer is correct.</p>")
        _text(qe, "partiallycorrectfeedback", "<p>Your answer is partly correct.</p>")
        _text(qe, "incorrectfeedback", "<p>Your answer is not correct.</p>")
        if q.type == "multiple":
            ET.SubElement(qe, "shownumcorrect")
        for o in q.options:
            if q.type == "single":
                fraction = "100" if o.correct else "0"
            else:
                fraction = share(len(right)) if o.correct else "-" + share(len(wrong))
            ans = _text(qe, "answer", _md(o.text, project), fraction=fraction)
            _text(ans, "feedback", _md(o.feedback, project))
    elif kind == "shortanswer":
        ET.SubElement(qe, "usecase").text = "0"
        for a in accepted[0]:
            ans = _text(qe, "answer", a, fmt="moodle_auto_format", fraction="100")
            _text(ans, "feedback", "<p>Right.</p>")
        ans = _text(qe, "answer", "*", fmt="moodle_auto_format", fraction="0")
        _text(ans, "feedback", f"<p>Not quite: the answer is {escape(accepted[0][0])}.</p>")


def moodle_xml(bank: QuizBank, project: Project) -> str:
    """One bank as a Moodle XML document."""
    root = ET.Element("quiz")
    cat = ET.SubElement(root, "question", {"type": "category"})
    _text(cat, "category", "$course$/top/" + bank.title.replace("/", "//"), fmt=None)
    _text(cat, "info", _md(bank.intro, project) if bank.intro else f"<p>{escape(bank.title)}: questions from casework.</p>")
    ET.SubElement(cat, "idnumber").text = stable_id(bank.id)
    shuffle = bool(getattr(bank, "shuffle", False))
    for q in bank.questions:
        _question(root, bank, q, project, shuffle)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_moodle(project: Project, out_dir: Path) -> list[Path]:
    """Write `<bank>-moodle.xml` for every bank into `out_dir`; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lq in project.quizzes.values():
        path = out_dir / f"{lq.obj.id}-moodle.xml"
        path.write_text(moodle_xml(lq.obj, project), encoding="utf-8")
        written.append(path)
    return written
