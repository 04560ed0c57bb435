"""The app in a real browser (tests/browser/conftest.py): sign-in, search, a logged
interaction, the DMU map, a stale edit, and a page a KAM may not open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import neo4j
import pytest
from playwright.sync_api import Browser, Page, expect

from kamgraph import clock
from tests.browser.conftest import opened_page, sign_in
from tests.integration.web_support import KAM, LEAD


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from opened_page(browser, 1280, 900)


def test_sign_in_and_sign_out(page: Page, server: str) -> None:
    page.goto(server)
    expect(page.locator("h1")).to_have_text("Sign in")
    sign_in(page, server)
    expect(page.locator(".signed-in-as")).to_contain_text("Kira Lund")
    page.click("text=Sign out")
    expect(page.locator(".flash")).to_contain_text("You are signed out")
    page.goto(f"{server}/people/p-ada-rowan")
    expect(page.locator("h1")).to_have_text("Sign in")


def test_search_to_a_dossier_with_birthday_and_hobbies(page: Page, server: str) -> None:
    sign_in(page, server)
    page.fill("[data-search-input]", "ada rowan")
    page.press("[data-search-input]", "Enter")
    expect(page.get_by_test_id("person-name")).to_have_text("Prof. Dr. Ada Rowan")
    expect(page.get_by_test_id("birthday")).to_contain_text("12 March 1961")
    expect(page.get_by_test_id("hobbies")).to_have_text("sailing, opera")
    # Keyboard navigation through grouped results.
    page.fill("[data-search-input]", "regional")
    page.press("[data-search-input]", "Enter")
    expect(page.get_by_test_id("results-tender")).to_be_visible()
    page.wait_for_load_state("load")  # app.js, which moves the focus, has run
    page.keyboard.press("ArrowDown")
    expect(page.locator("[data-result]:focus")).to_have_count(1)


def test_logged_interaction_appears_on_the_home_page(page: Page, server: str) -> None:
    sign_in(page, server)
    page.goto(f"{server}/people/p-marta-ilves")
    page.click("text=Log a meeting")
    page.fill("#notes", "Coffee after the DTC meeting")
    page.fill("#next_step", "Send Marta the budget impact model")
    page.fill("#due_date", (clock.today() + timedelta(days=2)).isoformat())
    page.click("button:has-text('Save')")
    expect(page.locator(".flash")).to_contain_text("Interaction logged")
    page.click("text=My week")
    expect(page.get_by_test_id("follow-ups")).to_contain_text("Send Marta the budget impact model")


def test_tender_dmu_map_has_every_member_and_the_influencer_outside(
    page: Page, server: str, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    records, _, _ = driver.execute_query(
        "MATCH (p:Person)-[:ROLE_IN]->(:Tender {id: $id}) RETURN p.id AS id",
        id="t-aurel-lmwh-2027",
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    )
    members = sorted(r["id"] for r in records)
    assert len(members) >= 5
    sign_in(page, server)
    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    expect(page.locator("#dmu-graph")).to_have_attribute("data-node-count", str(len(members) + 1))
    drawn = page.evaluate(
        "window.kamgraphGraphs['dmu-graph'].nodes('[outside = \"no\"]').map(n => n.id()).sort()"
    )
    assert drawn == members
    outside = page.evaluate(
        "window.kamgraphGraphs['dmu-graph'].nodes('[outside = \"yes\"]').map(n => n.data('label'))"
    )
    assert outside == ["Johanna Berk"]
    expect(page.get_by_test_id("outside")).to_contain_text("Johanna Berk")
    assert page.locator("#dmu-graph canvas").count() > 0


def test_stale_edit_shows_a_conflict(browser: Browser, server: str) -> None:
    first, second = browser.new_context().new_page(), browser.new_context().new_page()
    sign_in(first, server, KAM)
    sign_in(second, server, LEAD)
    for p in (first, second):
        p.goto(f"{server}/people/p-sanne-ruud/edit")
    first.fill("#f-hobbies", "cycling")
    first.click("button:has-text('Save')")
    expect(first.get_by_test_id("hobbies")).to_have_text("cycling")
    second.fill("#f-hobbies", "rowing")
    second.click("button:has-text('Save')")
    expect(second.get_by_test_id("conflict")).to_contain_text("Someone else saved first")
    expect(second.get_by_test_id("theirs-hobbies")).to_have_text("cycling")
    expect(second.get_by_test_id("mine-hobbies")).to_have_text("rowing")
    first.reload()
    expect(first.get_by_test_id("hobbies")).to_have_text("cycling")


def test_lead_only_page_is_refused_to_a_kam(page: Page, server: str) -> None:
    sign_in(page, server)
    assert page.locator("text=Team coverage").count() == 0  # not offered in the menu
    response = page.goto(f"{server}/team/coverage")
    assert response is not None
    assert response.status == 403
    expect(page.locator("h1")).to_contain_text("403")
