"""Deputies and handovers in Chromium, at a desk (1280 px) and on a phone (390 px): a KAM
names her deputy on her settings page by typing a colleague's name; a lead previews a
leaving KAM's work and hands it to a colleague in one step."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from kamgraph import clock
from tests.browser.conftest import WIDTHS, opened_page, sign_in
from tests.browser.test_daily_jobs import no_sideways_scroll, pick, shot
from tests.integration.web_support import LEAD, OTHER_KAM

# Each width's deputy, and each width's handover (leaving KAM, who takes over): the demo
# server is shared by both widths, and a handover empties the leaver.
DEPUTIES = {"desk": ("tomas", "Tomas Brenner"), "phone": ("brenner", "Tomas Brenner")}
HANDOVERS = {
    "desk": (("jonas", "Jonas Halloran"), ("piet", "Piet Ambrose")),
    "phone": (("sofia", "Sofia Reyes"), ("aaron", "Aaron Falk")),
}


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width], expected=(400, 403, 409))


@pytest.fixture
def deputy_page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width])


def test_a_kam_names_her_deputy_by_typing_a_name(
    page: Page, deputy_page: Page, server: str, width: str
) -> None:
    typed, name = DEPUTIES[width]
    sign_in(page, server)
    page.goto(f"{server}/account")
    pick(page, "#deputy", typed, name)
    shot(page, "account")
    # A period that starts in the past is refused beside its field, the name kept.
    page.fill("#starts_on", (clock.today() - timedelta(days=1)).isoformat())
    page.fill("#ends_on", (clock.today() + timedelta(days=9)).isoformat())
    page.click("button:has-text('Name the deputy')")
    expect(page.locator(".field-error")).to_contain_text("cannot start in the past")
    expect(page.locator("#deputy")).to_have_value(re.compile(name))
    page.fill("#starts_on", clock.today().isoformat())
    page.click("button:has-text('Name the deputy')")
    expect(page.locator(".flash").first).to_contain_text("The deputy is named.")
    expect(page.get_by_test_id("named-deputies")).to_contain_text(f"{name} stands in for Kira Lund")
    no_sideways_scroll(page)
    shot(page, "account-deputy")
    # Tomas finds Kira's follow-ups on his week while he stands in.
    sign_in(deputy_page, server, OTHER_KAM)
    card = deputy_page.get_by_test_id("covering-for")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Covering for Kira Lund until")
    no_sideways_scroll(deputy_page)
    shot(deputy_page, "week-covering")


def test_a_lead_previews_and_confirms_a_handover(page: Page, server: str, width: str) -> None:
    (from_typed, leaver), (to_typed, receiver) = HANDOVERS[width]
    sign_in(page, server, LEAD)
    page.goto(f"{server}/team/handover")
    pick(page, "#from", from_typed, leaver)
    pick(page, "#to", to_typed, receiver)
    page.click("button:has-text('Preview')")
    preview = page.get_by_test_id("handover-preview")
    expect(preview).to_contain_text(f"From {leaver} to {receiver}")
    covers = int(page.get_by_test_id("count-covers").inner_text())
    assert covers > 0
    no_sideways_scroll(page)
    shot(page, "handover-preview")
    page.get_by_test_id("handover-confirm").locator("button").click()
    expect(page.locator(".flash").first).to_contain_text(
        re.compile(rf"\d+ records moved from {leaver} to {receiver}")
    )
    expect(page.get_by_test_id("handover-nothing")).to_be_visible()
    expect(page.get_by_test_id("count-covers")).to_have_text("0")
    shot(page, "handover-done")
