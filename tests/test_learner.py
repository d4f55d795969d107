"""Browser tests of the learner's side of assessment: scenario order and scoring, the progress page and its record,
and storage that cannot break a page (issue #14, items 1, 4, 5 and 6; issue #18, item 5).

Headless Debian chromium through Playwright, from file://, on the session-built sites of conftest.py.
"""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path
from typing import Any

import pytest

from browsing import Tab, axe, describe, file_url
from conftest import REPO

pytestmark = pytest.mark.browser

# Math.random made repeatable across page loads (its state lives in sessionStorage), so each robot walk is seeded.
SEEDED_RANDOM = """(() => {
  let s = Number(sessionStorage.getItem("test-seed") || %d);
  Math.random = () => { s = (s * 1103515245 + 12345) %% 2147483648; sessionStorage.setItem("test-seed", String(s)); return s / 2147483648; };
})();"""


def start(tab: Tab, site: Path, sid: str) -> Any:
    page = tab.goto(file_url(site, f"scenarios/{sid}/index.html"))
    page.get_by_role("link", name="Start the scenario").click()
    page.wait_for_load_state("load")
    return page


def choice_texts(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("nav.cw-choices a.cw-choice").all_inner_texts()]


def click_choice(page: Any, text: str) -> None:
    page.locator("nav.cw-choices").get_by_role("link", name=text, exact=True).click()
    page.wait_for_load_state("load")


def path_score(page: Any) -> int:
    text = page.locator(".cw-replay .cw-score").inner_text()
    return int(text.split("(")[1].split("%")[0])


# --- order that carries no information ------------------------------------------------------


def _random_walks(sid: str, walks: int, seed: int) -> list[int]:
    """Path scores (%) of seeded walkers that pick uniformly at random at every decision, by the site's rule."""
    from casework.checks import load_project
    from casework.content.model import RATING_POINTS

    s = load_project(REPO).scenarios[sid].obj
    rnd = random.Random(seed)
    out = []
    for _ in range(walks):
        node, got, most = s.start, 0, 0
        while s.nodes[node].choices:
            ch = rnd.choice(s.nodes[node].choices)
            got, most, node = got + RATING_POINTS[ch.rating], most + 2, ch.goto
        out.append(round(100 * got / most))
    return out


WALKS = 10  # per scenario: each walk is a handful of page loads, so the test stays lean; 3000 walkers give the chance mean
SCENARIOS = sorted(p.stem for p in (REPO / "scenarios").glob("*.yml"))


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_robot_taking_the_first_choice_does_no_better_than_random_walkers(browser: Any, real_site: Path, sid: str) -> None:
    context = browser.new_context()
    context.add_init_script(SEEDED_RANDOM % (1000 + SCENARIOS.index(sid)))
    tab = Tab(context, ("file://",))
    robot: list[int] = []
    first_orders: set[tuple[str, ...]] = set()
    for _ in range(WALKS):
        page = start(tab, real_site, sid)
        first_orders.add(tuple(choice_texts(page)))
        while page.locator(".cw-debrief").count() == 0:
            page.locator("nav.cw-choices a.cw-choice").first.click()  # always the first choice on the screen
            page.wait_for_load_state("load")
        robot.append(path_score(page))
    walkers = _random_walks(sid, 3000, seed=7)
    margin = 3 * statistics.pstdev(walkers) / WALKS ** 0.5  # three standard errors of the robot's mean
    assert len(first_orders) > 1, "the first decision's choices came in the same order on every attempt"
    assert statistics.mean(robot) <= statistics.mean(walkers) + margin, (
        f"{sid}: first-choice robot averages {statistics.mean(robot):.0f}%, random walkers {statistics.mean(walkers):.0f}% (margin {margin:.0f})")
    tab.assert_local()
    context.close()


def test_order_is_kept_on_reload_and_a_new_attempt_reshuffles(ctx: Any, mini_site: Path) -> None:
    ctx.add_init_script(SEEDED_RANDOM % 5)
    tab = Tab(ctx, ("file://",))
    orders = set()
    for _ in range(8):
        page = start(tab, mini_site, "demo")
        order = choice_texts(page)
        page.reload()
        assert choice_texts(page) == order  # stable within an attempt
        orders.add(tuple(order))
    assert len(orders) >= 3  # three choices, six orders: new attempts turn up several of them
    # mid-scenario: the place, the path and the order survive a reload
    click_choice(page, "Ask whether she has children and tell children's social care.")
    order = choice_texts(page)
    page.reload()
    assert page.locator(".cw-scenario").get_attribute("data-cw-node") == "n2"
    assert choice_texts(page) == order
    assert page.locator(".cw-where").inner_text() == "Decision 2 of about 3"
    assert "Ask whether she has children" in page.locator(".cw-path").inner_text()
    tab.assert_local()


