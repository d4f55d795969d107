"""The `casework` command: check content, export it, scaffold new content."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from casework.checks import load_project
from casework.checks.brand import check_config
from casework.checks.dates import check_review_dates
from casework.checks.nav import check_config_nav
from casework.checks.siteurl import check_site_url
from casework.content.project import Project, rel
from casework.content.yamlsrc import read_mapping
from casework.problems import CaseworkError, format_problems
from casework.publish import scaffold
from casework.publish.export import export_site


class CliError(CaseworkError):
    """A command that cannot go ahead: printed as `casework <command>: message`, with a hint."""


# --- check ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if args.config and not Path(args.config).is_file():
        raise CliError(f"{args.config}: no such MkDocs configuration file", "give the file with --config, or leave it out to use mkdocs.yml in --root")
    project = load_project(root)
    project.problems.extend(check_review_dates(project, args.today or dt.date.today()))
    config = Path(args.config) if args.config else root / "mkdocs.yml"
    settings = read_mapping(config, rel(config, root))  # mkdocs.yml, read once for the nav and the branding
    if settings is not None:
        project.problems.extend(check_config_nav(config, doc=settings) + check_config(config, doc=settings)
                                + check_site_url(settings, rel(config, root)))
    if project.problems:
        print(format_problems(project.problems), file=sys.stderr if project.errors else sys.stdout)
    if project.errors:
        return 1
    counts = (f"{len(project.reviews)} reviews, {len(project.scenarios)} scenarios, "
              f"{len(project.quizzes)} quiz banks, {len(project.sources)} sources")
    if project.modules or project.sets:
        counts += f", {len(project.modules)} training modules, {len(project.sets)} self-assessment sets"
    warnings = len(project.problems)
    if warnings:  # no errors, so the site builds; but "all good" would contradict the warnings just listed
        print(f"casework check: no errors, so the site builds; {warnings} warning{'s' if warnings != 1 else ''} above to look at ({counts})")
    else:
        print(f"casework check: all good ({counts})")
    return 0


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


# --- new -----------------------------------------------------------------------------------


def _write(args: argparse.Namespace, files: list[scaffold.NewFile], source_key: str | None = None) -> list[str]:
    root = Path(args.root)
    if not root.is_dir():
        raise CliError(f"{root} is not a folder", "give the project folder with --root")
    return scaffold.write_files(root, files, source_key)


def _report(done: list[str], steps: str) -> None:
    for line in done:
        print(line[0].upper() + line[1:] if line else line)
    print(steps)


def _wire_nav(args: argparse.Namespace, review: str | None = None, scenario: str | None = None, quiz: str | None = None) -> list[str] | None:
    """Add the new pages to mkdocs.yml's nav (as text: comments stay); None when its nav has another shape."""
    from casework.publish import navedit

    config = Path(args.root) / "mkdocs.yml"
    if not config.is_file():
        return None
    text = original = config.read_text(encoding="utf-8")
    added: list[str] = []
    steps: list[Callable[[str], navedit.NavEdit | None]] = []
    if review:
        steps.append(lambda t: navedit.add_review(t, review, args.today.year if getattr(args, "today", None) else dt.date.today().year))
    if scenario:
        steps.append(lambda t: navedit.add_after_last(t, f"scenarios/{scenario}/index.md", r"-\s+scenarios/[^/\s]+/index\.md", "scenario"))
    if quiz:
        steps.append(lambda t: navedit.add_after_last(t, f"quizzes/{quiz}.md", r"-\s+quizzes/(?!index\.md)[^/\s]+\.md", "quiz bank"))
    for step in steps:
        edit = step(text)
        if edit is None:
            return None
        text, added = edit.text, added + edit.added
    if text != original:
        config.write_text(text, encoding="utf-8")
    return added


