"""Relationship plans in Chromium, at a desk (1280 px) and on a phone (390 px): a lead
starts a plan for a KOL from a dossier or by typing the person's name, and types the
owner's; the owning KAM adds
a step, finds it on her week, and marks it done by choosing the meeting that did it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from kamgraph import clock
from tests.browser.conftest import WIDTHS, opened_page, sign_in
from tests.browser.test_daily_jobs import no_sideways_scroll, pick, shot
from tests.integration.web_support import LEAD

# Whom each width's plan is for: typed (in Latin letters), and the name the picker offers.
PEOPLE = {"desk": ("", "Irena Sokol"), "phone": ("antoniou", "Αντωνίου")}


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def lead_page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width])


@pytest.fixture
def kam_page(browser: Browser, width: str) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[width])


def _start_plan(lead_page: Page, server: str, width: str, goal: str) -> None:
    """The lead starts the plan from the dossier (at the desk: the form names the person)
    or from the plans page (on the phone: she types the person's name), and types the
    owner's name; never an id."""
    typed, name = PEOPLE[width]
    sign_in(lead_page, server, LEAD)
    if width == "desk":
        lead_page.goto(f"{server}/people/p-irena-sokol")
        lead_page.get_by_test_id("start-plan").click()
        expect(lead_page.locator("#person")).to_have_value(re.compile(rf"^Dr\. {name} — "))
    else:
        lead_page.click("nav >> text=Relationship plans")
        lead_page.click("text=Start a relationship plan")
        pick(lead_page, "#person", typed, name)
    pick(lead_page, "#owner", "kira", "Kira Lund")
    lead_page.fill("#goal", goal)
    lead_page.select_option("#target_stage", "loyalty")
    lead_page.fill("#target_date", (clock.today() + timedelta(days=120)).isoformat())
    lead_page.fill("#budget", "1500")


def test_a_lead_starts_a_plan_and_the_kam_works_its_step_by_names(
    lead_page: Page, kam_page: Page, server: str, width: str
) -> None:
    name = PEOPLE[width][1]
    goal = f"{name} speaks for extended prophylaxis at the 2027 congress"
    _start_plan(lead_page, server, width, goal)
    no_sideways_scroll(lead_page)
    shot(lead_page, "person-plan-form")
    lead_page.click("button:has-text('Start the plan')")
    expect(lead_page.locator(".flash").first).to_contain_text("The relationship plan is started.")
    expect(lead_page.get_by_test_id("goal")).to_have_text(goal)
    expect(lead_page.get_by_test_id("budget")).to_have_text("€1,500")
    plan_url = lead_page.url

    # Kira owns it: she finds it among her plans, and may not change the goal.
    sign_in(kam_page, server)
    kam_page.click("nav >> text=Relationship plans")
    kam_page.click(f"text={goal}")
    expect(kam_page.get_by_test_id("set-by-lead")).to_be_visible()
    expect(kam_page.get_by_test_id("steer-form")).to_have_count(0)
    step = f"Send {name.split()[0]} the congress programme"
    kam_page.fill("#what", step)
    kam_page.fill("#due_date", (clock.today() + timedelta(days=2)).isoformat())
    kam_page.click("button:has-text('Add the step')")
    expect(kam_page.get_by_test_id("steps")).to_contain_text(step)
    no_sideways_scroll(kam_page)
    shot(kam_page, "person-plan")

    # The step is on her week; from there she opens the plan and marks it done.
    kam_page.click("nav >> text=My week")
    steps = kam_page.get_by_test_id("person-plan-steps")
    expect(steps).to_contain_text(step)
    no_sideways_scroll(kam_page)
    shot(kam_page, "week-person-plan-steps")
    steps.locator(f"text={step}").click()
    item = kam_page.locator("li[data-step]", has_text=step)
    item.locator("select[name=interaction]").select_option(index=1)
    item.locator("button:has-text('Save')").click()
    expect(kam_page.get_by_test_id("steps-done")).to_contain_text("1 of 1 steps done")
    expect(
        kam_page.locator("li[data-step]", has_text=step).get_by_test_id("done-in")
    ).to_be_visible()

    # The lead sees the plan against its target.
    lead_page.goto(plan_url.rsplit("/", 1)[0] + "/")
    row = lead_page.locator("tr[data-plan]", has_text=goal)
    expect(row).to_contain_text("Kira Lund")
    expect(row).to_contain_text(re.compile(r"1 of 1 done"))
    no_sideways_scroll(lead_page)
    shot(lead_page, "person-plans")
