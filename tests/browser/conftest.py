"""Shared by the browser tests: Debian's Chromium driven by Playwright, against a live
server on the demo region in the real Neo4j. No browser download: CHROMIUM (default:
chromium on PATH) is required, and its absence fails the suite instead of skipping it."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from waitress.server import create_server

from kamgraph import web_db
from tests.integration.web_support import KAM, PASSWORD, demo_app

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


@pytest.fixture(scope="session")
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


# A desk and a phone: the tests that take `page` run at both widths.
WIDTHS = {"desk": (1280, 900), "phone": (390, 844)}
# KAMGRAPH_SHOTS=DIR keeps screenshots of the walks' pages there, to look at.
SHOTS = Path(os.environ["KAMGRAPH_SHOTS"]) if os.environ.get("KAMGRAPH_SHOTS") else None


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A page at a desk's width, then at a phone's (a module may ask for other widths)."""
    yield from opened_page(browser, *WIDTHS[request.param])


def shot(page: Page, walk: str, name: str, section: str) -> None:
    """The whole page, and the section the step is about, when KAMGRAPH_SHOTS asks."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(SHOTS / f"{walk}-{name}-{width}.png"), full_page=True)
        part = page.get_by_test_id(section)
        part.screenshot(path=str(SHOTS / f"{walk}-{name}-{section}-{width}.png"))


def opened_page(
    browser: Browser, width: int, height: int, expected: tuple[int, ...] = (403, 409)
) -> Iterator[Page]:
    """A page in a new context of `width` px; fails the test on a script error or a CSP
    violation (something a user would hit). Responses with an `expected` status (a refusal,
    a conflict page, a form shown again) are not errors."""
    context = browser.new_context(viewport={"width": width, "height": height})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    unexpected = [p for p in problems if not any(f"status of {code}" in p for code in expected)]
    assert unexpected == []


def sign_in(page: Page, base: str, email: str = KAM) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")  # not the header's language switch
    expect(page.locator("h1")).to_contain_text("My week")
