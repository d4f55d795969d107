"""What's new: amendment logs gathered into a page and feeds (unit and build tiers)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from casework.whatsnew import collect, feeds, render_page

ATOM = "{http://www.w3.org/2005/Atom}"

PAGES = {
    "protocol/section-3.md": "---\ntitle: Section 3\namendments:\n  - date: 2025-02-01\n    note: Clarified strategy discussions.\n"
                             "  - date: 2026-06-30\n    note: Added the 2024 review's learning.\n---\n# Section 3\n",
    "support.md": "---\ntitle: Support\npublished: 2026-01-15\n---\n# Support\n",
    "broken.md": "---\ntitle: Broken\namendments:\n  - date: someday\n    note: not a date\n  - note: no date\n---\n",
    "plain.md": "# No front matter\n",
}


def test_entries_come_newest_first_with_publication_as_fallback() -> None:
    got = [(e.date.isoformat(), e.page, e.note) for e in collect(PAGES)]
    assert got == [
        ("2026-06-30", "protocol/section-3.md", "Added the 2024 review's learning."),
        ("2026-01-15", "support.md", "Published."),
        ("2025-02-01", "protocol/section-3.md", "Clarified strategy discussions."),
    ]


def test_page_groups_by_month_and_links_each_page() -> None:
    page = render_page(collect(PAGES))
    assert page.index("## June 2026") < page.index("## January 2026") < page.index("## February 2025")
    assert "- **2026-06-30**: [Section 3](protocol/section-3.md). Added the 2024 review's learning." in page


def test_feeds_are_valid_and_use_the_site_url_when_there_is_one() -> None:
    out = feeds(collect(PAGES), title="Site", description="About", base_url="https://learning.example.org/",
                url_for=lambda p: p.replace(".md", ".html"), author="Northshire SCP")
    atom = ET.fromstring(out["feed.xml"].encode())
    entries = atom.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}summary") for e in entries] == [
        "Added the 2024 review's learning.", "Published.", "Clarified strategy discussions."]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://learning.example.org/protocol/section-3.html"  # type: ignore[union-attr]
    assert entries[0].findtext(f"{ATOM}id") == "tag:learning.example.org,2026-06-30:protocol/section-3/1"
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == "Northshire SCP"
    rss = ET.fromstring(out["rss.xml"].encode())
    assert len(rss.findall("channel/item")) == 3
    feed = json.loads(out["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://learning.example.org/feed.json"
    assert [i["date_published"][:10] for i in feed["items"]] == ["2026-06-30", "2026-01-15", "2025-02-01"]


def test_feeds_without_a_site_url_use_relative_links() -> None:
    out = feeds(collect(PAGES), title="Site", description="", base_url="", url_for=lambda p: p.replace(".md", ".html"))
    feed = json.loads(out["feed.json"])
    assert feed["items"][0]["url"] == "protocol/section-3.html"
    assert "feed_url" not in feed
    assert dt.date.fromisoformat(feed["items"][-1]["date_published"][:10]) == dt.date(2025, 2, 1)


def test_built_site_has_whats_new_and_feeds(mini_site: Path) -> None:
    page = (mini_site / "whats-new.html").read_text(encoding="utf-8")
    assert '<a href="index.html">' in page and "First published." in page
    atom = ET.fromstring((mini_site / "feed.xml").read_bytes())
    # newest first: the quiz bank's amendment (from its YAML) and the home page's (from its front matter)
    assert [e.find(f"{ATOM}link").get("href") for e in atom.findall(f"{ATOM}entry")] == ["quizzes/demo.html", "index.html"]  # type: ignore[union-attr]
    assert json.loads((mini_site / "feed.json").read_text(encoding="utf-8"))["items"][1]["url"] == "index.html"
    assert ET.fromstring((mini_site / "rss.xml").read_bytes()).find("channel/item") is not None
    quiz = (mini_site / "quizzes/demo.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="What\'s new" href="../feed.xml">' in quiz
