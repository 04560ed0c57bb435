"""A team lead after a tender meeting, at a desk (1280 px) and on a phone (390 px): records
that the champion turned sceptic, finds it on What changed and in the dossier's timeline,
and watches the tender so the next changes come to My week.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import shot, sign_in
from tests.integration.web_support import LEAD

TENDER = "LMWH anticoagulants 2028-2029"


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
    shot(page, "history", "dossier", "changes")

    page.get_by_role("link", name="What changed", exact=True).first.click()
    lost = page.get_by_test_id("lost-champions")
    expect(lost).to_contain_text("Ada Rowan")
    expect(lost).to_contain_text("sceptic")
    expect(lost).to_be_visible()
    shot(page, "history", "what-changed", "lost-champions")

    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    page.get_by_test_id("watch").get_by_role("button", name="Watch").click()
    expect(page.get_by_test_id("watch").get_by_role("button")).to_have_text("Stop watching")
    page.goto(f"{server}/")
    watched = page.get_by_test_id("watched")
    expect(watched).to_contain_text("Ada Rowan")
    shot(page, "history", "my-week", "watched")
    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    page.get_by_test_id("watch").get_by_role("button", name="Stop watching").click()
    expect(page.get_by_test_id("watch").get_by_role("button")).to_have_text("Watch")
