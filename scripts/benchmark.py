"""Build synthetic corpora at several sizes and report what casework costs (issue #7).

    python scripts/benchmark.py                          # sizes 10,50,250, search timings on
    python scripts/benchmark.py --sizes 10,50 --no-search
    python scripts/benchmark.py --sizes 250 --serve      # also time a `mkdocs serve` rebuild

For each size the corpus from scripts/gen_corpus.py is built three ways:

* casework: `mkdocs build` of the corpus as it is (wall time and peak RSS of the process,
  from /usr/bin/time when present, otherwise from resource.getrusage);
* python-markdown: the lower bound, every Markdown page the build sees (hand-written pages and
  casework's generated ones, front matter removed) converted by python-markdown alone with the
  site's extension list, in this process, timing only the conversions;
* plain Material: the same Markdown pages written to a docs folder and built by MkDocs and
  Material with the casework and mkdocs_quiz plugins removed (search, tags and offline kept).

With --search, a built page is opened from file:// in headless chromium and Material's search
is timed for the first query on a freshly opened page and for later queries. With --serve,
`mkdocs serve` is started on 127.0.0.1 with the largest corpus and one scenario file is edited.
Nothing here asserts on time; the numbers go into BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import time_search  # noqa: E402
from gen_corpus import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Build:
    seconds: float
    peak_mb: float
    cpu_seconds: float
    ok: bool
    log: str = ""


@dataclass
class Result:
    reviews: int
    casework: Build
    plain: Build | None
    markdown_seconds: float
    markdown_cpu: float
    md_pages: int
    pages: int
    site_bytes: int
    html_bytes: int
    asset_bytes: int
    search_bytes: int
    search: dict[str, float] = field(default_factory=dict)

    @property
    def avg_page_kb(self) -> float:
        return self.html_bytes / max(self.pages, 1) / 1024

    @property
    def ms_per_page(self) -> float:
        """CPU milliseconds per page of the casework build."""
        return self.casework.cpu_seconds / max(self.pages, 1) * 1000


# --- building ----------------------------------------------------------------------------


def timed_run(cmd: list[str], cwd: Path) -> Build:
    """Run a command; return wall time and the peak resident set size of the process."""
    if Path("/usr/bin/time").exists():
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            start = time.perf_counter()
            proc = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%e %M %U %S", *cmd], cwd=cwd, env=ENV,
                                  capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            fields = Path(tf.name).read_text(encoding="utf-8").split()[-4:]
            peak_kb, cpu = (float(fields[1]), float(fields[2]) + float(fields[3])) if len(fields) == 4 else (0.0, 0.0)
    else:  # ru_maxrss of children is the largest of any child so far: an upper bound
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_kb = float(after.ru_maxrss)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Build(seconds, peak_kb / 1024, cpu, proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:])


def mkdocs_build(config: Path, site: Path) -> Build:
    return timed_run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], config.parent)


def site_stats(site: Path) -> tuple[int, int, int, int, int]:
    """(html pages, total bytes, html bytes, shared asset bytes, search index bytes)."""
    pages = html = total = assets = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            html += size
        elif path.relative_to(site).parts[0] == "assets":
            assets += size
    index = sum(f.stat().st_size for f in (site / "search").glob("index-*.js"))  # casework's prebuilt index (#16)
    return pages, total, html, assets, index


def markdown_pages(root: Path) -> dict[str, str]:
    """Every Markdown page the build sees: hand-written pages, plus casework's generated ones
    where no hand-written page has the same path."""
    from casework.checks import load_project
    from casework.render import generate as render

    project = load_project(root, root / "docs")
    if project.errors:
        raise SystemExit("the corpus has errors:\n" + "\n".join(str(p) for p in project.errors))
    pages = dict(project.docs_pages)
    for g in render(project):
        if g.is_page:  # not the scenarios' data.js
            pages.setdefault(g.path, g.markdown)
    return pages


def strip_front_matter(text: str) -> str:
    m = re.match(r"^---\s*\n.*?\n---\s*\n", text, re.S)
    return text[m.end():] if m else text


def markdown_lower_bound(config: Path, pages: dict[str, str]) -> tuple[float, float]:
    """Seconds (wall, CPU) python-markdown alone takes to convert `pages` with the site's extensions."""
    import markdown
    from mkdocs.config import load_config

    cfg = load_config(str(config))
    extensions = list(cfg.markdown_extensions)
    configs = dict(cfg.mdx_configs)
    for ext in ("abbr", "attr_list", "md_in_html", "pymdownx.tasklist"):  # what the casework plugin adds
        if ext not in extensions:
            extensions.append(ext)
    bodies = [strip_front_matter(t) for t in pages.values()]
    markdown.Markdown(extensions=extensions, extension_configs=configs).convert("warm *up*")  # imports, emoji index
    start, cpu = time.perf_counter(), time.process_time()
    for body in bodies:  # a fresh converter per page, as MkDocs does
        markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)
    return time.perf_counter() - start, time.process_time() - cpu


