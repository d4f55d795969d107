"""Evaluation results: the files learners download from the evaluation forms, imported on the trainer's page in chromium.

Twenty generated answer files (ten before, ten after) and one damaged file are chosen at once; the damaged file is
named and skipped, the others are counted; a file that is right except for one answer is skipped whole; dropping
files works like choosing them; the CSV has one row per answer; and a file downloaded from the real form imports.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from browsing import Tab, axe, describe, file_url

QUESTIONS = [f"conf-{i}" for i in range(1, 7)]


def answers_file(form: str, ratings: list[int], hope: str, name: str) -> dict[str, Any]:
    answers = [{"name": "name", "question": "Your name (optional)", "type": "text", "value": name}]
    answers += [{"name": q, "question": f"{i}. How confident are you to do thing {i}?", "type": "rating", "value": str(r)}
                for i, (q, r) in enumerate(zip(QUESTIONS, ratings, strict=True), 1)]
    answers.append({"name": "hope", "question": "What do you hope to learn?", "type": "long-text", "value": hope})
    return {"format": "casework-evaluation", "version": 1, "form": form, "title": form, "saved": "2026-11-25",
            "answers": answers, "text": "human-readable copy"}


def test_twenty_files_and_a_damaged_one_combine_into_results(ctx: Any, real_site: Path, tmp_path: Path) -> None:
    files = []
    for n in range(10):
        for form, base in (("evaluation-before", 2), ("evaluation-after", 4)):
            rating = base + (n % 2)  # before: 2 or 3 (mean 2.5); after: 4 or 5 (mean 4.5)
            f = tmp_path / f"{form}-{n:02d}.json"
            f.write_text(json.dumps(answers_file(form, [rating] * 6, f"<b>{form} answer {n}</b>", f"Learner {n}")), encoding="utf-8")
            files.append(f)
    damaged = tmp_path / "evaluation-after-damaged.json"
    damaged.write_text(json.dumps(answers_file("evaluation-after", [1] * 6, "x", "y"))[:150], encoding="utf-8")
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "training/evaluation/results.html"))
    page.wait_for_selector(".cw-eval-results[data-cw-ready]")
    page.get_by_label("Choose the answer files").set_input_files([*files, damaged])
    messages = page.locator(".cw-results__messages")
    messages.filter(has_text="20 files added").wait_for()
    assert "evaluation-after-damaged.json: skipped, because it is damaged or cut short" in messages.inner_text()
    assert "20 answer files: 10 before, 10 after." in page.locator(".cw-results__out").inner_text()
    row = page.locator('.cw-results__change tr[data-cw-question="conf-1"]')
    assert row.locator("td").all_inner_texts() == ["2.5 (10)", "4.5 (10)", "+2.0"]
    bars = page.locator('svg[data-cw-question="conf-3"] rect')
    counts = {(b.get_attribute("data-cw-stage"), b.get_attribute("data-cw-rating")): b.get_attribute("data-cw-count") for b in bars.all()}
    assert counts[("evaluation-before", "2")] == "5" and counts[("evaluation-after", "5")] == "5" and counts[("evaluation-after", "1")] == "0"
    assert page.locator(".cw-results__texts li").count() == 20
    assert page.locator(".cw-results__texts b").count() == 0  # free text is shown as text, never as markup
    assert "Learner 3" not in page.locator(".cw-results__out").inner_text()  # names are not shown
    # one wrong answer: the whole file is skipped, and the totals do not move
    half = answers_file("evaluation-after", [5, 5, 5, 9, 5, 5], "half", "z")
    (tmp_path / "half.json").write_text(json.dumps(half), encoding="utf-8")
    (tmp_path / "foreign.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    page.get_by_label("Choose the answer files").set_input_files([tmp_path / "half.json", tmp_path / "foreign.json", files[0]])
    messages.filter(has_text=re.compile(r"^0 files added")).wait_for()  # not "20 files added": the first batch's message
    text = messages.inner_text()
    assert "half.json: skipped, because answer 5 has a rating '9' that is not 1 to 5" in text
    assert "foreign.json: skipped, because it is not a casework evaluation answers file" in text
    assert "is the same as evaluation-before-00.json" in text
    assert row.locator("td").all_inner_texts() == ["2.5 (10)", "4.5 (10)", "+2.0"]
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the results as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 20 * 7  # six ratings and one free text per file; names left out
    assert {r["field"] for r in rows} == {*QUESTIONS, "hope"}
    page.evaluate("document.activeElement.blur()")  # the theme's focused and hovered button colours are not this page's
    page.mouse.move(0, 0)
    violations = axe(page)
    assert violations == [], describe(violations)
    tab.assert_local()


def test_dropped_files_and_a_real_download_import(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    form_page = tab.goto(file_url(real_site, "training/evaluation/after.html"))
    form = form_page.locator("form.cw-form")
    form.locator('input[name="conf-2"][value="4"]').check()
    with form_page.expect_download() as download:
        form.get_by_role("button", name="Download my answers").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    page = tab.goto(file_url(real_site, "training/evaluation/results.html"))
    page.wait_for_selector(".cw-eval-results[data-cw-ready]")
    page.evaluate("""(text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'evaluation-after.json', {type: 'application/json'}));
      dt.items.add(new File(['not json at all'], 'notes.txt', {type: 'text/plain'}));
      document.querySelector('.cw-results__drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", text)
    page.locator(".cw-results__messages").filter(has_text="1 file added").wait_for()
    assert "notes.txt: skipped, because it is not a .json answers file" in page.locator(".cw-results__messages").inner_text()
    assert page.locator('.cw-results__change tr[data-cw-question="conf-2"] td').first.inner_text() == "4.0 (1)"
    tab.assert_local()
