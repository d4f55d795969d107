"""`casework move`: a renamed page keeps every link working and its old address redirects."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.cli import main
from conftest import mkdocs_build


def test_moving_a_page_updates_links_content_and_leaves_a_redirect(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini_copy), "move", "protocol/section-3.md", "guidance/section-47.md"]) == 0
    out = capsys.readouterr().out
    assert "docs/guidance/section-47.md: moved from docs/protocol/section-3.md" in out
    assert not (mini_copy / "docs/protocol/section-3.md").exists()
    assert "guidance/section-47.md" in (mini_copy / "sources.yml").read_text(encoding="utf-8")
    assert "guidance/section-47.md" in (mini_copy / "modules/demo-module.yml").read_text(encoding="utf-8")
    config = (mini_copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - redirects:\n      redirect_maps:\n        protocol/section-3.md: guidance/section-47.md\n" in config
    assert main(["--root", str(mini_copy), "check"]) == 0
    site = tmp_path / "site"
    result = mkdocs_build(mini_copy / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr  # strict: no link anywhere points at the old path
    redirect = (site / "protocol/section-3.html").read_text(encoding="utf-8")
    assert 'url=../guidance/section-47.html"' in redirect
    assert (site / "guidance/section-47.html").is_file()

    # a second move adds to the same redirect map, and the first redirect skips the middle address
    assert main(["--root", str(mini_copy), "move", "guidance/section-47.md", "guidance/s47.md"]) == 0
    config = (mini_copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      redirect_maps:\n        guidance/section-47.md: guidance/s47.md\n        protocol/section-3.md: guidance/s47.md\n" in config


def test_moving_a_missing_page_says_what_exists(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini_copy), "move", "section-3.md", "protocol/s3.md"]) == 1
    err = capsys.readouterr().err
    assert err == ("casework move: there is no page 'section-3.md' under docs/\n"
                   "    how to fix: pages with that name: protocol/section-3.md\n")


def test_moving_onto_an_existing_page_is_refused(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini_copy), "move", "protocol/section-3.md", "index.md"]) == 1
    assert "casework move: 'index.md' already exists" in capsys.readouterr().err
    assert (mini_copy / "docs/protocol/section-3.md").is_file()


def test_moving_a_page_back_leaves_no_redirect_to_itself(mini_copy: Path, tmp_path: Path) -> None:
    assert main(["--root", str(mini_copy), "move", "protocol/section-3.md", "protocol/s47.md"]) == 0
    assert main(["--root", str(mini_copy), "move", "protocol/s47.md", "protocol/section-3.md"]) == 0
    config = (mini_copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      redirect_maps:\n        protocol/s47.md: protocol/section-3.md\n  - casework:" in config
    site = tmp_path / "site"
    result = mkdocs_build(mini_copy / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "Redirecting" not in (site / "protocol/section-3.html").read_text(encoding="utf-8")