def plain_material_project(corpus: Path, pages: dict[str, str], dest: Path) -> Path:
    """The same pages as plain Markdown files, with a mkdocs.yml without casework and mkdocs_quiz."""
    docs = dest / "docs"
    for path, text in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - casework:\n(?:      .*\n)+", "\n", config)
    config = re.sub(r"\n  - mkdocs_quiz:\n(?:      .*\n)+", "\n", config)
    config = config.replace("strict: true", "strict: false")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest / "mkdocs.yml"


# --- search in the browser: scripts/bench_search.py (issue #16) ------------------------------------


# --- mkdocs serve ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def time_serve(corpus: Path, timeout: float = 1800, dirty: bool = False) -> dict[str, float]:
    """First build and one rebuild after editing a scenario file, from `mkdocs serve` on 127.0.0.1
    (with `dirty`, `mkdocs serve --dirty --no-strict`, which re-renders only the pages that changed)."""
    import threading

    port = free_port()
    log: list[tuple[float, str]] = []
    start = time.perf_counter()
    extra = ["--dirty", "--no-strict"] if dirty else []
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *extra, "--dev-addr", f"127.0.0.1:{port}"], cwd=corpus, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append((time.perf_counter(), line.rstrip()))

    threading.Thread(target=reader, daemon=True).start()

    def wait(pattern: str, after: int) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for t, line in log[after:]:
                if pattern in line:
                    return t
            if proc.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(line for _, line in log[-30:]))
            time.sleep(0.1)
        raise TimeoutError(f"no '{pattern}' in the serve log after {timeout} s")

    try:
        served = wait("Serving on", 0)
        out = {"first_build_s": served - start}
        time.sleep(2)
        scenario = sorted((corpus / "scenarios").glob("*.yml"))[0]
        text = scenario.read_text(encoding="utf-8")
        mark = len(log)
        edited = time.perf_counter()
        # a real edit that keeps the file valid: the scenario's title, shown on each of its pages
        scenario.write_text(re.sub(r"^title: .*$", 'title: "Edited scenario title"', text, count=1, flags=re.M), encoding="utf-8")
        reloaded = wait("Reloading browsers", mark)
        errors = [line for _, line in log[mark:] if "casework:" in line and "error" in line.lower()]
        if errors:
            raise RuntimeError("the edit made the content invalid, so the rebuild is not representative:\n" + "\n".join(errors[:5]))
        out["rebuild_s"] = reloaded - edited
        built = [line for _, line in log[mark:] if "Documentation built in" in line]
        if built:
            m = re.search(r"built in ([\d.]+) seconds", built[-1])
            if m:
                out["rebuild_reported_s"] = float(m.group(1))
        scenario.write_text(text, encoding="utf-8")
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- reporting -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines() if ln.startswith("MemTotal")))
        ram = f"{mem_kb / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        ram = "RAM unknown"
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "mkdocs_quiz", "pydantic", "playwright"):
        try:
            versions.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    chromium = ""
    if Path(CHROMIUM).exists():
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores, {ram}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {', '.join(versions)}" + (f"; {chromium}" if chromium else ""))


def table(results: list[Result]) -> str:
    """One row per size. Times are wall (CPU); the ratios and ms/page use CPU seconds (user + sys),
    which other work on the machine disturbs far less than wall time."""
    head = ("| reviews | pages | casework build, wall (CPU) | CPU ms/page | peak RSS | site size | avg page | shared assets "
            "| search index | python-markdown, wall (CPU) | × markdown | plain Material, wall (CPU) | × Material "
            "| search: first from open (from box) / later (worst) | search bytes before use | longest search task "
            "| JS heap / renderer RSS |")
    rows = [head, "|" + "|".join("---" for _ in range(head.count("|") - 1)) + "|"]
    for r in results:
        cw = r.casework
        plain = f"{r.plain.seconds:.1f} s ({r.plain.cpu_seconds:.1f} s)" if r.plain else "–"
        x_plain = f"{cw.cpu_seconds / r.plain.cpu_seconds:.2f}" if r.plain and r.plain.cpu_seconds else "–"
        search = (f"{r.search['first_s']:.2f} s ({r.search['first_from_box_s']:.2f} s) / {r.search['later_s']:.3f} s "
                  f"({r.search['later_max_s']:.3f} s) | {r.search['idle_bytes']:.0f} | "
                  f"{r.search['longtask_ms']:.0f} ms" if r.search else "– | – | –")
        heap = f"{r.search['heap_mb']:.0f} MB / {r.search['renderer_mb']:.0f} MB" if r.search else "–"
        rows.append(
            f"| {r.reviews} | {r.pages} | {cw.seconds:.1f} s ({cw.cpu_seconds:.1f} s) | {r.ms_per_page:.0f} | {cw.peak_mb:.0f} MB "
            f"| {r.site_bytes / 2**20:.1f} MB | {r.avg_page_kb:.1f} KB | {r.asset_bytes / 2**20:.1f} MB | {r.search_bytes / 2**20:.2f} MB "
            f"| {r.markdown_seconds:.1f} s ({r.markdown_cpu:.1f} s), {r.md_pages} pages | {cw.cpu_seconds / max(r.markdown_cpu, 1e-9):.2f} "
            f"| {plain} | {x_plain} | {search} | {heap} |")
    return "\n".join(rows)


