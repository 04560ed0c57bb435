"""A team lead before a tender meeting, at a desk (1280 px) and on a phone (390 px): reads
how complete the DMU's dossiers are and what is missing, then narrows team coverage to the
KOLs with the segment filter.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import shot, sign_in
from tests.integration.web_support import LEAD


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
    shot(page, "segments", "tender", "coverage")

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
    shot(page, "segments", "team-coverage-kol", "key-people")
