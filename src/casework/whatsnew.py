"""What's new: every page's amendment log gathered into one page and three feeds (Atom, RSS, JSON Feed).

Pure functions over the hand-written pages' front matter (`published`, `amendments`). The feeds are
written by feedgen (Atom and RSS) and as JSON Feed 1.1; links are relative unless the site has a
`site_url`, so the feeds work inside a copied or zipped site too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from casework.citations import relative_link
from casework.yamlsrc import front_matter

PAGE = "whats-new.md"


@dataclass(frozen=True)
class Entry:
    date: dt.date
    page: str  # docs-relative Markdown path
    title: str
    note: str
    index: int  # position in the page's log, for a stable ID


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def collect(pages: dict[str, str]) -> list[Entry]:
    """Every amendment note (or, without a log, the publication) of every page, newest first."""
    out: list[Entry] = []
    for page, text in pages.items():
        meta = front_matter(text)
        if not meta:
            continue
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        title = str(meta.get("title") or (heading.group(1).strip() if heading else page))
        log = meta.get("amendments") or []
        found = False
        if isinstance(log, list):
            for i, a in enumerate(log):
                if isinstance(a, dict) and (d := _as_date(a.get("date"))) is not None and a.get("note"):
                    out.append(Entry(d, page, title, str(a["note"]).strip(), i))
                    found = True
        if not found and (d := _as_date(meta.get("published"))) is not None:
            out.append(Entry(d, page, title, "Published.", 0))
    return sorted(out, key=lambda e: (-e.date.toordinal(), e.page, -e.index))


def render_page(entries: list[Entry], limit: int = 200) -> str:
    """The what's-new page: newest first, grouped by month, each entry linking to its page."""
    parts = [
        "---\ntitle: What's new\ndescription: Every change to the site's guidance and learning briefs, newest first.\n---\n",
        "# What's new\n",
        "Every new page and every amendment, newest first, taken from each page's amendment log. "
        "Follow changes in a feed reader: [Atom](feed.xml), [RSS](rss.xml) or [JSON Feed](feed.json).\n",
    ]
    month = ""
    for e in entries[:limit]:
        label = e.date.strftime("%B %Y")
        if label != month:
            parts.append(f"\n## {label}\n")
            month = label
        parts.append(f"- **{e.date.isoformat()}**: [{e.title}]({relative_link(PAGE, e.page)}). {e.note}")
    if not entries:
        parts.append("Nothing yet: pages list their changes under `amendments:` in their front matter.")
    return "\n".join(parts) + "\n"


def _ident(base: str, e: Entry) -> str:
    host = re.sub(r"^https?://([^/]+).*$", r"\1", base) if base else "casework.invalid"
    return f"tag:{host},{e.date.isoformat()}:{e.page.removesuffix('.md')}/{e.index}"


def _link(base: str, url_for: Callable[[str], str], page: str) -> str:
    return base.rstrip("/") + "/" + url_for(page) if base else url_for(page)


def feeds(entries: list[Entry], *, title: str, description: str, base_url: str, url_for: Callable[[str], str],
          author: str = "", limit: int = 50) -> dict[str, str]:
    """{'feed.xml': Atom, 'rss.xml': RSS 2.0, 'feed.json': JSON Feed 1.1} for the newest `limit` entries."""
    from feedgen.feed import FeedGenerator

    shown = entries[:limit]
    updated = dt.datetime.combine(shown[0].date if shown else dt.date(2000, 1, 1), dt.time(), dt.UTC)
    fg = FeedGenerator()
    fg.id(base_url or "tag:casework.invalid,2000:site")
    fg.title(title)
    fg.subtitle(description or title)
    fg.description(description or title)
    fg.link(href=_link(base_url, url_for, "whats-new.md"), rel="alternate")
    fg.language("en-GB")
    fg.author(name=author or title)
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for e in reversed(shown):  # feedgen prepends each entry, so add oldest first
        when = dt.datetime.combine(e.date, dt.time(), dt.UTC)
        fe = fg.add_entry()
        fe.id(_ident(base_url, e))
        fe.guid(_ident(base_url, e), permalink=False)
        fe.title(f"{e.title}: {e.note}" if len(e.note) < 80 else e.title)
        fe.link(href=_link(base_url, url_for, e.page))
        fe.summary(e.note)
        fe.description(e.note)
        fe.updated(when)
        fe.published(when)
        fe.pubDate(when)
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "description": description,
        "home_page_url": _link(base_url, url_for, "index.md"),
        "language": "en-GB",
        "authors": [{"name": author or title}],
        "items": [
            {"id": _ident(base_url, e), "url": _link(base_url, url_for, e.page), "title": e.title, "content_text": e.note,
             "date_published": dt.datetime.combine(e.date, dt.time(), dt.UTC).isoformat()}
            for e in shown
        ],
    }
    if base_url:
        json_feed["feed_url"] = base_url.rstrip("/") + "/feed.json"
    return {
        "feed.xml": fg.atom_str(pretty=True).decode("utf-8"),
        "rss.xml": fg.rss_str(pretty=True).decode("utf-8"),
        "feed.json": json.dumps(json_feed, ensure_ascii=False, indent=2) + "\n",
    }
