"""A KAM sets up her team's CRM sync, at a desk (1280 px) and on a phone (390 px): makes a
write token on her account page, copies it (shown once), sees the API answer with it,
then revokes it and sees it refused.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import opened_page, sign_in

SHOTS = Path(os.environ["KAMGRAPH_SHOTS"]) if os.environ.get("KAMGRAPH_SHOTS") else None
WIDTHS = {"desk": (1280, 900), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    yield from opened_page(browser, *WIDTHS[request.param], expected=(401,))


def _shot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(SHOTS / f"api-{name}-{width}.png"), full_page=True)


def test_a_kam_makes_uses_and_revokes_an_api_token(page: Page, server: str) -> None:
    sign_in(page, server)
    page.goto(f"{server}/account")
    width = page.viewport_size["width"] if page.viewport_size else 0
    name = f"Veeva sync {width}"
    page.fill("#token-name", name)
    page.select_option("#token-scope", "write")
    page.get_by_role("button", name="Make a token").click()
    shown = page.get_by_test_id("new-token").locator("code")
    expect(shown).to_contain_text("kgt_")
    token = shown.inner_text().strip()
    row = page.get_by_test_id("tokens").locator("li", has_text=name)
    expect(row).to_contain_text("read and write")
    _shot(page, "token-made")

    answer = page.request.get(
        f"{server}/api/v1/people/p-ada-rowan", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status == 200
    assert answer.json()["family_name"] == "Rowan"

    page.goto(f"{server}/account")  # the token is never shown again
    expect(page.get_by_test_id("new-token")).to_have_count(0)
    page.get_by_test_id("tokens").locator("li", has_text=name).get_by_role(
        "button", name="Revoke"
    ).click()
    expect(page.get_by_text("The token is revoked.")).to_be_visible()
    expect(page.locator("li", has_text=name)).to_have_count(0)
    _shot(page, "token-revoked")
    refused = page.request.get(
        f"{server}/api/v1/people/p-ada-rowan", headers={"Authorization": f"Bearer {token}"}
    )
    assert refused.status == 401