# --- where you are, and the score after going back -------------------------------------------


def test_going_back_and_choosing_again_replaces_the_decision(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = start(tab, mini_site, "demo")
    assert page.locator(".cw-where").inner_text() == "Decision 1 of about 3"
    click_choice(page, "Ask whether she has children and tell children's social care.")
    click_choice(page, "Say you cannot share it.")
    assert page.locator(".cw-where").inner_text() == "Decision 3 of about 3"
    page.go_back()
    page.wait_for_load_state("load")
    click_choice(page, "Share what you know and join a strategy discussion.")
    assert page.locator(".cw-where--ending").inner_text().startswith("Ending")
    replay = page.locator(".cw-replay")
    assert "Path score: 4 of 4 (100%)" in replay.inner_text()  # the abandoned weaker choice is not counted
    assert replay.locator("li.cw-step").count() == 2
    assert "You went back to “Social care call back” and chose again." in replay.inner_text()
    link = replay.locator(".cw-sources a", has_text="Demo protocol 3.4")
    assert link.get_attribute("href") == "../../protocol/section-3.html"  # a link, never a raw source key
    assert "demo-protocol" not in replay.inner_text()
    tab.assert_local()


def test_a_choice_clicked_before_the_page_was_ready_is_still_recorded(ctx: Any, mini_site: Path) -> None:
    """A quick click lands on the next page before the previous page's script saved it: the address says which
    choice it was, so the decision is recorded on arrival, once (a reload does not add it again)."""
    tab = Tab(ctx, ("file://",))
    tab.goto(file_url(mini_site, "scenarios/demo/index.html")).evaluate("localStorage.clear()")
    page = tab.goto(file_url(mini_site, "scenarios/demo/n2.html") + "#from-n1-1")  # as if n1's script never ran
    page.locator(".cw-path").get_by_text("Your decisions so far").wait_for()
    assert "Ask whether she has children" in page.locator(".cw-path").inner_text()
    page.reload()
    page.locator(".cw-path").get_by_text("Your decisions so far").wait_for()
    saved = json.loads(page.evaluate("localStorage.getItem('casework:scenario:demo')"))
    assert [(s["node"], s["choice"].split("~")[0]) for s in saved["path"]] == [("n1", "n2")]
    tab.assert_local()


def test_a_path_saved_by_position_before_choice_ids_still_replays(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "scenarios/demo/index.html"))
    page.evaluate("""localStorage.setItem('casework:scenario:demo', JSON.stringify([{node: 'n1', choice: 0, at: 'x'}]))""")
    page.reload()
    assert "You have made 1 decision" in page.locator(".cw-resume").inner_text()
    page.get_by_role("link", name="Carry on where you left off").click()
    page.wait_for_load_state("load")
    assert page.locator(".cw-where").inner_text() == "Decision 2 of about 3"
    saved = json.loads(page.evaluate("localStorage.getItem('casework:scenario:demo')"))
    assert saved["path"] == [{"node": "n1", "choice": "n2~bdb12d"}] and isinstance(saved["seed"], int)
    tab.assert_local()


# --- my progress: the record exported, imported, cleared -------------------------------------


def answer(question: Any, *labels: str) -> None:
    for label in labels:
        question.get_by_label(label).check()
    question.get_by_role("button", name="Check answer").click()


def fill_record(tab: Tab, site: Path) -> None:
    """A learner's record: a quiz answer, a scenario ending, a self-assessment before the session, a name."""
    page = tab.goto(file_url(site, "quizzes/demo.html"))
    answer(page.locator("#quiz-q1"), "Check with other agencies.")  # a learner selects, then presses Check answer
    answer(page.locator("#quiz-q2"), "Nobody")
    page.locator("#quiz-q3 input.quiz-blank-input").fill("3")
    page.locator("#quiz-q3").get_by_role("button", name="Check answer").click()
    page.locator(".cw-quiz-result__status").filter(has_text="2 of 3").wait_for()
    page = start(tab, site, "demo")
    click_choice(page, "Ask whether she has children and tell children's social care.")
    click_choice(page, "Share what you know and join a strategy discussion.")
    page = tab.goto(file_url(site, "self-assessment/demo-set/before.html"))
    answer(page.locator("#quiz-demo--q1"), "Check with other agencies.")
    answer(page.locator("#quiz-demo--q2"), "Children's social care", "The police offender manager")
    page.locator(".cw-quiz-result__status").filter(has_text="2 of 2").wait_for()
    page = tab.goto(file_url(site, "self-assessment/demo-set/record.html"))
    page.get_by_label("Your name").fill("A Learner")


