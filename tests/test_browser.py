"""Browser tests: headless Debian chromium driven by Playwright, from file:// and from 127.0.0.1.

They click through quizzes and scenarios as a learner would, check that every request stays
on the machine, and run axe-core (from the npm lock) for WCAG 2.2 AA problems.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browsing import Tab, axe, describe, file_url, search, wait_for_diagram
from conftest import REPO

pytestmark = pytest.mark.browser


# --- search ---------------------------------------------------------------------------


def test_search_works_from_file_url(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "index.html"))
    hits = search(page, "relationship")
    assert any("scenarios/demo/index.html" in h for h in hits)
    assert not any("scenarios/demo/n" in h or "e-good" in h for h in hits), hits  # inner nodes are not searchable
    tab.assert_local()


def test_search_finds_a_question_by_its_stem_from_a_local_server(ctx: Any, mini_site: Path, serve: Callable[[Path], str]) -> None:
    base = serve(mini_site)
    tab = Tab(ctx, (base,))
    page = tab.goto(base + "index.html")
    hits = search(page, "partner has no children")
    assert any("quizzes/demo.html" in h for h in hits)
    tab.assert_local()


# --- quizzes --------------------------------------------------------------------------


def test_quiz_feedback_result_and_persistence(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "quizzes/demo.html"))
    q1 = page.locator("#quiz-q1")
    q1.get_by_label("Check with other agencies.").check()
    q1.get_by_role("button", name="Check answer").click()  # single choice is checked by its button, never on selection
    assert "Right. An adult's account is not evidence." in q1.locator(".quiz-feedback").inner_text()
    q2 = page.locator("#quiz-q2")
    q2.get_by_label("Nobody").check()
    q2.get_by_role("button", name="Check answer").click()
    assert "Information not shared is the theme of the review." in q2.locator(".quiz-feedback").inner_text()
    page.locator("#quiz-q3 input.quiz-blank-input").fill("3")
    page.locator("#quiz-q3").get_by_role("button", name="Check answer").click()
    status = page.locator(".cw-quiz-result__status")
    status.filter(has_text="Not yet passed").wait_for()
    assert "2 of 3 correctly (67%)" in status.inner_text()
    revisit = page.locator(".cw-quiz-result__revisit a")
    assert revisit.all_inner_texts() == ["Demo review, recommendation 1: Check accounts"]
    assert revisit.first.get_attribute("href") == "../reviews/demo-review/findings.html#rec-1"

    page.reload()
    assert page.locator("#quiz-q1-0").is_checked()
    assert "2 of 3 correctly" in page.locator(".cw-quiz-result__status").inner_text()

    progress = tab.goto(file_url(mini_site, "progress.html"))
    assert "67%" in progress.locator("tr[data-cw-quiz='demo'] .cw-progress__best").inner_text()
    progress.once("dialog", lambda d: d.accept())
    progress.get_by_role("button", name="Clear my data").click()
    progress.locator(".cw-progress-data__message").filter(has_text="Cleared").wait_for()
    assert progress.locator("tr[data-cw-quiz='demo'] .cw-progress__best").inner_text() == "not taken yet"
    page = tab.goto(file_url(mini_site, "quizzes/demo.html"))
    assert not page.locator("#quiz-q1-0").is_checked()
    tab.assert_local()


def test_quiz_progress_survives_a_copied_site_folder(ctx: Any, mini_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "usb-stick" / "site"
    shutil.copytree(mini_site, copy)
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "quizzes/demo.html"))
    page.locator("#quiz-q1").get_by_label("Check with other agencies.").check()
    page.locator("#quiz-q1").get_by_role("button", name="Check answer").click()
    moved = tab.goto(file_url(copy, "quizzes/demo.html"))
    assert moved.locator("#quiz-q1-0").is_checked()
    tab.assert_local()


# --- scenarios ------------------------------------------------------------------------


def choose(page: Any, text: str) -> None:
    page.locator("nav.cw-choices").get_by_role("link", name=text).click()
    page.wait_for_load_state("load")


def test_scenario_walk_to_the_good_ending_with_replay_and_score(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "scenarios/demo/index.html"))
    assert "FACILITATOR-ONLY" not in page.content()
    page.get_by_role("link", name="Start the scenario").click()
    choose(page, "Ask whether she has children and tell children's social care.")
    feedback = page.locator("#from-n1-1")
    assert feedback.is_visible() and "two children in the home" in feedback.inner_text()
    assert not page.locator("#from-n3-1").is_visible()  # feedback for another route stays hidden
    page.wait_for_function("() => document.activeElement.id === 'from-n1-1-h'")  # focus moves to the new content
    assert "Your decisions so far" in page.locator(".cw-path").inner_text()
    choose(page, "Share what you know and join a strategy discussion.")
    assert page.locator("h1#node-title").inner_text().startswith("A plan that protects")
    replay = page.locator(".cw-replay")
    assert "Path score: 4 of 4 (100%)" in replay.inner_text()
    assert replay.locator("li.cw-step").count() == 2
    assert "A strategy discussion was held" in replay.inner_text() and "Demo protocol 3.4" in replay.inner_text()
    assert "FACILITATOR-ONLY" not in page.content()
    page.get_by_role("button", name="Clear my answers").first.click()
    assert page.evaluate("localStorage.getItem('casework:scenario:demo')") is None
    tab.assert_local()


def test_scenario_second_path_with_going_back(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "scenarios/demo/index.html"))
    page.get_by_role("link", name="Start the scenario").click()
    choose(page, "Ask whether she has children and tell children's social care.")
    page.go_back()  # the learner changes their mind
    page.wait_for_load_state("load")
    choose(page, "Accept that there is nothing to worry about.")
    choose(page, "Close the case.")
    replay = page.locator(".cw-replay").inner_text()
    assert "You went back to “Mr Z mentions a new partner” and chose again." in replay
    assert "Path score: 0 of 4 (0%)" in replay  # the decision taken again replaces the first one
    page.get_by_role("link", name="Start again").click()
    page.get_by_role("link", name="Start the scenario").click()
    assert page.locator(".cw-path").inner_text() == ""
    tab.assert_local()


def test_scenario_from_a_local_server_loads_its_data_once_and_resumes(ctx: Any, mini_site: Path, serve: Callable[[Path], str]) -> None:
    base = serve(mini_site)
    tab = Tab(ctx, (base,))
    page = tab.goto(base + "scenarios/demo/index.html")
    assert page.evaluate("Object.keys(window.cwScenarios)") == ["demo"]
    page.get_by_role("link", name="Start the scenario").click()
    choose(page, "Accept that there is nothing to worry about.")
    assert "Your decisions so far" in page.locator(".cw-path").inner_text()
    page.locator(".cw-breadcrumb a").click()  # back to the start page: it offers to carry on
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Carry on where you left off").click()
    page.wait_for_load_state("load")
    assert page.locator(".cw-scenario").get_attribute("data-cw-node") == "n3"
    choose(page, "Close the case.")
    assert "Path score: 0 of 4 (0%)" in page.locator(".cw-replay").inner_text()  # two weaker choices
    data_requests = [u for u in tab.requests if u.endswith("/data.js")]
    assert data_requests and set(data_requests) == {base + "scenarios/demo/data.js"}
    tab.assert_local()


def test_scenario_works_with_javascript_off(browser: Any, mini_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(file_url(mini_site, "scenarios/demo/n1.html"))
    page.get_by_role("link", name="Accept that there is nothing to worry about.").click()
    assert page.locator("#from-n1-2").is_visible()  # :target shows the feedback without scripts
    page.get_by_role("link", name="Close the case.").click()
    assert "Debrief" in page.locator(".cw-debrief").inner_text()
    context.close()


# Room mode (projection, keys, presenter sync): tests/test_room.py


# --- offline diagrams, checklists ----------------------------------------------------------


def test_mermaid_renders_offline_and_checklist_stores_nothing(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "index.html"))
    wait_for_diagram(page, 60)  # the raw code is gone and the box has a drawing's size
    assert "flowchart TD" not in page.locator("article").inner_text()
    box = page.get_by_label("The partner has been told")
    box.check()
    assert box.is_checked()
    assert page.evaluate("Object.keys(localStorage).length") == 0
    page.get_by_role("button", name="Untick all").click()
    assert not box.is_checked()
    tab.assert_local()


# --- accessibility ------------------------------------------------------------------------

A11Y_PAGES = ["index.html", "quizzes/demo.html", "scenarios/demo/index.html", "scenarios/demo/n1.html",
              "scenarios/demo/e-good.html", "scenarios/demo/facilitator.html", "scenarios/demo/room.html",
              "glossary.html", "reviews/demo-review/findings.html", "progress.html"]


@pytest.mark.parametrize("page_path", A11Y_PAGES)
def test_axe_finds_no_serious_violations(ctx: Any, mini_site: Path, page_path: str) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, page_path))
    violations = axe(page)
    assert violations == [], describe(violations)


# --- the real site: every scenario walked to every ending ----------------------------------


def _paths_to_endings() -> list[tuple[str, str, list[tuple[str, int]]]]:
    from collections import deque

    from casework.checks import load_project

    out = []
    project = load_project(REPO)
    for sid, ls in sorted(project.scenarios.items()):
        s = ls.obj
        parent: dict[str, tuple[str, int] | None] = {s.start: None}
        queue = deque([s.start])
        while queue:
            nid = queue.popleft()
            for i, ch in enumerate(s.nodes[nid].choices):
                if ch.goto not in parent:
                    parent[ch.goto] = (nid, i)
                    queue.append(ch.goto)
        for end in (n for n, node in s.nodes.items() if node.ending):
            steps: list[tuple[str, int]] = []
            cur = end
            while parent[cur] is not None:
                prev = parent[cur]
                assert prev is not None
                steps.insert(0, prev)
                cur = prev[0]
            out.append((sid, end, steps))
    return out


ENDING_PATHS = _paths_to_endings()


@pytest.mark.parametrize(("sid", "end", "steps"), ENDING_PATHS, ids=[f"{s}:{e}" for s, e, _ in ENDING_PATHS])
def test_real_scenario_walks_to_every_ending(ctx: Any, real_site: Path, sid: str, end: str, steps: list[tuple[str, int]]) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, f"scenarios/{sid}/index.html"))
    page.get_by_role("link", name="Start the scenario").click()
    page.wait_for_load_state("load")
    for node, choice in steps:
        assert page.locator(".cw-scenario").get_attribute("data-cw-node") == node
        page.locator(f'a.cw-choice[data-cw-choice="{choice}"]').click()
        page.wait_for_load_state("load")
    assert page.locator(".cw-scenario").get_attribute("data-cw-node") == end
    assert page.locator(".cw-debrief").is_visible()
    assert page.locator(".cw-replay li.cw-step").count() == len(steps)
    assert "Path score:" in page.locator(".cw-replay").inner_text()
    assert "support" in page.locator(".admonition.info").inner_text().lower()
    tab.assert_local()


REAL_A11Y = ["index.html", "protocol/section-3.html", "protocol/appendix-1.html", "protocol/process.html", "reviews/lcspr-case-a/index.html",
             "quizzes/lcspr-case-a.html", "scenarios/case-a-new-relationship/facilitator.html", "evidence/index.html", "glossary.html",
             "training/index.html", "training/modules/understanding-iioc.html", "training/sessions/half-day.html",
             "training/evaluation/after.html", "self-assessment/understanding-iioc/after.html",
             "self-assessment/understanding-iioc/record.html", "topics.html", "whats-new.html", "support.html"]


@pytest.mark.parametrize("page_path", REAL_A11Y)
def test_real_site_axe(ctx: Any, real_site: Path, page_path: str) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, page_path))
    violations = axe(page)
    assert violations == [], describe(violations)
    tab.assert_local()


def test_multiple_choice_shows_each_chosen_options_feedback_and_a_pass(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "quizzes/demo.html"))
    page.locator("#quiz-q1").get_by_label("Check with other agencies.").check()
    page.locator("#quiz-q1").get_by_role("button", name="Check answer").click()
    q2 = page.locator("#quiz-q2")
    q2.get_by_label("Children's social care").check()
    q2.get_by_label("The police offender manager").check()
    q2.get_by_role("button", name="Check answer").click()
    feedback = q2.locator(".quiz-feedback").inner_text()
    assert "Yes, they lead on assessing the children." in feedback
    assert "Yes, they manage Mr Z." in feedback
    assert "Information not shared" not in feedback  # the option not chosen keeps its feedback to itself
    page.locator("#quiz-q3 input.quiz-blank-input").fill("3")
    page.locator("#quiz-q3").get_by_role("button", name="Check answer").click()
    status = page.locator(".cw-quiz-result__status")
    status.filter(has_text="Passed.").wait_for()
    assert "3 of 3 correctly (100%)" in status.inner_text()
    assert page.locator(".cw-quiz-result__revisit a").count() == 0
    tab.assert_local()


def answer_demo_set(page: Any, right: bool) -> None:
    """Answer the demo self-assessment set (demo/q1, demo/q2): both right, or q1 wrong and q2 right."""
    q1 = page.locator("#quiz-demo--q1")
    q1.get_by_label("Check with other agencies." if right else "Record it and move on.").check()
    q1.get_by_role("button", name="Check answer").click()
    q2 = page.locator("#quiz-demo--q2")
    q2.get_by_label("Children's social care").check()
    q2.get_by_label("The police offender manager").check()
    q2.get_by_role("button", name="Check answer").click()


def test_before_and_after_show_the_learners_change_and_a_completion_record(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/after.html"))
    assert page.locator(".cw-compare__status").inner_text() == "Answer every question before and after the session to see your change here."
    record = tab.goto(file_url(mini_site, "self-assessment/demo-set/record.html"))
    assert record.locator(".cw-record__after").inner_text() == "not taken"

    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/before.html"))
    assert "A self-assessment, not an exam" in page.locator(".admonition").first.inner_text()
    answer_demo_set(page, right=False)
    page.locator(".cw-quiz-result__status").filter(has_text="1 of 2 correctly (50%)").wait_for()

    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/after.html"))
    answer_demo_set(page, right=True)
    compare = page.locator(".cw-compare")
    compare.locator(".cw-compare__status").filter(has_text="Up 50 points").wait_for()
    assert "Before the session: 50%. After: 100%." in compare.inner_text()
    finding_row = compare.locator("tbody tr", has_text="finding 1: The adult's account was accepted")
    assert finding_row.locator("td").all_inner_texts() == ["0 of 1", "1 of 1"]
    rec_row = compare.locator("tbody tr", has_text="recommendation 1: Check accounts")
    assert rec_row.locator("td").all_inner_texts() == ["1 of 1", "1 of 1"]

    record = tab.goto(file_url(mini_site, "self-assessment/demo-set/record.html"))
    assert "Record complete" in record.locator(".cw-record__status").inner_text()
    assert record.locator(".cw-record__before").inner_text().startswith("1 of 2 (50%)")
    assert record.locator(".cw-record__after").inner_text().startswith("2 of 2 (100%)")
    assert "Explain why an adult's own account is checked with other agencies" in record.locator(".cw-record").inner_text()
    assert "Self-assessment, not an examination" in record.locator(".cw-record").inner_text()
    record.get_by_label("Your name").fill("A Learner")
    record.reload()
    assert record.get_by_label("Your name").input_value() == "A Learner"
    record.emulate_media(media="print")
    assert not record.locator(".md-sidebar--primary").is_visible()
    assert record.locator(".cw-record").is_visible()
    tab.assert_local()


# --- the real knowledge base and training pages ------------------------------------------------


@pytest.mark.parametrize("page_path", ["protocol/appendix-1.html", "protocol/section-3.html", "protocol/section-10.html"])
def test_real_checklists_tick_print_and_store_nothing(ctx: Any, real_site: Path, page_path: str) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, page_path))
    checklist = page.locator(".cw-checklist").first
    assert "not a score" in page.locator("article").inner_text()
    boxes = checklist.get_by_role("checkbox")
    assert boxes.count() >= 3
    boxes.nth(0).press("Space")  # keyboard only
    boxes.nth(2).check()
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked()
    assert page.evaluate("Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible() and not page.locator(".md-header").is_visible()
    assert checklist.is_visible() and boxes.nth(0).is_checked()
    assert not checklist.get_by_role("button", name="Print this checklist").is_visible()
    page.emulate_media(media="screen")
    checklist.get_by_role("button", name="Untick all").click()
    assert not boxes.nth(0).is_checked() and not boxes.nth(2).is_checked()
    page.reload()
    assert not page.locator(".cw-checklist").first.get_by_role("checkbox").nth(0).is_checked()
    tab.assert_local()


def test_real_process_diagram_renders_offline_beside_its_list(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "protocol/process.html"))
    wait_for_diagram(page, 200)
    assert "-->" not in page.locator("article").inner_text()  # the diagram source was replaced by the drawing
    steps = page.locator("article ol").first.inner_text()
    for step in ("Section 47", "strategy", "disclosure", "conference", "core group"):
        assert step.lower() in steps.lower(), step
    tab.assert_local()


def test_evaluation_form_is_kept_in_this_browser_and_downloads(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "training/evaluation/before.html"))
    form = page.locator("form.cw-form")
    form.locator("input[type=radio]").first.check()
    text = form.locator("textarea").first
    text.fill("How to test a plausible account.")
    form.locator(".cw-form__saved").filter(has_text="Saved in this browser.").wait_for()
    page.reload()
    form = page.locator("form.cw-form")
    assert form.locator("input[type=radio]").first.is_checked()
    assert form.locator("textarea").first.input_value() == "How to test a plausible account."
    with page.expect_download() as download:
        form.get_by_role("button", name="Download my answers").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert download.value.suggested_filename == "evaluation-before.json"
    assert saved["format"] == "casework-evaluation" and saved["form"] == "evaluation-before"
    assert "How to test a plausible account." in saved["text"]  # the human-readable answers, kept
    assert {"name": "hope", "question": "What do you hope to learn?", "type": "long-text", "value": "How to test a plausible account."} in saved["answers"]
    assert next(x for x in saved["answers"] if x["name"] == "conf-1")["value"] == "1"
    form.get_by_role("button", name="Clear this form").click()
    page.reload()
    assert page.locator("form.cw-form textarea").first.input_value() == ""
    tab.assert_local()
