"""Unit tests of the search core: documents from built pages, phrases, synonyms and the index format."""

from __future__ import annotations

import json

from casework.checks import load_project
from casework.render.search import BuiltPage, documents, known_phrases, page_text, terms, words
from casework.render.search_index import build, chunks, from_chunks, subset
from conftest import MINI

PAGE = ('<h1 id="t">Demo briefing<a class="headerlink" href="#t">¶</a></h1><p>Mr Z told the officer about MAPPA (demo-review 5.48).</p>'
        '<h2 id="next">What happens next</h2><p>Checks.</p><form data-search-exclude><button>Submit</button>Record it</form>'
        '<script>var secret = 1;</script>')


def test_words_keep_locators_and_terms_drop_stop_words_and_plurals() -> None:
    assert words("See 5.48, then 3.4.") == ["see", "5.48", "then", "3.4"]
    assert terms("What to do about the agencies' reviews and evaluation") == ["agency", "review", "evaluat"]
    assert terms("Evaluating a protection") == ["evaluat", "protect"]


def test_page_text_leaves_out_excluded_parts_scripts_and_permalinks() -> None:
    text, headings, h1 = page_text(PAGE)
    assert h1 == "Demo briefing" and headings == [("next", "What happens next")]
    assert "5.48" in text and "Submit" not in text and "Record it" not in text and "secret" not in text and "¶" not in text


def test_documents_have_kind_review_phrases_synonyms_and_start_page_boost() -> None:
    project = load_project(MINI)
    assert "mr_z" in known_phrases(project) and "demo_review" not in known_phrases(project)  # "Demo review" -> "Demo"
    pages = [
        BuiltPage("reviews/demo-review/index.md", "reviews/demo-review/index.html", "Demo briefing", PAGE, {"description": "Short."}),
        BuiltPage("protocol/section-3.md", "protocol/section-3.html", "Section 3",
                  "<p>Multi-Agency Public Protection Arrangements apply.</p>", {}),
        BuiltPage("scenarios/demo/n1.md", "scenarios/demo/n1.html", "Node", "<p>x</p>", {"search": {"exclude": True}}),
    ]
    docs = {d.url: d for d in documents(project, pages)}
    assert set(docs) == {"reviews/demo-review/index.html", "protocol/section-3.html"}  # the excluded node is left out
    brief, section = docs["reviews/demo-review/index.html"], docs["protocol/section-3.html"]
    assert (brief.kind, brief.review, section.kind, section.review) == ("review", "demo-review", "protocol", "")
    assert brief.phrases["mr_z"] >= 1 and brief.phrases["child_z"] >= 1  # the review's names, on its pages
    # the abbreviation on one page and the expansion on the other: both pages answer to both forms
    for doc in (brief, section):
        assert doc.phrases["mappa"] and doc.phrases["multi_agency_public_protection_arrangements"], doc.url
    assert brief.boost > section.boost and brief.about == "Short."


def test_index_is_minisearch_json_split_into_script_chunks() -> None:
    project = load_project(MINI)
    docs = documents(project, [BuiltPage("index.md", "index.html", "Home", PAGE, {})])
    index = build(project, docs)
    assert index["serializationVersion"] == 2 and index["documentCount"] == 1
    assert index["fieldIds"] == {"t": 0, "h": 1, "p": 2, "x": 3}
    terms_ = dict(index["index"])  # type: ignore[arg-type]
    assert terms_["5.48"] == {"3": {"0": 1}} and terms_["mappa"]["2"] == {"0": 1}
    files = chunks(index, size=200)
    assert len(files) > 3 and all(t.startswith(f"__cwSearchChunk({i},{len(files)},") for i, t in enumerate(files.values()))
    text = "".join(json.loads(t[t.index(",", t.index(",") + 1) + 1:-3]) for t in files.values())
    assert json.loads(text) == json.loads(json.dumps(index))


def test_a_package_carries_the_index_of_its_own_pages_only() -> None:
    project = load_project(MINI)
    pages = [BuiltPage("index.md", "index.html", "Home", "<p>alpha common</p>", {}),
             BuiltPage("support.md", "support.html", "Support", "<p>beta common</p>", {})]
    full = build(project, documents(project, pages))
    back = from_chunks(chunks(full, size=50).values())
    assert back == json.loads(json.dumps(full))
    part = subset(full, {"support.html"})
    terms_ = dict(part["index"])
    assert part["documentCount"] == 1 and [d["u"] for d in part["storedFields"].values()] == ["support.html"]
    assert "alpha" not in terms_ and terms_["beta"] == {"3": {"0": 1}} and terms_["common"] == {"3": {"0": 1}}
    assert from_chunks(["not a chunk"]) is None
