"""What's new: every page's amendment log gathered into one page and three feeds (Atom, RSS, JSON Feed).

Pure functions over the hand-written pages' front matter (`published`, `amendments`). The feeds are
written by feedgen (Atom and RSS) and as JSON Feed 1.1; links are relative unless the site has a
`site_url`, so the feeds work inside a copied or zipped site too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from casework.content.citations import relative_link
from casework.content.dates import log_date
from casework.content.yamlsrc import front_matter
from casework.render.html import esc

PAGE = "whats-new.md"


@dataclass(frozen=True)
class Entry:
    date: dt.date  # the first of the month when only the month is known
    page: str  # docs-relative Markdown path
    title: str
    note: str
    index: int  # position in the page's log: orders same-day entries, never part of the ID
    month_only: bool = False  # the log gave "YYYY-MM"

    @property
    def when(self) -> str:
        """The date as the log gives it: "2024-07-15", or "2024-07" for a month."""
        return self.date.strftime("%Y-%m") if self.month_only else self.date.isoformat()


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
        seen: set[str] = set()
        if isinstance(log, list):
            for i, a in enumerate(log):
                if isinstance(a, dict) and (d := log_date(a.get("date"))) is not None and str(a.get("note") or "").strip():
                    entry = Entry(d[0], page, title, str(a["note"]).strip(), i, d[1])
                    if (ident := entry_id(entry)) not in seen:  # an exact repeat would give two entries one ID
                        seen.add(ident)
                        out.append(entry)
                    found = True
        if not found and (d := log_date(meta.get("published"))) is not None:
            out.append(Entry(d[0], page, title, "Published.", 0, d[1]))
    return sorted(out, key=lambda e: (-e.date.toordinal(), e.month_only, e.page, -e.index))


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
        parts.append(f"- **{label if e.month_only else e.date.isoformat()}**: [{esc(e.title)}]({relative_link(PAGE, e.page)}). {esc(e.note)}")
    if not entries:
        parts.append("Nothing yet: pages list their changes under `amendments:` in their front matter.")
    return "\n".join(parts) + "\n"


def entry_id(e: Entry) -> str:
    """A feed ID that stays put: the page, the date as written and a hash of the note.

    Not the entry's place in its log (adding an older amendment would renumber the rest) and not
    the site's host (moving the site would re-announce everything): feed readers key on this.
    """
    digest = hashlib.sha256(" ".join(e.note.split()).encode("utf-8")).hexdigest()[:12]
    page = quote(e.page.removesuffix(".md"), safe="/-._~")
    return f"urn:casework:amendment:{page}:{e.when}:{digest}"


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
        fe.id(entry_id(e))
        fe.guid(entry_id(e), permalink=False)
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
            {"id": entry_id(e), "url": _link(base_url, url_for, e.page), "title": e.title, "content_text": e.note,
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
