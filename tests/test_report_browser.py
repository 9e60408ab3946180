"""The HTML report as a reviewer sees it: opened in a real browser (Debian's Chromium, driven
headless by Playwright), a column sorted by a click, the rows read back from the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screening.options import ScreenOptions
from screening.report.html import render_html
from screening.screen import load_lists, screen_file

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
#: Chromium's flags for a sandbox without a network: no first run, no background
#: connections that the closed network would refuse (see `.ci/run`, which installs it).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lists = load_lists([REPO / "fixtures" / "lists" / "sample_csl.csv"])
    result, _ = screen_file(
        REPO / "fixtures" / "suppliers.csv", lists, ScreenOptions(as_of=date(2025, 3, 26))
    )
    page = tmp_path_factory.mktemp("html") / "report.html"
    page.write_text(render_html(result), encoding="utf-8")
    return page


def _column(page: object, header: str) -> list[str]:
    """The cells of one column of the hits table, top to bottom, as the page shows them."""
    cells: list[str] = page.eval_on_selector(  # type: ignore[attr-defined]
        "#hits",
        """(table, header) => {
            const col = [...table.tHead.rows[0].cells].findIndex(c => c.textContent === header);
            return [...table.tBodies[0].rows].map(r => r.cells[col].textContent);
        }""",
        header,
    )
    return cells


def test_a_reviewer_sorts_the_hits_by_score_in_chromium(report: Path) -> None:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(report.as_uri())
            rows = page.locator("#hits tbody tr")
            assert rows.count() >= 20
            first_rows = _column(page, "Row")
            assert first_rows == sorted(first_rows, key=int)  # the report's own order
            assert "Huawei Technologies Co., Ltd." in page.inner_text("#hits")
            before = sorted(zip(first_rows, _column(page, "Score"), strict=True))
            page.click("#hits th:text-is('Score')")  # ascending
            ascending = [float(s) for s in _column(page, "Score")]
            assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
            page.click("#hits th:text-is('Score')")  # again: descending
            descending = [float(s) for s in _column(page, "Score")]
            assert descending == sorted(ascending, reverse=True)
            # A sort moves whole rows: each row keeps its own score, none lost or added.
            after = sorted(zip(_column(page, "Row"), _column(page, "Score"), strict=True))
            assert after == before
        finally:
            browser.close()
