"""Stage 2 of the pipeline: checks. They read what `casework.content` loaded and never render.

`load_project(root)` reads every content file and runs every check, collecting problems on the
project instead of raising: the build, `casework check` and the tests all start here.
"""

from __future__ import annotations

from pathlib import Path

from casework.checks.project import check_project
from casework.content.project import Project, read_project

__all__ = ["check_project", "load_project"]


def load_project(root: Path, docs_dir: Path | None = None) -> Project:
    """Read and check everything under `root`. Never raises on bad content: see `project.problems`."""
    project = read_project(root, docs_dir)
    check_project(project)
    return project
