"""A KAM before a tender meeting, at a desk (1280 px) and on a phone (390 px): finds on
Elias Nordin's dossier that he was at the market access round table, opens the event and
sees that the sceptic of the same tender was there too, with who covers him; then lists
the round tables.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import opened_page, sign_in

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
        page.screenshot(path=str(SHOTS / f"events-{name}-{width}.png"), full_page=True)
        part = page.get_by_test_id(section)
        part.screenshot(path=str(SHOTS / f"events-{name}-{section}-{width}.png"))


def test_a_kam_goes_from_a_dossier_to_the_round_table_and_its_people(
    page: Page, server: str
) -> None:
    sign_in(page, server)
    page.goto(f"{server}/people/p-elias-nordin")
    events = page.get_by_test_id("person-events")
    expect(events).to_contain_text("Market Access Round Table")
    expect(events).to_contain_text("attended")
    _shot(page, "dossier", "person-events")

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
    _shot(page, "round-table", "attendees")

    page.goto(f"{server}/events/")
    page.get_by_test_id("kind-filter").select_option("round_table")
    page.get_by_test_id("event-filters").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=round_table"))
    recent = page.get_by_test_id("recent-events")
    expect(recent).to_contain_text("Market Access Round Table")
    expect(recent).not_to_contain_text("Cardiology Congress")
    _shot(page, "list", "recent")
