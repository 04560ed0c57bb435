"""The app in a real browser: Debian's Chromium driven by Playwright, against a live server
on the demo region in the real Neo4j. No browser download: CHROMIUM (default: chromium on
PATH) is required, and its absence fails the suite instead of skipping it."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import neo4j
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from waitress.server import create_server

from kamgraph import clock, web_db
from tests.integration.web_support import KAM, LEAD, PASSWORD, demo_app

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[str]:
    """A live server (waitress, as `kamgraph serve`) on the demo region; its base URL."""
    app = demo_app(driver, neo4j_config)
    port = _free_port()
    wsgi = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    wsgi.close()
    web_db.close(app)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "browser tests need Debian's chromium (apt-get install chromium)", pytrace=False
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    # A CSP violation or a script error is something a user would hit: fail on it.
    unexpected = [p for p in problems if "status of 403" not in p and "status of 409" not in p]
    assert unexpected == []


def sign_in(page: Page, base: str, email: str = KAM) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("My week")


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
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('data-result')")
    assert focused is not None


def test_logged_interaction_appears_on_the_home_page(page: Page, server: str) -> None:
    sign_in(page, server)
    page.goto(f"{server}/people/p-marta-ilves")
    page.click("text=Log interaction")
    page.fill("#notes", "Coffee after the DTC meeting")
    page.fill("#next_step", "Send Marta the budget impact model")
    page.fill("#due_date", (clock.today() + timedelta(days=2)).isoformat())
    page.click("button:has-text('Save')")
    expect(page.locator(".flash")).to_contain_text("Interaction logged")
    page.click("text=My week")
    expect(page.get_by_test_id("follow-ups")).to_contain_text("Send Marta the budget impact model")


def test_tender_dmu_map_has_one_node_per_member(
    page: Page, server: str, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    records, _, _ = driver.execute_query(
        "MATCH (p:Person)-[:ROLE_IN]->(:Tender {id: $id}) RETURN p.id AS id",
        id="t-aurel-lmwh-2027", database_=str(neo4j_config["NEO4J_DATABASE"]),
    )  # fmt: skip
    members = sorted(r["id"] for r in records)
    assert len(members) >= 5
    sign_in(page, server)
    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    expect(page.locator("#dmu-graph")).to_have_attribute("data-node-count", str(len(members)))
    drawn = page.evaluate("window.kamgraphGraphs['dmu-graph'].nodes().map(n => n.id()).sort()")
    assert drawn == members
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
