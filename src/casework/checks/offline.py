"""The offline promise, checked: nothing in the content or the configuration loads from another host, and no link runs
script.

- **Remote resources.** An image, script, iframe, stylesheet, font, video or other embedded resource whose address
  is on another host (``https://...``, ``//...``), written as HTML or as a Markdown image in a page, in a Markdown
  field of the content YAML, or in CSS (``url(...)``, ``@import``), is an error: the site must work offline and
  make no request to anyone else. Save the file under ``docs/`` and use its path. Links (``<a href>``, Markdown
  links) to other sites are fine: they load nothing until a reader follows them.
- **Link schemes.** A link or resource address may be ``https:``, ``http:``, ``mailto:`` or a path within the site
  (images may also be ``data:``); ``javascript:`` and the like would run script when clicked.
- **Configuration.** ``extra_css``, ``extra_javascript``, ``theme.logo`` and ``theme.favicon`` in mkdocs.yml must be
  files in the site, and Material's web fonts (Google Fonts) must be off (``theme: font: false``).

Every pattern here is linear in the text (each scan stops at the next '<', '[' or quote), and the checks read the
files as written (Markdown lines outside code, YAML scalars with their places), so they never raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from casework.checks.base import content_files, docs_prefix, field_label, line_of, markdown_lines, parse_yaml, read_content
from casework.content.model import url_problem, url_scheme
from casework.content.project import Project
from casework.content.yamlsrc import YamlDoc, read_mapping
from casework.problems import Problem

# Elements that load what they point at as the page opens (an <a> or a <form> loads nothing by itself).
_LOADING = {"img", "script", "iframe", "frame", "link", "source", "video", "audio", "embed", "object", "track", "image", "use", "input", "picture", "style"}
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b([^<>]*)>?")
_ATTR = re.compile(r"""(?<![\w-])(src|href|srcset|data|poster|action|formaction|xlink:href|background)[ \t]*=[ \t]*("[^"]*"|'[^']*'|[^\s"'<>]+)""", re.I)
_MD_TARGET = re.compile(r"(!?)\[[^\[\]\n]*\]\([ \t]*<?([^()\s<>]+)")
_CSS_URL = re.compile(r"""(?:@import[ \t]*(?:url\()?|url\()[ \t]*['"]?[ \t]*([^\s'")]+)""", re.I)
_REMOTE = re.compile(r"^[ \t]*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//")
_DATA_OK = {"img", "source", "picture", "image", "video", "audio", "track", "input"}  # data: images load nothing remote and run nothing

FIX_REMOTE = "save the file under docs/ (e.g. docs/assets/) and give its path, such as assets/figure.png; the site must work offline"
FIX_SCHEME = "link to an https: or http: address, a mailto: address, or a page of the site"


def is_remote(url: str) -> bool:
    """True when loading `url` would ask another host: it has a host part ('https://x', '//x', 'ftp://x')."""
    return bool(_REMOTE.match(url))


def _scheme_problem(url: str, data_ok: bool) -> str | None:
    if data_ok and url_scheme(url) == "data":
        return None
    return url_problem(url)


