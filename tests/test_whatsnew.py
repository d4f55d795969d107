"""What's new: amendment logs gathered into a page and feeds (unit and build tiers)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from casework.publish.whatsnew import collect, entry_id, feeds, render_page

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
    assert entries[0].findtext(f"{ATOM}id") == "urn:casework:amendment:protocol/section-3:2026-06-30:" + entry_id(collect(PAGES)[0])[-12:]
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
    assert '<link rel="feed alternate" type="application/atom+xml" title="What\'s new" href="../feed.xml">' in quiz


def _ids(pages: dict[str, str], base_url: str = "") -> list[str]:
    out = feeds(collect(pages), title="Site", description="", base_url=base_url, url_for=lambda p: p.replace(".md", ".html"))
    atom = [e.findtext(f"{ATOM}id") for e in ET.fromstring(out["feed.xml"].encode()).findall(f"{ATOM}entry")]
    rss = [g.text for g in ET.fromstring(out["rss.xml"].encode()).findall("channel/item/guid")]
    assert atom == rss == [i["id"] for i in json.loads(out["feed.json"])["items"]]
    return [str(i) for i in atom]


def test_feed_ids_stay_put_when_an_older_amendment_is_inserted_or_the_site_moves() -> None:
    before = _ids(PAGES, "https://learning.example.org/")
    older = "  - date: 2024-03-01\n    note: An older change, logged late.\n"
    inserted = {**PAGES, "protocol/section-3.md": PAGES["protocol/section-3.md"].replace("amendments:\n", "amendments:\n" + older)}
    after = _ids(inserted, "https://elsewhere.example.net/learning/")
    assert after[:3] == before  # the new, older entry comes last; every earlier ID is unchanged
    assert len(after) == 4 and len(set(after)) == 4
    assert _ids(PAGES) == before  # no site_url: the same IDs
    assert all(i.startswith("urn:casework:amendment:") and " " not in i and "learning.example" not in i for i in after)
    assert after[3].startswith("urn:casework:amendment:protocol/section-3:2024-03-01:")


def test_feed_ids_follow_the_note_and_an_exact_repeat_is_listed_once() -> None:
    one = {"p.md": "---\ntitle: P\namendments:\n  - date: 2025-01-02\n    note: Fixed a link.\n---\n"}
    reworded = {"p.md": one["p.md"].replace("Fixed a link.", "Fixed a broken link.")}
    reflowed = {"p.md": one["p.md"].replace("note: Fixed a link.", "note: >-\n      Fixed a\n      link.")}
    assert _ids(one) != _ids(reworded)
    assert _ids(one) == _ids(reflowed)  # the hash ignores how the note is wrapped
    twice = {"p.md": "---\ntitle: P\namendments:\n" + "  - date: 2025-01-02\n    note: Fixed a link.\n" * 2 + "---\n"}
    assert len(collect(twice)) == 1 and _ids(twice) == _ids(one)  # two entries must never share an ID


def test_a_month_only_date_is_listed_as_the_first_of_its_month() -> None:
    pages = {**PAGES, "month.md": "---\ntitle: Month\namendments:\n  - date: 2025-02\n    note: Reworded the summary.\n"
                                  "  - date: '2026-07'\n    note: Quoted month.\n---\n"}
    entries = collect(pages)
    assert [(e.when, e.page) for e in entries] == [
        ("2026-07", "month.md"), ("2026-06-30", "protocol/section-3.md"), ("2026-01-15", "support.md"),
        ("2025-02-01", "protocol/section-3.md"), ("2025-02", "month.md")]  # a day in the month comes before the month
    assert entries[-1].date == dt.date(2025, 2, 1) and entries[-1].month_only
    page = render_page(entries)
    assert "- **February 2025**: [Month](month.md). Reworded the summary." in page
    assert page.count("## February 2025") == 1 and "## July 2026" in page
    feed = json.loads(feeds(entries, title="S", description="", base_url="", url_for=lambda p: p)["feed.json"])
    assert feed["items"][0]["date_published"] == "2026-07-01T00:00:00+00:00"
    assert ":2026-07:" in feed["items"][0]["id"]
    assert collect({"bad.md": "---\ntitle: B\namendments:\n  - date: 2025-13\n    note: No such month.\n---\n"}) == []
