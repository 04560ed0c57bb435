"""A KAM before a tender meeting, at a desk (1280 px) and on a phone (390 px): finds on
Elias Nordin's dossier that he was at the market access round table, opens the event and
sees that the sceptic of the same tender was there too, with who covers him; then lists
the round tables.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import shot, sign_in


def test_a_kam_goes_from_a_dossier_to_the_round_table_and_its_people(
    page: Page, server: str
) -> None:
    sign_in(page, server)
    page.goto(f"{server}/people/p-elias-nordin")
    events = page.get_by_test_id("person-events")
    expect(events).to_contain_text("Market Access Round Table")
    expect(events).to_contain_text("attended")
    shot(page, "events", "dossier", "person-events")

    events.get_by_role("link", name="Market Access Round Table: Value-Based Procurement").click()
    expect(page.get_by_test_id("event-name")).to_have_text(
        "Market Access Round Table: Value-Based Procurement"
    )
    expect(page.get_by_test_id("event-facts")).to_contain_text("round table")
    gerd = page.get_by_test_id("participant-p-gerd-hollis")
    expect(gerd).to_be_visible()
    expect(gerd.get_by_test_id("stances")).to_contain_text("sceptic")
    expect(gerd).to_contain_text("Kira Lund")
    elias = page.get_by_test_id("participant-p-elias-nordin")
    expect(elias.get_by_test_id("stances")).to_contain_text("champion")
    speakers = page.get_by_test_id("speaker-table")
    expect(speakers).to_contain_text("Budget impact in regional tenders")
    expect(page.get_by_test_id("organizations-present")).to_contain_text("St. Aurel")
    shot(page, "events", "round-table", "attendees")

    page.goto(f"{server}/events/")
    page.get_by_test_id("kind-filter").select_option("round_table")
    page.get_by_test_id("event-filters").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=round_table"))
    recent = page.get_by_test_id("recent-events")
    expect(recent).to_contain_text("Market Access Round Table")
    expect(recent).not_to_contain_text("Cardiology Congress")
    shot(page, "events", "list", "recent")