def cmd_new_review(args: argparse.Namespace) -> int:
    files = scaffold.review_files(args.key)
    done = _write(args, files, source_key=args.key)
    wired = _wire_nav(args, review=args.key, scenario=f"{args.key}-scenario", quiz=args.key)
    _report(done, scaffold.next_steps(files, review=args.key, scenario=f"{args.key}-scenario", quiz=args.key, wired=wired))
    return 0


def cmd_new_scenario(args: argparse.Namespace) -> int:
    new = scaffold.scenario_file(Path(args.root), args.id, args.review)
    done = _write(args, [new])
    _report(done, scaffold.next_steps([new], scenario=args.id, wired=_wire_nav(args, scenario=args.id)))
    return 0


def cmd_new_quiz(args: argparse.Namespace) -> int:
    new = scaffold.quiz_file(Path(args.root), args.id, args.review)
    done = _write(args, [new])
    _report(done, scaffold.next_steps([new], quiz=args.id, wired=_wire_nav(args, quiz=args.id)))
    return 0


# --- export --------------------------------------------------------------------------------


def cmd_export_site(args: argparse.Namespace) -> int:
    config = Path(args.config) if args.config else Path(args.root) / "mkdocs.yml"
    out = Path(args.out)
    print(f"Building the site from {config} (mkdocs build --strict)...")
    result = export_site(config, out)
    folder = result.path.name.removesuffix(".zip")
    print(f"Wrote {result.path} ({result.files} files, {result.size / 1_000_000:.1f} MB).")
    print(f"Unzip it and open {folder}/index.html in a browser; it works offline. To publish it on a web server")
    print(f"or an intranet, copy the {folder} folder as it is. README.txt in the zip says the same.")
    return 0


def cmd_export_qti(args: argparse.Namespace) -> int:
    from casework.publish.qti import write_qti

    project = load_project(Path(args.root))
    if project.errors:
        print(format_problems(project.problems), file=sys.stderr)
        raise CliError("the content has errors, so nothing was exported (banks are exported only from content that passes the check)",
                       "fix the problems above (run `casework check`), then export again")
    if not project.quizzes:
        raise CliError("there are no quiz banks to export", "add a bank to quizzes/ (see `casework new quiz`)")
    versions = ("2.1", "1.2") if args.version == "both" else (args.version,)
    out = Path(args.out)
    paths = write_qti(project, out, versions)
    questions = sum(len(q.obj.questions) for q in project.quizzes.values())
    for path in paths:
        print(f"Wrote {path}")
    print(f"{len(project.quizzes)} banks, {questions} questions, as QTI {' and '.join(versions)} packages in {out}/.")
    print("Import a package into your LMS's question bank: Canvas, Blackboard and others import QTI directly; Moodle needs a QTI import plugin.")
    print("Item IDs are stable (cw-<bank>-<question>), so a platform that matches items by ID can update them on re-import.")
    return 0


def _checked_project(args: argparse.Namespace, what: str) -> Project:
    project = load_project(Path(args.root))
    if project.errors:
        print(format_problems(project.problems), file=sys.stderr)
        raise CliError(f"the content has errors, so nothing was exported ({what} are exported only from content that passes the check)",
                       "fix the problems above (run `casework check`), then export again")
    return project


def cmd_export_scorm(args: argparse.Namespace) -> int:
    from casework.publish.scorm import export_scorm

    project = _checked_project(args, "packages")
    config = Path(args.config) if args.config else Path(args.root) / "mkdocs.yml"
    print(f"Building the site from {config} (mkdocs build --strict)...")
    packages = export_scorm(project, config, Path(args.out), args.version, args.module)
    for p in packages:
        print(f"Wrote {p.path} ({p.files} files, {p.size / 1_000_000:.1f} MB)")
    print(f"{len(packages)} SCORM {args.version} packages in {args.out}/: one per training module"
          + ("" if args.module else ", and one for the whole programme") + ".")
    print("Upload a package as a SCORM activity (Moodle: Add an activity > SCORM package; Learning Pool and most LMSs: a SCORM 1.2 course).")
    print("It reports completion, score, each answer and each scenario decision, and resumes where the learner left off.")
    return 0


