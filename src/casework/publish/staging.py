"""Generated pages kept on disk between `mkdocs serve --dirty` rebuilds.

MkDocs' dirty build re-renders a page only when its source file is newer than its output. A page
generated in memory has no source file, so it is re-rendered on every rebuild (3,000 scenario pages at
250 reviews). Staging each generated page as a file, rewritten only when its text changes, lets the dirty
build skip every page the edit did not touch.
"""

from __future__ import annotations

from pathlib import Path


def stage(folder: Path, path: str, text: str) -> Path:
    """Write `text` to `folder/path` unless the file already holds exactly that; return the file.

    The file's modification time changes only when its text does, which is what a dirty build compares.
    """
    target = folder / path
    try:
        if target.read_text(encoding="utf-8") == text:
            return target
    except (OSError, UnicodeDecodeError):
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
