"""Two namesakes who are two people, in Chromium at a desk (1280 px) and on a phone
(390 px): a lead finds them among the possible duplicates, says "Not the same person", sees
them gone, finds them among the pairs marked as two people and restores them; and a KAM
finds a congress by typing its name in the search box.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from playwright.sync_api import Browser, Page, expect

from kamgraph.models import Person
from kamgraph.repository import people
from tests.browser.conftest import WIDTHS, opened_page, shot, sign_in
from tests.browser.test_daily_jobs import no_sideways_scroll
from tests.integration.web_support import LEAD

# Each width dismisses its own pair of namesakes.
NAMESAKES = {
    "desk": (("p-olga-petrenko", "Olga", "Petrenko"), ("p-olga-petrenko-2", "Ольга", "Петренко")),
    "phone": (("p-jonas-berg", "Jonas", "Berg"), ("p-jonas-berg-2", "Jonas", "Berg")),
}


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def lead_page(
    browser: Browser, width: str, server: str, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> Iterator[Page]:
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        for pid, given, family in NAMESAKES[width]:
            people.create(
                session,
                Person(id=pid, given_name=given, family_name=family, region="Velmora Region"),
            )
    yield from opened_page(browser, *WIDTHS[width])


def test_a_lead_marks_namesakes_as_two_people_and_restores_them(
    lead_page: Page, server: str, width: str
) -> None:
    (first_id, given, family), (second_id, *_) = NAMESAKES[width]
    page = lead_page
    sign_in(page, server, LEAD)
    page.click("nav >> text=Duplicates")
    pair = page.locator("tr[data-pair]", has_text=f"{given} {family}")
    expect(pair).to_have_count(1)
    expect(pair.get_by_test_id("score")).to_have_text(re.compile(r"^[01]\.\d\d$"))
    no_sideways_scroll(page)
    shot(page, "not-duplicates", "listed", "duplicates")

    pair.get_by_role("button", name="Not the same person").click()
    expect(page.locator(".flash").first).to_contain_text("are marked as two people")
    expect(page.locator("tr[data-pair]", has_text=f"{given} {family}")).to_have_count(0)
    shot(page, "not-duplicates", "dismissed", "show-dismissed")

    page.get_by_role("link", name="Pairs marked as two people").click()
    marked = page.locator(f"tr[data-pair='{first_id} {second_id}']")
    expect(marked).to_contain_text("Hana Vesterlund")
    no_sideways_scroll(page)
    shot(page, "not-duplicates", "marked", "dismissed")

    marked.get_by_role("button", name="Restore").click()
    expect(page.locator(".flash").first).to_contain_text("listed as possible duplicates again")
    expect(page.locator(f"tr[data-pair='{first_id} {second_id}']")).to_have_count(0)
    page.get_by_role("link", name="Possible duplicates").last.click()
    expect(page.locator("tr[data-pair]", has_text=f"{given} {family}")).to_have_count(1)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_kam_finds_a_congress_by_typing_its_name(
    browser: Browser, server: str, width: str
) -> None:
    for page in opened_page(browser, *WIDTHS[width]):
        sign_in(page, server)
        page.fill("[data-search-input]", "velmora 2026")
        page.press("[data-search-input]", "Enter")
        events = page.get_by_test_id("results-event")
        expect(events).to_contain_text("Velmora Diabetes Symposium 2026")
        expect(events).to_contain_text("symposium, Velmora")
        no_sideways_scroll(page)
        shot(page, "event-search", "results", "results-event")
        events.get_by_role("link", name="Velmora Cardiology Congress 2026").click()
        expect(page.get_by_test_id("event-name")).to_have_text("Velmora Cardiology Congress 2026")
        # A name only one record has opens its page straight away.
        page.fill("[data-search-input]", "cardiology congress")
        page.press("[data-search-input]", "Enter")
        expect(page.get_by_test_id("event-name")).to_have_text("Velmora Cardiology Congress 2026")
