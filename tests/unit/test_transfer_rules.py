"""The transfer-of-value check, without a database: caps per meal and per year, gifts,
public officials, open tenders, currencies, and the rules file's own mistakes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kamgraph import transfer_rules as tr
from kamgraph.errors import Invalid

RULES = tr.parse(
    """
[exchange_rates]
EUR = 1.0
USD = 0.5
ALL = 0.01

[officials]
kinds = ["ministry", "hospital"]

[default]
name = "the default rules"
currency = "EUR"
gifts = { action = "block" }
meal = { cap = 50, action = "warn" }
annual = { cap = 1000, action = "approval" }
officials = { action = "approval" }
open_tender_roles = { action = "approval" }

[countries.IT]
name = "Italy"
meal = { cap = 60, action = "block" }
annual = { cap = 800, action = "block" }

[countries.FI]
name = "Finland"
gifts = { action = "allow" }
officials = { action = "warn" }

[countries.AL]
name = "Albania"
currency = "ALL"
meal = { cap = 4000, action = "warn" }
annual = { cap = 60000, action = "approval" }
""",
    "test",
)
DAY = date(2026, 5, 4)


def facts(country: str | None = "IT", **more: object) -> tr.Facts:
    return tr.Facts("p-ada", "Prof. Ada Rowan", country=country, **more)  # type: ignore[arg-type]


def draft(kind: str = "meal", amount: str = "40", currency: str = "EUR") -> tr.Draft:
    return tr.Draft(kind, Decimal(amount), currency, DAY)


def said(found: list[tr.Finding]) -> list[str]:
    return [str(f) for f in found]


def test_a_meal_under_the_cap_to_a_private_person_says_nothing() -> None:
    assert tr.check(RULES, facts(), draft()) == []


def test_a_meal_above_italys_cap_blocks_with_a_sentence_naming_the_cap() -> None:
    assert said(tr.check(RULES, facts(), draft(amount="85"))) == [
        "block: Meal of €85 is above the cap of €60 per meal in Italy."
    ]


def test_a_meal_above_the_default_cap_warns_where_the_country_is_unknown() -> None:
    found = tr.check(RULES, facts(country=None), draft(amount="50.01"))
    assert said(found) == ["warn: Meal of €50.01 is above the default cap of €50 per meal."]
    assert tr.outcome(found) == "warn"


def test_a_meal_exactly_at_the_cap_is_within_it() -> None:
    assert tr.check(RULES, facts(), draft(amount="60")) == []


def test_a_meal_in_another_currency_is_converted_before_comparing() -> None:
    # 130 USD at 0.5 EUR = 65 EUR, above Italy's 60.
    assert said(tr.check(RULES, facts(), draft(amount="130", currency="USD"))) == [
        "block: Meal of $130 (about €65) is above the cap of €60 per meal in Italy."
    ]
    # A cap in lek: 45 EUR = 4,500 ALL, above Albania's 4,000.
    assert said(tr.check(RULES, facts("AL"), draft(amount="45"))) == [
        "warn: Meal of €45 (about ALL 4,500) is above the cap of ALL 4,000 per meal in Albania."
    ]


def test_the_annual_cap_counts_every_kind_in_the_calendar_year_only() -> None:
    given = (
        tr.Given(Decimal("500"), "EUR", date(2026, 2, 1)),
        tr.Given(Decimal("250"), "EUR", date(2026, 3, 1)),
        tr.Given(Decimal("900"), "EUR", date(2025, 12, 31)),  # last year: not counted
    )
    under = tr.check(RULES, facts(given=given), draft(amount="50"))
    assert under == []  # 800: at the cap, not above
    over = tr.check(RULES, facts(given=given), draft("honorarium", amount="50.50"))
    assert said(over) == [
        "block: Prof. Ada Rowan would have received €800.50 in 2026, above the cap of "
        "€800 a year per person in Italy."
    ]


def test_the_annual_cap_converts_what_was_given_in_other_currencies() -> None:
    given = (tr.Given(Decimal("1500"), "USD", date(2026, 1, 10)),)  # 750 EUR
    assert said(tr.check(RULES, facts(country=None, given=given), draft("travel", "300"))) == [
        "approval: Prof. Ada Rowan would have received €1,050 in 2026, above the default "
        "cap of €1,000 a year per person."
    ]


def test_gifts_are_blocked_by_default_and_allowed_where_the_country_says_so() -> None:
    assert said(tr.check(RULES, facts(country=None), draft("gift", "10"))) == [
        "block: Gifts are not allowed by the default rules."
    ]
    assert said(tr.check(RULES, facts(), draft("gift", "10"))) == [
        "block: Gifts are not allowed in Italy."  # inherited from the default
    ]
    assert tr.check(RULES, facts("FI"), draft("gift", "10")) == []


def test_a_public_official_needs_approval_and_the_reason_names_their_employer() -> None:
    person = facts(employers=("department", "hospital"), employer="St. Aurel Cardiology")
    found = tr.check(RULES, person, draft())
    assert said(found) == [
        "approval: Prof. Ada Rowan is a public official: they work at a hospital "
        "(St. Aurel Cardiology)."
    ]
    assert tr.outcome(found) == "approval"
    assert said(tr.check(RULES, facts("FI", employers=("ministry",)), draft())) == [
        "warn: Prof. Ada Rowan is a public official: they work at a ministry."
    ]
    assert tr.check(RULES, facts(employers=("pharmacy_chain",)), draft()) == []


def test_a_role_in_an_open_tender_needs_approval() -> None:
    person = facts(open_tender_roles=(("LMWH anticoagulants 2028-2029", "decision_maker"),))
    assert said(tr.check(RULES, person, draft())) == [
        "approval: Prof. Ada Rowan has a role in an open tender: decision maker in "
        "“LMWH anticoagulants 2028-2029”."
    ]


def test_findings_come_strongest_first_and_block_wins() -> None:
    person = facts(employers=("hospital",), open_tender_roles=(("T", "evaluator"),))
    found = tr.check(RULES, person, draft(amount="61"))
    assert [f.level for f in found] == ["block", "approval", "approval"]
    assert tr.outcome(found) == "block"
    assert tr.outcome([]) == ""


def test_a_currency_without_a_rate_cannot_be_compared_so_it_needs_approval() -> None:
    found = tr.check(RULES, facts(), draft(amount="100", currency="CHF"))
    assert said(found) == [
        "approval: There is no exchange rate for CHF in the rules, so the caps could not "
        "be checked."
    ]


@pytest.mark.parametrize(
    ("typed", "currency", "amount"),
    [
        ("85", "EUR", "85"),
        ("85,50", "EUR", "85.50"),
        ("1 234.5", "EUR", "1234.5"),
        ("4000", "ALL", "4000"),
        ("1000", "JPY", "1000"),
    ],
)
def test_amounts_are_exact_decimals(typed: str, currency: str, amount: str) -> None:
    parsed = tr.parse_amount(typed, currency)
    assert parsed == Decimal(amount)
    assert tr.from_minor(tr.to_minor(parsed, currency), currency) == parsed


@pytest.mark.parametrize(
    ("typed", "currency", "message"),
    [
        ("", "EUR", "is not an amount"),
        ("abc", "EUR", "is not an amount"),
        ("-5", "EUR", "more than zero"),
        ("0", "EUR", "more than zero"),
        ("1.005", "EUR", "EUR has 2 decimals"),
        ("10.5", "JPY", "JPY has 0 decimals"),
        ("NaN", "EUR", "more than zero"),
        ("1e15", "EUR", "too large"),
    ],
)
def test_a_bad_amount_is_refused_naming_the_field(typed: str, currency: str, message: str) -> None:
    with pytest.raises(Invalid, match=message) as refused:
        tr.parse_amount(typed, currency)
    assert str(refused.value).startswith("amount: ")


def test_money_reads_as_people_write_it() -> None:
    assert tr.money(Decimal("85"), "EUR") == "€85"
    assert tr.money(Decimal("85.5"), "EUR") == "€85.50"
    assert tr.money(Decimal("60000"), "ALL") == "ALL 60,000"


def test_the_packaged_rules_load_and_say_they_are_examples() -> None:
    rules = tr.load(None)
    assert set(rules.countries) == {"AL", "FI", "IT", "RU", "TH"}
    assert "hospital" in rules.official_kinds
    assert "EXAMPLES" in tr.DEFAULT_TEXT
    for section in (rules.default, *rules.countries.values()):
        assert section.currency in rules.rates, section.code


def test_a_rules_file_in_home_wins_over_the_packaged_one(tmp_path: Path) -> None:
    path = tmp_path / "transfer-rules.toml"
    path.write_text('[default]\ncurrency = "EUR"\nmeal = { cap = 20, action = "block" }\n')
    rules = tr.load(path)
    assert rules.source == str(path)
    assert said(tr.check(rules, facts(), draft(amount="25"))) == [
        "block: Meal of €25 is above the default cap of €20 per meal."
    ]
    assert tr.load(tmp_path / "missing.toml").source.startswith("kamgraph/rules/transfers.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[default\n", ""),
        ('[default]\nmeal = { cap = 5, action = "shout" }', "default.meal: write"),
        ('[default]\nmeal = { action = "warn" }', "default.meal: needs a cap"),
        ("[default]\nmeal_cap = 5", "default.meal_cap: unknown setting"),
        ('[default]\ncurrency = "EURO"', "default.currency: 'EURO' is not"),
        ("[exchange_rates]\nUSD = 0", "exchange_rates.USD"),
        ('[officials]\nkinds = ["palace"]', "officials.kinds"),
        (
            '[default]\nmeal = { cap = 5, action = "warn" }\n[countries.AL]\ncurrency = "ALL"',
            "countries.AL.meal: give a cap in ALL",
        ),
        ("[countries.ITA]\n", "countries.ITA: countries are ISO two-letter codes"),
    ],
)
def test_a_mistake_in_the_rules_file_is_named(text: str, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        tr.parse(text, "test")
    assert str(refused.value).startswith(f"test: {message}".rstrip())


def test_the_last_twelve_months_start_a_year_before() -> None:
    assert tr.year_before(date(2026, 11, 30)) == date(2025, 11, 30)
    assert tr.year_before(date(2028, 2, 29)) == date(2027, 2, 28)
