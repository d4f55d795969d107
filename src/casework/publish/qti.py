"""QTI export of the quiz banks, for Moodle, Canvas, Blackboard and other LMSs.

mkdocs-quiz's QTI models and exporters write the XML; casework feeds them its banks with
stable identifiers (bank and question IDs, not random ones), so re-importing an updated
bank updates the same items. Per-option feedback has no place in mkdocs-quiz's exporters,
so it goes into each item's general feedback, after the explanation, one line per option.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from html import escape as esc
from pathlib import Path

from mkdocs_quiz.qti import Answer, Blank, QTIExporter, QTIVersion, Quiz, QuizCollection

from casework.content.citations import resolve
from casework.content.model import Question, QuizBank
from casework.content.project import Project
from casework.problems import CaseworkError
from casework.render.html import md_html

VERSIONS = {"2.1": QTIVersion.V2_1, "1.2": QTIVersion.V1_2}
FILL_BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")  # no '[' inside: linear on a run of '[[' (issue #18)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time, so an unchanged bank exports byte-identical


def ident(*parts: str) -> str:
    """A QTI identifier (an XML NCName): letters, digits, '-', '_' and '.', starting with a letter."""
    return "cw-" + "-".join(re.sub(r"[^A-Za-z0-9_.-]", "-", p) for p in parts)


def _no_straight_quotes(text: str) -> str:
    """Curly quotes for straight ones. mkdocs-quiz's exporters put the start of the question in a title="..."
    attribute escaped without quotes, so a straight double quote breaks the XML. (Upstream fix: escape with
    xml.sax.saxutils.quoteattr, or pass {'"': '&quot;'} to escape, in mkdocs_quiz.qti.utils.make_title.)"""
    text = re.sub(r"&(?:quot|#34|#[xX]22);", '"', text)  # an entity html.unescape would turn back into '"'
    text = re.sub(r'"([^"<>]*)"', "\u201c\\1\u201d", text)
    return text.replace('"', "\u201d")


def _citations(q: Question, project: Project) -> str:
    sources = project.source_objs
    out = []
    for c in q.sources:
        r = resolve(c, sources)
        out.append(c if isinstance(r, str) else f"{sources[r.key].short} {r.locator}")
    return "; ".join(out)


def to_quiz(bank: QuizBank, q: Question, project: Project) -> Quiz:
    item = ident(bank.id, q.id)
    feedback = [md_html(q.explanation)]
    if q.type == "fill-in":
        blanks: list[Blank] = []

        def blank(m: re.Match[str]) -> str:
            blanks.append(Blank(correct_answer=m.group(1), identifier=f"{item}-b{len(blanks) + 1}"))
            return f"{{{{BLANK_{len(blanks)}}}}}"

        stem = FILL_BLANK.sub(blank, q.stem)
        quiz = Quiz(question=esc(_no_straight_quotes(stem), quote=False), blanks=blanks, identifier=item)
    else:
        answers = [Answer(text=md_html(o.text), is_correct=o.correct, identifier=f"{item}-a{i + 1}", feedback=o.feedback)
                   for i, o in enumerate(q.options)]
        quiz = Quiz(question=md_html(_no_straight_quotes(q.stem)), answers=answers, identifier=item)
        feedback.append("<ul>" + "".join(
            f"<li><strong>{esc(o.text)}</strong> ({'right' if o.correct else 'not right'}): {esc(o.feedback)}</li>" for o in q.options
        ) + "</ul>")
    cites = _citations(q, project)
    if cites:
        feedback.append(f"<p>Sources: {esc(cites)}</p>")
    quiz.content = "\n".join(feedback)
    return quiz


def collection(bank: QuizBank, project: Project) -> QuizCollection:
    desc = "Self-assessment questions from casework. The answers and their reasons come from the case reviews cited in each item."
    # mkdocs-quiz writes the title into title="..." with xml.sax.saxutils.escape, which leaves '"' as it is
    return QuizCollection(title=_no_straight_quotes(bank.title), quizzes=[to_quiz(bank, q, project) for q in bank.questions],
                          description=desc, identifier=ident(bank.id))


def package(bank: QuizBank, project: Project, version: str) -> bytes:
    """One bank as a QTI content package (zip bytes): imsmanifest.xml, assessment.xml, one file per item."""
    import io

    exporter = QTIExporter.create(collection(bank, project), VERSIONS[version])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        entries = {"imsmanifest.xml": exporter.generate_manifest(), "assessment.xml": exporter.generate_assessment(), **exporter.generate_items()}
        for name, text in entries.items():
            _well_formed(bank, version, name, text)
        for name, text in entries.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)
    return buffer.getvalue()


class QtiError(CaseworkError):
    """A package that would not be well-formed XML: nothing is written for it."""


def _well_formed(bank: QuizBank, version: str, name: str, text: str) -> None:
    """Parse `text` back; an LMS rejects a package whose XML is not well-formed, so the export stops instead."""
    try:
        ET.fromstring(text)
    except ET.ParseError as exc:
        raise QtiError(f"quiz bank '{bank.id}': the QTI {version} file {name} would not be well-formed XML ({exc})",
                       "report this as a bug in casework, with the bank; meanwhile simplify the text of the question named above") from None


def write_qti(project: Project, out_dir: Path, versions: tuple[str, ...] = ("2.1", "1.2")) -> list[Path]:
    """Write `<bank>-qti21.zip` (and `-qti12.zip`) for every bank into `out_dir`; return the paths. Every package is
    made (and its XML parsed back) before any is written, so a failure leaves nothing half-exported."""
    packages = {out_dir / f"{lq.obj.id}-qti{version.replace('.', '')}.zip": package(lq.obj, project, version)
                for lq in project.quizzes.values() for version in versions}
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, data in packages.items():
        path.write_bytes(data)
    return list(packages)
