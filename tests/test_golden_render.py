"""Golden cases: content in the small fixture project -> the exact Markdown casework generates.

Expected files live in tests/golden/render/, named after the generated page path. Run with
UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from casework.checks import load_project
from casework.render import generate
from casework.render.scenarios import scenario_data

MINI = Path(__file__).parent / "fixtures" / "mini"
GOLDEN = Path(__file__).parent / "golden" / "render"
PAGES = ["scenarios/demo/index.md", "scenarios/demo/n2.md", "scenarios/demo/e-good.md", "scenarios/demo/facilitator.md",
         "scenarios/demo/room.md", "scenarios/demo/data.js", "quizzes/demo.md", "reviews/demo-review/findings.md",
         "reviews/coverage.md", "glossary.md", "sources/demo-review.md", "sources/demo-protocol.md", "sources/index.md"]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return {g.path: g.markdown for g in generate(load_project(MINI))}


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_matches_golden(page: str, generated: dict[str, str]) -> None:
    expected = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(generated[page], encoding="utf-8")
    assert generated[page] == expected.read_text(encoding="utf-8")


def test_every_node_gets_a_page_and_learner_pages_hold_no_facilitator_text(generated: dict[str, str]) -> None:
    for node in ("n1", "n2", "n3", "e-good", "e-poor"):
        page = generated[f"scenarios/demo/{node}.md"]
        assert "FACILITATOR-ONLY" not in page
    assert "FACILITATOR-ONLY-N1" in generated["scenarios/demo/facilitator.md"]
    assert "FACILITATOR-ONLY-N1" in generated["scenarios/demo/room.md"]  # behind the notes toggle


def test_inner_pages_are_kept_out_of_search(generated: dict[str, str]) -> None:
    assert 'search: {"exclude": true}' in generated["scenarios/demo/n1.md"]
    assert "search:" not in generated["scenarios/demo/index.md"]


def test_scenario_pages_load_the_data_once_from_data_js(generated: dict[str, str]) -> None:
    for page in ("index", "n1", "n2", "n3", "e-good", "e-poor"):
        text = generated[f"scenarios/demo/{page}.md"]
        assert text.count('<script src="data.js"></script>') == 1, page
        assert "cw-scenario-data" not in text and '"nodes":' not in text, page
    for page in ("facilitator", "room"):  # they carry everything they need in the page
        assert "data.js" not in generated[f"scenarios/demo/{page}.md"]


NODE_EVAL = "var window = globalThis; {code}\nprocess.stdout.write(JSON.stringify(window.cwScenarios));"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (it comes with `make setup`)")
def test_data_js_is_plain_ascii_javascript_that_registers_the_scenario(tmp_path: Path) -> None:
    # feedback with what would break a script or an older JavaScript engine: </script>, U+2028, U+2029, non-ASCII
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    yml = root / "scenarios/demo.yml"
    tricky = r'feedback: "Held the same week </script><!-- \u2028 and \u2029 – café \" \\ done."'
    yml.write_text(yml.read_text(encoding="utf-8").replace("feedback: A strategy discussion was held the same week.", tricky),
                   encoding="utf-8")
    project = load_project(root)
    assert not project.errors, project.errors
    files = {g.path: g for g in generate(project)}
    js = files["scenarios/demo/data.js"]
    assert js.kind == "scenario-data" and not js.is_page and js.source == "scenarios/demo.yml"
    assert js.markdown.isascii() and "\u2028" not in js.markdown
    result = subprocess.run(["node", "-e", NODE_EVAL.format(code=js.markdown)], capture_output=True, text=True, check=True)
    expected = scenario_data(project.scenarios["demo"].obj, project)
    assert json.loads(result.stdout) == {"demo": expected}
    feedback = json.loads(result.stdout)["demo"]["nodes"]["n2"]["choices"][0]["feedback"]
    assert "</script>" in feedback and "\u2028 and \u2029 – café \" \\ done." in feedback