def progress_rows(page: Any) -> dict[str, str]:
    return {sel: page.locator(sel).inner_text() for sel in (
        "tr[data-cw-quiz='demo'] .cw-progress__best", "tr[data-cw-set='demo-set'] .cw-progress__before",
        "tr[data-cw-scenario='demo'] .cw-progress__endings", "tr[data-cw-scenario='demo'] .cw-progress__score",
        "tr[data-cw-module='demo-module'] .cw-progress__parts")}


def test_progress_export_and_import_round_trip_to_another_browser(browser: Any, ctx: Any, mini_site: Path, tmp_path: Path) -> None:
    tab = Tab(ctx, ("file://",))
    fill_record(tab, mini_site)
    order = tab.goto(file_url(mini_site, "quizzes/demo.html")).locator("#quiz-q1 .quiz fieldset label").all_inner_texts()
    page = tab.goto(file_url(mini_site, "progress.html"))
    rows = progress_rows(page)
    assert rows["tr[data-cw-scenario='demo'] .cw-progress__endings"] == "1 of 2"
    assert rows["tr[data-cw-scenario='demo'] .cw-progress__score"] == "100%"
    assert rows["tr[data-cw-set='demo-set'] .cw-progress__before"].startswith("100%")
    assert rows["tr[data-cw-quiz='demo'] .cw-progress__best"].startswith("67%")
    assert rows["tr[data-cw-module='demo-module'] .cw-progress__parts"].endswith(f"of {page.locator('tr[data-cw-module] .cw-progress__parts').inner_text().split(' of ')[1]}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my record").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    record = json.loads(saved.read_text(encoding="utf-8"))
    assert record["format"] == "casework-record" and "casework:scenario-done:demo" in record["items"]
    assert "casework:quiz-order:demo" in record["items"]  # the options come back in the order they were answered in
    assert not any(k.startswith("casework:form:") for k in record["items"])

    other = browser.new_context()  # another browser: nothing there yet
    tab2 = Tab(other, ("file://",))
    page2 = tab2.goto(file_url(mini_site, "progress.html"))
    assert page2.locator("tr[data-cw-quiz='demo'] .cw-progress__best").inner_text() == "not taken yet"
    page2.get_by_label("Import a record from a file").set_input_files(str(saved))
    page2.locator(".cw-progress-data__message").filter(has_text="Imported").wait_for()
    assert progress_rows(page2) == rows
    quiz = tab2.goto(file_url(mini_site, "quizzes/demo.html"))
    assert quiz.locator("#quiz-q1-0").is_checked()  # the answers themselves came along
    assert quiz.locator("#quiz-q1 .quiz fieldset label").all_inner_texts() == order  # in the same order
    record_page = tab2.goto(file_url(mini_site, "self-assessment/demo-set/record.html"))
    assert record_page.locator(".cw-record__name-text").inner_text() == "A Learner"
    tab.assert_local()
    tab2.assert_local()
    other.close()


@pytest.mark.parametrize(("content", "reason"), [
    ('{"format": "casework-record", "version": 1, "items": {"casework:quiz:demo": {"best": 5', "not valid JSON"),
    ('{"name": "something else"}', "not a casework progress record"),
    ('{"format": "casework-record", "version": 1, "items": {"casework:quiz:demo": {"best": 90, "last": 90}, '
     '"casework:scenario:demo": "abc"}}', "“casework:scenario:demo” should be a scenario path but is damaged"),
    ('{"format": "casework-record", "version": 1, "items": {"casework:form:evaluation-before": {"a": "b"}}}', "is not part of a progress record"),
])
def test_a_wrong_or_damaged_record_is_refused_and_nothing_is_imported(ctx: Any, mini_site: Path, content: str, reason: str) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "progress.html"))
    page.evaluate("localStorage.setItem('casework:quiz:demo', JSON.stringify({best: 50, last: 50, pass: 80, date: '2026-01-01'}))")
    before = page.evaluate("JSON.stringify(localStorage)")
    page.get_by_label("Import a record from a file").set_input_files(
        files=[{"name": "record.json", "mimeType": "application/json", "buffer": content.encode()}])
    message = page.locator(".cw-progress-data__message")
    message.filter(has_text="cannot be imported").wait_for()
    assert reason in message.inner_text() and "nothing was changed" in message.inner_text()
    assert page.evaluate("JSON.stringify(localStorage)") == before
    tab.assert_local()


