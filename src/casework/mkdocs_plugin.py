"""The MkDocs plugin: thin hooks that wire the pure core into a MkDocs build.

Loading, validation and rendering live in casework.project / checks / render / pages;
this module only passes MkDocs objects in and out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import posixpath
import re
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from casework.checks import load_project
from casework.checks.brand import logo_problem
from casework.checks.brand import problems as brand_problems
from casework.checks.nav import check_nav
from casework.content.brand import Brand
from casework.content.citations import link_citations
from casework.content.facts import site_facts
from casework.content.model import Source
from casework.content.project import CONTENT_DIRS, ROOT_FILES, Project
from casework.problems import format_problems
from casework.publish import staging, whatsnew
from casework.render import Generated, generate, pages
from casework.render.brand import css as brand_css_text
from casework.render.brand import expand as expand_brand
from casework.render.glossary import abbreviations
from casework.render.sanitise import clean as clean_html
from casework.render.search import BuiltPage, SearchDoc, documents, excluded
from casework.render.search_index import WORKER_SOURCE, index_files, worker_source

log = logging.getLogger("mkdocs.plugins.casework")

ASSET_DIR = "assets/casework"
VENDOR = {
    # site path -> path inside node_modules
    f"{ASSET_DIR}/vendor/mermaid.min.js": "mermaid/dist/mermaid.min.js",
    f"{ASSET_DIR}/vendor/minisearch.js": "minisearch/dist/umd/index.js",
}
REQUIRED_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "pymdownx.tasklist"]


class BrandConfig(base.Config):  # type: ignore[no-untyped-call]
    """A partnership's branding: configuration, not code."""

    name = c.Type(str, default="")
    """The partnership or board publishing the site, shown in the footer."""
    logo = c.Optional(c.Type(str))
    """Logo image, docs-relative (e.g. 'assets/logo.svg'); becomes Material's theme.logo."""
    primary = c.Optional(c.Type(str))
    """Header and link colour as hex, e.g. '#1d4f91' (checked for WCAG AA contrast with white)."""
    accent = c.Optional(c.Type(str))
    contact = c.Type(str, default="")
    """How to reach the partnership: an email address, phone number or web address."""
    front_door = c.Type(str, default="")
    """The local children's services front door (MASH) number, shown on the support page."""
    support = c.Type(str, default="If anything here affects you, or you are worried about a child, help is available.")
    """The support line in every page's footer."""
    support_page = c.Type(str, default="support.md")
    extra_contacts = c.Type(dict, default={})
    """More local contacts for the support page: label -> number or address."""


class CaseworkConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    root = c.Type(str, default=".")
    """Folder holding sources.yml, reviews/, scenarios/ and quizzes/, relative to mkdocs.yml."""
    node_modules = c.Type(str, default="node_modules")
    """Where `npm ci` put the front-end packages (mermaid, minisearch), relative to mkdocs.yml."""
    today = c.Optional(c.Type(str))
    """Fix "today" (YYYY-MM-DD) for review-date banners, e.g. in tests; default: the build date."""
    brand = c.SubConfig(BrandConfig)
    serve_cache = c.Type(str, default=".cache/casework")
    """Where `mkdocs serve --dirty` keeps generated pages between rebuilds, relative to mkdocs.yml."""
    raw_html = c.Type(bool, default=False)
    """Trust raw HTML in content files' Markdown fields (off: it is sanitised; see the authoring guide's field types)."""


