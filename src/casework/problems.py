"""Problems found in content: one shape for every error, whatever found it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, with where it is and how to fix it.

    Rendered as ``file:line: item: message (hint)``; every part but the file and the
    message is optional.
    """

    file: str
    line: int | None
    item: str | None
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: "
        if self.severity == "warning":
            text += "warning: "
        if self.item:
            text += f"{self.item}: "
        text += self.message
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


class CaseworkError(Exception):
    """A command that cannot go ahead: a message for the author, a hint on how to fix it, and any tool output."""

    def __init__(self, message: str, hint: str | None = None, output: str = "") -> None:
        self.message = message
        self.hint = hint
        self.output = output
        super().__init__(message if hint is None else f"{message}\n    how to fix: {hint}")


class ContentError(Exception):
    """Raised by callers that want an exception; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))


def format_problems(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    lines = [str(p) for p in sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line or 0, p.message))]
    summary = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    if warnings:
        summary += f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    return "\n".join(lines + [summary])
