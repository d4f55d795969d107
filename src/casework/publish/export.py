"""Exports: the finished site as one zip to hand to a board (`casework export site`).

`build_site` runs ``mkdocs build --strict`` in a subprocess (the same build as `make build`),
`zip_site` packs a built site under one top-level folder with a README.txt beside it.
Other exports (an LMS package, say) go here as further functions and get their own
``casework export <what>`` subcommand in casework.cli.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from casework.content.yamlsrc import read_mapping
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
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config.resolve()), "-d", str(site_dir.resolve())],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=config.parent,
    )
    try:
        stdout, stderr = proc.communicate()
    except BaseException:  # interrupted: stop the build before its folder is removed
        proc.kill()
        proc.wait()
        raise
    if proc.returncode != 0 or not (site_dir / "index.html").is_file():
        raise ExportError("the site did not build, so no zip was made", output=build_errors(stderr + stdout))


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


def check_out(out: Path) -> None:
    """Refuse an --out that is not a new or existing .zip: the export replaces the file."""
    hint = "give the path of the zip file to write, e.g. --out casework-site.zip"
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder", hint=hint)
    if out.suffix.lower() != ".zip":
        raise ExportError(f"{out} is not a .zip file, and the export would replace it", hint=hint)
    if out.is_symlink() or (out.exists() and not zipfile.is_zipfile(out)):
        raise ExportError(f"{out} already exists and is not a zip file, so it is left as it is", hint="choose a new name, or delete that file first")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent} does not exist", hint="create the folder first, or write the zip somewhere else with --out")


def links_out(docs_dir: Path, root: Path) -> list[str]:
    """Every symbolic link under `docs_dir` that resolves outside `root` ("docs/x.md -> /etc/passwd"), without
    following links into folders (a link is reported, not walked)."""
    found: list[str] = []
    inside = root.resolve()
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(inside):
                found.append(f"{path.relative_to(root).as_posix() if path.is_relative_to(root) else path} -> {os.readlink(path)}")
    return sorted(found)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def export_site(config: Path, out: Path) -> Exported:
    """Build the site for `config` and zip it to `out`. Raises ExportError. The build's temporary folder is removed
    however the export ends, SIGINT and SIGTERM included, and `out` is only ever replaced by a finished zip."""
    check_out(out)
    settings = read_mapping(config) if config.is_file() else None
    docs_dir = config.parent / str(settings.data.get("docs_dir") or "docs") if settings is not None else config.parent / "docs"
    outside = links_out(docs_dir, config.parent)
    if outside:
        raise ExportError(f"{docs_dir.name}/ has symbolic links that lead outside the project, so nothing was exported",
                          hint="copy the files into the project instead of linking to them, or delete the links:\n      " + "\n      ".join(outside))
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt) if main_thread else None
    try:
        with tempfile.TemporaryDirectory(prefix="casework-export-") as tmp:
            site = Path(tmp) / "site"
            build_site(config, site)
            return zip_site(site, out, folder_name(out))
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
