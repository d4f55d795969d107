"""Citation ranges and locator errors in plain English (casework.content.locators, through resolve)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.checks import load_project
from casework.content.citations import link_citations, resolve
from casework.content.locators import describe_forms
from casework.content.model import Source

PRESS = Source(key="press", type="press report", title="Report of the review of Case P", short="Press report", publisher="The Gazette",
               date="2022?", url="https://example.invalid/press", page="reviews/press.md", locators=r"para ([1-9]|1[0-2])",
               locator_note="paragraph counted from the top of the article")
PROTOCOL = Source(key="nw-protocol", title="Protocol", short="NW protocol", publisher="Board", date="2018-06",
                  url="https://example.invalid/protocol", locators=r"(\d+\.\d+|Appendix [1-7]( [A-Z][a-z-]+)?)")
OPEN = Source(key="open", title="Open", short="Open", publisher="Board", date="2018", url="https://example.invalid/open")
SOURCES = {s.key: s for s in (PRESS, PROTOCOL, OPEN)}
CITED = {"press": ["para 1", "para 12", "para 4"], "nw-protocol": ["3.1", "3.4", "4.207", "Appendix 1", "Appendix 7"]}


def examples(key: str) -> list[str]:
    return CITED.get(key, [])


@pytest.mark.parametrize(("citation", "start", "end"), [
    ("nw-protocol 3.1–3.4", "3.1", "3.4"),
    ("nw-protocol 4.207-4.210", "4.207", "4.210"),
    ("nw-protocol 3.1 – 3.4", "3.1", "3.4"),
    ("press para 1–para 3", "para 1", "para 3"),
    ("press para 2 - para 12", "para 2", "para 12"),
    ("open 2.9–2.10", "2.9", "2.10"),
])
def test_a_range_lands_on_its_first_paragraph(citation: str, start: str, end: str) -> None:
    r = resolve(citation, SOURCES)
    assert not isinstance(r, str), r
    assert (r.locator, r.end, r.cited) == (start, end, f"{start}–{end}")
    assert r.target.endswith("#p-" + start.replace(".", "-").replace(" ", "-"))


def test_a_hyphen_inside_one_paragraph_is_not_a_range() -> None:
    r = resolve("nw-protocol Appendix 2 Self-harm", SOURCES)
    assert not isinstance(r, str) and r.end is None and r.locator == "Appendix 2 Self-harm"
    r = resolve("open Self-harm", SOURCES)
    assert not isinstance(r, str) and r.end is None


@pytest.mark.parametrize(("citation", "message"), [
    ("press para 14", "cites 'press para 14', but 'para 14' is not one of this source's paragraphs: "
                      "it has para 1 to para 12 (paragraph counted from the top of the article)"),
    ("press para 3–para 14", "cites 'press para 3–para 14', but 'para 14' is not one of this source's paragraphs: "
                             "it has para 1 to para 12 (paragraph counted from the top of the article)"),
    ("nw-protocol 3.4–3.1", "cites 'nw-protocol 3.4–3.1', but the range ends before it starts ('3.1' comes before '3.4')"),
    ("nw-protocol 4.210-4.207", "cites 'nw-protocol 4.210-4.207', but the range ends before it starts ('4.207' comes before '4.210')"),
    ("nw-protocol 3.1–15", "cites 'nw-protocol 3.1–15', but '15' is not one of this source's paragraphs: "
                           "it has 3.1 to 4.207, Appendix 1 to Appendix 7"),
    ("nw-protocol x.1–3.4", "cites 'nw-protocol x.1–3.4', but 'x.1' is not one of this source's paragraphs: "
                            "it has 3.1 to 4.207, Appendix 1 to Appendix 7"),
])
def test_locator_errors_are_plain_english(citation: str, message: str) -> None:
    assert resolve(citation, SOURCES, examples) == message
    assert "\\d" not in message and "[" not in message  # never the regular expression


def test_without_examples_the_note_says_how_paragraphs_are_cited() -> None:
    assert resolve("press para 14", SOURCES) == ("cites 'press para 14', but 'para 14' is not one of this source's paragraphs: "
                                                 "its paragraphs are cited as: paragraph counted from the top of the article")


def test_forms_are_grouped_and_capped() -> None:
    assert describe_forms(["2.10", "2.9", "Purpose", "Appendix 3", "footnote 2"]) == "2.9 to 2.10, Purpose, Appendix 3, footnote 2"
    assert describe_forms([f"Part {c}" for c in "ABCDEFGH"], limit=2) == "Part A, Part B, and 6 other forms"


def test_a_range_in_prose_links_to_its_first_paragraph_and_names_the_original() -> None:
    out = link_citations("See (press para 2–para 4).", "guidance/x.md", SOURCES)
    assert out == ('See ([Press report para 2–para 4](../sources/press.md#p-para-2 "Report of the review of Case P (The Gazette, 2022?), '
                   'para 2–para 4. Original: https://example.invalid/press"){ .cw-cite }).')


def test_a_source_type_outside_the_list_is_reported_with_the_choices(mini_copy: Path) -> None:
    sources = mini_copy / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + "  - key: demo-press\n    type: newspaper\n    title: T\n    short: S\n"
                       "    publisher: P\n    reviewer: [Sam Poe]\n    date: 2022?\n    url: https://example.invalid/p\n", encoding="utf-8")
    messages = [(p.file, p.line, p.item, p.message) for p in load_project(mini_copy).problems]
    assert ("sources.yml", 21, "source 'demo-press'",
            "'type' is 'newspaper', which is not one of 'review', 'protocol', 'guidance', 'research', 'press report' or 'other'") in messages
    assert ("sources.yml", 25, "source 'demo-press'", "'reviewer': input should be a valid string") in messages


@pytest.mark.parametrize("author", ["", "    author: Sarah Thompson\n"])
def test_a_sources_author_is_a_public_name(mini_copy: Path, author: str) -> None:
    sources = mini_copy / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + "  - key: demo-press\n    type: press report\n    title: T\n    short: S\n"
                       f"    publisher: P\n{author}    date: 2022?\n    url: https://example.invalid/p\n", encoding="utf-8")
    review = mini_copy / "reviews" / "demo-review.yml"
    review.write_text(review.read_text(encoding="utf-8").replace("summary: ", "summary: Reported by Sarah Thompson. ", 1), encoding="utf-8")
    flagged = [p.message for p in load_project(mini_copy).problems if "Sarah Thompson" in p.message]
    assert flagged == ([] if author else ["summary: looks like a person's full name: 'Sarah Thompson'"])
