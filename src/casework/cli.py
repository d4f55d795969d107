"""The `casework` command: check content, export it, scaffold new content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casework.problems import format_problems
from casework.project import load_project


def cmd_check(args: argparse.Namespace) -> int:
    project = load_project(Path(args.root))
    if project.problems:
        print(format_problems(project.problems), file=sys.stderr if project.errors else sys.stdout)
    if project.errors:
        return 1
    counts = (f"{len(project.reviews)} reviews, {len(project.scenarios)} scenarios, "
              f"{len(project.quizzes)} quiz banks, {len(project.sources)} sources")
    print(f"casework check: all good ({counts})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casework", description=__doc__)
    parser.add_argument("--root", default=".", help="the project folder (holding sources.yml, reviews/, scenarios/, quizzes/, docs/)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="find every problem in the content, in one pass")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
