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
['block: Meal of €85 is above the cap of €60 per meal in Italy.']
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

from kamgraph.errors import FieldInvalid, Invalid
from kamgraph.i18n import N_, Country, Message, Money
from kamgraph.models import ORGANIZATION_KINDS
from kamgraph.terms import word

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
    sentence: Message  # English as a str; the reader's language on a page
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
        raise FieldInvalid(
            "amount", N_("%(value)s is not an amount; write it like 85 or 85.50."), value=repr(text)
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise FieldInvalid("amount", N_("%(value)s must be more than zero."), value=repr(text))
    digits = minor_digits(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise FieldInvalid(
            "amount",
            N_("%(currency)s has %(digits)s decimals; %(value)s has more."),
            currency=currency,
            digits=digits,
            value=repr(text),
        )
    if amount >= Decimal("1e12"):
        raise FieldInvalid("amount", N_("%(value)s is too large."), value=repr(text))
    return amount


def to_minor(amount: Decimal, currency: str) -> int:
    """The amount in the currency's minor units (cents), exactly: what the graph sums."""
    return int(amount.scaleb(minor_digits(currency)).to_integral_value(ROUND_HALF_EVEN))


def from_minor(minor: int, currency: str) -> Decimal:
    """The inverse of :func:`to_minor`."""
    return Decimal(minor).scaleb(-minor_digits(currency))


def money(amount: Decimal, currency: str) -> str:
    """'€85', '€85.50', 'ALL 4,000' in English: no decimals when there are none."""
    return str(Money(amount, currency))


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
    here = Country(country.code, country.name) if country.code != "default" else None
    in_cap_currency = rules.convert(draft.amount, draft.currency, country.currency)
    found: list[Finding] = []
    if in_cap_currency is None:
        said = N_(
            "There is no exchange rate for %(currency)s in the rules, so the caps could not "
            "be checked."
        )
        found.append(Finding("approval", Message(said, currency=draft.currency), "rates"))
    sentences = {
        "gifts": _gifts(country, here) if draft.kind == "gift" else None,
        "meal": _meal(country, here, draft, in_cap_currency),
        "annual": _annual(rules, country, here, person, draft, in_cap_currency),
        "officials": _official(rules, person),
        "open_tender_roles": _tender_roles(person),
    }
    for rule, sentence in sentences.items():
        action = country.rules[rule].action
        if sentence is not None and action != "allow":
            found.append(Finding(action, sentence, rule))
    return sorted(found, key=lambda f: -LEVELS.index(f.level))


def _where(here: Country | None, **values: object) -> dict[str, object]:
    """A sentence's values, with the country when the rules are a country's."""
    return {**values, "country": here} if here else values


def _gifts(country: CountryRules, here: Country | None) -> Message:
    blocked = country.rules["gifts"].action == "block"
    if here is None:
        if blocked:
            return Message(N_("Gifts are not allowed by the default rules."))
        return Message(N_("Gifts need care by the default rules."))
    if blocked:
        return Message(N_("Gifts are not allowed in %(country)s."), country=here)
    return Message(N_("Gifts need care in %(country)s."), country=here)


def _meal(
    country: CountryRules, here: Country | None, draft: Draft, in_cap_currency: Decimal | None
) -> Message | None:
    cap = country.rules["meal"].cap
    if draft.kind != "meal" or cap is None or in_cap_currency is None or in_cap_currency <= cap:
        return None
    values = _where(
        here, amount=Money(draft.amount, draft.currency), cap=Money(cap, country.currency)
    )
    if draft.currency == country.currency:
        if here is None:
            return Message(
                N_("Meal of %(amount)s is above the default cap of %(cap)s per meal."), **values
            )
        return Message(
            N_("Meal of %(amount)s is above the cap of %(cap)s per meal in %(country)s."), **values
        )
    values["about"] = Money(_rounded(in_cap_currency), country.currency)
    if here is None:
        said = N_(
            "Meal of %(amount)s (about %(about)s) is above the default cap of %(cap)s per meal."
        )
    else:
        said = N_(
            "Meal of %(amount)s (about %(about)s) is above the cap of %(cap)s per meal in "
            "%(country)s."
        )
    return Message(said, **values)


def _annual(
    rules: Rules,
    country: CountryRules,
    here: Country | None,
    person: Facts,
    draft: Draft,
    in_cap_currency: Decimal | None,
) -> Message | None:
    cap = country.rules["annual"].cap
    if cap is None or in_cap_currency is None:
        return None
    before = _year_total(rules, person, draft, country.currency)
    if before is None or before + in_cap_currency <= cap:
        return None
    values = _where(
        here,
        name=person.name,
        total=Money(_rounded(before + in_cap_currency), country.currency),
        year=str(draft.date.year),
        cap=Money(cap, country.currency),
    )
    if here is None:
        said = N_(
            "%(name)s would have received %(total)s in %(year)s, above the default cap of "
            "%(cap)s a year per person."
        )
    else:
        said = N_(
            "%(name)s would have received %(total)s in %(year)s, above the cap of %(cap)s a "
            "year per person in %(country)s."
        )
    return Message(said, **values)


def _official(rules: Rules, person: Facts) -> Message | None:
    official = [kind for kind in person.employers if kind in rules.official_kinds]
    if not official:
        return None
    kind = word("organization kind", official[0])
    if person.employer:
        said = N_("%(name)s is a public official: they work at a %(kind)s (%(employer)s).")
        return Message(said, name=person.name, kind=kind, employer=person.employer)
    return Message(
        N_("%(name)s is a public official: they work at a %(kind)s."), name=person.name, kind=kind
    )


def _tender_roles(person: Facts) -> Message | None:
    if not person.open_tender_roles:
        return None
    roles = tuple(
        Message(N_("%(role)s in “%(title)s”"), role=word("tender role", role), title=title)
        for title, role in person.open_tender_roles
    )
    return Message(
        N_("%(name)s has a role in an open tender: %(roles)s."), name=person.name, roles=roles
    )


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
