"""Build tests of the real site: every part of the content the issues promise is there and joined up."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from casework.checks import load_project
from conftest import REPO
from test_build_mini import EXTERNAL

pytestmark = pytest.mark.build
REVIEWS = ["lcspr-case-a", "scr-hh-ii-jj", "scr-family-m", "scr-child-j"]


def test_content_passes_every_check() -> None:
    project = load_project(REPO)
    assert [str(p) for p in project.errors] == []
    assert sorted(project.reviews) == sorted(REVIEWS)


@pytest.mark.parametrize("page", [f"protocol/section-{i}.html" for i in range(1, 15)] + [f"protocol/appendix-{i}.html" for i in range(1, 8)])
def test_every_protocol_section_and_appendix_has_a_page(real_site: Path, page: str) -> None:
    html = (real_site / page).read_text(encoding="utf-8")
    assert "In short" in html
    assert "<dt>Source version</dt><dd>09 (June 2018)</dd>" in html
    assert 'class="cw-review-banner"' in html  # the protocol's 2021 review date has passed


@pytest.mark.parametrize("review", REVIEWS)
def test_each_review_has_three_layers_and_metadata(real_site: Path, review: str) -> None:
    briefing = (real_site / f"reviews/{review}/index.html").read_text(encoding="utf-8")
    for part in ("Background", "Why it matters", "Things to note and remember", "What to do"):
        assert part in briefing, part
    assert '<label for="ap-plan">' in briefing  # the team action-plan form
    brief = (real_site / f"reviews/{review}/brief.html").read_text(encoding="utf-8")
    assert "Content note" in brief
    findings = (real_site / f"reviews/{review}/findings.html").read_text(encoding="utf-8")
    for label in ("Board", "Review type", "Agencies involved", "Themes"):
        assert f"<td>{label}</td>" in findings
    assert 'id="finding-1"' in findings and "Trained by:" in findings


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        assert not EXTERNAL.search(page.read_text(encoding="utf-8")), page


def test_every_citation_in_the_site_is_a_link_or_labelled(real_site: Path) -> None:
    """Prose citations are turned into links; none is left as raw '(key locator)' text."""
    raw = re.compile(r"\((?:nw-protocol|lcspr-case-a|scr-hh-ii-jj|scr-family-m|scr-child-j) [^)]*\)")
    for page in real_site.rglob("*.html"):
        text = re.sub(r"<(script|pre|code)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert not raw.search(text), (page, raw.search(text))


def test_abbreviations_used_in_pages_are_in_the_glossary() -> None:
    project = load_project(REPO)
    known = {t.term for t in project.terms}
    allowed = {"UK", "US", "BT", "TBC", "NHS", "PDF", "ID", "IDs", "YAML", "HTML", "CPD", "LMS", "QTI", "SCORM", "XML", "JSON", "RSS", "USB", "II", "JJ", "HH", "SCRs", "LCSPRs"}
    missing: dict[str, str] = {}
    for md in (REPO / "docs").rglob("*.md"):
        text = re.sub(r"```.*?```|`[^`]*`|\([a-z0-9-]+ [^)]*\)|\]\([^)]*\)", "", md.read_text(encoding="utf-8"), flags=re.S)
        for word in set(re.findall(r"(?<![\w-])[A-Z]{3,}s?(?![\w-])", text)):
            if word not in known and word.rstrip("s") not in known and word not in allowed:
                missing.setdefault(word, md.relative_to(REPO).as_posix())
    assert missing == {}


def test_scenarios_and_quizzes_are_listed(real_site: Path) -> None:
    index = (real_site / "scenarios/index.html").read_text(encoding="utf-8")
    for sid in ("case-a-new-relationship", "hh-ii-jj-new-baby", "family-m-disagreement", "child-j-written-agreement"):
        assert f'href="{sid}/index.html"' in index
        assert "FACILITATOR" not in (real_site / f"scenarios/{sid}/index.html").read_text(encoding="utf-8")
    quizzes = (real_site / "quizzes/index.html").read_text(encoding="utf-8")
    for review in REVIEWS:
        assert f'href="{review}.html"' in quizzes


MODULES = ["understanding-iioc", "multi-agency-response", "capacity-to-protect", "offenders-who-groom-professionals",
           "information-sharing-offender-management"]


@pytest.mark.parametrize("module", MODULES)
def test_each_module_has_outcomes_taught_and_assessed_and_a_before_and_after(real_site: Path, module: str) -> None:
    project = load_project(REPO)
    m = project.modules[module].obj
    assert len(m.outcomes) >= 3 and "lcspr-case-a/rec-5" in m.recommendations
    html = (real_site / f"training/modules/{module}.html").read_text(encoding="utf-8")
    assert html.count('class="cw-outcome"') == len(m.outcomes)
    for block in re.findall(r'<div class="cw-outcome".*?</div>', html, re.S):
        assert "<strong>Answers:</strong>" in block and "<strong>Taught by:</strong>" in block and "<strong>Assessed by:</strong>" in block
    assert m.self_assessment is not None
    for stage in ("before", "after", "record"):
        assert f'href="../../self-assessment/{m.self_assessment}/{stage}.html"' in html
    after = (real_site / f"self-assessment/{m.self_assessment}/after.html").read_text(encoding="utf-8")
    assert 'class="cw-compare"' in after and after.count('class="cw-question"') == len(project.sets[m.self_assessment].obj.after_questions())
    record = (real_site / f"self-assessment/{m.self_assessment}/record.html").read_text(encoding="utf-8")
    assert "Self-assessment, not an examination" in record
    record_text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", record)).split())
    for o in m.outcomes:
        assert " ".join(o.text.split()) in record_text


def test_modules_index_shows_every_module_and_outcome_coverage(real_site: Path) -> None:
    html = (real_site / "training/modules/index.html").read_text(encoding="utf-8")
    for module in MODULES:
        assert f'href="{module}.html"' in html
    assert "Outcome coverage" in html and "Recommendations answered" in html


def test_pathways_cover_every_role(real_site: Path) -> None:
    html = (real_site / "training/pathways.html").read_text(encoding="utf-8")
    for role in ("Police", "Probation", "Children&rsquo;s social care", "Health visitors and midwives", "GPs", "Schools and early years", "Voluntary sector"):
        assert re.search(rf"<h2[^>]*>{role}", html.replace("'", "&rsquo;")), role


@pytest.mark.parametrize("session", ["half-day", "full-day"])
def test_session_plans_are_printable_trainer_packs(real_site: Path, session: str) -> None:
    html = (real_site / f"training/sessions/{session}.html").read_text(encoding="utf-8")
    assert "room.html" in html and "facilitator.html" in html and "self-assessment/" in html and "evaluation/" in html
    assert re.search(r"<h2[^>]*>.*(distress|disclos)", html, re.I)
    assert "cw-page-record" in html  # version and print date on the printout
    css = (real_site / "assets/casework/casework.css").read_text(encoding="utf-8")
    assert re.search(r"@media print \{[^}]*\.md-header, \.md-tabs, \.md-sidebar", css)


@pytest.mark.parametrize("stage", ["before", "after", "follow-up"])
def test_evaluation_forms_are_labelled_and_saved_only_in_the_browser(real_site: Path, stage: str) -> None:
    html = (real_site / f"training/evaluation/{stage}.html").read_text(encoding="utf-8")
    form = re.search(r'<form [^>]*class="cw-form" data-cw-save="evaluation-[a-z-]+".*?</form>', html, re.S)
    assert form, "no saved form"
    ids = re.findall(r'<(?:input|textarea)[^>]*\bid="([^"]+)"', form.group(0))
    for ident in ids:
        assert f'for="{ident}"' in form.group(0), f"input {ident} has no label"
    assert form.group(0).count("<fieldset>") == form.group(0).count("<legend>")
    assert "cw-form-download" in form.group(0) and "cw-print" in form.group(0)


def test_topics_page_lists_every_theme(real_site: Path) -> None:
    project = load_project(REPO)
    html = (real_site / "topics.html").read_text(encoding="utf-8")
    table = html[html.index("<table>"):html.index("</table>")]
    for theme in project.themes.values():
        assert re.search(rf'<a href="#tag:[a-z-]+">{re.escape(html_lib.escape(theme.title))}</a>|<a href="#tag:[a-z-]+"><abbr[^>]*>{theme.title}</abbr></a>', table), theme.title
    assert 'href="reviews/lcspr-case-a/brief.html"' in html  # Material's listing, under each tag


def test_old_addresses_redirect(real_site: Path) -> None:
    assert 'url=guidance/what-to-do.html"' in (real_site / "what-to-do.html").read_text(encoding="utf-8")
    assert 'url=appendix-1.html"' in (real_site / "protocol/checklists.html").read_text(encoding="utf-8")


def test_whats_new_and_feeds(real_site: Path) -> None:
    html = (real_site / "whats-new.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in html and 'href="feed.json"' in html
    assert (real_site / "feed.xml").read_text(encoding="utf-8").count("<entry>") >= 40


def test_no_repository_link_or_edit_pencil_on_the_real_site(real_site: Path) -> None:
    """mkdocs.yml configures no repository, so the header has no repository link and pages no edit pencil."""
    for page in ("index.html", "protocol/section-3.html", "quizzes/lcspr-case-a.html", "sources/nw-protocol.html"):
        html = (real_site / page).read_text(encoding="utf-8")
        assert "md-source" not in html and "md-content__button" not in html and "example.invalid" not in html, page


def test_source_pages_for_every_source_and_an_index_in_the_nav(real_site: Path) -> None:
    index = (real_site / "sources/index.html").read_text(encoding="utf-8")
    for key in ("nw-protocol", *REVIEWS):
        assert f'href="{key}.html"' in index, key
        page = (real_site / f"sources/{key}.html").read_text(encoding="utf-8")
        assert "Content note" in page and "original document" in page and "Cited in" in page, key
    assert 'href="sources/index.html"' in (real_site / "index.html").read_text(encoding="utf-8")  # in the nav
    child_j = (real_site / "sources/scr-child-j.html").read_text(encoding="utf-8")
    assert "<dd>undated. The overview is undated" in child_j


def test_generated_quiz_and_findings_pages_carry_a_content_note(real_site: Path) -> None:
    for page in ["quizzes/nw-protocol.html", *[f"quizzes/{r}.html" for r in REVIEWS], *[f"reviews/{r}/findings.html" for r in REVIEWS]]:
        html = (real_site / page).read_text(encoding="utf-8")
        note = re.search(r'<div class="admonition warning">\s*<p class="admonition-title">Content note</p>(.*?)</div>', html, re.S)
        assert note and "support.html" in note.group(1), page


def test_site_facts_are_filled_in_on_pages_and_titles(real_site: Path) -> None:
    from casework.checks import load_project

    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    n = len(load_project(REPO).reviews)
    themes = (real_site / "reviews/themes.html").read_text(encoding="utf-8")
    assert f"<title>What recurs across the {words[n]} reviews" in themes
    for page in ("index.html", "reviews/index.html", "reviews/themes.html", "protocol/index.html"):
        assert "{{ reviews." not in (real_site / page).read_text(encoding="utf-8"), page
