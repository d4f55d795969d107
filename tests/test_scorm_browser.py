"""A SCORM package in a stub LMS: scorm-again (from node_modules) provides the API in a page on 127.0.0.1, the
package runs in its frame, and the learner works through the module right, wrong, leaves and comes back.
Also the same package from a folder with no LMS, where the site's own completion record shows the result."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browsing import Tab, axe, describe, file_url
from casework.checks import load_project
from casework.publish import scorm
from casework.publish.scorm import export_scorm
from conftest import MINI, REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(mini_site: Path, tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> tuple[str, Path]:
    """lms/stub.html with scorm-again beside it, and the mini module's SCORM 1.2 and 2004 packages unzipped."""
    root = tmp_path_factory.mktemp("lms")
    (root / "lms").mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "lms" / "stub.html", root / "lms" / "stub.html")
    (root / "lms" / "scorm-again").symlink_to(REPO / "node_modules" / "scorm-again" / "dist")
    for version, folder in (("1.2", "pkg12"), ("2004", "pkg2004")):
        [pkg, *_] = export_scorm(load_project(MINI), MINI / "mkdocs.yml", root / "zips", version, only="demo-module", site=mini_site)
        with zipfile.ZipFile(pkg.path) as z:
            z.extractall(root / folder)
    return serve(root), root


def _frames(page: Any) -> tuple[Any, Any]:
    sco = page.frame_locator("#sco")
    return sco, sco.frame_locator("#cw-launch-frame")


def _cmi(page: Any) -> dict[str, Any]:
    return dict(page.evaluate("JSON.parse(JSON.stringify(window.API ? API.cmi : API_1484_11.cmi))"))


# A seeded Math.random in every frame: each attempt's shuffle of scenario choices is the same on every run, so a
# test can check that what is reported is the written order, not the order on screen.
SEEDED = """(() => { let s = 48271;
  Math.random = () => { s = (s * 16807) % 2147483647; return (s - 1) / 2147483646; }; })();"""


def _seeded(tab: Tab) -> Tab:
    tab.page.add_init_script(SEEDED)
    return tab


def _check(inner: Any, question: str, options: tuple[int, ...]) -> None:
    """Answer as a learner does: tick the options (by their written position, whatever the order on screen),
    then press "Check answer"."""
    for i in options:
        inner.locator(f"#quiz-{question}-{i}").check()
    inner.locator(f"#quiz-{question} button[type=submit]").click()


# This attempt's order of the after-session options, as quiz-answer.js keeps it: B before A, C first.
SHUFFLED = """localStorage.setItem('casework:quiz-order:demo-set--after',
  JSON.stringify({'demo--q1': ['2', '1', '0'], 'demo--q2': ['2', '1', '0', '3']}))"""


def _after_set_shuffled(page: Any, inner: Any) -> None:
    """Open the after-session set with this attempt's order set to B before A: stored from the page itself, then the
    page opened again, so nothing the launch does with storage can come between the order and the page."""
    inner.get_by_role("link", name="After the session").click()
    inner.locator("#quiz-demo--q2").wait_for(state="attached")
    frame = next(f for f in page.frames if "demo-set/after" in f.url)
    frame.evaluate(SHUFFLED)
    frame.goto(frame.url)


def _on_screen(inner: Any, question: str) -> list[str]:
    """The written positions of a question's options, in the order they are shown."""
    inner.locator(f"#quiz-{question} fieldset > div[data-cw-opt]").first.wait_for(state="attached")
    return [str(x) for x in inner.locator(f"#quiz-{question} fieldset > div[data-cw-opt]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-cw-opt'))")]


def _answer_after_set(inner: Any, right: bool) -> None:
    inner.get_by_role("link", name="After the session").click()
    _check(inner, "demo--q1", (0,) if right else (1,))
    _check(inner, "demo--q2", (0, 1) if right else (2,))