def cmd_export_moodle(args: argparse.Namespace) -> int:
    from casework.publish.moodle import write_moodle

    project = _checked_project(args, "banks")
    if not project.quizzes:
        raise CliError("there are no quiz banks to export", "add a bank to quizzes/ (see `casework new quiz`)")
    out = Path(args.out)
    paths = write_moodle(project, out)
    for path in paths:
        print(f"Wrote {path}")
    questions = sum(len(q.obj.questions) for q in project.quizzes.values())
    print(f"{len(paths)} banks, {questions} questions, as Moodle XML in {out}/.")
    print("In Moodle: Question bank > Import, format 'Moodle XML', choose the file. Each bank comes in as its own category;")
    print("question ID numbers are stable (cw-<bank>-<question>).")
    return 0


# --- move ----------------------------------------------------------------------------------


def cmd_move(args: argparse.Namespace) -> int:
    from casework.publish import move

    root = Path(args.root)
    config = Path(args.config) if args.config else root / "mkdocs.yml"
    docs_dir = root / "docs"
    edits = move.plan(root, docs_dir, config, args.old, args.new)
    if args.dry_run:
        print("Would change:")
    else:
        move.apply(edits, docs_dir / move.norm(args.old, "docs"))
    for e in edits:
        print(f"  {e.path.relative_to(root) if e.path.is_relative_to(root) else e.path}: {e.what}")
    if not args.dry_run:
        print("Done. The old address now redirects to the new one. Run `casework check` and `make build` to confirm.")
    return 0


# --- amend ---------------------------------------------------------------------------------


def cmd_amend(args: argparse.Namespace) -> int:
    from casework.publish.amend import amend

    root = Path(args.root)
    done = amend(root, root / "docs", args.page, args.note, args.today or dt.date.today(), args.next_review, args.major)
    print(f"casework amend: {rel(done.path, root)} is now version {done.version}, reviewed today, next review {done.next_review.isoformat()}; "
          "the note is in its amendment log and in what's new at the next build")
    return 0


