"""The trainer pack prints in one go: headless chromium prints the half-day pack to PDF (Playwright page.pdf), and the
text of each PDF page (pypdf) shows where each section and each table row fell.

Before printing, every table cell gets a start and an end marker (`QQ<row>s<cell>QQ`, `QQ<row>e<cell>QQ`); a row is
whole when all its markers are on one page. Each section heading must open a page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from browsing import Tab, file_url

MARK = """() => {
  let n = 0;
  document.querySelectorAll('.cw-pack table tbody tr').forEach((tr) => {
    n++;
    [...tr.children].forEach((cell, c) => {
      cell.prepend(document.createTextNode('QQ' + n + 's' + c + 'QQ '));
      cell.append(document.createTextNode(' QQ' + n + 'e' + c + 'QQ'));
    });
  });
  return n;
}"""


def test_half_day_pack_prints_whole_rows_and_a_sheet_per_section(ctx: Any, real_site: Path) -> None:
    tab = Tab(ctx, ("file://",))
    page = tab.goto(file_url(real_site, "training/sessions/half-day-pack.html"))
    sections = [t.rstrip("¶") for t in page.locator(".cw-pack__section > h2").all_inner_texts()]
    assert sections[0] == "Session plan: half day" and "Attendance sheet" in sections
    assert any(s.startswith("Facilitator guide: Family M") for s in sections) and "Statement cards" in sections
    assert page.locator(".cw-card").count() >= 20 + 4  # a card per choice of the scenario, and the statement cards
    assert page.locator('.cw-card .cw-card__letter').first.inner_text() == "A"
    assert page.locator("svg.cw-qr").count() >= 1  # the original review, as a QR code
    assert page.locator(".cw-pack form[data-cw-save]").count() == 0  # blank forms: nothing saved or restored
    unaddressed = page.evaluate("""() => [...document.querySelectorAll('.cw-pack a[href]')].filter((a) =>
        !a.hasAttribute('data-cw-address') && !a.getAttribute('href').startsWith('#') && !a.classList.contains('headerlink')).length""")
    assert unaddressed == 0  # every link prints its address
    rows = page.evaluate(MARK)
    assert rows >= 24 + 12  # at least the attendance sheet and the plan
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    texts = [re.sub(r"\s+", " ", p.extract_text() or "") for p in pdf.pages]
    assert 15 <= len(texts) <= 45, len(texts)
    where: dict[str, set[int]] = {}
    for number, text in enumerate(texts, 1):
        for row in re.findall(r"QQ(\d+)[se]\d+QQ", text):
            where.setdefault(row, set()).add(number)
    assert len(where) == rows, "every row printed"
    split = {row: sorted(pages) for row, pages in where.items() if len(pages) > 1}
    assert split == {}, f"table rows split across pages: {split}"
    for title in sections:  # every section starts a sheet: its heading is the first text on a page
        assert any(t.lstrip().startswith(title[:40]) for t in texts), f"section {title!r} does not open a page"
    tab.assert_local()
