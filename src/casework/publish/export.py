"""Exports: the finished site as one zip to hand to a board (`casework export site`).

`build_site` runs ``mkdocs build --strict`` in a subprocess (the same build as `make build`),
`zip_site` packs a built site under one top-level folder with a README.txt beside it.
Other exports (an LMS package, say) go here as further functions and get their own
``casework export <what>`` subcommand in casework.cli.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from casework.problems import CaseworkError

README = """\
{folder}: the casework site, ready to use
{rule}

To read it: unzip this file, then open {folder}/index.html in a web browser
(double-click it). Everything works offline, search included. Nothing you do on
the site is sent anywhere: quiz answers and progress stay in your browser.

To publish it on a web server or an intranet: copy the {folder} folder as it is
to any static web host or shared drive. It needs no server code, database or
internet connection; every link between pages is relative, so it works from
any address, and from file:// too.

Built by casework (`casework export site`).
"""


class ExportError(CaseworkError):
    """An export that failed; `output` holds what the build printed, for the author."""


@dataclass(frozen=True)
class Exported:
    path: Path
    files: int
    size: int


def build_site(config: Path, site_dir: Path) -> None:
    """Build the site for `config` into `site_dir` with --strict; raise ExportError on failure."""
    if not config.is_file():
        raise ExportError(f"{config}: no such MkDocs configuration file", hint="run it in the project folder, or give the file with --config")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config.resolve()), "-d", str(site_dir.resolve())],
        capture_output=True, text=True, env=env, cwd=config.parent,
    )
    if result.returncode != 0 or not (site_dir / "index.html").is_file():
        raise ExportError("the site did not build, so no zip was made", output=build_errors(result.stderr + result.stdout))


def build_errors(output: str) -> str:
    """The build's output without its progress lines and without Python tracebacks."""
    lines: list[str] = []
    in_traceback = False
    for line in output.splitlines():
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback:
            if line.startswith((" ", "\t")) or not line.strip():
                continue
            in_traceback = False
            if re.match(r"^[\w.]+(Error|Exception|Abort)\b", line):
                lines.append(re.sub(r"^[\w.]+: ", "", line))
                continue
        if re.match(r"^INFO\b", line):
            continue
        lines.append(line)
    return "\n".join(lines).strip() or output.strip()


def zip_site(site_dir: Path, out: Path, folder: str) -> Exported:
    """Zip `site_dir` as `folder/...` plus README.txt, written atomically to `out`."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("README.txt", README.format(folder=folder, rule="=" * (len(folder) + 36)))
            for path in files:
                zf.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return Exported(out, len(files) + 1, out.stat().st_size)


def folder_name(out: Path) -> str:
    """The top-level folder in the zip: the zip's name without '.zip' ("casework-site")."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", out.name.removesuffix(".zip")).strip("-.")
    return name or "casework-site"


def export_site(config: Path, out: Path) -> Exported:
    """Build the site for `config` and zip it to `out`. Raises ExportError."""
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder", hint="give the path of the zip file to write, e.g. --out casework-site.zip")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent} does not exist", hint="create the folder first, or write the zip somewhere else with --out")
    with tempfile.TemporaryDirectory(prefix="casework-export-") as tmp:
        site = Path(tmp) / "site"
        build_site(config, site)
        return zip_site(site, out, folder_name(out))