# --- wiring --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casework", description=__doc__)
    parser.add_argument("--root", default=".", help="the project folder (holding sources.yml, reviews/, scenarios/, quizzes/, docs/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{check,new,amend,export,move}")

    check = sub.add_parser("check", help="find every problem in the content, in one pass")
    check.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                       help="the date to check review dates against (default: today), for reproducible reports")
    check.add_argument("--config", help="the MkDocs configuration whose nav is checked (default: mkdocs.yml in --root)")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="scaffold a new review, scenario or quiz bank, with a TODO for every field",
                         description="Scaffold new content. Every field is explained in a comment; each value to write is a TODO, "
                                     "and `casework check` lists the ones left. Existing files are never overwritten.")
    new_sub = new.add_subparsers(dest="what", required=True, metavar="{review,scenario,quiz}")
    review = new_sub.add_parser("review", help="a review with its briefing, learning brief, scenario, quiz bank and sources.yml entry")
    review.add_argument("key", help="the review's key, e.g. lcspr-case-b (lower-case letters, digits and hyphens)")
    review.set_defaults(func=cmd_new_review)
    scenario = new_sub.add_parser("scenario", help="a branching scenario for an existing review")
    scenario.add_argument("id", help="the scenario's ID, e.g. case-b-home-visit")
    scenario.add_argument("--review", required=True, help="the key of the review it is built from")
    scenario.set_defaults(func=cmd_new_scenario)
    quiz = new_sub.add_parser("quiz", help="a quiz bank, optionally for a review")
    quiz.add_argument("id", help="the bank's ID, e.g. lcspr-case-b")
    quiz.add_argument("--review", help="the key of the review it is based on")
    quiz.set_defaults(func=cmd_new_quiz)

    export = sub.add_parser("export", help="package the content for sharing",
                            description="Package the content for sharing.")
    export_sub = export.add_subparsers(dest="what", required=True, metavar="{site,qti,scorm,moodle}")
    site = export_sub.add_parser("site", help="build the site (strict) and zip it, ready to share or copy to any web host")
    site.add_argument("--out", default="casework-site.zip", help="the zip to write (default: casework-site.zip)")
    site.add_argument("--config", help="the MkDocs configuration (default: mkdocs.yml in --root)")
    site.set_defaults(func=cmd_export_site)
    qti = export_sub.add_parser("qti", help="every quiz bank as QTI packages for Moodle, Canvas or another LMS")
    qti.add_argument("--out", default="qti", help="the folder to write the packages to (default: qti)")
    qti.add_argument("--version", choices=["2.1", "1.2", "both"], default="both", help="QTI version (default: both)")
    qti.set_defaults(func=cmd_export_qti)
    scorm = export_sub.add_parser("scorm", help="a SCORM package per training module, and one for the programme, for any LMS")
    scorm.add_argument("--out", default="scorm", help="the folder to write the packages to (default: scorm)")
    scorm.add_argument("--module", help="package only this module (its ID in modules/)")
    scorm.add_argument("--version", choices=["1.2", "2004"], default="1.2", help="SCORM version (default: 1.2; 2004 is the 4th edition)")
    scorm.add_argument("--config", help="the MkDocs configuration (default: mkdocs.yml in --root)")
    scorm.set_defaults(func=cmd_export_scorm)
    moodle = export_sub.add_parser("moodle", help="every quiz bank as a Moodle XML file for Moodle's question bank")
    moodle.add_argument("--out", default="moodle", help="the folder to write the files to (default: moodle)")
    moodle.set_defaults(func=cmd_export_moodle)

    am = sub.add_parser("amend", help="record a change: raise the version, set the review dates, add a dated note",
                        description="Record a change to a page under docs/ or a content file (reviews/, scenarios/, quizzes/, modules/, sets/): "
                                    "raise the version, set last_reviewed to today and next_review, and append a dated note to the "
                                    "amendment log, which feeds what's new. Comments and formatting are kept.")
    am.add_argument("page", help="the page (e.g. protocol/section-3.md) or content file (e.g. reviews/lcspr-case-a.yml)")
    am.add_argument("--note", required=True, help="what changed and why, in one sentence")
    am.add_argument("--next-review", type=iso_date, metavar="YYYY-MM-DD", help="the next review date (default: a year from today)")
    am.add_argument("--major", action="store_true", help="a major change: 1.3 becomes 2.0 (default: 1.3 becomes 1.4)")
    am.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="the date of the change (default: today)")
    am.set_defaults(func=cmd_amend)

    mv = sub.add_parser("move", help="rename or move a page, updating links and nav, and leaving a redirect",
                        description="Move a page under docs/. Links to it, its own links, content YAML that names it and the nav "
                                    "all follow, and the old address redirects to the new one (mkdocs-redirects).")
    mv.add_argument("old", help="the page's path under docs/, e.g. protocol/section-3.md")
    mv.add_argument("new", help="its new path under docs/, e.g. protocol/section-47-enquiry.md")
    mv.add_argument("--config", help="the MkDocs configuration (default: mkdocs.yml in --root)")
    mv.add_argument("--dry-run", action="store_true", help="list the changes without making them")
    mv.set_defaults(func=cmd_move)
    return parser


def _fail(command: str, message: str, hint: str | None = None, output: str = "") -> int:
    if output:
        print(output, file=sys.stderr)
    print(f"casework {command}: {message}", file=sys.stderr)
    if hint:
        print(f"    how to fix: {hint}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = " ".join(x for x in (args.command, getattr(args, "what", None)) if x)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except CaseworkError as exc:
        return _fail(command, exc.message, exc.hint, exc.output)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(command, f"{where}{exc.strerror or exc}")


if __name__ == "__main__":
    sys.exit(main())