def test_clear_my_data_asks_first_and_keeps_form_drafts(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    fill_record(tab, mini_site)
    page = tab.goto(file_url(mini_site, "progress.html"))
    page.evaluate("localStorage.setItem('casework:form:evaluation-before', JSON.stringify({q1: 'my draft'}))")
    assert "does not remove evaluation-form drafts" in page.locator("#cw-progress-clear-what").inner_text()
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Clear my data").click()
    page.locator(".cw-progress-data__message").filter(has_text="Nothing was cleared").wait_for()
    assert page.locator("tr[data-cw-scenario='demo'] .cw-progress__endings").inner_text() == "1 of 2"
    messages: list[str] = []
    page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    page.get_by_role("button", name="Clear my data").click()
    page.locator(".cw-progress-data__message").filter(has_text="Cleared").wait_for()
    assert "scenario paths" in messages[0] and "evaluation-form drafts" in messages[0]
    assert page.locator("tr[data-cw-scenario='demo'] .cw-progress__endings").inner_text() == "none yet"
    left = page.evaluate("Object.keys(localStorage)")
    assert left == ["casework:form:evaluation-before"], left
    tab.assert_local()


def test_the_completion_record_prints_the_name_as_text(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/record.html"))
    page.get_by_label("Your name").fill("A Learner")
    page.emulate_media(media="print")
    assert not page.get_by_label("Your name").is_visible()
    assert page.locator(".cw-record__name-text").is_visible() and page.locator(".cw-record__name-text").inner_text() == "A Learner"
    tab.assert_local()


# --- storage that cannot break a page ------------------------------------------------------------

JUNK = ['"abc"', "null", '{"a":1}', '{"__proto__":{"answered":true,"correct":true,"best":1}}', "{", "[1,2]",
        '{"quiz-q1":{"answered":true,"correct":true,"selectedValues":{"length":2}}}']
KEYS = ["casework:scenario:demo", "casework:scenario-done:demo", "casework:quiz:demo", "casework:set:demo-set:before",
        "casework:quiz-order:demo", "casework:quiz-order:demo-set--before", "casework:set:demo-set:after", "casework:record-name", "quiz_progress_casework:quizzes/demo",
        "quiz_progress_casework:self-assessment/demo-set/before", "casework:form:evaluation-before"]


@pytest.mark.parametrize("junk", JUNK)
def test_every_page_survives_a_damaged_stored_value_and_records_new_answers(ctx: Any, mini_site: Path, real_site: Path, junk: str) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(mini_site, "index.html"))
    page.evaluate("([keys, junk]) => keys.forEach(k => localStorage.setItem(k, junk))", [KEYS, junk])

    page = tab.goto(file_url(mini_site, "scenarios/demo/index.html"))
    page = tab.goto(file_url(mini_site, "scenarios/demo/n1.html"))
    click_choice(page, "Ask whether she has children and tell children's social care.")
    assert "Ask whether she has children" in page.locator(".cw-path").inner_text()  # the new decision is recorded

    page = tab.goto(file_url(mini_site, "quizzes/demo.html"))
    answer(page.locator("#quiz-q1"), "Check with other agencies.")
    page.locator(".cw-quiz-result__status").filter(has_text="answered 1 of 3").wait_for()

    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/before.html"))
    answer(page.locator("#quiz-demo--q1"), "Check with other agencies.")
    page.locator(".cw-quiz-result__status").filter(has_text="answered 1 of 2").wait_for()

    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/after.html"))
    assert page.locator(".cw-compare__status").inner_text().startswith("Answer every question")

    page = tab.goto(file_url(mini_site, "self-assessment/demo-set/record.html"))
    page.get_by_label("Your name").fill("A Learner")
    assert page.locator(".cw-record__name-text").inner_text() == "A Learner"

    page = tab.goto(file_url(mini_site, "progress.html"))
    assert page.locator("tr[data-cw-quiz='demo'] .cw-progress__best").inner_text() == "not taken yet"

    page = tab.goto(file_url(real_site, "training/evaluation/before.html"))
    page.locator("form.cw-form textarea").first.fill("Still saving.")
    page.locator(".cw-form__saved").filter(has_text="Saved in this browser.").wait_for()
    assert "Still saving." in page.evaluate("localStorage.getItem('casework:form:evaluation-before')")
    tab.assert_local()  # and not one script error on any of these pages


def test_a_full_storage_says_so_and_never_claims_saved(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "training/evaluation/before.html"))
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }")
    page.locator("form.cw-form textarea").first.fill("Will not fit.")
    status = page.locator(".cw-form__saved")
    status.filter(has_text="Not saved").wait_for()
    assert "Saved in this browser" not in status.inner_text()
    assert "storage is full" in page.locator(".cw-storage-notice").inner_text()
    tab.assert_local()


def test_progress_and_scenario_pages_pass_axe(ctx: Any, mini_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = start(tab, mini_site, "demo")
    click_choice(page, "Ask whether she has children and tell children's social care.")
    violations = axe(page)  # a node page with its decision count and path
    assert violations == [], describe(violations)
    click_choice(page, "Share what you know and join a strategy discussion.")
    violations = axe(page)  # an ending, with its mark and the replay
    assert violations == [], describe(violations)
    page = tab.goto(file_url(mini_site, "progress.html"))
    violations = axe(page)
    assert violations == [], describe(violations)
    tab.assert_local()
