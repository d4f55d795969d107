"""Unit tests of the pure core: YAML loading, citations, graph checks, rendering helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.checks import load_project
from casework.content.citations import citations_in_markdown, link_citations, relative_link, resolve
from casework.content.index import coverage
from casework.content.model import Scenario, Source
from casework.content.project import read_model
from casework.content.yamlsrc import load_yaml
from casework.problems import Problem
from casework.render import pages
from casework.render.scenario_map import layers, map_svg

MINI = Path(__file__).parent / "fixtures" / "mini"

SOURCES = {
    "nw-protocol": Source(key="nw-protocol", title="Protocol", short="NW protocol", publisher="Board", date="2018-06",
                          url="https://example.invalid", page="protocol/index.md",
                          locators=r"((1[0-4]|[1-9])\.\d+(\.\d+)*|Appendix [1-7])",
                          sections={"3": "protocol/section-3.md", "Appendix 1": "protocol/appendix-1.md"}),
}


def test_yaml_keeps_line_numbers_of_nested_items() -> None:
    doc, problems = load_yaml("a: 1\nnodes:\n  n1:\n    choices:\n      - goto: n2\n      - goto: n3\n", "x.yml")
    assert problems == [] and doc is not None
    assert doc.line(("nodes", "n1", "choices", 1, "goto")) == 6
    assert doc.line(("nodes", "n1", "choices", 1, "missing")) == 6  # nearest ancestor
    assert doc.data["a"] == 1


def test_yaml_dates_stay_text() -> None:
    doc, _ = load_yaml("date: 2024-07-01\n", "x.yml")
    assert doc is not None and doc.data["date"] == "2024-07-01"


def test_yaml_duplicate_key_is_reported_with_both_lines() -> None:
    _, problems = load_yaml("a: 1\nb: 2\na: 3\n", "x.yml")
    assert [str(p).splitlines()[0] for p in problems] == ["x.yml:3: key 'a' appears twice in the same block (first on line 1)"]


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("nw-protocol 3.4", "protocol/section-3.md"),
        ("nw-protocol 10.9.1", "protocol/index.md"),
        ("nw-protocol Appendix 1", "protocol/appendix-1.md"),
    ],
)
def test_citation_resolves_to_longest_section(citation: str, expected: str) -> None:
    r = resolve(citation, SOURCES)
    assert not isinstance(r, str)
    assert r.page == expected


def test_citation_errors_say_what_is_wrong() -> None:
    assert resolve("nw-protcol 3.4", SOURCES) == "cites unknown source 'nw-protcol' (known sources: nw-protocol)"
    assert resolve("nw-protocol 15.1", SOURCES) == ("cites 'nw-protocol 15.1', but '15.1' is not one of this source's paragraphs: "
                                                    "nothing on the site cites it correctly yet; see the original for how its paragraphs are numbered")


def test_citations_found_in_prose_but_not_in_code_or_ordinary_brackets() -> None:
    text = "A (nw-protocol 3.4; nw-protocol Appendix 1).\n(low-risk offenders)\n```\n(nw-protocol 9.9)\n```\n(see above)"
    assert citations_in_markdown(text) == [(1, "nw-protocol 3.4"), (1, "nw-protocol Appendix 1")]


def test_citations_become_relative_links() -> None:
    out = link_citations("Do this (nw-protocol 3.4).", "guidance/what-to-do.md", SOURCES)
    assert out == 'Do this ([NW protocol 3.4](../sources/nw-protocol.md#p-3-4 "Protocol (Board, 2018), 3.4. Original: https://example.invalid"){ .cw-cite }).'


def test_relative_link() -> None:
    assert relative_link("scenarios/a/n1.md", "quizzes/a.md") == "../../quizzes/a.md"
    assert relative_link("index.md", "glossary.md") == "glossary.md"


def test_fixture_project_is_clean_and_covered() -> None:
    project = load_project(MINI)
    assert project.errors == []
    cov = coverage(project)
    assert cov["demo-review/finding-1"] == {"questions": ["demo/q1"], "choices": ["demo/n1/1", "demo/n1/2"]}


def test_map_layers_follow_distance_from_start() -> None:
    project = load_project(MINI)
    s = project.scenarios["demo"].obj
    assert layers(s) == [["n1"], ["n2", "n3"], ["e-good", "e-poor"]]
    svg = map_svg(s)
    assert svg.count("<rect") == 5 + 2  # five nodes, plus an inner border for each of the two endings
    assert 'href="#node-e-good"' in svg


def test_map_stays_readable_with_many_nodes() -> None:
    nodes = {f"n{i}": {"title": f"Node {i}", "body": "b", "choices": [
        {"text": "on", "goto": f"n{i + 1}", "rating": "stronger", "feedback": "f"},
        {"text": "skip", "goto": f"n{min(i + 2, 35)}", "rating": "weaker", "feedback": "f"}]} for i in range(35)}
    nodes["n35"] = {"title": "End", "body": "b", "ending": True,
                    "debrief": {"what_happened": "x", "good_practice": "y"}}
    s = Scenario.model_validate({"id": "big", "title": "Big", "review": "r", "role": "r", "setting": "s", "minutes": 5,
                                 "outcomes": ["o"], "content_note": "c", "summary": "s", "start": "n0", "nodes": nodes})
    rows = layers(s)
    assert max(len(r) for r in rows) <= 2  # a long chain is drawn tall, not wide
    assert map_svg(s).count("<a ") == 36


def test_review_banner_only_when_past_due() -> None:
    today = dt.date(2026, 11, 21)
    assert pages.review_banner({"next_review": "2027-01-01"}, today) == ""
    assert "due for review on 2026-01-01" in pages.review_banner({"next_review": "2026-01-01"}, today)
    assert "was due for review in 2021" in pages.review_banner({"source_review_due": "2021", "source_version": "09"}, today)


def test_checklists_get_labelled_checkboxes() -> None:
    html = ('<div class="cw-checklist">\n<ul class="task-list">\n<li class="task-list-item"><label class="task-list-control">'
            '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> Seen the child</li>\n</ul>\n</div>')
    out = pages.accessible_checklists(html, "p")
    assert '<input type="checkbox" id="cw-p-check-1" autocomplete="off"><label for="cw-p-check-1">Seen the child</label>' in out
    assert "disabled" not in out and "Print this checklist" in out


def test_problem_format() -> None:
    p = Problem("scenarios/case-a.yml", 12, "node 'n3', choice 2", "goes to 'n9', which does not exist (nodes: n1, n2, n4)")
    assert str(p) == "scenarios/case-a.yml:12: node 'n3', choice 2: goes to 'n9', which does not exist (nodes: n1, n2, n4)"


# --- fuzzing: whatever the bytes, the loader reports problems and never raises -----------

yaml_ish = st.text(alphabet=st.sampled_from(list("abn1 :-[]{}\"'#&*!|>%@`\n\t,?.\\x")), max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_ish)
def test_loader_never_raises_on_any_text(text: str) -> None:
    load_yaml(text, "fuzz.yml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
                             ["id", "title", "nodes", "start", "choices", "goto", "rating", "n1", "options", "questions", "type"]),
                             inner, max_size=5), max_leaves=25))
def test_schema_errors_never_raise(data: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    import yaml

    from casework.content.model import QuizBank

    path = tmp_path_factory.mktemp("fuzz") / "x.yml"
    path.write_text(yaml.safe_dump({"root": data}) if not isinstance(data, dict) else yaml.safe_dump(data), encoding="utf-8")
    for model in (Scenario, QuizBank):
        problems: list[Problem] = []
        read_model(path, path.parent, model, problems)
        for p in problems:
            assert str(p)


def test_known_source_takes_any_locator_its_regex_allows() -> None:
    sources = {**SOURCES, "nw-protocol": SOURCES["nw-protocol"].model_copy(update={"locators": r"(Purpose|\d+\.\d+)"})}
    assert citations_in_markdown("See (nw-protocol Purpose; nw-protocol 3.4).", tuple(sources)) == [
        (1, "nw-protocol Purpose"), (1, "nw-protocol 3.4")]


def test_citations_inside_scripts_are_left_alone() -> None:
    text = 'Before (nw-protocol 3.4).\n<script type="application/json">{"f": "x (nw-protocol 3.4)"}</script>\nAfter (nw-protocol 3.4).'
    out = link_citations(text, "a.md", SOURCES)
    assert '{"f": "x (nw-protocol 3.4)"}' in out
    assert out.count("[NW protocol 3.4]") == 2


def test_yaml_syntax_error_is_worded_by_the_python_parser_even_with_libyaml() -> None:
    # libyaml parses valid files; a file it rejects is parsed again so the message and line are the same everywhere
    doc, problems = load_yaml("title: one\n  bad: indent\nnext: [unclosed\n", "x.yml")
    assert doc is None
    assert [(p.line, p.message) for p in problems] == [
        (2, "YAML syntax error: mapping values are not allowed here")
    ]


def test_yaml_doc_keeps_every_scalar_with_its_place() -> None:
    doc, _ = load_yaml("a: one\nb:\n  - two\n  - |\n    three\n", "x.yml")
    assert doc is not None
    assert [(s.path, s.value, s.start, s.is_key) for s in doc.scalars] == [
        (("a",), "a", (0, 0), True), (("a",), "one", (0, 3), False),
        (("b",), "b", (1, 0), True), (("b", 0), "two", (2, 4), False), (("b", 1), "three\n", (3, 4), False),
    ]


def test_reloading_rereads_only_what_changed(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    first = load_project(root)
    again = load_project(root)
    assert again.scenarios.keys() == first.scenarios.keys()
    sid = next(iter(first.scenarios))
    assert again.scenarios[sid].obj is first.scenarios[sid].obj  # unchanged file: parsed and validated once
    path = root / first.scenarios[sid].file
    path.write_text(path.read_text(encoding="utf-8").replace(f"title: {first.scenarios[sid].obj.title}", "title: Edited title", 1), encoding="utf-8")
    edited = load_project(root)
    assert edited.scenarios[sid].obj.title == "Edited title"
    path.write_text(path.read_text(encoding="utf-8") + "\nnot yaml: [\n", encoding="utf-8")
    broken = load_project(root)
    assert sid not in broken.scenarios and any(p.file == first.scenarios[sid].file for p in broken.errors)


def test_staging_rewrites_a_generated_page_only_when_its_text_changes(tmp_path: Path) -> None:
    import os

    from casework.publish.staging import stage

    page = stage(tmp_path, "scenarios/x/n1.md", "one")
    assert page.read_text(encoding="utf-8") == "one"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    assert stage(tmp_path, "scenarios/x/n1.md", "one").stat().st_mtime_ns == 1_000_000_000  # same text: left alone
    assert stage(tmp_path, "scenarios/x/n1.md", "two").stat().st_mtime_ns > 1_000_000_000
    assert page.read_text(encoding="utf-8") == "two"


def test_an_unquoted_brand_colour_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    from casework.checks.brand import check_config

    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - search\n  - casework:\n      brand:\n        primary: #1d4f91\n        accent: '#283593'\n", encoding="utf-8")
    assert [str(p) for p in check_config(config)] == [
        "mkdocs.yml:5: plugins > casework > brand: brand colour 'primary' is empty, so the site keeps its default colours\n"
        '    how to fix: put the colour in quotes; unquoted, # starts a comment: primary: "#1d4f91"'
    ]
    config.write_text("plugins:\n  - casework:\n      brand:\n        primary: '#1d4f91'\n", encoding="utf-8")
    assert check_config(config) == []