def _close(page: Any) -> None:
    """What an LMS does when the learner leaves: it unloads the course's frame."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.lmsLog.indexOf('LMSFinish') >= 0 || window.lmsLog.indexOf('Terminate') >= 0")


def test_module_done_right_reports_passed_with_interactions_and_resumes(ctx: Any, served: tuple[str, Path]) -> None:
    base, _ = served
    tab = _seeded(Tab(ctx, (base,)))
    page = tab.goto(base + "lms/stub.html?sco=../pkg12/index.html")
    sco, inner = _frames(page)
    assert "saved to your learning platform" in (sco.locator("#cw-launch-status").text_content() or "")
    # a scenario decision (the written choice B, shown elsewhere on screen), then the after-session self-assessment, all correct
    inner.get_by_role("link", name="The new relationship", exact=True).first.click()
    inner.locator("a.cw-start").click()
    inner.locator(".cw-scenario[data-cw-node='n1']").wait_for(state="attached")
    shown = inner.locator("nav.cw-choices a.cw-choice").all_text_contents()
    assert [t.strip() for t in shown].index("Accept that there is nothing to worry about.") != 1, shown  # else the test could not tell
    inner.get_by_role("link", name="Accept that there is nothing to worry about.").click()
    inner.locator(".cw-scenario[data-cw-node='n3']").wait_for(state="attached")
    inner.locator("a.md-header__button.md-logo").click()  # the site's home link: in a package, the module page
    _after_set_shuffled(page, inner)
    assert _on_screen(inner, "demo--q2") == ["2", "1", "0", "3"]  # so a response by position on screen would differ
    _check(inner, "demo--q1", (0,))
    page.wait_for_function("API.cmi.interactions._count === 2")  # the scenario decision and q1
    _check(inner, "demo--q2", (0, 1))
    page.wait_for_function("API.cmi.core.lesson_status === 'passed'")
    cmi = _cmi(page)
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert cmi["core"]["lesson_location"] == "self-assessment/demo-set/after.html"
    found = {(i["id"], i["type"], i["student_response"], i["result"], i["weighting"]) for i in cmi["interactions"].values()}
    assert found == {("cw-scenario-demo-n1", "choice", "b", "wrong", "0"), ("cw-demo-q1", "choice", "a", "correct", "1"),
                     ("cw-demo-q2", "choice", "a,b", "correct", "1")}
    assert "LMSCommit" in page.evaluate("window.lmsLog")
    _close(page)
    saved = page.evaluate("window.lmsLast")
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d", saved["core"]["session_time"]) and saved["core"]["exit"] == ""
    assert saved["core"]["lesson_status"] == "passed"
    # back again: the module opens where the learner was, with the answers shown, and nothing is reported twice
    page = tab.goto(base + "lms/stub.html?sco=../pkg12/index.html")
    sco, inner = _frames(page)
    inner.locator("#quiz-demo--q1-0:checked").wait_for(state="attached")
    assert page.evaluate("API.cmi.core.lesson_status") == "passed"
    assert page.evaluate("API.cmi.interactions._count") == 0
    violations = axe(page.frames[1])
    assert violations == [], describe(violations)
    tab.assert_local()


def test_module_done_wrong_resumes_from_suspend_data_and_fails(ctx: Any, served: tuple[str, Path]) -> None:
    base, _ = served
    tab = Tab(ctx, (base,))
    page = tab.goto(base + "lms/stub.html?sco=../pkg12/index.html")
    _, inner = _frames(page)
    inner.get_by_role("link", name="After the session").click()
    _check(inner, "demo--q1", (1,))  # wrong; then the learner leaves half way
    page.wait_for_function("API.cmi.core.score.raw === '0'")
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    _close(page)
    saved = page.evaluate("window.lmsLast")
    assert saved["core"]["exit"] == "suspend" and len(saved["suspend_data"]) <= 4096
    page.evaluate("localStorage.clear()")  # another computer: only the LMS remembers
    page = tab.goto(base + "lms/stub.html?sco=../pkg12/index.html")
    assert page.evaluate("API.cmi.core.entry") == "resume"
    _, inner = _frames(page)
    inner.locator("#quiz-demo--q1-1:checked").wait_for(state="attached")  # restored from suspend_data, on the page left
    _check(inner, "demo--q2", (2,))
    page.wait_for_function("API.cmi.core.lesson_status === 'failed'")
    assert page.evaluate("API.cmi.core.score.raw") == "0"
    cmi = _cmi(page)
    assert [(i["id"], i["student_response"], i["result"]) for i in cmi["interactions"].values()] == [("cw-demo-q2", "c", "wrong")]
    _close(page)
    tab.assert_local()


def test_scorm_2004_package_reports_the_same(ctx: Any, served: tuple[str, Path]) -> None:
    base, _ = served
    tab = Tab(ctx, (base,))
    page = tab.goto(base + "lms/stub.html?v=2004&sco=../pkg2004/index.html")
    sco, inner = _frames(page)
    # the launch page sets the site's storage from the LMS first: only then is this attempt's order ours to set
    sco.locator("#cw-launch-status").filter(has_text="learning platform").wait_for()
    _after_set_shuffled(page, inner)
    assert _on_screen(inner, "demo--q2") == ["2", "1", "0", "3"]  # B shown before A, and still reported as "a[,]b"
    _check(inner, "demo--q1", (0,))
    _check(inner, "demo--q2", (1, 0))
    page.wait_for_function("API_1484_11.cmi.success_status === 'passed'")
    cmi = _cmi(page)
    assert (cmi["completion_status"], cmi["score"]["scaled"], cmi["score"]["raw"]) == ("completed", "1", "100")
    assert [(i["id"], i["learner_response"], i["result"]) for i in cmi["interactions"].values()] == [
        ("cw-demo-q1", "a", "correct"), ("cw-demo-q2", "a[,]b", "correct")]
    _close(page)
    assert re.fullmatch(r"PT\d+H\d+M\d+S", page.evaluate("window.lmsLast")["session_time"])
    tab.assert_local()


def test_package_without_an_lms_works_from_a_folder_and_fills_the_site_record(ctx: Any, served: tuple[str, Path]) -> None:
    _, root = served
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(root / "pkg12", "index.html"))
    assert "Not connected to a learning platform" in (page.locator("#cw-launch-status").text_content() or "")
    inner = page.frame_locator("#cw-launch-frame")
    _answer_after_set(inner, right=True)
    inner.get_by_role("link", name="your completion record").click()
    inner.locator(".cw-record__after").filter(has_text="2 of 2 (100%)").wait_for()
    tab.assert_local()


FILL_EVERYTHING = """() => {
  /* the worst case: every question answered with four options ticked or 80 characters typed in each gap, a
     decision at every node of every scenario (its last choice, taken again, in an attempt with the longest seed), and
     every result record the site keeps */
  var data = window.cwScormPackage, L = localStorage;
  Object.keys(data.pages).forEach(function (p) {
    var st = {};
    Object.keys(data.pages[p]).forEach(function (el) {
      var q = data.pages[p][el];
      st[el] = { answered: true, correct: false,
        selectedValues: q.type === "fill-in" ? q.correct.map(function () { return "x".repeat(80); }) : q.multiple ? ["0", "1", "2", "3"] : ["3"] };
    });
    L.setItem("quiz_progress_" + p, JSON.stringify(st));
  });
  Object.keys(data.scenarios).forEach(function (id) {
    var nodes = data.scenarios[id].nodes;
    L.setItem("casework:scenario:" + id, JSON.stringify({ seed: 4294967295, path: Object.keys(nodes).map(function (n) {
      return { node: n, choice: nodes[n].choices[nodes[n].choices.length - 1], again: true, at: new Date().toISOString() }; }) }));
  });
  data.sets.forEach(function (s) {
    var byRef = {};
    for (var i = 0; i < 8; i++) byRef["scr-hh-ii-jj/finding-" + i] = [1, 2];
    ["before", "after"].forEach(function (st) {
      L.setItem("casework:set:" + s + ":" + st, JSON.stringify({ pct: 67, correct: 4, total: 6, pass: 80, date: "2026-11-25", byRef: byRef }));
    });
  });
  return window.cwScorm.encode().length;
}"""


def test_suspend_data_of_the_largest_packages_fits_scorm_12(ctx: Any, real_site: Path, tmp_path: Path) -> None:
    """SCORM 1.2 keeps 4,096 characters of suspend data: the programme and the module with the most questions fit."""
    project = load_project(REPO)
    largest = max(project.modules.values(), key=lambda lm: sum(len(project.quizzes[b].obj.questions) for b in lm.obj.quizzes if b in project.quizzes))
    sizes = {}
    for unit in (scorm.module_unit(largest.obj, project), scorm.programme_unit(project)):
        pkg = scorm.write_package(unit, project, real_site, tmp_path / f"{unit.id}.zip", "1.2")
        folder = tmp_path / pkg.unit
        with zipfile.ZipFile(pkg.path) as z:
            z.extractall(folder)
        page = ctx.new_page()
        page.goto(file_url(folder, "index.html"))
        page.wait_for_function("window.cwScorm")
        sizes[pkg.unit] = page.evaluate(FILL_EVERYTHING)
        page.evaluate("localStorage.clear()")
        page.close()
    assert all(0 < n <= 4096 for n in sizes.values()), sizes
    print(f"suspend data, worst case: {sizes}")
