"""Hostile input (issue #18): YAML that would exhaust memory or the stack, and text that would make a check's
regular expressions take minutes. Each limit is one `file:line` problem, never a traceback or a hang."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.checks.base import blank_code_spans, markdown_lines
from casework.checks.forms import form_problems
from casework.checks.names import child_dates, full_names, lexicon, named_places
from casework.checks.personal import find_personal_data
from casework.checks.todos import todo_problems_yaml
from casework.cli import main
from casework.content.citations import citations_in_markdown, link_citations
from casework.content.yamlsrc import MAX_DEPTH, front_matter, load_yaml
from conftest import MINI

# The billion laughs: nine lines of aliases that expand to 9^9 strings (about 6 GB before the limit).
ALIAS_BOMB = (
    'lol: &lol "lol"\n'
    "a: &a [*lol, *lol, *lol, *lol, *lol, *lol, *lol, *lol, *lol]\n"
    + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))
    + "i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
)
DEEP = "title: x\nnodes: " + "[" * 800 + "]" * 800 + "\n"  # 800 levels
LONG_LINE = "title: " + "a." * 100_000 + "@\n"  # a 200 KB line


def test_the_reproductions_are_the_size_the_issue_gives() -> None:
    assert len(ALIAS_BOMB.encode()) < 460  # the issue's was 451 bytes
    assert len(LONG_LINE) > 200_000


@pytest.mark.parametrize(("text", "line", "message"), [
    (ALIAS_BOMB, 2, "YAML aliases (*name, repeating an &anchor) are not accepted"),
    (DEEP, 2, f"the data is nested more than {MAX_DEPTH} levels deep here"),
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 800)) + "  " * 800 + "x: 1\n", MAX_DEPTH + 1,
     f"the data is nested more than {MAX_DEPTH} levels deep here"),
    ("a:\n  " + "[\n  " * 200_000 + "]\n  " * 200_000, 41, f"the data is nested more than {MAX_DEPTH} levels deep here"),  # libyaml alone would crash
    ("a: " + "[" * 800 + "]" * 799 + "\n: b", 1, f"the data is nested more than {MAX_DEPTH} levels deep here"),  # and a syntax error too
    (LONG_LINE, 1, "this line is 200,008 characters long; the limit is 10,000"),
])
def test_each_limit_is_one_problem_with_its_line(text: str, line: int, message: str) -> None:
    start = time.perf_counter()
    doc, problems = load_yaml(text, "quizzes/x.yml")
    assert time.perf_counter() - start < 2
    assert doc is None
    assert [(p.file, p.line, p.message) for p in problems] == [("quizzes/x.yml", line, message)]
    assert problems[0].hint


def test_front_matter_over_the_limits_reads_as_none() -> None:
    assert front_matter("---\n" + ALIAS_BOMB + "---\n# Page\n") == {}
    assert front_matter("---\n" + DEEP + "---\n# Page\n") == {}


def test_an_aliased_value_is_refused_even_when_small() -> None:
    doc, problems = load_yaml("a: &x [1]\nb: *x\n", "f.yml")
    assert doc is None and [str(p).splitlines()[0] for p in problems] == ["f.yml:2: YAML aliases (*name, repeating an &anchor) are not accepted"]


@pytest.mark.parametrize(("name", "text", "expect"), [
    ("bomb", ALIAS_BOMB, "quizzes/bomb.yml:2: YAML aliases"),
    ("deep", DEEP, f"quizzes/deep.yml:2: the data is nested more than {MAX_DEPTH} levels deep here"),
    ("long", LONG_LINE, "quizzes/long.yml:1: this line is 200,008 characters long"),
])
def test_check_reports_the_reproductions_without_a_traceback(mini_copy: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, expect: str) -> None:
    (mini_copy / "quizzes" / f"{name}.yml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    assert main(["--root", str(mini_copy), "check", "--today", "2020-01-01"]) == 1
    assert time.perf_counter() - start < 10
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error" not in err.replace("errors", "")
    ours = [ln for ln in err.splitlines() if ln.startswith(f"quizzes/{name}.yml") and "warning" not in ln]
    assert len(ours) == 1 and ours[0].startswith(expect)


def test_a_long_email_like_line_in_a_page_is_checked_quickly(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = mini_copy / "docs" / "long.md"
    page.write_text("# Long\n\n" + "a." * 100_000 + "@\n\nWrite to someone@example.org.\n", encoding="utf-8")
    start = time.perf_counter()
    main(["--root", str(mini_copy), "check", "--today", "2020-01-01"])
    assert time.perf_counter() - start < 10  # 73 s before the fix
    assert "docs/long.md:5: top of the page: looks like an email address: 'someone@example.org'" in capsys.readouterr().err


# --- every check over long, repetitive text: each input has a time budget --------------------------------

TOKENS = ["a", "A", ".", "@", "`", "``", "(", ")", ";", " ", "\t", "-", "1", "0", "Mr ", "Dr. ", "Aa", "#", "# ", "[[", "]]", "[", "]",
          "<script", "</script>", "www.", "http://", "born ", "DOB ", "TODO", ":", "\n", "+44", "~~~", "```", "\n```\n",
          '<form class="cw-form">', "<input>", "demo-review ", "demo-review 5.1", "a-a ", "Appendix", "Street", "&x ", "*x", "{", "'", '"', "<!--", "-->", "<a ", ">", "<", "</form>"]
UNITS = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6).map("".join)
LENGTH = 20_000
KNOWN = ("demo-review", "nw-protocol")


lexicon()  # Faker's name lists load once (about half a second), before any input is timed


def _long(unit: str) -> str:
    return (unit * (LENGTH // len(unit) + 1))[:LENGTH]


@settings(deadline=timedelta(milliseconds=1500), max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(UNITS)
def test_checks_take_linear_time_on_long_repetitive_text(unit: str) -> None:
    text = _long(unit)
    find_personal_data(text)
    list(full_names(text)), list(named_places(text)), list(child_dates(text))
    list(markdown_lines(text))
    blank_code_spans(text)
    citations_in_markdown(text, KNOWN)
    link_citations(text, "page.md", {})
    form_problems("page.md", '<form class="cw-form">\n' + text)
    todo_problems_yaml("x.yml", "a: TODO " + text.replace("\n", " ")[:9000] + "\n" + "b: 1 # TODO x\n" * 50)
    load_yaml(text, "x.yml")


@pytest.mark.parametrize("unit", ["a.", "`", "[[", " ", "(demo-review 1;", "<script", "DOB " + " " * 50, "<!--", "<a <", "<!-- >", "# " + " " * 30 + "x"])
def test_known_quadratic_inputs_are_now_fast(unit: str) -> None:
    text = _long(unit) * 10  # 200 KB
    start = time.perf_counter()
    find_personal_data(text)
    list(markdown_lines(text))
    citations_in_markdown(text, KNOWN)
    link_citations(text, "page.md", {})
    form_problems("page.md", '<form class="cw-form">\n' + text)
    assert time.perf_counter() - start < 3


def test_mini_fixture_is_untouched() -> None:
    assert (MINI / "quizzes" / "demo.yml").is_file()