class CaseworkPlugin(BasePlugin[CaseworkConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None
        self.is_serve = False
        self.dirty = False  # `mkdocs serve --dirty`: generated pages are staged on disk so unchanged ones are skipped
        self.generated: dict[str, Generated] = {}
        self.brand = Brand()
        self.sources: dict[str, Source] = {}
        self.facts: dict[str, dict[str, str]] = {}
        self.today = dt.date.today()
        self.base_dir = Path(".")
        self.search_pages: list[BuiltPage] = []
        self.search_written = False
        self.content_scripts: dict[str, set[str]] = {}  # page -> inline scripts its content brought: never given a hash

    # --- wiring -----------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty and self.is_serve

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.base_dir = Path(config.config_file_path).parent
        if self.config.today:
            self.today = dt.date.fromisoformat(self.config.today)
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        config.extra_css.append(f"{ASSET_DIR}/casework.css")
        if not config.repo_url:  # edit pencils only where a real repository is configured
            config.edit_uri = config.edit_uri_template = None
        config.extra_javascript.append(f"{ASSET_DIR}/casework.js")
        config.extra_javascript.append(f"{ASSET_DIR}/search.js")
        self._brand(config)
        self._load(config)
        return config

    def _brand(self, config: MkDocsConfig) -> None:
        """Branding from config: footer support and contacts, logo, colours (as CSS custom properties)."""
        b = self.config.brand
        self.brand = Brand(name=b.name, logo=b.logo, primary=b.primary, accent=b.accent, contact=b.contact,
                                 front_door=b.front_door, support=b.support, extra_contacts=dict(b.extra_contacts))
        wrong = brand_problems(self.brand)
        missing = logo_problem(b.logo, Path(config.docs_dir), Path(config.docs_dir).name)
        if missing:
            wrong.append(f"{missing[0]}; {missing[1]}")
        if wrong:
            raise PluginError("\n".join(f"casework: {config.config_file_path}: plugins > casework > brand: {msg}" for msg in wrong))
        config.extra["casework_brand"] = {"name": b.name, "contact": b.contact, "support": b.support, "support_page": None}
        # casework's theme partials (the footer) sit between a site's own overrides and Material's templates
        theme_dir = str(package_files("casework") / "theme")
        dirs = config.theme.dirs
        if theme_dir not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        if b.logo:
            config.theme["logo"] = b.logo
        if brand_css_text(self.brand):
            config.extra_css.append(f"{ASSET_DIR}/brand.css")
            palette = config.theme.get("palette")
            for pal in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
                if b.primary:
                    pal["primary"] = "custom"
                if b.accent:
                    pal["accent"] = "custom"
            if not palette:
                config.theme["palette"] = {"primary": "custom" if b.primary else "indigo", "accent": "custom" if b.accent else "indigo"}

    def _load(self, config: MkDocsConfig) -> None:
        root = (self.base_dir / self.config.root).resolve()
        self.project = load_project(root, Path(config.docs_dir))
        self.sources = self.project.source_objs  # for linking citations on every page
        self.facts = site_facts(self.project)  # {{ reviews.words }} and friends on hand-written pages
        problems = self.project.problems
        if problems:
            report = format_problems(problems)
            if self.project.errors and not self.is_serve:
                raise PluginError(f"casework found problems in the content:\n{report}")
            # Under `mkdocs serve` the problems go on every page instead; logged at info level so that a
            # strict config does not abort the rebuild and leave a stale site.
            emit = log.info if self.is_serve else log.warning
            if self.is_serve and self.project.errors:
                # Broken links from half-edited content must not stop the preview. MkDocs attaches its strict-mode
                # warning counter before on_config runs, so setting config.strict is too late: detach the counter.
                from mkdocs.utils import CountHandler

                mk_log = logging.getLogger("mkdocs")
                for handler in [h for h in mk_log.handlers if isinstance(h, CountHandler)]:
                    mk_log.removeHandler(handler)
            for line in report.splitlines():
                emit(f"casework: {line}")
        # Advice, not an error: a big flat nav section makes every page of it heavier, but the site is still right,
        # so it is logged at info level, where a strict build does not count it (`casework check` lists it as a warning).
        for problem in check_nav(config.nav, Path(config.config_file_path).name):
            for line in str(problem).splitlines():
                log.info(f"casework: {line}")
        # site-wide tooltips: the abbr extension's glossary (Markdown >= 3.7), set once for every page
        config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(self.project)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.project is None:
            return files
        # Material's offline plugin adds the iframe-worker shim (from unpkg) for Material's search worker. casework's
        # search does not use that worker and needs the browser's own Worker (a Blob worker works from file://).
        config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        self.generated = {}
        self.search_pages = []
        for g in generate(self.project):
            if files.get_file_from_path(g.path) is not None:
                continue  # a page an author wrote wins over a generated one
            if self.dirty and not self.project.errors:  # rebuild only the generated pages whose text changed (casework.staging)
                f = File.generated(config, g.path, abs_src_path=str(staging.stage(self.base_dir / self.config.serve_cache, g.path, g.markdown)))
            else:
                f = File.generated(config, g.path, content=g.markdown)
            if g.source:
                f.edit_uri = posixpath.relpath(g.source, posixpath.relpath(config.docs_dir, self.base_dir).replace("\\", "/") or ".")
            files.append(f)
            self.generated[g.path] = g
        self._whats_new(files, config)
        support = files.get_file_from_path(self.config.brand.support_page)
        config.extra["casework_brand"]["support_page"] = support.url if support else None
        brand_css = brand_css_text(self.brand)
        if brand_css:
            files.append(File.generated(config, f"{ASSET_DIR}/brand.css", content=brand_css))
        for asset in package_files("casework").joinpath("assets").iterdir():
            if asset.is_file() and asset.name.endswith((".css", ".js")):
                files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", content=asset.read_text(encoding="utf-8")))
        self._quiz_assets(files, config)
        for site_path, module_path in VENDOR.items():
            src = self._node_module(module_path)
            if src.is_file():
                files.append(File.generated(config, site_path, abs_src_path=str(src)))
            else:
                msg = f"casework: {src} is missing; run `npm ci` (or `make setup`) so the site works offline"
                if self.is_serve:
                    log.info(msg)
                else:
                    raise PluginError(msg)
        return files

    def _whats_new(self, files: Files, config: MkDocsConfig) -> None:
        """The what's-new page and its Atom, RSS and JSON feeds, from every page's amendment log."""
        assert self.project is not None
        generated = {g.path: g.markdown for g in self.generated.values() if g.is_page}  # not the scenarios' data.js
        entries = whatsnew.collect({**generated, **self.project.docs_pages})
        if files.get_file_from_path(whatsnew.PAGE) is None:
            files.append(File.generated(config, whatsnew.PAGE, content=whatsnew.render_page(entries)))

        def url_for(page: str) -> str:
            f = files.get_file_from_path(page)
            return f.url if f else page

        for name, text in whatsnew.feeds(entries, title=config.site_name, description=config.site_description or "",
                                         base_url=config.site_url or "", url_for=url_for,
                                         author=self.brand.name).items():
            files.append(File.generated(config, name, content=text))

    def _node_module(self, module_path: str) -> Path:
        """Find a file in node_modules, looking upwards from mkdocs.yml as Node does."""
        first = self.base_dir / self.config.node_modules / module_path
        if first.is_file() or Path(self.config.node_modules).is_absolute():
            return first
        for parent in self.base_dir.resolve().parents:
            candidate = parent / "node_modules" / module_path
            if candidate.is_file():
                return candidate
        return first

    def _quiz_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Serve mkdocs-quiz's CSS and JS once, as shared files, instead of inlined into every page."""
        try:
            from mkdocs_quiz import plugin as quiz
        except ImportError:
            return
        css = re.sub(r"^<style[^>]*>|</style>$", "", quiz.style)
        js = re.sub(r"^<script[^>]*>|</script>$", "", quiz.js_script)
        # Upstream keys progress by window.location.pathname; key it by the site-relative path instead,
        # so a site copied to another folder or host finds its progress. (Upstream fix: a storage-key option.)
        js = js.replace("window.location.pathname", "(window.caseworkPageKey || window.location.pathname)")
        files.append(File.generated(config, f"{ASSET_DIR}/quiz.css", content=css))
        files.append(File.generated(config, f"{ASSET_DIR}/quiz.js", content=js))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self.project is None:
            return markdown
        src = page.file.src_uri
        out = pages.expand_facts(markdown, self.facts) if self.facts else markdown
        for key in ("title", "description"):  # front matter may use the site's facts too ("What recurs across the {{ reviews.words }} reviews")
            if self.facts and isinstance(page.meta.get(key), str):
                page.meta[key] = pages.expand_facts(page.meta[key], self.facts)
        pages.escape_meta(page.meta)  # plain-text front matter (title, description, tags), before any template prints it
        out = expand_brand(pages.expand_markers(link_citations(out, src, self.sources)), self.brand)
        out = pages.review_banner(page.meta, self.today) + out + pages.page_record(page.meta)
        if self.is_serve and self.project.errors:
            problems = "\n".join(f"    {p}".replace("\n", "\n    ") for p in self.project.errors)
            out = f'!!! failure "casework: the content has errors (fix them and save; the page reloads)"\n\n    ```\n{problems}\n    ```\n\n' + out
        return out

    @event_priority(-50)  # after mkdocs-quiz has put its widgets in
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        html = pages.accessible_checklists(pages.focusable_terms(html), re.sub(r"[^a-z0-9]+", "-", page.file.src_uri.lower()))
        html = self._sanitise(html, page)
        html = self._share_quiz_assets(html, page)
        if not excluded(page.meta):
            self.search_pages.append(BuiltPage(page.file.src_uri, page.file.url, page.title or "", html, dict(page.meta)))
        return html

    @event_priority(-200)  # after Material's search and offline plugins, and after mkdocs-redirects has written its pages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._csp_on_redirects(config)
        self._write_search_index(config)

    def _write_search_index(self, config: MkDocsConfig) -> None:
        """casework's prebuilt search index (casework.render.search_index), in place of Material's."""
        if self.project is None or (self.dirty and self.search_written):
            return  # a dirty rebuild sees only the pages it rebuilt: keep the index of the first, full build
        site = Path(config.site_dir)
        for name in ("search_index.json", "search_index.js"):  # Material's index, which nothing loads now
            (site / "search" / name).unlink(missing_ok=True)
        docs: list[SearchDoc] = documents(self.project, self.search_pages)
        self.search_pages = []
        for old in (site / "search").glob("index-*.js"):
            old.unlink()
        for path, text in index_files(self.project, docs).items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(text, encoding="utf-8")
        lib = site / ASSET_DIR / "vendor" / "minisearch.js"
        worker = site / ASSET_DIR / "search-worker.js"
        if lib.is_file() and worker.is_file():
            (site / WORKER_SOURCE).write_text(worker_source(lib.read_text(encoding="utf-8"), worker.read_text(encoding="utf-8")), encoding="utf-8")
        self.search_written = True

    def _sanitise(self, html: str, page: Page) -> str:
        """Clean a generated page's HTML (Markdown fields from content files); note the inline scripts any page's content brought."""
        try:
            from mkdocs_quiz import plugin as quiz
            tail_at = html.rfind(quiz.style)  # mkdocs-quiz appends its style and scripts after the content
        except ImportError:
            tail_at = -1
        content, tail = (html[:tail_at], html[tail_at:]) if tail_at >= 0 else (html, "")
        content = pages.tidy_quiz_html(content)
        generated = self.generated.get(page.file.src_uri)
        if generated is not None and not self.config.raw_html:
            content = clean_html(content, keep=generated.keep)
        self.content_scripts[page.file.src_uri] = set(pages.inline_scripts(content))
        return content + tail

    def _share_quiz_assets(self, html: str, page: Page) -> str:
        try:
            from mkdocs_quiz import plugin as quiz
        except ImportError:
            return html
        if quiz.style not in html:
            return html
        to_root = posixpath.relpath(".", posixpath.dirname(page.file.url) or ".")
        asset = f"{to_root}/{ASSET_DIR}"
        key = re.sub(r"\.html$", "", page.file.url)
        html = html.replace(quiz.style, f'<link rel="stylesheet" href="{asset}/quiz.css">')
        html = html.replace(quiz.confetti_lib_script, "")
        return html.replace(
            quiz.js_script,
            f"<script>window.caseworkPageKey = {json.dumps('casework:' + key)};</script>"
            + f'<script src="{asset}/quiz.js" defer></script>',
        )

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        to_root = posixpath.relpath(".", posixpath.dirname(page.file.url) or ".")
        # rel "feed alternate", not plain "alternate": Material fetches sitemap.xml for every [rel=alternate] link (an error from file://)
        feed = f'<link rel="feed alternate" type="application/atom+xml" title="What\'s new" href="{to_root}/feed.xml">'
        output = output.replace("</head>", feed + "\n</head>", 1)
        widgets = "".join(f'<script src="{to_root}/{ASSET_DIR}/{name}.js"></script>\n' for name in pages.widget_scripts(output))
        if widgets:  # after casework.js (extra_javascript), which they build on
            at = output.rfind("</body>")
            output = output[:at] + widgets + output[at:] if at >= 0 else output + widgets
        if 'class="mermaid"' in output:
            tag = f'<script src="{to_root}/{ASSET_DIR}/vendor/mermaid.min.js"></script>'
            output = output.replace("</head>", tag + "\n</head>", 1)
        return pages.with_csp(output, self.content_scripts.pop(page.file.src_uri, set()))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Pages built from a template alone (404.html) get the policy too."""
        if self.config.enabled and template_name.endswith(".html"):
            return pages.with_csp(output_content)
        return output_content

    def _csp_on_redirects(self, config: MkDocsConfig) -> None:
        """The redirect pages of moved pages get the same Content-Security-Policy as every other page."""
        redirects = config.plugins.get("redirects")
        maps = redirects.config.get("redirect_maps", {}) if redirects is not None else {}
        site = Path(config.site_dir)
        for old in maps:
            stem = posixpath.splitext(old)[0]
            for out in (site / f"{stem}.html", site / stem / "index.html"):
                if out.is_file():
                    text = out.read_text(encoding="utf-8")
                    if "Content-Security-Policy" not in text:
                        out.write_text(pages.with_csp(text), encoding="utf-8")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.project is not None:
            root = self.project.root
            for name in (*ROOT_FILES, *CONTENT_DIRS):
                if (root / name).exists():
                    server.watch(str(root / name))
        return server
