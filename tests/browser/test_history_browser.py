"""A team lead after a tender meeting, at a desk (1280 px) and on a phone (390 px): records
that the champion turned sceptic, finds it on What changed and in the dossier's timeline,
and watches the tender so the next changes come to My week.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import opened_page, sign_in
from tests.integration.web_support import LEAD

SHOTS = Path(os.environ["KAMGRAPH_SHOTS"]) if os.environ.get("KAMGRAPH_SHOTS") else None
WIDTHS = {"desk": (1280, 900), "phone": (390, 844)}
TENDER = "LMWH anticoagulants 2028-2029"


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[request.param])


def _shot(page: Page, name: str, section: str) -> None:
    """The whole page, and the section the step is about, when KAMGRAPH_SHOTS asks."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(SHOTS / f"history-{name}-{width}.png"), full_page=True)
        part = page.get_by_test_id(section)
        part.screenshot(path=str(SHOTS / f"history-{name}-{section}-{width}.png"))


def test_a_lead_records_a_lost_champion_and_finds_what_changed(page: Page, server: str) -> None:
    sign_in(page, server, LEAD)
    page.goto(f"{server}/ties/new?type=ROLE_IN&from_id=p-ada-rowan")
    page.fill("#f-to_id", TENDER)
    page.fill("#f-role", "user")
    page.fill("#f-stance", "sceptic")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("person-name")).to_contain_text("Ada Rowan")
    timeline = page.get_by_test_id("changes")
    line = timeline.get_by_test_id("change").filter(has_text=TENDER).first
    expect(line).to_contain_text("champion")
    expect(line).to_contain_text("sceptic")
    expect(line).to_contain_text("by Hana Vesterlund")
    _shot(page, "dossier", "changes")

    page.get_by_role("link", name="What changed", exact=True).first.click()
    lost = page.get_by_test_id("lost-champions")
    expect(lost).to_contain_text("Ada Rowan")
    expect(lost).to_contain_text("sceptic")
    expect(lost).to_be_visible()
    _shot(page, "what-changed", "lost-champions")

    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    page.get_by_test_id("watch").get_by_role("button", name="Watch").click()
    expect(page.get_by_test_id("watch").get_by_role("button")).to_have_text("Stop watching")
    page.goto(f"{server}/")
    watched = page.get_by_test_id("watched")
    expect(watched).to_contain_text("Ada Rowan")
    _shot(page, "my-week", "watched")
    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    page.get_by_test_id("watch").get_by_role("button", name="Stop watching").click()
    expect(page.get_by_test_id("watch").get_by_role("button")).to_have_text("Watch")
