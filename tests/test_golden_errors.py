"""Golden cases: a broken content file in, the exact `casework check` report out.

Each tests/golden/errors/*.yml holds `files` (paths and contents laid over the small
fixture project; null deletes a file) and `expect` (the report, exactly). Run with
UPDATE_GOLDEN=1 to rewrite `expect` after a deliberate change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from casework.cli import main

CASES = sorted((Path(__file__).parent / "golden" / "errors").glob("*.yml"))


class Literal(str):
    pass


yaml.add_representer(Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_error_report(case: Path, mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    for name, content in spec["files"].items():
        target = mini_copy / name
        if content is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    code = main(["--root", str(mini_copy), "check", "--today", "2020-01-01"])  # a fixed date: the home page's next_review is not yet past
    out = capsys.readouterr()
    report = (out.err + out.out).strip() + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        spec["expect"] = Literal(report)
        spec["files"] = {k: (Literal(v) if isinstance(v, str) else v) for k, v in spec["files"].items()}
        case.write_text(yaml.dump(spec, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    assert "Traceback" not in report
    assert code == spec.get("exit", 1)
    assert report == spec["expect"]
