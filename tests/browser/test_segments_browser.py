"""A team lead before a tender meeting, at a desk (1280 px) and on a phone (390 px): reads
how complete the DMU's dossiers are and what is missing, then narrows team coverage to the
KOLs with the segment filter.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import opened_page, sign_in
from tests.integration.web_support import LEAD

SHOTS = Path(os.environ["KAMGRAPH_SHOTS"]) if os.environ.get("KAMGRAPH_SHOTS") else None
WIDTHS = {"desk": (1280, 900), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[request.param])


def _shot(page: Page, name: str, section: str) -> None:
    """The whole page, and the section the step is about, when KAMGRAPH_SHOTS asks."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(SHOTS / f"segments-{name}-{width}.png"), full_page=True)
        part = page.get_by_test_id(section)
        part.screenshot(path=str(SHOTS / f"segments-{name}-{section}-{width}.png"))


def test_a_lead_reads_dmu_completeness_and_filters_coverage_by_segment(
    page: Page, server: str
) -> None:
    sign_in(page, server, LEAD)
    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    expect(page.get_by_test_id("dmu-completeness")).to_contain_text("61 of 64")
    sanne = page.locator("tr", has=page.get_by_test_id("member-p-sanne-ruud"))
    expect(sanne.get_by_test_id("completeness")).to_contain_text("6/8")
    expect(sanne.get_by_test_id("missing")).to_have_text("missing: birthday, values")
    expect(sanne.get_by_test_id("completeness")).to_be_visible()
    ada = page.locator("tr", has=page.get_by_test_id("member-p-ada-rowan"))
    expect(ada.get_by_test_id("segment").filter(has_text="KOL · national")).to_have_count(1)
    expect(ada.get_by_test_id("boundary")).to_contain_text("every 30 days")
    _shot(page, "tender", "coverage")

    page.goto(f"{server}/team/coverage")
    page.get_by_test_id("segment-filter").select_option("kol")
    page.get_by_test_id("filters").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]segment=kol"))
    rows = page.get_by_test_id("key-people").locator("tbody tr")
    expect(rows.first).to_be_visible()
    for i in range(rows.count()):
        expect(rows.nth(i).get_by_test_id("segment").filter(has_text="KOL")).to_have_count(1)
    expect(page.get_by_test_id("key-people")).to_contain_text("Ada Rowan")
    expect(page.get_by_test_id("key-people")).not_to_contain_text("Gerd Hollis")
    _shot(page, "team-coverage-kol", "key-people")
