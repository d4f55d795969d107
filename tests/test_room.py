"""Room mode on a projector and the presenter view, in headless chromium at both projector sizes.

The real site's four scenarios are walked to every decision by the address hash (the same way a reload or a
shared link gets there): the situation and every choice, then every choice's feedback, must sit on the first
screen with no scroll. The keys, the pointer and the sync between a presenter window and the projector are
driven on the small fixture site, from file:// and from a server on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browsing import Tab, axe, describe, file_url

SIZES = [(1280, 720), (1920, 1080)]
SCENARIOS = ["case-a-new-relationship", "hh-ii-jj-new-baby", "family-m-disagreement", "child-j-written-agreement"]

# Everything in view: the stage does not scroll, and each given element lies inside the window.
IN_VIEW = """(sel) => {
  const stage = document.querySelector('.cw-room__stage');
  const out = [];
  if (stage.scrollHeight > stage.clientHeight + 1) out.push('stage scrolls: ' + stage.scrollHeight + ' > ' + stage.clientHeight);
  const bottom = stage.getBoundingClientRect().bottom;
  document.querySelectorAll(sel).forEach((e) => {
    const r = e.getBoundingClientRect();
    if (!e.offsetParent) out.push('hidden: ' + e.textContent.slice(0, 40));
    else if (r.top < 0 || r.bottom > bottom + 1 || r.bottom > innerHeight) out.push('off screen: ' + e.textContent.slice(0, 40) + ' ' + r.bottom + ' > ' + bottom);
  });
  return out;
}"""

def room(page: Any, url: str) -> Any:
    page.goto(url)
    page.wait_for_selector(".cw-room[data-cw-ready]")
    return page


def state(page: Any) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in page.evaluate("location.hash").lstrip("#").split("&"))


# Walks every node and every choice's feedback in the page (cw.room.apply renders a state at once, as a
# message from the presenter window does) and lists what is not on the first screen.
WALK_ALL = """(inView) => {
  const check = eval(inView), room = window.casework.room, out = [];
  const nodes = [...document.querySelectorAll('.cw-room__node')];
  const graph = Object.fromEntries(nodes.map((n) => [n.dataset.cwNode, [...n.querySelectorAll('.cw-room__choice')].map((b) => b.dataset.cwGoto)]));
  const start = document.querySelector('.cw-room').dataset.cwStart, paths = {[start]: [start]}, queue = [start];
  while (queue.length) { const id = queue.shift(); graph[id].forEach((n) => { if (!paths[n]) { paths[n] = [...paths[id], n]; queue.push(n); } }); }
  let split = 0;
  for (const [id, path] of Object.entries(paths)) {
    const sel = '.cw-room__node[data-cw-node="' + id + '"]';
    room.apply({path, step: 'read', pick: -1, votes: []});
    if (room.state().step === 'read') {
      split++;
      check(sel + ' .cw-room__situation > p').forEach((p) => out.push(id + ' read: ' + p));
      room.apply({path, step: 'choose', pick: -1, votes: []});
    }
    const parts = graph[id].length ? sel + ' .cw-room__choice, ' + sel + ' .cw-room__heading' : sel + ' .cw-room__debrief, ' + sel + ' .cw-room__heading';
    check(parts).forEach((p) => out.push(id + ' choose: ' + p));
    graph[id].forEach((_, i) => {
      room.apply({path, step: 'reveal', pick: i, votes: graph[id].map(() => 7)});
      const fb = sel + ' .cw-room__feedback[data-cw-for="' + i + '"]';
      check(fb + ', ' + sel + ' .cw-room__choice[aria-pressed=true]').forEach((p) => out.push(id + ' reveal ' + 'ABCD'[i] + ': ' + p));
      const text = document.querySelector(fb).innerText;
      if (!document.querySelector(fb + ' .cw-sources a[href]') || text.includes('](') || text.includes('{ .cw-cite }')) out.push(id + ' ' + i + ': citations are not links');
    });
  }
  return {out, split, nodes: nodes.length};
}"""


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1280x720", "1920x1080"])
def test_every_decision_and_its_feedback_fit_on_the_first_screen(browser: Any, real_site: Path, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    for sid in SCENARIOS:
        room(page, file_url(real_site, f"scenarios/{sid}/room.html"))
        if width == 1920:  # body text of at least 28 px on a 1080p projector
            size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.cw-room__situation p')).fontSize)")
            assert size >= 28, size
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"  # no site chrome
        assert page.locator(".md-sidebar, .md-footer").count() == 0
        result = page.evaluate(WALK_ALL, IN_VIEW)
        assert result["nodes"] >= 10
        problems += [f"{sid} at {width}x{height}: {p}" for p in result["out"]]
    assert problems == []
    context.close()


def test_a_long_situation_gets_a_read_step_then_a_choose_step(browser: Any, mini_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = room(context.new_page(), file_url(mini_site, "scenarios/demo/room.html"))
    page.evaluate("""() => { const s = document.querySelector('[data-cw-node="n1"] .cw-room__situation');
      for (let i = 0; i < 3; i++) { const p = document.createElement('p'); p.textContent = 'A long situation. '.repeat(56); s.appendChild(p); }
      window.dispatchEvent(new Event('resize')); }""")
    page.wait_for_timeout(300)  # the room re-measures after a resize settles
    page.evaluate("location.hash = 'at=n1'")
    page.wait_for_function("() => location.hash.includes('step=read')")
    n1 = '.cw-room__node[data-cw-node="n1"]'
    assert page.evaluate(IN_VIEW, f"{n1} .cw-room__situation > p") == []
    assert page.locator(f"{n1} .cw-room__choices").is_hidden()
    page.keyboard.press("Enter")
    assert state(page)["step"] == "choose"
    assert page.evaluate(IN_VIEW, f"{n1} .cw-room__choice, {n1} .cw-room__heading") == []
    page.keyboard.press("p")
    assert state(page)["step"] == "read"
    context.close()


def test_every_key_on_the_projector(browser: Any, mini_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = Tab(context, ("file://",))
    page = room(tab.page, file_url(mini_site, "scenarios/demo/room.html"))
    n1 = page.locator('.cw-room__node[data-cw-node="n1"]')
    status = page.locator(".cw-room__status")
    assert state(page) == {"at": "n1", "step": "choose"}
    assert n1.locator(".cw-room__choice .cw-room__letter").all_inner_texts() == ["A", "B", "C"]  # fixed lettered order
    page.keyboard.press("?")
    assert page.locator(".cw-room__keys").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".cw-room__keys").is_hidden()
    page.keyboard.press("f")
    assert "Pick the room's choice first" in status.inner_text()
    page.keyboard.press("d")
    assert "There is no choice D" in status.inner_text()
    page.keyboard.press("b")
    page.keyboard.press("a")
    assert n1.locator(".cw-room__choice[aria-pressed=true] .cw-room__letter").inner_text() == "A"
    assert n1.locator(".cw-room__feedback").first.is_hidden()  # not before the reveal
    page.keyboard.press("v")  # the room's vote, typed in by the trainer
    assert page.locator(".cw-room__tally").is_visible()
    page.get_by_label("Votes for A").fill("3")
    page.get_by_label("Votes for B").fill("5")
    page.get_by_label("Votes for C").fill("1")
    page.keyboard.press("Escape")
    assert page.locator(".cw-room__tally").is_hidden()
    assert n1.locator(".cw-room__votes").all_inner_texts() == ["3 votes", "5 votes", "1 vote"]
    page.keyboard.press("f")
    assert n1.locator(".cw-room__feedback").first.is_visible()
    assert page.evaluate(IN_VIEW, '.cw-room__node[data-cw-node="n1"] .cw-room__feedback:not([hidden])') == []
    assert state(page) == {"at": "n1", "step": "reveal", "pick": "A", "votes": "3,5,1"}
    page.reload()  # the place, the choice and the vote survive a reload
    page.wait_for_selector(".cw-room[data-cw-ready]")
    assert n1.locator(".cw-room__feedback").first.is_visible()
    assert n1.locator(".cw-room__votes").first.inner_text() == "3 votes"
    page.keyboard.press("n")
    assert "FACILITATOR-ONLY-N1" in n1.locator(".cw-room__notes").inner_text()
    page.keyboard.press("n")
    assert n1.locator(".cw-room__notes").is_hidden()
    page.keyboard.press("Enter")
    assert state(page)["at"] == "n1,n2"
    assert page.locator('.cw-room__node[data-cw-node="n2"]').is_visible() and n1.is_hidden()
    page.keyboard.press("p")  # back to the feedback that led here
    assert state(page) == {"at": "n1", "step": "reveal", "pick": "A"}
    page.keyboard.press("Backspace")
    assert state(page) == {"at": "n1", "step": "choose", "pick": "A"}
    page.keyboard.press("g")
    assert state(page)["at"] == "n1,n2"
    page.keyboard.press("b")
    page.keyboard.press("ArrowRight")  # a clicker's forward button: reveal, then go
    assert state(page)["step"] == "reveal"
    page.keyboard.press("PageDown")
    assert state(page)["at"] == "n1,n2,n3"
    page.keyboard.press("r")
    assert state(page) == {"at": "n1", "step": "choose"}
    tab.assert_local()
    context.close()


def test_pointer_and_touch_drive_the_room(browser: Any, mini_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, has_touch=True)
    page = room(context.new_page(), file_url(mini_site, "scenarios/demo/room.html"))
    page.locator(".cw-room__choice").nth(1).tap()
    page.locator('.cw-room__bar [data-cw-do="reveal"]').tap()
    assert page.locator('[data-cw-node="n1"] .cw-room__feedback[data-cw-for="1"]').is_visible()
    page.locator('.cw-room__bar [data-cw-do="go"]').tap()
    assert state(page)["at"] == "n1,n3"
    page.locator('.cw-room__bar [data-cw-do="back"]').click()
    assert state(page)["step"] == "reveal"
    page.locator('.cw-room__bar [data-cw-do="votes"]').click()
    assert page.locator(".cw-room__tally").is_visible()
    page.locator('.cw-room__bar [data-cw-do="keys"]').click()
    assert page.locator(".cw-room__keys").is_visible()
    page.get_by_role("button", name="Close").click()
    page.locator('.cw-room__bar [data-cw-do="restart"]').click()
    assert state(page) == {"at": "n1", "step": "choose"}
    context.close()


def test_a_broken_or_stale_link_lands_on_the_last_step_that_exists(ctx: Any, mini_site: Path) -> None:
    page = room(ctx.new_page(), file_url(mini_site, "scenarios/demo/room.html") + "#at=n1,e-good,zz&step=reveal&pick=Q&votes=x")
    assert state(page) == {"at": "n1", "step": "choose"}
    assert "does not have" in page.locator(".cw-room__status").inner_text()


@pytest.mark.parametrize("channel", ["broadcastchannel", "storage"])
@pytest.mark.parametrize("where", ["file", "server"])
def test_presenter_and_projector_stay_in_step(browser: Any, mini_site: Path, serve: Callable[[Path], str], where: str, channel: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    if channel == "storage":  # a browser without BroadcastChannel falls back to the storage event
        context.add_init_script("delete window.BroadcastChannel;")
    url = file_url(mini_site, "scenarios/demo/room.html") if where == "file" else serve(mini_site) + "scenarios/demo/room.html"
    projector = room(context.new_page(), url)
    with projector.expect_popup() as popup:
        projector.keyboard.press("s")
    presenter = popup.value
    presenter.wait_for_selector(".cw-room[data-cw-ready]")
    assert projector.evaluate("document.querySelector('.cw-room').dataset.cwSync") == channel
    assert presenter.locator(".cw-room--presenter .cw-room__presenter-panel").is_visible()
    assert "FACILITATOR-ONLY-N1" in presenter.locator(".cw-room__presenter-notes").inner_text()
    assert "Set the scene" in presenter.locator(".cw-room__presenter-notes").inner_text()  # the opening notes
    assert "of 20 min" in presenter.locator(".cw-room__clock").inner_text()
    presenter.keyboard.press("b")
    projector.wait_for_function("() => location.hash.includes('pick=B')")
    assert "Enter goes to “Months later”" in presenter.locator(".cw-room__next-up").inner_text()
    assert presenter.locator('[data-cw-node="n1"] .cw-room__feedback[data-cw-for="1"]').is_visible()  # the trainer sees it first
    assert projector.locator('[data-cw-node="n1"] .cw-room__feedback[data-cw-for="1"]').is_hidden()
    projector.keyboard.press("f")  # either window drives both
    presenter.wait_for_function("() => location.hash.includes('step=reveal')")
    presenter.keyboard.press("Enter")
    projector.wait_for_function("() => location.hash.startsWith('#at=n1,n3')")
    assert projector.locator('[data-cw-node="n3"]').is_visible()
    assert "view=presenter" not in projector.evaluate("location.hash") and "view=presenter" in presenter.evaluate("location.hash")
    assert "Months later" in presenter.locator(".cw-room__next-up").inner_text()
    context.close()


@pytest.mark.parametrize("view", ["", "#at=n1&step=reveal&pick=A&view=presenter"])
def test_room_views_pass_axe(ctx: Any, mini_site: Path, view: str) -> None:
    page = room(ctx.new_page(), file_url(mini_site, "scenarios/demo/room.html") + view)
    violations = axe(page)
    assert violations == [], describe(violations)
