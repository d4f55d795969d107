"""`make audit` (scripts/audit.py) says plainly when the advisory data could not be reached, and never passes then."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import audit  # noqa: E402


def _fake_run(stdout: str, stderr: str = "") -> Any:
    def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(cmd, 1, stdout, stderr)
    return run


def test_pip_audit_with_every_package_skipped_is_not_a_pass(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    report = {"dependencies": [{"name": n, "version": "1.0", "skip_reason": "Dependency not found on PyPI and could not be audited"} for n in ("jinja2", "pyyaml")]}
    monkeypatch.setattr(audit.subprocess, "run", _fake_run(json.dumps(report)))
    assert audit.pip_audit() == 2
    assert "the Python packages were NOT audited" in capsys.readouterr().out


def test_pip_audit_reports_a_vulnerability(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    report = {"dependencies": [{"name": "jinja2", "version": "3.1.2", "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["3.1.3"]}]}, {"name": "pyyaml", "version": "6.0", "vulns": []}]}
    monkeypatch.setattr(audit.subprocess, "run", _fake_run(json.dumps(report)))
    assert audit.pip_audit() == 1
    assert "pip-audit: jinja2 3.1.2: GHSA-xxxx (fixed in 3.1.3)" in capsys.readouterr().out


def test_npm_audit_endpoint_error_is_not_a_pass(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(audit.subprocess, "run", _fake_run("", "npm warn audit 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk\nnpm error audit endpoint returned an error\n"))
    assert audit.npm_audit() == 2
    out = capsys.readouterr().out
    assert "audit 405 Method Not Allowed" in out and "the front-end packages were NOT audited" in out
