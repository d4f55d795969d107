"""Commands stay inside the project (issue #18): `move` only under docs/, `export site` only to a zip, never
following a symlink out of the project, and never leaving its temporary folder behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from casework.cli import main


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("old", "new", "message"), [
    ("protocol/section-3.md", "/tmp/casework-moved.md", "the new path '/tmp/casework-moved.md' is not a path under docs/"),
    ("/etc/hostname", "protocol/x.md", "the old path '/etc/hostname' is not a path under docs/"),
    ("protocol/section-3.md", "../README.md", "the new path '../README.md' uses '..', which leaves docs/"),
    ("../sources.yml", "x.md", "the old path '../sources.yml' uses '..', which leaves docs/"),
    ("protocol/section-3.md", "docs/../../outside.md", "the new path '../../outside.md' uses '..', which leaves docs/"),
    ("protocol/section-3.md", "outside/x.md", "the new path 'outside/x.md' leads outside docs/ (through a symbolic link)"),
])
def test_move_refuses_paths_outside_docs_and_changes_nothing(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              old: str, new: str, message: str) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (mini_copy / "docs" / "outside").symlink_to(outside)
    (mini_copy / "README.md").write_text("the project's README\n", encoding="utf-8")
    before = _snapshot(mini_copy)
    assert main(["--root", str(mini_copy), "move", old, new]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"casework move: {message}"
    assert "how to fix: give the page's path under docs/" in err
    assert _snapshot(mini_copy) == before  # no page, nav, redirect or sources.yml entry written
    assert list(outside.iterdir()) == [] and not Path("/tmp/casework-moved.md").exists()


def test_export_refuses_an_out_that_is_not_a_zip(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = (mini_copy / "sources.yml").read_bytes()
    code = main(["--root", str(mini_copy), "export", "site", "--out", str(mini_copy / "sources.yml")])
    assert code == 1
    err = capsys.readouterr().err
    assert f"casework export site: {mini_copy / 'sources.yml'} is not a .zip file" in err
    assert (mini_copy / "sources.yml").read_bytes() == sources
    (mini_copy / "notes.zip").write_text("not a zip at all", encoding="utf-8")
    assert main(["--root", str(mini_copy), "export", "site", "--out", str(mini_copy / "notes.zip")]) == 1
    assert "is not a zip file" in capsys.readouterr().err
    assert (mini_copy / "notes.zip").read_text(encoding="utf-8") == "not a zip at all"


def test_export_refuses_symlinks_that_leave_the_project(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (mini_copy / "docs" / "passwd.md").symlink_to("/etc/passwd")
    (mini_copy / "docs" / "private").symlink_to(outside)
    out = tmp_path / "site.zip"
    assert main(["--root", str(mini_copy), "export", "site", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "casework export site: docs/ has symbolic links that lead outside the project, so nothing was exported" in err
    assert "docs/passwd.md -> /etc/passwd" in err and f"docs/private -> {outside}" in err
    assert not out.exists()


def _export_and_signal(mini_copy: Path, tmp_path: Path, sig: int) -> tuple[int, list[str], Path]:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "site.zip"
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "casework.cli", "--root", str(mini_copy), "export", "site", "--out", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp.glob("casework-export-*/site/*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the export finished before it could be interrupted"
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    return proc.returncode, [p.name for p in tmp.iterdir()], out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_export_leaves_no_temporary_folder(mini_copy: Path, tmp_path: Path, sig: int) -> None:
    code, left, out = _export_and_signal(mini_copy, tmp_path, sig)
    assert code != 0
    assert left == []
    assert not out.exists() and not out.with_name(out.name + ".part").exists()


def test_export_still_writes_a_zip_over_an_existing_one(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site.zip"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("old.txt", "old")
    assert main(["--root", str(mini_copy), "export", "site", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert "site/index.html" in zf.namelist() and "old.txt" not in zf.namelist()
