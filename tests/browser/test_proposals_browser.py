"""A KAM makes a proposal in Chromium, at a desk (1280 px) and on a phone (390 px): typing
the account, the tender and a co-author by name, writing the argument for one DMU member
from the text for his type, and sending it; its call then waits on My week."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import WIDTHS, opened_page, sign_in
from tests.browser.test_daily_jobs import no_sideways_scroll, pick, shot


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width])


def test_a_kam_writes_and_sends_a_proposal_typing_names(
    page: Page, server: str, width: str
) -> None:
    title = f"Safety syringes for the surgical wards ({width})"
    sign_in(page, server)
    expect(page.get_by_test_id("proposal-steps")).to_contain_text("not chased")  # the demo's
    page.get_by_test_id("proposal-steps").locator("text=My proposals").click()
    expect(page.locator("h1")).to_have_text("My proposals")
    page.get_by_test_id("new-proposal").click()
    page.fill("#f-title", title)
    pick(page, "#f-account", "st aurel univ", "St. Aurel University Hospital")
    pick(page, "#f-tender", "lmwh", "LMWH anticoagulants 2028-2029")
    expect(page.locator("#f-author-0")).to_have_value(re.compile(r"^Kira Lund"))
    page.click("text=+ Add another author")
    pick(page, "#f-author-1", "hana", "Hana Vesterlund")
    page.fill("#f-valid", "2027-01-29")
    page.fill("#f-benefits", "No needle-stick injuries; two minutes of nurse time saved a dose.")
    no_sideways_scroll(page)
    shot(page, "proposal-form")
    page.click("button:has-text('Save the draft')")

    expect(page.locator("h1")).to_contain_text(title)
    expect(page.get_by_test_id("authors")).to_have_text("Hana Vesterlund, Kira Lund")
    gerd = page.locator("[data-member='p-gerd-hollis']")
    expect(gerd).to_contain_text("finance")
    expect(gerd.locator("textarea")).to_have_value(re.compile(r"^Numbers:"))  # his type's start
    gerd.locator("textarea").fill("Total cost per patient: the device pays for itself.")
    gerd.locator("button:has-text('Save the argument')").click()
    expect(page.locator(".flash").first).to_contain_text("Argument saved.")
    expect(page.locator("[data-member='p-gerd-hollis']")).to_contain_text("written")
    no_sideways_scroll(page)
    shot(page, "proposal-page")

    page.click("button:has-text('Mark as sent today')")
    expect(page.locator(".flash").first).to_contain_text("Sent. Call them on")
    expect(page.get_by_test_id("status")).to_have_text("sent")
    expect(page.get_by_test_id("steps")).to_contain_text("call about the proposal")
    expect(page.get_by_test_id("steps")).to_contain_text("decision date")
    shot(page, "proposal-sent")

    page.click("nav >> text=My week")
    expect(page.get_by_test_id("proposal-steps")).to_contain_text(f"Call about {title}")
    no_sideways_scroll(page)
    shot(page, "week-proposals")
