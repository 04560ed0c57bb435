"""Transfer-of-value rules as data, and the check of one transfer against them (pure).

The rules come from the packaged ``kamgraph/rules/transfers.toml`` or, when it exists,
``KAMGRAPH_HOME/transfer-rules.toml`` or the file KAMGRAPH_TRANSFER_RULES names
(docs/transfers.md). :func:`check` takes the rules,
what we know of the person (their country, whether they are a public official, their roles
in open tenders, what they received this year) and the transfer, and returns findings,
each a level and a sentence a KAM and a compliance officer can read:

>>> rules = parse(DEFAULT_TEXT, "example")
>>> person = Facts("p-1", "Dr. Ada Rowan", country="IT")
>>> [str(f) for f in check(rules, person, Draft("meal", Decimal("85"), "EUR", date(2026, 5, 4)))]
["block: Meal of €85 is above Italy's cap of €60 per meal."]
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast

from kamgraph.errors import Invalid
from kamgraph.models import ORGANIZATION_KINDS

ACTIONS: Final = ("allow", "warn", "approval", "block")  # weakest first
LEVELS: Final = ("warn", "approval", "block")  # what a finding can be
RULES: Final = ("gifts", "meal", "annual", "officials", "open_tender_roles")
CAPPED: Final = ("meal", "annual")
DEFAULT_TEXT: Final = (resources.files("kamgraph") / "rules" / "transfers.toml").read_text(
    encoding="utf-8"
)


@dataclass(frozen=True)
class Rule:
    """One rule: what it does when it applies, and its cap (in the section's currency)."""

    action: str
    cap: Decimal | None = None


@dataclass(frozen=True)
class CountryRules:
    """The rules for one country (or the default), with the default's filled in."""

    code: str  # ISO 3166 alpha-2, or "default"
    name: str
    currency: str
    rules: Mapping[str, Rule]

    @property
    def owner(self) -> str:
        """Whose cap it is, in a sentence: "Italy's", "the default rules'"."""
        return f"{self.name}'s" if self.code != "default" else "the default"


@dataclass(frozen=True)
class Rules:
    """Every country's rules, the exchange rates and the kinds of public organizations."""

    default: CountryRules
    countries: Mapping[str, CountryRules]
    rates: Mapping[str, Decimal]  # euros per unit of each currency
    official_kinds: frozenset[str]
    source: str  # where they were read from

    def for_country(self, country: str | None) -> CountryRules:
        """The rules of `country`, or the default ones."""
        return self.countries.get((country or "").upper(), self.default)

    def convert(self, amount: Decimal, currency: str, to: str) -> Decimal | None:
        """`amount` in `currency` expressed in `to`; None if a rate is missing."""
        if currency == to:
            return amount
        if currency not in self.rates or to not in self.rates:
            return None
        return amount * self.rates[currency] / self.rates[to]


@dataclass(frozen=True)
class Given:
    """Something the person already received (for the annual cap)."""

    amount: Decimal
    currency: str
    date: date


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about the person a transfer goes to."""

    person_id: str
    name: str
    country: str | None = None
    employers: tuple[str, ...] = ()  # the kinds of their current organizations and parents
    employer: str | None = None  # the name of their current organization, for sentences
    open_tender_roles: tuple[tuple[str, str], ...] = ()  # (tender title, role)
    given: tuple[Given, ...] = ()  # their transfers this year that count (not rejected)


@dataclass(frozen=True)
class Draft:
    """The transfer being checked."""

    kind: str
    amount: Decimal
    currency: str
    date: date


@dataclass(frozen=True)
class Finding:
    """What one rule says about a transfer: warn, approval (needed) or block."""

    level: str
    sentence: str
    rule: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.level}: {self.sentence}"


def outcome(findings: Iterable[Finding]) -> str:
    """The strongest level among the findings ('' if there are none)."""
    levels = [f.level for f in findings]
    return max(levels, key=LEVELS.index) if levels else ""


# --- money -------------------------------------------------------------------------------


def minor_digits(currency: str) -> int:
    """How many decimals the currency has (EUR 2, JPY 0, BHD 3), per CLDR."""
    from babel.numbers import get_currency_precision  # noqa: PLC0415 - heavy; only here

    return int(get_currency_precision(currency))


def is_currency(code: str) -> bool:
    """An ISO 4217 code that CLDR knows."""
    from babel.numbers import list_currencies  # noqa: PLC0415 - heavy; only here

    return code in list_currencies()


def parse_amount(text: str, currency: str) -> Decimal:
    """A positive amount typed in a form or a command: '85', '85.50', '1 234,5'.

    Raises Invalid (naming the field) for anything else, or more decimals than the currency
    has.
    """
    cleaned = str(text).strip().replace(" ", "").replace("\u00a0", "").replace("'", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(f"amount: {text!r} is not an amount; write it like 85 or 85.50") from None
    if not amount.is_finite() or amount <= 0:
        raise Invalid(f"amount: {text!r} must be more than zero")
    digits = minor_digits(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise Invalid(f"amount: {currency} has {digits} decimals; {text!r} has more")
    if amount >= Decimal("1e12"):
        raise Invalid(f"amount: {text!r} is too large")
    return amount


def to_minor(amount: Decimal, currency: str) -> int:
    """The amount in the currency's minor units (cents), exactly: what the graph sums."""
    return int(amount.scaleb(minor_digits(currency)).to_integral_value(ROUND_HALF_EVEN))


def from_minor(minor: int, currency: str) -> Decimal:
    """The inverse of :func:`to_minor`."""
    return Decimal(minor).scaleb(-minor_digits(currency))


def money(amount: Decimal, currency: str) -> str:
    """'€85', '€85.50', 'ALL 4,000' (English, for now): no decimals when there are none."""
    from babel.numbers import get_currency_symbol  # noqa: PLC0415 - heavy; only here

    symbol = get_currency_symbol(currency, locale="en")
    whole = amount == amount.to_integral_value()
    number = f"{amount:,.0f}" if whole else f"{amount:,.{max(2, minor_digits(currency))}f}"
    return f"{symbol}{number}" if symbol != currency else f"{currency} {number}"


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February): "the last 12 months"
    are the days after it, up to `day`.

    >>> year_before(date(2028, 2, 29))
    datetime.date(2027, 2, 28)
    """
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# --- reading the rules -------------------------------------------------------------------


def load(path: str | Path | None) -> Rules:
    """The rules in force: the file at `path` if it exists (config.transfer_rules_file:
    KAMGRAPH_TRANSFER_RULES, or KAMGRAPH_HOME/transfer-rules.toml), else the packaged
    examples. A file with a mistake is refused with a message naming it and the setting."""
    if path and Path(path).is_file():
        return parse(Path(path).read_text(encoding="utf-8"), str(path))
    return parse(DEFAULT_TEXT, "kamgraph/rules/transfers.toml (the packaged examples)")


def parse(text: str, source: str) -> Rules:
    """Rules from the TOML text; Invalid naming the file and the setting on a mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise Invalid(f"{source}: {error}") from None
    where = f"{source}: "
    rates = {
        code: _decimal(value, f"{where}exchange_rates.{code}")
        for code, value in _table(data, "exchange_rates", where).items()
    }
    rates.setdefault("EUR", Decimal(1))
    for code, rate in rates.items():
        if not is_currency(code) or rate <= 0:
            raise Invalid(f"{where}exchange_rates.{code}: a currency code and a rate above 0")
    kinds: Any = _table(data, "officials", where).get("kinds", [])
    if not isinstance(kinds, list) or any(
        k not in ORGANIZATION_KINDS for k in cast(list[Any], kinds)
    ):
        raise Invalid(
            f"{where}officials.kinds: a list of organization kinds, from: "
            f"{', '.join(ORGANIZATION_KINDS)}"
        )
    default = _country("default", _table(data, "default", where), None, where)
    countries = {
        code.upper(): _country(code.upper(), section, default, where)
        for code, section in _table(data, "countries", where).items()
    }
    for code in countries:
        if len(code) != 2 or not code.isalpha():
            raise Invalid(f"{where}countries.{code}: countries are ISO two-letter codes")
    return Rules(
        default, countries, rates, frozenset(str(k) for k in cast(list[Any], kinds)), source
    )


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise Invalid(f"{where}{key}: should be a table ([{key}])")
    return dict(cast(dict[str, Any], value))


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid(f"{where}: should be a number")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise Invalid(f"{where}: should be a number") from None