def find_problems(text: str) -> Iterator[tuple[str, str, str]]:
    """(what, address, hint) for every remote resource and every link with a scheme that is not allowed in `text`
    (one line of Markdown or HTML, or a YAML value)."""
    if "<" in text:
        for tag in _TAG.finditer(text):
            name = tag.group(1).lower()
            for attr in _ATTR.finditer(tag.group(2)):
                key, value = attr.group(1).lower(), attr.group(2).strip("\"'")
                urls = [u.split()[0] for u in value.split(",") if u.strip()] if key == "srcset" else [value]
                for url in urls:
                    if name in _LOADING and key != "action" and is_remote(url):
                        yield f"<{name}> loads {url!r} from another host", url, FIX_REMOTE
                    elif (problem := _scheme_problem(url, name in _DATA_OK and key in ("src", "srcset"))) is not None:
                        yield f"<{name} {key}=...> {problem.removeprefix('the address ')}", url, FIX_SCHEME
    if "](" in text:
        for m in _MD_TARGET.finditer(text):
            image, url = m.group(1) == "!", m.group(2)
            if image and is_remote(url):
                yield f"an image that loads {url!r} from another host", url, FIX_REMOTE
            elif (problem := _scheme_problem(url, image)) is not None:
                yield f"a {'Markdown image' if image else 'link'} that {problem.removeprefix('the address ')}", url, FIX_SCHEME
    if "url(" in text.lower() or "@import" in text.lower():
        for m in _CSS_URL.finditer(text):
            if is_remote(m.group(1)):
                yield f"CSS that loads {m.group(1)!r} (a stylesheet, font or image) from another host", m.group(1), FIX_REMOTE


def check_offline(project: Project) -> list[Problem]:
    """Remote resources and unsafe links in every page and every content YAML value."""
    out: list[Problem] = []
    prefix = docs_prefix(project)
    for page, text in sorted(project.docs_pages.items()):
        if "//" not in text and ":" not in text:
            continue
        for ln in markdown_lines(text):
            for what, _url, hint in find_problems(ln.text):
                out.append(Problem(f"{prefix}/{page}", ln.number, None, f"{ln.field}: {what}", hint))
    for name in content_files(project):
        doc = project.yaml_docs.get(name)
        raw = doc.text if doc is not None else read_content(project, name)
        if raw is None or ("//" not in raw and ":" not in raw):
            continue
        data, scalars = (doc.data, doc.scalars) if doc is not None else parse_yaml(raw)
        lines = raw.split("\n")
        for s in scalars:
            if s.is_key or (s.path and s.path[-1] == "url"):  # a source's url is checked by its schema
                continue
            for what, url, hint in find_problems(s.value):
                item, field = field_label(s.path, data)
                out.append(Problem(name, line_of(lines, s, url), item, f"{field}: {what}", hint))
    return out


def check_config_offline(config: Path, file: str | None = None, doc: YamlDoc | None = None) -> list[Problem]:
    """Remote files in mkdocs.yml (extra_css, extra_javascript, theme logo and favicon) and Material's web fonts.
    [] when there is no file or it cannot be read (MkDocs reports that)."""
    doc = doc or read_mapping(config, file)
    if doc is None:
        return []
    out: list[Problem] = []
    for key in ("extra_css", "extra_javascript"):
        entries = doc.data.get(key)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            url = entry.get("path") if isinstance(entry, dict) else entry
            if isinstance(url, str) and (is_remote(url) or url_problem(url)):
                out.append(Problem(doc.file, doc.line((key, i)), key, f"{url!r} is not a file of the site, so every page would load it from another host",
                                   f"save the file under {_docs(doc)}/ and list its path, e.g. assets/extra.{'css' if key == 'extra_css' else 'js'}"))
    theme: Any = doc.data.get("theme")
    if isinstance(theme, dict):
        for key in ("logo", "favicon"):
            url = theme.get(key)
            if isinstance(url, str) and (is_remote(url) or url_problem(url)):
                out.append(Problem(doc.file, doc.line(("theme", key)), f"theme > {key}", f"{url!r} is not a file of the site, so every page would load it from another host",
                                   f"save the image under {_docs(doc)}/ and give its path, e.g. {key}: assets/{key}.svg"))
        if theme.get("name") == "material" and theme.get("font") is not False:
            out.append(Problem(doc.file, doc.line(("theme", "font")) if "font" in theme else doc.line(("theme",)), "theme",
                               "Material loads its web fonts from Google Fonts unless they are turned off",
                               "add 'font: false' under theme: (the site then uses the reader's system fonts)"))
    return out


def _docs(doc: YamlDoc) -> str:
    return str(doc.data["docs_dir"]) if isinstance(doc.data.get("docs_dir"), str) else "docs"
