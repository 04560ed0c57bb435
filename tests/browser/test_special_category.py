"""The special-category warning in a real browser, wide and on a phone: typed health data
is not saved until a reason is given; the dossier then shows what was recorded and why.

KAMGRAPH_SCREENSHOTS=DIR keeps a screenshot of each step there, to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import opened_page, sign_in


@pytest.fixture(params=[1280, 390], ids=["wide", "phone"])
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    # The form shown again with the warning answers 400, as a form with errors does.
    yield from opened_page(browser, int(request.param), 900, expected=(400,))


def _shot(page: Page, name: str, *, full_page: bool = True) -> None:
    folder = os.environ.get("KAMGRAPH_SCREENSHOTS")
    if folder:
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=full_page)


def test_health_words_in_hobbies_ask_why_before_saving(page: Page, server: str) -> None:
    sign_in(page, server)
    # Kira covers both; one each, as the server (and its demo) is shared by the two widths.
    wide = page.viewport_size is not None and page.viewport_size["width"] > 600
    page.goto(f"{server}/people/{'p-elias-nordin' if wide else 'p-ada-rowan'}/edit")
    page.fill("#f-hobbies", "cross-country skiing; type 1 diabetic")
    page.get_by_role("button", name="Save").click()
    warning = page.get_by_test_id("special-category-warning")
    expect(warning).to_contain_text("This looks like health data: 'diabetic'.")
    expect(warning).to_contain_text("special-category data (GDPR Art. 9)")
    expect(page.locator("#f-hobbies")).to_have_value("cross-country skiing; type 1 diabetic")
    _shot(page, "special-category-warning")
    page.fill("#f-special_category_reason", "Lunch invitations: he avoids sugary menus.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("special-category")).to_contain_text(
        "Recorded: health (in hobbies). Why: “Lunch invitations: he avoids sugary menus.”"
    )
    page.get_by_test_id("special-category").scroll_into_view_if_needed()
    _shot(page, "special-category-dossier", full_page=False)