def _country(
    code: str, given_section: Any, default: CountryRules | None, where: str
) -> CountryRules:
    here = f"{where}{'default' if code == 'default' else 'countries.' + code}"
    if not isinstance(given_section, dict):
        raise Invalid(f"{here}: should be a table")
    section = cast(dict[str, Any], given_section)
    known = {"name", "currency", *RULES}
    unknown = sorted(set(section) - known)
    if unknown:
        raise Invalid(f"{here}.{unknown[0]}: unknown setting; known: {', '.join(sorted(known))}")
    currency = str(section.get("currency") or (default.currency if default else "EUR"))
    if not is_currency(currency):
        raise Invalid(f"{here}.currency: {currency!r} is not an ISO 4217 currency code")
    rules: dict[str, Rule] = {}
    for name in RULES:
        given = section.get(name)
        if given is None:
            if default is None:
                rules[name] = Rule("allow")
                continue
            inherited = default.rules[name]
            cap = inherited.cap
            if cap is not None and currency != default.currency:
                raise Invalid(
                    f"{here}.{name}: give a cap in {currency} (the default's is in "
                    f"{default.currency})"
                )
            rules[name] = inherited
            continue
        if not isinstance(given, dict) or given.get("action") not in ACTIONS:
            raise Invalid(
                f'{here}.{name}: write {{ action = "warn" }}; the action is one of '
                f"{', '.join(ACTIONS)}"
            )
        setting = cast(dict[str, Any], given)
        cap = setting.get("cap")
        if name in CAPPED and cap is None and setting["action"] != "allow":
            raise Invalid(f"{here}.{name}: needs a cap (in {currency})")
        limit = None if cap is None else _decimal(cap, f"{here}.{name}.cap")
        rules[name] = Rule(str(setting["action"]), limit)
    name = str(section.get("name") or code)
    return CountryRules(code, name, currency, rules)


