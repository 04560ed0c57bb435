"""What a reader sees of dates, numbers, money and counts in each language (Flask-Babel on a
bare app: no database needed), and the Buddhist era for a Thai user who asks for it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask, g

from kamgraph import clock, i18n, terms, transfer_rules, web_i18n
from kamgraph.i18n import Message
from kamgraph.models import Birthday, User

DAY = date(1961, 3, 12)


@pytest.fixture
def app() -> Flask:
    bare = Flask("kamgraph")
    bare.config["SECRET_KEY"] = "x" * 32
    web_i18n.init_app(bare)
    return bare


@pytest.mark.parametrize(
    ("lang", "birthday", "listed", "amount", "share", "delimiter"),
    [
        ("en", "12 March 1961", "Thu 2 Apr", "€3,450,000.50", "42%", ","),
        ("sq", "12 mars 1961", "enj, 2 pri", "3\xa0450\xa0000,50\xa0€", "42%", ";"),
        ("fi", "12. maaliskuuta 1961", "to 2.4.", "3\xa0450\xa0000,50\xa0€", "42\xa0%", ";"),
        ("it", "12 marzo 1961", "gio 2 apr", "3.450.000,50\xa0€", "42%", ";"),
        ("ru", "12 марта 1961\u202fг.", "чт, 2 апр.", "3\xa0450\xa0000,50\xa0€", "42\xa0%", ";"),  # noqa: RUF001 - Russian
        ("th", "12 มีนาคม 1961", "พฤหัส 2 เม.ย.", "€3,450,000.50", "42%", ","),
    ],
)
def test_dates_numbers_and_money_in_each_language(
    app: Flask,
    lang: str,
    birthday: str,
    listed: str,
    amount: str,
    share: str,
    delimiter: str,
) -> None:
    with (
        clock.fixed(date(2026, 3, 30)),
        app.test_request_context(headers={"Accept-Language": lang}),
    ):
        assert web_i18n.birthday_text(Birthday(3, 12, 1961)) == birthday
        assert web_i18n.day(date(2026, 4, 2)) == listed  # this year's: no year
        assert web_i18n.money(Decimal("3450000.50"), "EUR") == amount
        assert web_i18n.percent(0.42) == share
        assert web_i18n.csv_delimiter() == delimiter


def test_counts_take_each_language_s_plural_forms(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        said = [web_i18n.days_ago(n) for n in (1, 2, 5, 21, 22, 25)]
    assert said[1:] == ["2 дня назад", "5 дней назад", "21 день назад", "22 дня назад",
                        "25 дней назад"]  # fmt: skip
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert [web_i18n.days_until(n) for n in (0, 1, 3)] == ["today", "tomorrow", "in 3 days"]


def test_a_thai_user_may_read_dates_in_the_buddhist_era(app: Flask) -> None:
    user = User("u1", "p@x.example", "P", "kam", lang="th", calendar="buddhist")
    with clock.fixed(date(2026, 3, 30)), app.test_request_context():
        g._login_user = type("SignedIn", (), {"user": user})()  # as Flask-Login leaves it
        assert web_i18n.select_locale() == "th"
        assert web_i18n.day(DAY, "long") == "12 มีนาคม พ.ศ. 2504"
        assert web_i18n.birthday_text(Birthday(3, 12, 1961)) == "12 มีนาคม 2504"


def test_a_rule_s_finding_is_english_on_the_command_line_and_the_reader_s_on_a_page(
    app: Flask,
) -> None:
    """A transfer finding keeps its values apart: its money, country and words come out in
    the reader's language, not pasted into an English sentence."""
    rules = transfer_rules.parse(transfer_rules.DEFAULT_TEXT, "example")
    person = transfer_rules.Facts(
        "p-1", "Ada Rowan", country="IT", open_tender_roles=(("LMWH 2028", "decision_maker"),)
    )
    draft = transfer_rules.Draft("meal", Decimal("85"), "EUR", date(2026, 5, 4))
    meal, role = (f.sentence for f in transfer_rules.check(rules, person, draft))
    assert str(meal) == "Meal of €85 is above the cap of €60 per meal in Italy."
    assert str(role) == "Ada Rowan has a role in an open tender: decision maker in “LMWH 2028”."
    with app.test_request_context(headers={"Accept-Language": "it"}):
        italian = web_i18n.said(meal)
        assert "85\xa0€" in italian
        assert "60\xa0€" in italian
        assert "Italia" in italian
        assert "Meal of" not in italian
    with app.test_request_context(headers={"Accept-Language": "fi"}):
        finnish = web_i18n.said(role)
        assert "päättäjä" in finnish  # the tender role, in the Finnish catalogue's word
        assert "“LMWH 2028”" in finnish or "”LMWH 2028”" in finnish


def test_a_list_in_a_message_is_joined_as_the_reader_s_language_joins_lists(app: Flask) -> None:
    kinds = tuple(terms.word("transfer kind", k) for k in ("meal", "gift"))
    said = Message("%(kinds)s", kinds=kinds)
    assert str(said) == "meal and gift"
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert " и " in web_i18n.said(said)


def test_the_letter_s_language_follows_the_country_by_cldr() -> None:
    assert web_i18n.language_of(["IT"]) == "it"
    assert web_i18n.language_of(["DE", "AL"]) == "sq"  # German is not one of ours
    assert web_i18n.language_of(["XX", "US"]) is None


def test_a_stored_finding_is_said_later_in_whoever_reads_it_s_language(app: Flask) -> None:
    """A transfer's findings are stored when it is recorded and read on the approval queue
    later, by an officer who may read another language than the KAM's."""
    rules = transfer_rules.parse(transfer_rules.DEFAULT_TEXT, "example")
    person = transfer_rules.Facts(
        "p-1", "Ada Rowan", country="IT", open_tender_roles=(("LMWH", "decision_maker"),)
    )
    draft = transfer_rules.Draft("meal", Decimal("85"), "EUR", date(2026, 5, 4))
    found = [f.sentence for f in transfer_rules.check(rules, person, draft)]
    kept = [i18n.restored(i18n.stored(f)) for f in found]
    assert kept == found  # the same English
    with app.test_request_context(headers={"Accept-Language": "it"}):
        assert [web_i18n.said(f) for f in kept] == [web_i18n.said(f) for f in found]
        assert "Meal of" not in web_i18n.said(kept[0])
    assert i18n.restored("Meal of €85 is above Italy's cap.") == "Meal of €85 is above Italy's cap."
    assert i18n.restored('{"said": broken') == '{"said": broken'  # an older record, as it is
