"""Account plans in Chromium, at a desk (1280 px) and on a phone (390 px): a team lead opens
St. Aurel's plan from its organization page, reads the key-account rules (the demo's
mono-dependency), adds an objective, and reads the accounts list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import WIDTHS, opened_page, sign_in
from tests.browser.test_daily_jobs import no_sideways_scroll, shot
from tests.integration.web_support import LEAD


@pytest.fixture(params=list(WIDTHS))
def lead_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[request.param])


def test_a_lead_reads_the_rules_and_adds_an_objective(lead_page: Page, server: str) -> None:
    page = lead_page
    sign_in(page, server, LEAD)
    page.goto(f"{server}/orgs/org-h-aurel")
    page.get_by_test_id("account-plan-link").click()
    expect(page.locator("h1")).to_contain_text("Account plan: St. Aurel University Hospital")
    rules = page.get_by_test_id("rules")
    expect(rules).to_contain_text("Mono-dependency: St. Aurel University Hospital alone brings")
    expect(rules).to_contain_text("above 75.0%")
    expect(page.get_by_test_id("wallet")).to_contain_text("of its wallet")
    expect(page.get_by_test_id("sales")).to_contain_text("Tastrova")
    no_sideways_scroll(page)
    shot(page, "account-plan")
    width = page.viewport_size["width"] if page.viewport_size else 0
    objective = f"Win a second oncology department ({width} px)"
    page.click("text=Edit")
    field = page.locator("#f-objectives")
    field.fill(f"{field.input_value()}\n{objective}")
    no_sideways_scroll(page)
    shot(page, "account-plan-edit")
    page.click("button:has-text('Save')")
    expect(page.get_by_test_id("objectives")).to_contain_text(objective)
    page.goto(f"{server}/accounts")
    expect(page.get_by_test_id("account-org-h-caldris")).to_contain_text(
        "is a key account but brings only"
    )
    no_sideways_scroll(page)
    shot(page, "accounts")
