"""The compliance role in Chromium, at a desk (1280 px) and on a phone (390 px): a KAM
records a meal for a public official from the dossier, typing names; a compliance officer
approves it from the queue with a note, sees it approved, and reads who viewed the dossier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import WIDTHS, opened_page, sign_in
from tests.browser.test_daily_jobs import no_sideways_scroll, pick, shot
from tests.integration.web_support import COMPLIANCE, add_compliance_officer


@pytest.fixture(scope="module")
def compliance_user(server: str, neo4j_config: dict[str, Any], driver: neo4j.Driver) -> str:
    """A compliance officer, added as an admin would: with `kamgraph user add`."""
    add_compliance_officer(neo4j_config)
    return COMPLIANCE


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def kam_page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width])


@pytest.fixture
def officer_page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width])


def test_a_compliance_officer_approves_a_transfer_and_reads_who_viewed_the_dossier(
    kam_page: Page, officer_page: Page, server: str, compliance_user: str, width: str
) -> None:
    purpose = f"Working lunch on the registry ({width})"
    # The KAM opens Ada Rowan's dossier (a view the audit keeps) and records a meal.
    sign_in(kam_page, server)
    kam_page.goto(f"{server}/people/p-ada-rowan")
    expect(kam_page.get_by_test_id("transfers-received")).to_be_visible()
    kam_page.click("text=Record a transfer of value")
    expect(kam_page.locator("#person")).to_have_value(re.compile(r"^Prof\. Dr\. Ada Rowan — "))
    kam_page.select_option("#kind", "meal")
    kam_page.fill("#amount", "42")
    pick(kam_page, "#event", "diabetes", "Velmora Diabetes Symposium 2026")
    kam_page.fill("#purpose", purpose)
    no_sideways_scroll(kam_page)
    shot(kam_page, "transfer-form")
    kam_page.click("button:has-text('Record')")
    expect(kam_page.locator(".flash").first).to_contain_text("waits for a compliance officer")
    expect(kam_page.get_by_test_id("transfers-received")).to_contain_text(purpose)
    shot(kam_page, "dossier-transfers")

    # The compliance officer approves it from the queue, with a note.
    sign_in(officer_page, server, compliance_user)
    officer_page.click("nav >> text=Transfers")
    expect(officer_page.locator("h1")).to_have_text("Transfers of value")
    officer_page.click("text=Approval queue")
    card = officer_page.locator(".queue-item", has_text=purpose)
    expect(card).to_contain_text("is a public official")
    expect(card).to_contain_text("has a role in an open tender")
    no_sideways_scroll(officer_page)
    shot(officer_page, "approval-queue")
    card.locator("textarea").fill("Modest meal at a scientific meeting; within the cap.")
    card.locator("button:has-text('Approve')").click()
    expect(officer_page.locator(".flash")).to_contain_text("Transfer approved.")
    expect(officer_page.locator(".queue-item", has_text=purpose)).to_have_count(0)
    officer_page.click("text=All transfers")
    row = officer_page.locator("tr[data-transfer]", has_text=purpose)
    expect(row.get_by_test_id("status")).to_have_text("approved")
    expect(row).to_contain_text("Modest meal at a scientific meeting")
    no_sideways_scroll(officer_page)
    shot(officer_page, "transfers-ledger")

    # ... and reads who viewed the dossier: the KAM's view is listed.
    officer_page.goto(f"{server}/people/p-ada-rowan")
    officer_page.click("text=Who viewed this")
    accesses = officer_page.get_by_test_id("accesses")
    expect(
        accesses.locator("tr", has_text="Kira Lund").filter(has_text="view").first
    ).to_be_visible()
    no_sideways_scroll(officer_page)
    shot(officer_page, "who-viewed")
