"""What a reader sees of dates, numbers, money and counts in each language (Flask-Babel on a
bare app: no database needed), and the Buddhist era for a Thai user who asks for it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask, g

from kamgraph import clock, web_i18n
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