# --- the check ---------------------------------------------------------------------------


def check(rules: Rules, person: Facts, draft: Draft) -> list[Finding]:
    """What the rules say about giving `draft` to `person`: a finding per rule that
    applies, strongest first. No findings: record it as it is."""
    country = rules.for_country(person.country)
    found: list[Finding] = []
    what = draft.kind.replace("_", " ").capitalize()
    amount_text = money(draft.amount, draft.currency)

    def add(rule: str, sentence: str) -> None:
        action = country.rules[rule].action
        if action != "allow":
            found.append(Finding(action, sentence, rule))

    in_cap_currency = rules.convert(draft.amount, draft.currency, country.currency)
    if in_cap_currency is None:
        found.append(
            Finding(
                "approval",
                f"There is no exchange rate for {draft.currency} in "
                "the rules, so the caps could not be checked.",
                "rates",
            )
        )
    if draft.kind == "gift":
        where = f"in {country.name}" if country.code != "default" else "by the default rules"
        verb = "are not allowed" if country.rules["gifts"].action == "block" else "need care"
        add("gifts", f"Gifts {verb} {where}.")
    meal = country.rules["meal"]
    over = meal.cap is not None and in_cap_currency is not None and in_cap_currency > meal.cap
    if draft.kind == "meal" and meal.cap is not None and in_cap_currency is not None and over:
        converted = _converted(in_cap_currency, draft, country)
        cap = money(meal.cap, country.currency)
        add(
            "meal",
            f"{what} of {amount_text}{converted} is above {country.owner} cap of {cap} per meal.",
        )
    annual = country.rules["annual"]
    if annual.cap is not None and in_cap_currency is not None:
        before = _year_total(rules, person, draft, country.currency)
        if before is not None and before + in_cap_currency > annual.cap:
            add(
                "annual",
                f"{person.name} would have received "
                f"{money(_rounded(before + in_cap_currency), country.currency)} in "
                f"{draft.date.year}, above {country.owner} cap of "
                f"{money(annual.cap, country.currency)} a year per person.",
            )
    official = [kind for kind in person.employers if kind in rules.official_kinds]
    if official:
        at = f" ({person.employer})" if person.employer else ""
        add(
            "officials",
            f"{person.name} is a public official: they work at a "
            f"{official[0].replace('_', ' ')}{at}.",
        )
    if person.open_tender_roles:
        roles = "; ".join(
            f"{role.replace('_', ' ')} in “{title}”" for title, role in person.open_tender_roles
        )
        add("open_tender_roles", f"{person.name} has a role in an open tender: {roles}.")
    return sorted(found, key=lambda f: -LEVELS.index(f.level))


def _year_total(rules: Rules, person: Facts, draft: Draft, currency: str) -> Decimal | None:
    """What the person received in the draft's calendar year, in `currency`."""
    total = Decimal(0)
    for given in person.given:
        if given.date.year != draft.date.year:
            continue
        converted = rules.convert(given.amount, given.currency, currency)
        if converted is None:
            return None
        total += converted
    return total


def _rounded(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), ROUND_HALF_EVEN)


def _converted(amount: Decimal, draft: Draft, country: CountryRules) -> str:
    """' (about €91)' when the transfer was in another currency than the cap."""
    if draft.currency == country.currency:
        return ""
    return f" (about {money(_rounded(amount), country.currency)})"
