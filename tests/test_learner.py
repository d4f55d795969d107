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

from browsing import Tab, file_url
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
    assert len(orders) == 2  # both orders of the two choices turn up across attempts
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
