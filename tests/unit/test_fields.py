"""Cell parsers: the dates, numbers and words people type into spreadsheets."""

from datetime import UTC, date, datetime

import pytest

from kamgraph import fields as f
from kamgraph.models import STANCES, Birthday


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31.12.1965", date(1965, 12, 31)),
        ("1965-12-31", date(1965, 12, 31)),
        ("1.3.2026", date(2026, 3, 1)),
        (datetime(2026, 3, 1, 9, 30), date(2026, 3, 1)),
    ],
)
def test_dates_european_iso_and_spreadsheet(raw: object, expected: date) -> None:
    assert f.day(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [("12/31/1965", "use 31.12.2026 or 2026-12-31"), ("31.02.2026", "not a real date")],
)
def test_bad_dates_say_what_works(raw: str, message: str) -> None:
    with pytest.raises(f.CellError, match=message):
        f.day(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31.12.1965", Birthday(12, 31, 1965)),
        ("31.12.", Birthday(12, 31)),
        ("--12-31", Birthday(12, 31)),
        ("1965-12-31", Birthday(12, 31, 1965)),
        ("29.02.", Birthday(2, 29)),
    ],
)
def test_birthdays_with_and_without_year(raw: str, expected: Birthday) -> None:
    assert f.birthday(raw) == expected
    assert f.birthday(str(expected)) == expected


def test_birthday_on_a_day_that_does_not_exist_is_refused() -> None:
    with pytest.raises(f.CellError, match="not a real birthday"):
        f.birthday("30.02.")


def test_misspelled_choice_gets_a_suggestion() -> None:
    with pytest.raises(f.CellError, match="'champoin': did you mean 'champion'\\?"):
        f.choice("champoin", STANCES)
    assert f.choice("Champion", STANCES) == "champion"
    with pytest.raises(f.CellError, match="is not one of: champion, supporter"):
        f.choice("zzz", STANCES)


@pytest.mark.parametrize(("raw", "expected"), [("1 234,5", 1234.5), ("0.25", 0.25), (7, 7.0)])
def test_numbers_accept_decimal_commas_and_spaces(raw: object, expected: float) -> None:
    assert f.number(raw) == expected


def test_fractions_stay_between_zero_and_one() -> None:
    with pytest.raises(f.CellError, match=r"outside 0\.\.1"):
        f.fraction("1.5")


def test_lists_split_on_semicolons_and_accept_json_arrays() -> None:
    assert f.items("sailing; opera ;") == ("sailing", "opera")
    assert f.items(["a", " b "]) == ("a", "b")


def test_timestamps_are_utc_to_the_second() -> None:
    assert f.timestamp("2026-11-23T10:00:00.123+02:00") == datetime(2026, 11, 23, 8, tzinfo=UTC)
    assert f.timestamp("2026-11-23") == datetime(2026, 11, 23, tzinfo=UTC)
