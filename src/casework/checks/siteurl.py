"""mkdocs.yml's `site_url`: optional (the site works from a folder without it), but when it is set it must be
the site's absolute web address, because the what's-new feeds take their links from it."""

from __future__ import annotations

from urllib.parse import urlsplit

from casework.content.yamlsrc import YamlDoc
from casework.problems import Problem

HINT = "write the address the site is published at, with https:// and a trailing slash, e.g. 'site_url: https://learning.example.org.uk/casework/', or leave it empty for a site opened from a folder"


def check_site_url(doc: YamlDoc, file: str = "mkdocs.yml") -> list[Problem]:
    value = doc.data.get("site_url") if isinstance(doc.data, dict) else None
    if value in (None, ""):
        return []
    line = doc.line(("site_url",))
    if not isinstance(value, str):  # `!ENV [SITE_URL, ""]`: set when the site is built, not known here
        return []
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return [Problem(file, line, None, f"site_url '{value}' is not an absolute web address, so feed readers could not follow the feeds' links", HINT)]
    if not value.endswith("/"):
        return [Problem(file, line, None, f"site_url '{value}' has no trailing slash, so links would drop its last folder", HINT, severity="warning")]
    return []
