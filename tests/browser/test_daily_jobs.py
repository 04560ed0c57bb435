"""A KAM's daily writing jobs in Chromium, at a desk (1280 px) and on a phone (390 px),
typing names, never ids: log a meeting with two people, add a person met at a congress and
tie them to a hospital, become their cover, and find them again by a Latin spelling."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import SHOTS, sign_in
from tests.integration.web_support import LEAD

# Screenshots for a person to look at, when KAMGRAPH_SHOTS names a folder.


def pick(page: Page, selector: str, typed: str, choose: str) -> None:
    """Type into a name picker and choose the offered label that contains `choose`."""
    field = page.locator(selector)
    expect(field).to_have_attribute("list", re.compile(r"^pick-list-"))  # app.js has run
    field.fill(typed)
    listed = page.locator(f"#{field.get_attribute('list')} option")
    expect(
        listed.filter(has=page.locator(f"xpath=self::*[contains(@value, '{choose}')]"))
    ).to_have_count(1)
    labels = [o.get_attribute("value") or "" for o in listed.all()]
    field.fill(next(label for label in labels if choose in label))


def no_sideways_scroll(page: Page) -> None:
    """The page fits the screen: nothing to scroll sideways."""
    assert page.viewport_size is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def shot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_log_a_meeting_with_two_people_by_name(page: Page, server: str) -> None:
    sign_in(page, server)
    page.fill("[data-search-input]", "marta ilves")
    page.press("[data-search-input]", "Enter")
    page.click("text=Log a meeting")
    expect(page.locator("#f-participant-0")).to_have_value(re.compile(r"^Dr\. Marta Ilves — "))
    page.click("text=+ Add another person")
    pick(page, "#f-participant-1", "elias nor", "Elias Nordin")
    page.fill("#notes", "Formulary review over lunch")
    no_sideways_scroll(page)
    shot(page, "log-meeting")
    page.click("button:has-text('Save')")
    expect(page.locator(".flash")).to_contain_text("Interaction logged")
    page.fill("[data-search-input]", "elias nordin")
    page.press("[data-search-input]", "Enter")
    expect(page.get_by_test_id("person-name")).to_contain_text("Elias Nordin")
    expect(page.get_by_test_id("last-contact")).to_contain_text("today")


def test_add_a_person_met_at_a_congress_cover_them_and_find_them_in_latin(
    page: Page, server: str
) -> None:
    sign_in(page, server)
    page.click("text=New person")
    width = page.viewport_size["width"] if page.viewport_size else 0
    family = "Семёнов" if width > 500 else "Королёв"
    page.fill("#f-given_name", "Пётр")
    page.fill("#f-family_name", family)
    pick(page, "#f-organization", "aurel cardio", "St. Aurel Cardiology")
    page.fill("#f-job_title", "Interventional cardiologist")
    page.fill("#f-hobbies", "chess")
    no_sideways_scroll(page)
    shot(page, "new-person")
    page.click("button:has-text('Save')")
    expect(page.locator(".flash")).to_contain_text("Saved")
    expect(page.get_by_test_id("person-name")).to_have_text(f"Пётр {family}")
    expect(page.locator(".page-head")).to_contain_text("Interventional cardiologist")
    expect(page.locator(".page-head")).to_contain_text("St. Aurel Cardiology")
    # Become their cover, in one click from the dossier.
    page.select_option("#cover-stage", "contact")
    page.click("[data-testid=cover-me] button")
    expect(page.locator(".flash")).to_contain_text("You cover this person now")
    expect(page.get_by_test_id("relationship")).to_contain_text("Kira Lund")
    no_sideways_scroll(page)
    shot(page, "dossier-new-person")
    # Found again by the Latin spelling a colleague would type.
    latin = "petr semenov" if width > 500 else "petr korolev"
    page.fill("[data-search-input]", latin)
    page.press("[data-search-input]", "Enter")
    expect(page.get_by_test_id("person-name")).to_have_text(f"Пётр {family}")


PAGES = {
    "my week": "/",
    "search": "/search?q=rowan&exact=0",
    "dossier": "/people/p-ada-rowan",
    "brief": "/people/p-ada-rowan/brief",
    "tender": "/tenders/t-aurel-lmwh-2027",
    "organization": "/orgs/org-h-aurel",
    "new person": "/new/people",
    "log a meeting": "/interactions/new?person=p-ada-rowan",
}


def test_every_page_fits_the_screen(page: Page, server: str) -> None:
    """Nothing to scroll sideways on the pages a KAM uses, and on the lead's coverage."""
    sign_in(page, server)
    for name, path in PAGES.items():
        page.goto(f"{server}{path}")
        no_sideways_scroll(page)
        shot(page, name.replace(" ", "-"))
    page.click("text=Sign out")
    sign_in(page, server, LEAD)
    page.goto(f"{server}/team/coverage")
    no_sideways_scroll(page)
    shot(page, "team-coverage")


def test_open_a_tender_and_find_the_influencer_outside_the_dmu(page: Page, server: str) -> None:
    sign_in(page, server)
    page.fill("[data-search-input]", "LMWH anticoagulants")
    page.press("[data-search-input]", "Enter")
    expect(page.locator("h1")).to_contain_text("LMWH anticoagulants 2028-2029")
    outside = page.get_by_test_id("outside")
    expect(outside).to_contain_text("Johanna Berk")
    expect(page.locator("#dmu-graph")).to_have_attribute("data-node-count", re.compile(r"\d+"))
    on_map = page.evaluate(
        "window.kamgraphGraphs['dmu-graph'].nodes('[outside = \"yes\"]').map(n => n.data('label'))"
    )
    assert on_map == ["Johanna Berk"]
    no_sideways_scroll(page)
    shot(page, "tender-outside")
    outside.get_by_role("link", name="Johanna Berk").click()
    expect(page.get_by_test_id("person-name")).to_have_text("Johanna Berk")


def test_print_a_brief(page: Page, server: str) -> None:
    sign_in(page, server)
    page.goto(f"{server}/people/p-ada-rowan")
    page.click("text=Meeting brief")
    expect(page.get_by_test_id("mistakes").locator("li")).to_have_count(7)
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator("button[data-print]")).to_be_hidden()
    expect(page.locator(".print-only").first).to_be_visible()  # the personal-data notice
    sign = page.evaluate(
        "getComputedStyle(document.querySelector('.tag.stance-champion, .tag[class*=stance-]'),"
        " '::before').content"
    )
    assert sign not in ("none", "normal", "")  # readable without colour
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    shot(page, "brief-print")
