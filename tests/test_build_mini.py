"""Build tests: build the small fixture site with `mkdocs build --strict` and check the HTML."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import MINI, mkdocs_build

EXTERNAL = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_loads_only_local_resources(mini_site: Path) -> None:
    for page in html_pages(mini_site):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{page.relative_to(mini_site)} loads from another host"
        assert "fonts.googleapis" not in text and "unpkg.com" not in text


def test_offline_search_and_shim_come_from_the_site(mini_site: Path) -> None:
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/casework/vendor/iframe-worker-shim.js"' in home
    assert (mini_site / "assets/casework/vendor/iframe-worker-shim.js").stat().st_size > 500
    assert (mini_site / "search/search_index.js").is_file()


def test_mermaid_is_loaded_only_where_a_diagram_is(mini_site: Path) -> None:
    assert "vendor/mermaid.min.js" in (mini_site / "index.html").read_text(encoding="utf-8")
    assert "vendor/mermaid.min.js" not in (mini_site / "support.html").read_text(encoding="utf-8")


def test_quiz_assets_are_shared_files_loaded_only_on_quiz_pages(mini_site: Path) -> None:
    quiz = (mini_site / "quizzes/demo.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../assets/casework/quiz.css">' in quiz
    assert '<script src="../assets/casework/quiz.js" defer>' in quiz
    assert "quiz-progress-sidebar" not in quiz and "JSConfetti" not in quiz
    for page in ("index.html", "support.html", "scenarios/demo/n1.html"):
        text = (mini_site / page).read_text(encoding="utf-8")
        assert "quiz.js" not in text and ".quiz-button" not in text, page
    assert len(quiz.encode()) < len((mini_site / "index.html").read_text(encoding="utf-8").encode()) + 20_000


def test_quiz_ids_are_stable_and_correct_answers_marked(mini_site: Path) -> None:
    quiz = (mini_site / "quizzes/demo.html").read_text(encoding="utf-8")
    assert 'id="quiz-q1"' in quiz and 'id="quiz-0"' not in quiz
    assert quiz.count('data-correct="true"') == 3


def test_search_index_has_scenario_start_and_question_stems_but_not_inner_nodes(mini_site: Path) -> None:
    docs = json.loads((mini_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert "scenarios/demo/index.html" in locations
    assert not any(loc.startswith("scenarios/demo/") and loc != "scenarios/demo/index.html" for loc in locations)
    text = " ".join(d["text"] for d in docs if d["location"].startswith("quizzes/demo.html"))
    assert "Mr Z says his new partner has no children" in text
    assert "Submit" not in text and "Record it and move on" not in text


def test_scenario_pages_load_the_scenario_data_once_as_a_shared_script(mini_site: Path) -> None:
    data = (mini_site / "scenarios/demo/data.js").read_text(encoding="utf-8")
    assert data.startswith("/* casework:") and 'window.cwScenarios["demo"] = {"id":"demo",' in data
    for page in ("index", "n1", "n2", "n3", "e-good", "e-poor"):
        html = (mini_site / f"scenarios/demo/{page}.html").read_text(encoding="utf-8")
        assert "cw-scenario-data" not in html and '"nodes":' not in html and '"feedback":' not in html, page
        assert html.count('<script src="data.js"></script>') == 1, page
        assert 'data-cw-scenario="demo"' in html, page  # which scenario the page is, for casework.js
        # in the content, so it runs before casework.js (extra_javascript, at the end of the body)
        assert html.index('<script src="data.js">') < html.index('<script src="../../assets/casework/casework.js">'), page
    for page in ("facilitator", "room"):
        assert "data.js" not in (mini_site / f"scenarios/demo/{page}.html").read_text(encoding="utf-8")
    # a static file, not a page: not in the search index, what's new or the feeds
    assert "data.js" not in (mini_site / "search/search_index.json").read_text(encoding="utf-8")
    for name in ("whats-new.html", "feed.xml", "rss.xml", "feed.json"):
        assert "data.js" not in (mini_site / name).read_text(encoding="utf-8"), name


def test_generated_pages_link_edit_to_their_yaml(mini_site: Path) -> None:
    page = (mini_site / "scenarios/demo/n1.html").read_text(encoding="utf-8")
    assert 'href="https://example.invalid/casework/edit/main/scenarios/demo.yml"' in page


def test_glossary_terms_become_tooltips(mini_site: Path) -> None:
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    assert '<abbr tabindex="0" title="Multi-Agency Public Protection Arrangements: How agencies jointly manage sexual and violent offenders.">MAPPA</abbr>' in home
    glossary = (mini_site / "glossary.html").read_text(encoding="utf-8")
    assert "respectful uncertainty" in glossary and "Used in:" in glossary


def test_citations_link_to_their_paragraph_on_the_source_page(mini_site: Path) -> None:
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="cw-cite" href="sources/demo-protocol.html#p-3-4" title="[^"]+">Demo protocol 3.4</a>', home)
    source = (mini_site / "sources/demo-protocol.html").read_text(encoding="utf-8")
    assert 'id="p-3-4"' in source and 'href="../index.html#demo-home"' in source  # the backlink to where it is cited
    assert 'href="../protocol/section-3.html"' in source  # the page that presents the paragraph


def test_no_edit_pencil_or_repository_link_without_a_repository(mini_copy: Path, tmp_path: Path) -> None:
    config = mini_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("repo_url: https://example.invalid/casework\n", ""), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]  # edit_uri left behind without repo_url: no warning either
    for page in ("index.html", "scenarios/demo/n1.html", "quizzes/demo.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "md-content__button" not in html and "md-source" not in html and "example.invalid/casework" not in html, page


def test_page_dates_banner_and_amendments(mini_site: Path) -> None:
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    assert 'class="cw-review-banner"' in home and "due for review on 2020-01-01" in home
    assert "<dt>Version</dt><dd>1.0</dd>" in home and "First published." in home
    assert 'class="cw-review-banner"' not in (mini_site / "support.html").read_text(encoding="utf-8")


def test_action_plan_form_and_checklists_are_expanded(mini_site: Path) -> None:
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    assert '<label for="ap-plan">' in home and "<!-- casework:action-plan -->" not in home
    assert '<label for="cw-index-md-check-1">The partner has been told</label>' in home


def test_broken_content_aborts_the_build_with_the_check_messages(mini_copy: Path, tmp_path: Path) -> None:
    scenario = mini_copy / "scenarios/demo.yml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("goto: e-poor", "goto: e-nowhere"), encoding="utf-8")
    result = mkdocs_build(mini_copy / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "scenarios/demo.yml:75: node 'n3', choice 2: goes to 'e-nowhere', which does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_author_page_wins_over_generated(mini_copy: Path, tmp_path: Path) -> None:
    (mini_copy / "docs/glossary.md").write_text("# Hand-written glossary\n", encoding="utf-8")
    result = mkdocs_build(mini_copy / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Hand-written glossary" in (tmp_path / "site/glossary.html").read_text(encoding="utf-8")


def test_cli_check_passes_on_fixture() -> None:
    # a fixed date, before the home page's next_review (2020-01-01), which is past on purpose (the banner test)
    result = subprocess.run([sys.executable, "-m", "casework.cli", "--root", str(MINI), "check", "--today", "2020-01-01"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("casework check: all good")


def test_every_page_signposts_support_in_the_footer(mini_site: Path) -> None:
    for page in html_pages(mini_site):
        text = page.read_text(encoding="utf-8")
        if "md-footer" not in text or page.name == "404.html":
            continue  # redirect stubs have no footer; 404.html is served from any depth with absolute links
        footer = text[text.index('<footer class="md-footer">'):]
        depth = len(page.relative_to(mini_site).parts) - 1
        assert f'href="{"../" * depth}support.html">Support and helplines</a>' in footer, page.relative_to(mini_site)


def test_branding_is_configuration(mini_copy: Path, tmp_path: Path) -> None:
    config = mini_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      enabled: true\n",
        "      enabled: true\n      brand:\n        name: Northshire Safeguarding Children Partnership\n"
        "        contact: training@northshire.example\n        front_door: 0300 000 0000\n        primary: '#1d4f91'\n", 1), encoding="utf-8")
    (mini_copy / "docs/support.md").write_text("# Support\n\n## Local contacts\n\n<!-- casework:local-contacts -->\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Published by Northshire Safeguarding Children Partnership." in home
    assert '<a href="mailto:training@northshire.example">' in home
    assert 'data-md-color-primary="custom"' in home
    assert "--md-primary-fg-color: #1d4f91;" in (site / "assets/casework/brand.css").read_text(encoding="utf-8")
    assert "Children's services front door (MASH):</strong> 0300 000 0000" in (site / "support.html").read_text(encoding="utf-8")


def test_a_brand_colour_too_pale_for_white_text_stops_the_build(mini_copy: Path, tmp_path: Path) -> None:
    config = mini_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      enabled: true\n", "      enabled: true\n      brand:\n        primary: '#ffcc00'\n        accent: blue\n        logo: assets/our-logo.svg\n", 1),
        encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "plugins > casework > brand: brand colour 'primary' #ffcc00 has a contrast of 1.5:1 with white text; WCAG 2.2 AA needs 4.5:1" in result.stderr
    assert "brand colour 'accent' is 'blue'; write it as a hex colour such as '#1d4f91'" in result.stderr
    assert "the logo 'assets/our-logo.svg' is not in docs/; put the image at docs/assets/our-logo.svg" in result.stderr
    assert "Traceback" not in result.stderr


def test_generated_pages_carry_their_files_version_dates_and_amendments(mini_site: Path) -> None:
    quiz = (mini_site / "quizzes/demo.html").read_text(encoding="utf-8")
    assert "<dt>Version</dt><dd>2.0</dd>" in quiz and "<dt>Next review due</dt><dd>2020-06</dd>" in quiz
    assert 'class="cw-review-banner"' in quiz  # past its review date
    assert "<time>2025-03-01</time>: Added a question on who to tell." in quiz
    assert "Demo quiz: Added a question on who to tell." in (mini_site / "feed.xml").read_text(encoding="utf-8")
    assert 'class="cw-review-banner"' not in (mini_site / "scenarios/demo/index.html").read_text(encoding="utf-8")
