"""`mkdocs serve` keeps running when content breaks mid-edit, shows the problems, and recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - 127.0.0.1 only
        return str(r.read().decode("utf-8"))


def wait_for(url: str, predicate: object, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):  # type: ignore[operator]
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {url}; last page began: {last[:300]}")


def test_serve_survives_broken_content_and_recovers(mini_copy: Path) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=mini_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "scenarios/demo/n1.html", lambda t: "Mr Z mentions a new partner" in t)
        scenario = mini_copy / "scenarios/demo.yml"
        good = scenario.read_text(encoding="utf-8")
        scenario.write_text(good.replace("goto: e-poor", "goto: e-nowhere"), encoding="utf-8")
        page = wait_for(base + "index.html", lambda t: "casework: the content has errors" in t)
        assert "goes to &#x27;e-nowhere&#x27;, which does not exist" in page or "goes to 'e-nowhere', which does not exist" in page
        assert proc.poll() is None  # still serving
        scenario.write_text(good, encoding="utf-8")
        wait_for(base + "index.html", lambda t: "casework: the content has errors" not in t and "Demo home" in t)
        assert "Mr Z mentions a new partner" in fetch(base + "scenarios/demo/n1.html")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_dirty_serve_rebuilds_only_the_generated_pages_an_edit_changed(mini_copy: Path) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=mini_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    staged = mini_copy / ".cache/casework"
    try:
        wait_for(base + "scenarios/demo/n1.html", lambda t: "Mr Z mentions a new partner" in t)
        quiz, node = staged / "quizzes/demo.md", staged / "scenarios/demo/n1.md"
        assert quiz.is_file() and node.is_file()  # generated pages are staged as files the dirty build can compare
        before = quiz.stat().st_mtime_ns, node.stat().st_mtime_ns
        time.sleep(1.1)  # file times on some filesystems have one-second resolution
        scenario = mini_copy / "scenarios/demo.yml"
        scenario.write_text(scenario.read_text(encoding="utf-8").replace("Mr Z mentions a new partner", "Mr Z mentions a new friend"),
                            encoding="utf-8")
        wait_for(base + "scenarios/demo/n1.html", lambda t: "Mr Z mentions a new friend" in t)
        assert node.stat().st_mtime_ns > before[1]
        assert quiz.stat().st_mtime_ns == before[0]  # untouched by the edit: not rewritten, so not rebuilt
    finally:
        proc.terminate()
        proc.wait(timeout=10)
