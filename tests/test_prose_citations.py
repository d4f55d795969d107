"""Citations written inside prose fields of the content YAML are checked like those in pages."""

from __future__ import annotations

from pathlib import Path

from casework.checks import load_project
from casework.checks.base import CITE_HINT
from casework.checks.citations import check_prose_citations
from casework.problems import Problem


def test_prose_citations_in_yaml_are_checked(mini_copy: Path) -> None:
    review = mini_copy / "reviews" / "demo-review.yml"
    text = review.read_text(encoding="utf-8")
    text = text.replace(
        "    text: Agencies relied on what Mr Z said about his household.\n",
        "    text: |\n"
        "      Agencies relied on what Mr Z said (demo-review 5.1) about his household (Mr Z, aged 40).\n"
        "      See (demo-protocol 3.4; demo-review 99) and (case-z 5.1) (see 2.1) (e.g. demo-review).\n"
        "      Again (case-z 5.1).\n",
    )
    review.write_text(text, encoding="utf-8")
    project = load_project(mini_copy)
    found = check_prose_citations(project)
    file, item = "reviews/demo-review.yml", "finding 'finding-1'"
    known = "(known sources: demo-protocol, demo-review)"
    assert found == [
        Problem(file, 16, item, "text: cites 'demo-review 99', but '99' is not one of this source's paragraphs: "
                                "it has 5.1, Recommendation 1", CITE_HINT),
        Problem(file, 16, item, f"text: cites unknown source 'case-z' {known}", CITE_HINT),
        Problem(file, 17, item, f"text: cites unknown source 'case-z' {known}", CITE_HINT),
    ]
    assert all(p in project.problems for p in found)


def test_prose_citations_clean_fixture(mini_copy: Path) -> None:
    assert check_prose_citations(load_project(mini_copy)) == []
