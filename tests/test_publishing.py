"""Publishing for boards: scaffolds, the TODO and personal-data checks, review dates, `casework export site`.

The scaffold tests are golden: tests/golden/scaffold/*.txt hold what `casework new ...` prints
and the exact to-do list `casework check` gives for the fresh files. Run with UPDATE_GOLDEN=1
to rewrite them after a deliberate change, then review the diff. tests/golden/scaffold/filled/
holds the same review filled in, which must pass.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from casework.checks import load_project
from casework.checks.dates import amendment_problems, check_amendments, check_review_dates
from casework.checks.personal import find_personal_data
from casework.cli import main
from casework.publish.scaffold import review_files, source_entry
from conftest import MINI, mkdocs_build

GOLDEN = Path(__file__).parent / "golden" / "scaffold"
TODAY = "2020-01-01"  # the mini home page's next_review is 2020-01-01: not yet past, so no warning


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    text = (out.err + out.out).strip() + "\n"
    assert "Traceback" not in text
    return code, text


def session(capsys: pytest.CaptureFixture[str], root: Path, *commands: list[str]) -> str:
    """Run casework commands in `root`, as a transcript: the command, its output, its exit code."""
    parts = []
    for argv in commands:
        code, text = run(capsys, "--root", str(root), *argv)
        parts.append(f"$ casework {' '.join(argv)}\n{text}exit {code}\n")
    return "\n".join(parts)


def line_of(path: Path, needle: str) -> int:
    """The line of `path` that holds `needle` (so tests do not depend on the fixture's layout)."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


# --- scaffolds ------------------------------------------------------------------------------


def test_new_review_fails_the_check_with_a_todo_list(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (mini_copy / "sources.yml").read_text(encoding="utf-8")
    transcript = session(capsys, mini_copy, ["new", "review", "demo-new"], ["check", "--today", TODAY])
    golden("new-review.txt", transcript)
    assert "exit 0\n\n$ casework check" in transcript and transcript.endswith("exit 1\n")
    # every problem is a placeholder still to fill in: the scaffold itself is valid content
    problems = load_project(mini_copy).problems
    assert problems and all("still has a TODO placeholder" in p.message for p in problems)
    # sources.yml: the entry is appended as text; what was there (comments included) is kept
    after = (mini_copy / "sources.yml").read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("- key: demo-new") == 1


def test_new_review_filled_in_passes(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(mini_copy), "new", "review", "demo-new")[0] == 0
    shutil.copytree(GOLDEN / "filled", mini_copy, dirs_exist_ok=True)
    code, text = run(capsys, "--root", str(mini_copy), "check", "--today", TODAY)
    assert code == 0, text
    assert text == "casework check: all good (2 reviews, 2 scenarios, 2 quiz banks, 3 sources, 1 training modules, 1 self-assessment sets)\n"


@pytest.mark.build
def test_new_review_filled_in_builds_strictly(mini_copy: Path, tmp_path: Path) -> None:
    """The scaffolded pages' links (brief, findings anchors, scenario, quiz) all resolve."""
    assert main(["--root", str(mini_copy), "new", "review", "demo-new"]) == 0
    shutil.copytree(GOLDEN / "filled", mini_copy, dirs_exist_ok=True)
    result = mkdocs_build(mini_copy / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "reviews" / "demo-new" / "brief" / "index.html").is_file() or (
        tmp_path / "site" / "reviews" / "demo-new" / "brief.html").is_file()
    # the new review has its source page, listing each paragraph its pages cite, with the anchor citations land on
    source = (tmp_path / "site" / "sources" / "demo-new.html").read_text(encoding="utf-8")
    assert 'id="p-1-1"' in source and "Cited in" in source
    brief = (tmp_path / "site" / "reviews" / "demo-new" / "brief.html").read_text(encoding="utf-8")
    assert 'href="../../sources/demo-new.html#p-1-1"' in brief


def test_new_scenario_and_quiz_for_an_existing_review(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = session(capsys, mini_copy, ["new", "scenario", "demo-visit", "--review", "demo-review"], ["check", "--today", TODAY])
    golden("new-scenario.txt", transcript)
    text = (mini_copy / "scenarios" / "demo-visit.yml").read_text(encoding="utf-8")
    assert "trains: [demo-review/finding-1]" in text and "quiz: demo" in text and "[demo-review 5.1]" in text

    (mini_copy / "scenarios" / "demo-visit.yml").unlink()
    transcript = session(capsys, mini_copy, ["new", "quiz", "demo-more", "--review", "demo-review"],
                         ["new", "quiz", "standalone"], ["check", "--today", TODAY])
    golden("new-quiz.txt", transcript)


def test_scaffolds_refuse_to_overwrite_and_check_names(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini_copy), "new", "review", "demo-new"]) == 0
    capsys.readouterr()
    sources = (mini_copy / "sources.yml").read_text(encoding="utf-8")
    (mini_copy / "reviews" / "demo-new.yml").write_text("key: demo-new\n", encoding="utf-8")

    code, text = run(capsys, "--root", str(mini_copy), "new", "review", "demo-new")
    assert code == 1
    assert text.startswith("casework new review: reviews/demo-new.yml, docs/reviews/demo-new/index.md, ")
    assert "already exist; nothing was written\n    how to fix: " in text
    assert (mini_copy / "reviews" / "demo-new.yml").read_text(encoding="utf-8") == "key: demo-new\n"
    assert (mini_copy / "sources.yml").read_text(encoding="utf-8") == sources

    code, text = run(capsys, "--root", str(mini_copy), "new", "quiz", "demo")
    assert (code, text) == (1, "casework new quiz: quizzes/demo.yml already exists; nothing was written\n"
                               "    how to fix: choose another name, or move the existing file out of the way first\n")
    code, text = run(capsys, "--root", str(mini_copy), "new", "review", "Case_Z")
    assert (code, text) == (1, "casework new review: 'key' is 'Case_Z', which is not in the expected form\n"
                               "    how to fix: use lower-case letters, digits and single hyphens, e.g. 'lcspr-case-a'\n")
    code, text = run(capsys, "--root", str(mini_copy), "new", "scenario", "visit", "--review", "no-such-review")
    assert code == 1 and "there is no review 'no-such-review'" in text and "reviews are: demo-new, demo-review" in text
    assert not (mini_copy / "scenarios" / "visit.yml").exists()


def test_a_source_entry_is_appended_at_the_file_indentation(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text("# my comment\nsources:\n    - key: old  # keep me\n      title: Old\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "new", "review", "fresh"]) == 0
    text = (tmp_path / "sources.yml").read_text(encoding="utf-8")
    assert text.startswith("# my comment\nsources:\n    - key: old  # keep me\n      title: Old\n")
    assert "\n    - key: fresh\n      # What kind of document it is" in text
    assert [f.path for f in review_files("fresh")] == [
        "reviews/fresh.yml", "docs/reviews/fresh/index.md", "docs/reviews/fresh/brief.md",
        "scenarios/fresh-scenario.yml", "quizzes/fresh.yml"]
    assert source_entry("fresh").lstrip("\n").startswith("  # 'fresh'")


# --- the TODO check -----------------------------------------------------------------------


def test_todo_in_values_end_of_line_comments_and_pages(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = (MINI / "reviews" / "demo-review.yml").read_text(encoding="utf-8")
    review = review.replace("title: Check accounts", "title: Check accounts  # TODO: a better title")
    review = review.replace("summary: A made-up review used by the tests.", "# TODO in a whole-line comment is only a note\nsummary: >-\n  A made-up review.\n  TODO: say more")
    (mini_copy / "reviews" / "demo-review.yml").write_text(review, encoding="utf-8")
    (mini_copy / "docs" / "notes.md").write_text(
        "---\ntitle: Notes\ndescription: \"TODO: describe it\"\n---\n\n# Notes\n\n## Plan\n\nWrite `TODO` in code, and TODO: the real plan.\n\n"
        "```text\nTODO inside a code block is an example\n```\n", encoding="utf-8")
    code, text = run(capsys, "--root", str(mini_copy), "check", "--today", TODAY)
    assert code == 1
    path = mini_copy / "reviews" / "demo-review.yml"
    assert text == (
        "docs/notes.md:3: still has a TODO placeholder: front matter 'description' — describe it\n"
        "docs/notes.md:10: still has a TODO placeholder: section 'Plan' — the real plan\n"
        f"reviews/demo-review.yml:{line_of(path, 'TODO: say more')}: still has a TODO placeholder: summary — say more\n"
        f"reviews/demo-review.yml:{line_of(path, 'Check accounts  #')}: recommendation 'rec-1': still has a TODO placeholder: title — a better title\n"
        "4 errors\n")


# --- personal data ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("Mr Smith said he lived alone.", "name", "Mr Smith"),
    ("Mrs Jones was not told.", "name", "Mrs Jones"),
    ("Ms Jane Doe, the mother, agreed.", "name", "Ms Jane Doe"),
    ("Dr. Brown saw the child.", "name", "Dr. Brown"),
    ("Mr A Smith was managed at Level 1.", "name", "Mr A Smith"),
    ("Child Z was born 3 March 2012.", "dob", "born 3 March 2012"),
    ("She was born on 3rd March 2012 in London.", "dob", "born on 3rd March 2012"),
    ("DOB: 03/03/2012", "dob", "DOB: 03/03/2012"),
    ("d.o.b. 3.3.12 recorded", "dob", "d.o.b. 3.3.12"),
    ("date of birth 2012-03-03", "dob", "date of birth 2012-03-03"),
    ("They lived at 12 Acacia Avenue.", "address", "12 Acacia Avenue"),
    ("He moved to 4b Mill Lane", "address", "4b Mill Lane"),
    ("The flat at 27 St Mary's Road was checked.", "address", "27 St Mary's Road"),
    ("The postcode was SW1A 1AA.", "postcode", "SW1A 1AA"),
    ("Near M1 1AE", "postcode", "M1 1AE"),
    ("Call 07700 900123 today.", "phone", "07700 900123"),
    ("Ring 020 7946 0000.", "phone", "020 7946 0000"),
    ("Ring 01632 960 001.", "phone", "01632 960 001"),
    ("Ring +44 7700 900123.", "phone", "+44 7700 900123"),
    ("Email jo.bloggs@example.org for details.", "email", "jo.bloggs@example.org"),
])
def test_each_kind_of_personal_data_is_found(text: str, kind: str, found: str) -> None:
    hits = find_personal_data(text)
    assert [(h.kind, h.text) for h in hits] == [(kind, found)]


@pytest.mark.parametrize("text", [
    "Mr A told Ms R that Child S was safe; Mrs A's GP was not told.",
    "Family M, Child J, HH, II and JJ, Mr W and Sibling 3.",
    "Ms X Y agreed.",
    "Mr A's Risk Matrix score was low; Mr Z The officer",
    "Child S, born May 2016, and Child T, born in July 2018.",
    "Section 47 enquiries; MAPPA Level 1; paragraph 5.26; Appendix 1.",
    "In a 2015 study of 127 people, 4.7% admitted offences.",
    "Call 999, or 101, or Childline on 0800 1111, or 116 123.",
    "See https://example.org/2018/04/Final-Report-07700900123.pdf and www.example.org/0207946000",
    "The 2 Key points; Level 2 Court hearings; 3 Jigsaw teams.",
    "He was 27 in 2019; aged 2 at the time.",
])
def test_clean_text_is_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []


def test_identifiers_a_review_uses_are_allowed() -> None:
    assert find_personal_data("Mrs Brown and Mr Wright Jones", {"Mrs Brown", "Mr Wright Jones"}) == []
    assert [h.text for h in find_personal_data("Mrs Brown and Mrs Green", {"Mrs Brown"})] == ["Mrs Green"]


def test_personal_data_is_reported_with_file_line_and_field(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = (MINI / "reviews" / "demo-review.yml").read_text(encoding="utf-8")
    review = review.replace("identifiers: [Mr Z, Child Z]", "identifiers: [Mr Z, Child Z, Mrs Brown]")
    review = review.replace("text: Agencies relied on what Mr Z said about his household.",
                            "text: >-\n      Agencies relied on what Mr Z and Mrs Brown said.\n      Mr Smith lived at 12 Acacia Avenue.")
    review = review.replace("children: Child Z, aged 2", "children: Child Z, born 3 March 2022")
    (mini_copy / "reviews" / "demo-review.yml").write_text(review, encoding="utf-8")
    scenario = (MINI / "scenarios" / "demo.yml").read_text(encoding="utf-8")
    (mini_copy / "scenarios" / "demo.yml").write_text(scenario.replace("setting: A home visit to Mr Z", "setting: A home visit to Mr Z at SW1A 1AA"), encoding="utf-8")
    quiz = (MINI / "quizzes" / "demo.yml").read_text(encoding="utf-8")
    (mini_copy / "quizzes" / "demo.yml").write_text(quiz.replace("feedback: Yes, they manage Mr Z.", "feedback: Yes, call them on 07700 900123."), encoding="utf-8")
    page = mini_copy / "docs" / "reviews" / "demo-review"
    page.mkdir(parents=True)
    note = '!!! warning "Content note"\n    About a case. See [Support](../../support.md).\n\n'
    (page / "index.md").write_text("---\ntitle: Demo\n---\n\n# Demo\n\n" + note + "## 1. Background\n\n- Mrs Jones, the grandmother, was not asked.\n"
                                   "- Mr Z and Mrs Brown were.\n\n```text\nMr Example in a code block is an example\n```\n", encoding="utf-8")
    (page / "brief.md").write_text("---\ntitle: Brief\npublic_names: [Dr Bourke]\n---\n\n# Brief\n\n" + note + "The review consulted Dr Bourke.\n", encoding="utf-8")
    (mini_copy / "docs" / "contact.md").write_text("# Contact\n\nWrite to help@example.org. Mr Smith is not checked here.\n", encoding="utf-8")
    (mini_copy / "docs" / "helplines.md").write_text("---\npublic_contact_details: true\n---\n\n# Helplines\n\nCall 0808 800 5000 or help@example.org.\n", encoding="utf-8")
    code, text = run(capsys, "--root", str(mini_copy), "check", "--today", TODAY)
    assert code == 1
    review_line = line_of(mini_copy / "reviews" / "demo-review.yml", "Mr Smith lived at")
    children_line = line_of(mini_copy / "reviews" / "demo-review.yml", "born 3 March")
    phone_line = line_of(mini_copy / "quizzes" / "demo.yml", "07700 900123")
    setting_line = line_of(mini_copy / "scenarios" / "demo.yml", "SW1A 1AA")
    assert text == f"""\
docs/contact.md:3: top of the page: looks like an email address: 'help@example.org'
    how to fix: remove it; a page of public contacts can set 'public_contact_details: true' in its front matter
docs/reviews/demo-review/index.md:12: section '1. Background': looks like a person's name: 'Mrs Jones'
    how to fix: use only the review's anonymised identifiers (such as 'Mr A'); if the review itself uses this one, add it to the review's 'identifiers:' list
quizzes/demo.yml:{phone_line}: question 'q2', option 2: feedback: looks like a phone number: '07700 900123'
    how to fix: remove it; a page of public helplines can set 'public_contact_details: true' in its front matter
reviews/demo-review.yml:{children_line}: children: looks like a date of birth: 'born 3 March 2022'
    how to fix: give ages as the review gives them (such as 'aged 2'), never a date of birth
reviews/demo-review.yml:{review_line}: finding 'finding-1': text: looks like a person's name: 'Mr Smith'
    how to fix: use only the review's anonymised identifiers (such as 'Mr A'); if the review itself uses this one, add it to the review's 'identifiers:' list
reviews/demo-review.yml:{review_line}: finding 'finding-1': text: looks like a street address: '12 Acacia Avenue'
    how to fix: remove it; say what kind of place it was, such as 'the family home', as the review does
scenarios/demo.yml:{setting_line}: setting: looks like a postcode: 'SW1A 1AA'
    how to fix: remove it; name no place more precisely than the review does
7 errors
"""


def test_the_real_content_has_no_publishing_problems() -> None:
    from conftest import REPO

    project = load_project(REPO)
    own = [p for p in project.problems if "TODO placeholder" in p.message or ": looks like " in p.message]
    ignored = ("modules/", "sets/", "docs/training/")  # being written as this lands
    assert [str(p) for p in own if not p.file.startswith(ignored)] == []
    assert check_review_dates(project, dt.date.today()) == []


# --- review dates ---------------------------------------------------------------------------


def test_a_page_past_its_next_review_gets_a_warning(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = mini_copy / "docs"
    (docs / "due-month.md").write_text("---\ntitle: Month\nlast_reviewed: 2024-01\nnext_review: 2025-06\n---\n\n# Month\n", encoding="utf-8")
    (docs / "due-year.md").write_text("---\ntitle: Year\nnext_review: 2025\n---\n\n# Year\n", encoding="utf-8")
    (docs / "in-date.md").write_text("---\ntitle: Fine\nnext_review: 2026-07-01\n---\n\n# Fine\n", encoding="utf-8")
    (docs / "protocol" / "section-3.md").write_text(
        "---\ntitle: Section 3\nsource_review_due: 2021\nnext_review: 2027-01-01\n---\n\n# Section 3\n\nSome guidance (demo-protocol 3.4).\n", encoding="utf-8")
    project = load_project(mini_copy)
    warnings = check_review_dates(project, dt.date(2026, 6, 30))
    assert [str(w) for w in warnings] == [
        "docs/due-month.md:4: warning: next review was due on 2025-06\n"
        "    how to fix: review the page, then update last_reviewed and next_review (and add an amendment note)",
        "docs/due-year.md:3: warning: next review was due on 2025\n"
        "    how to fix: review the page, then update last_reviewed and next_review (and add an amendment note)",
        "docs/index.md:3: warning: next review was due on 2020-01-01\n"
        "    how to fix: review the page, then update last_reviewed and next_review (and add an amendment note)",
        "quizzes/demo.yml:44: warning: next review was due on 2020-06\n"
        "    how to fix: review the content, then update last_reviewed and next_review (and add an amendment note)",
    ]
    assert check_review_dates(project, dt.date(2019, 12, 31)) == []
    assert all(w.severity == "warning" for w in warnings)
    # the build's check (load_project) leaves dates alone: the page shows its own banner there
    assert not any("next review" in p.message for p in project.problems)

    code, text = run(capsys, "--root", str(mini_copy), "check", "--today", "2025-12-31")
    assert code == 0
    assert text.count("warning: next review was due on") == 3  # due-month, index, the quiz; due-year means the end of 2025
    assert text.endswith("0 errors, 3 warnings\ncasework check: no errors, so the site builds; 3 warnings above to look at (1 reviews, 1 scenarios, 1 quiz banks, 2 sources, 1 training modules, 1 self-assessment sets)\n")


def test_check_rejects_a_bad_today(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--today", "31/12/2025"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "'31/12/2025' is not a date in the form YYYY-MM-DD" in err and "Traceback" not in err


# --- export site ----------------------------------------------------------------------------


@pytest.mark.build
def test_export_site_writes_a_zip_with_a_folder_and_a_readme(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "casework-site.zip"
    out.parent.mkdir()
    code, text = run(capsys, "--root", str(mini_copy), "export", "site", "--out", str(out))
    assert code == 0, text
    assert f"Wrote {out} (" in text and "open casework-site/index.html" in text
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert zf.testzip() is None
        readme = zf.read("README.txt").decode("utf-8")
    assert {"README.txt", "casework-site/index.html", "casework-site/404.html"} <= names
    assert {"casework-site/search/index-0.js", "casework-site/assets/casework/search-worker-src.js"} <= names  # search, offline
    assert all(n == "README.txt" or n.startswith("casework-site/") for n in names)
    assert "open casework-site/index.html" in readme and "works offline" in readme and "sent anywhere" in readme
    assert not out.with_name(out.name + ".part").exists()


@pytest.mark.build
def test_export_site_stops_on_a_build_error_without_a_traceback(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (mini_copy / "docs" / "support.md").open("a", encoding="utf-8") as f:
        f.write("\n[A broken link](nowhere.md)\n")
    out = tmp_path / "site.zip"
    code, text = run(capsys, "export", "site", "--config", str(mini_copy / "mkdocs.yml"), "--out", str(out))
    assert code == 1
    assert "contains a link 'nowhere.md', but the target is not found" in text
    assert "\ncasework export site: the site did not build, so no zip was made\n" in text
    assert not out.exists()


def test_export_site_errors_are_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(capsys, "--root", str(tmp_path), "export", "site")
    assert code == 1 and f"Building the site from {tmp_path / 'mkdocs.yml'}" in text
    assert f"casework export site: {tmp_path / 'mkdocs.yml'}: no such MkDocs configuration file\n    how to fix: " in text
    code, text = run(capsys, "export", "site", "--config", str(MINI / "mkdocs.yml"), "--out", str(tmp_path / "missing" / "x.zip"))
    assert code == 1 and f"casework export site: {tmp_path / 'missing'} does not exist" in text


# --- amendment logs -------------------------------------------------------------------------


def test_valid_amendment_logs_pass() -> None:
    front = ("title: Fine\namendments:\n  - date: 2026-11-21\n    note: First published.\n"
             "  - date: 2027-03\n    note: Month only.\n  - date: '2027-04-02'\n    note: >-\n      Quoted date,\n      folded note.\n")
    assert amendment_problems("docs/p.md", front) == []
    assert amendment_problems("docs/p.md", "title: No log\n") == []
    assert amendment_problems("docs/p.md", "amendments:\n") == []  # an empty log: nothing to say yet
    assert amendment_problems("docs/p.md", "amendments: []\n") == []
    assert amendment_problems("docs/p.md", "amendments: [oops\n") == []  # unreadable YAML is reported elsewhere


def test_every_amendment_problem_is_reported_with_its_line() -> None:
    front = ("title: Bad\n"                      # line 2 of the page
             "amendments:\n"                     # 3
             "  - date: 2024-02-30\n"            # 4
             "    note: ''\n"                    # 5
             "  - date: 2024\n"                  # 6
             "    note: [a, b]\n"                # 7
             "  - date:\n"                       # 8
             "    note: Fine note.\n"            # 9
             "    by: someone\n"                 # 10
             "  -\n")                            # 11
    got = [(p.line, p.message) for p in amendment_problems("docs/bad.md", front)]
    assert got == [
        (4, "front matter 'amendments' (item 1): date '2024-02-30' is not a date (YYYY-MM-DD or YYYY-MM)"),
        (5, "front matter 'amendments' (item 1): no note saying what changed"),
        (6, "front matter 'amendments' (item 2): date '2024' is not a date (YYYY-MM-DD or YYYY-MM)"),
        (7, "front matter 'amendments' (item 2): note must be a sentence of text"),
        (10, "front matter 'amendments' (item 3): unknown key 'by'; an entry has only 'date', 'version' and 'note'"),
        (8, "front matter 'amendments' (item 3): no date"),
        (11, "front matter 'amendments' (item 4): must be a mapping with 'date' and 'note'"),
    ]
    problems = amendment_problems("docs/bad.md", front)
    assert all(p.hint and p.file == "docs/bad.md" and p.severity == "error" for p in problems)
    assert "date: 2026-11-21" in str(problems[-1])  # a valid example to copy
    mapping = amendment_problems("docs/bad.md", "amendments:\n  date: 2024-01-01\n  note: Not a list.\n")
    assert [(p.line, p.message) for p in mapping] == [(2, "front matter 'amendments' must be a list of entries")]


def test_a_bad_page_amendment_fails_the_check(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = mini_copy / "docs" / "support.md"
    page.write_text("---\ntitle: Support\namendments:\n  - date: 2024-13-01\n    note: Impossible month.\n---\n\n# Support\n", encoding="utf-8")
    code, text = run(capsys, "--root", str(mini_copy), "check", "--today", TODAY)
    assert code == 1  # and no traceback: an impossible date in front matter used to crash the loader
    assert text.startswith("docs/support.md:4: front matter 'amendments' (item 1): date '2024-13-01' is not a date")


def test_the_real_pages_have_valid_amendment_logs() -> None:
    from conftest import REPO

    assert [str(p) for p in check_amendments(load_project(REPO))] == []


def test_a_new_reviews_generated_pages_are_in_whats_new(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The scaffold's content files carry dates, so the findings, scenario and quiz pages built from them reach what's new."""
    from casework.publish.whatsnew import collect
    from casework.render import generate

    assert run(capsys, "--root", str(mini_copy), "new", "review", "demo-new")[0] == 0
    shutil.copytree(GOLDEN / "filled", mini_copy, dirs_exist_ok=True)
    project = load_project(mini_copy)
    assert not project.errors, project.problems
    pages = {g.path: g.markdown for g in generate(project) if g.is_page}
    new = {e.page for e in collect(pages) if "demo-new" in e.page}
    assert {"reviews/demo-new/findings.md", "scenarios/demo-new-scenario/index.md", "quizzes/demo-new.md"} <= new