def run_size(n: int, seed: int, work: Path, search: bool, plain: bool, nav: str = "grouped") -> tuple[Result, Path]:
    corpus = work / f"corpus-{n}"
    generate(corpus, n, seed, nav=nav)
    print(f"[{n}] corpus written to {corpus}", flush=True)
    site = work / f"site-{n}"
    shutil.rmtree(site, ignore_errors=True)
    cw = mkdocs_build(corpus / "mkdocs.yml", site)
    print(f"[{n}] casework build: {cw.seconds:.1f} s ({cw.cpu_seconds:.1f} s CPU), {cw.peak_mb:.0f} MB{'' if cw.ok else ' FAILED'}", flush=True)
    if not cw.ok:
        raise SystemExit(f"casework build failed at {n} reviews:\n{cw.log}")
    pages, total, html, assets, index = site_stats(site)
    md_pages = markdown_pages(corpus)
    lower, lower_cpu = markdown_lower_bound(corpus / "mkdocs.yml", md_pages)
    print(f"[{n}] python-markdown lower bound: {lower:.1f} s ({lower_cpu:.1f} s CPU) for {len(md_pages)} pages", flush=True)
    plain_build = None
    if plain:
        pdir = work / f"plain-{n}"
        shutil.rmtree(pdir, ignore_errors=True)
        plain_build = mkdocs_build(plain_material_project(corpus, md_pages, pdir), work / f"plain-site-{n}")
        print(f"[{n}] plain Material build: {plain_build.seconds:.1f} s ({plain_build.cpu_seconds:.1f} s CPU), {plain_build.peak_mb:.0f} MB"
              f"{'' if plain_build.ok else ' FAILED: ' + plain_build.log[-500:]}", flush=True)
        shutil.rmtree(work / f"plain-site-{n}", ignore_errors=True)
    result = Result(n, cw, plain_build, lower, lower_cpu, len(md_pages), pages, total, html, assets, index)
    if search:
        result.search = time_search(site)
        print(f"[{n}] search: {result.search}", flush=True)
    return result, corpus


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Benchmark casework builds on synthetic corpora (issue #7).")
    ap.add_argument("--sizes", default="10,50,250", help="comma-separated numbers of reviews (default 10,50,250)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--search", action=argparse.BooleanOptionalAction, default=True,
                    help="time casework search in headless chromium from file:// (default on)")
    ap.add_argument("--plain", action=argparse.BooleanOptionalAction, default=True,
                    help="also build the same pages with plain Material (default on)")
    ap.add_argument("--nav", choices=["grouped", "flat"], default="grouped",
                    help="grouped: reviews, scenarios and quizzes in sections by year, as `casework check` asks beyond 25 "
                         "(default); flat: one long section each, which `casework check` warns about")
    ap.add_argument("--serve", action="store_true", help="time a `mkdocs serve` rebuild at the largest size")
    ap.add_argument("--work", type=Path, help="keep corpora and sites here (default: a temporary folder)")
    ap.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    search = args.search and Path(CHROMIUM).exists()

    tmp = None if args.work else tempfile.TemporaryDirectory(prefix="casework-bench-")
    work = args.work or Path(tmp.name if tmp else ".")
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = []
        corpus = work
        for n in sizes:
            result, corpus = run_size(n, args.seed, work, search, args.plain, args.nav)
            results.append(result)
        serves = {command: time_serve(corpus, dirty=dirty) for command, dirty in
                  (("mkdocs serve", False), ("mkdocs serve --dirty --no-strict", True))} if args.serve else {}
        lines = [f"Machine: {machine()}", f"Nav: {args.nav}", f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", "",
                 f"Command: python scripts/benchmark.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip(), "",
                 table(results), ""]
        if len(results) > 1:
            small, large = results[0], results[-1]
            lines.append(f"CPU time per page, largest vs smallest size: {large.ms_per_page:.0f} / {small.ms_per_page:.0f} ms "
                         f"= {large.ms_per_page / small.ms_per_page:.2f}")
        for command, serve in serves.items():
            lines.append(f"{command} at {sizes[-1]} reviews: first build {serve['first_build_s']:.1f} s; "
                         f"rebuild after editing one scenario file {serve['rebuild_s']:.1f} s (edit to 'Reloading browsers')"
                         + (f", MkDocs reports {serve['rebuild_reported_s']:.1f} s" if "rebuild_reported_s" in serve else ""))
        report = "\n".join(lines) + "\n"
        print("\n" + report)
        if args.out:
            args.out.write_text(report, encoding="utf-8")
    finally:
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    main()
