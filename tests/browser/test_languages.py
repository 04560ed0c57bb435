"""KAMs prepare a meeting in each of the field guides' languages, in Chromium at a desk
(1280 px) and on a phone (390 px): choose the language in the header, read My week, type a
name into the search, read the dossier and the meeting brief, and look at a tender. No
English word of the interface may be left on those pages.

KAMGRAPH_SHOTS=DIR keeps a screenshot of each page there, to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SHOTS, sign_in

# Words of the English interface on these pages. The demo's own data (names, notes,
# hobbies) is English in places, so these are the interface's headings, labels, buttons
# and coded values, which no dossier in the demo writes ("evaluator" is left out: a
# stance's evidence says "invited as clinical evaluator").
ENGLISH_UI = (
    "My week", "Team coverage", "Sign out", "New person", "Search people",
    "Meeting brief", "Log a meeting", "Add a tie", "Personal", "Birthday", "Hobbies",
    "Roles and contact", "Our relationship", "Last contact", "Next meeting",
    "Open commitments", "Influence", "Who moves", "Warm paths from me", "Network",
    "Interactions", "Transfers of value", "Nobody recorded", "Talking points",
    "seven classic mistakes", "Follow-ups", "Birthdays", "Tenders", "Status", "Stance",
    "Evidence", "DMU coverage", "Covered by", "days ago", "tomorrow", "in 3 days",
    "champion", "supporter", "sceptic", "blocker", "near-friendship", "decision maker",
    "budget holder", "announced", "clarification",
)  # fmt: skip


def _english_left(page: Page) -> list[str]:
    text = page.inner_text("body")
    return [w for w in ENGLISH_UI if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def _look(page: Page, lang: str, name: str) -> None:
    """The page speaks `lang`, with no English interface word left; a screenshot if asked."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert _english_left(page) == [], f"{lang} {name}: English left on {page.url}"
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(SHOTS / f"{lang}-{name}-{width}.png"), full_page=True)


# Her birthday as each language writes it.
BIRTHDAY = {
    "sq": "12 mars 1961",
    "fi": "12. maaliskuuta 1961",
    "it": "12 marzo 1961",
    "ru": "12 марта 1961",
    "th": "12 มีนาคม 1961",
}


@pytest.mark.parametrize(
    ("lang", "searched"),
    [
        ("ru", "Ada Rowan"),
        ("th", "ada rowan"),
        ("sq", "ada rowan"),
        ("fi", "Ada Rowan"),
        ("it", "ADA ROWAN"),
    ],
)
def test_prepare_a_meeting_in_each_language(
    page: Page, server: str, lang: str, searched: str
) -> None:
    sign_in(page, server)
    page.select_option("[data-lang-switch] select", lang)  # applies at once (app.js)
    try:
        _prepare(page, server, lang, searched)
    finally:  # the switch saved the language on her account: English again for the others
        page.select_option("[data-lang-switch] select", "en")
        expect(page.locator("html")).to_have_attribute("lang", "en")


def _prepare(page: Page, server: str, lang: str, searched: str) -> None:
    _look(page, lang, "my-week")

    page.fill("[data-search-input]", searched)
    page.press("[data-search-input]", "Enter")
    expect(page.get_by_test_id("person-name")).to_have_text("Prof. Dr. Ada Rowan")
    _look(page, lang, "dossier")
    expect(page.get_by_test_id("birthday")).to_contain_text(BIRTHDAY[lang])

    page.locator("a[href$='/brief']").first.click()
    expect(page.locator("h1")).to_contain_text("Ada Rowan")
    _look(page, lang, "brief")

    page.goto(f"{server}/tenders/t-aurel-lmwh-2027")
    _look(page, lang, "tender")
