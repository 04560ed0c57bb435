"""Marking text for translation outside a request: the base layer's half of gettext.

Services, rules and models know no request and no language, so they mark their words with
`N_` (or `NP_` with a context) and hand them on in English; the web app translates them
when a page shows them (kamgraph/web_i18n.py), and the command line prints them as they are.
`pybabel extract` (scripts/i18n.sh) collects both markers into the catalogues.

A message with values keeps them apart, `N_("due %(day)s")` with `day=...`, so a
translation can put them where its grammar wants them; `KamgraphError` carries them so
(kamgraph/errors.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is translated when shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark `message` for the catalogue under `context`; it is translated when shown."""
    del context
    return message


class Message(str):
    """English text that remembers how it was made, so that a page can say it in the
    reader's language: `Message(N_("%(value)s is not a date"), value="'31.2.'")` is the str
    "'31.2.' is not a date" everywhere (the command line, the log, a test), and the web
    app's `said` filter translates its `template` and fills in its `values`."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        english = {name: _english(value) for name, value in values.items()}
        made = super().__new__(cls, template % english if values else template)
        made.template = template
        made.values = values
        return made


# --- values a page says in the reader's language -----------------------------------------
# A Message's values are usually names and numbers, shown as they are. These three are
# written in English by str() (the command line, the log, the stored record) and in the
# reader's language by the web app's `said` filter.


@dataclass(frozen=True)
class Money:
    """An amount of money: "€85", "ALL 4,000" in English, "85 €" for a Finnish reader."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        from babel.numbers import get_currency_precision, get_currency_symbol  # noqa: PLC0415

        symbol = get_currency_symbol(self.currency, locale="en")
        whole = self.amount == self.amount.to_integral_value()
        digits = max(2, get_currency_precision(self.currency))
        number = f"{self.amount:,.0f}" if whole else f"{self.amount:,.{digits}f}"
        return f"{symbol}{number}" if symbol != self.currency else f"{self.currency} {number}"


@dataclass(frozen=True)
class Country:
    """A country by its ISO 3166 code, named in English here (`name`) and by CLDR in the
    reader's language."""

    code: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Term:
    """A coded value ("decision_maker" of the group "tender role", kamgraph.terms), with
    its English word; a page says the reader's word (`kamgraph.terms.word` makes one)."""

    group: str
    code: str
    english: str

    def __str__(self) -> str:
        return self.english


@dataclass(frozen=True)
class Percent:
    """A share (0.793) said as a percentage with one decimal: "79.3%" in English, "79,3 %"
    for a Finnish reader."""

    share: float

    def __str__(self) -> str:
        return f"{self.share:.1%}"


class Sentences(tuple[str, ...]):
    """Whole sentences said one after the other ("Gifts are not allowed. Meal of ...")."""

    __slots__ = ()


def _english(value: object) -> object:
    """A value as the English line shows it: a tuple as a list ("a, b and c")."""
    if isinstance(value, Sentences):
        return " ".join(value)
    if isinstance(value, tuple):
        from babel.lists import format_list  # noqa: PLC0415 - heavy; only here

        return format_list([str(v) for v in cast(tuple[object, ...], value)], locale="en")
    return value


# --- a message kept in the database ------------------------------------------------------
# A transfer's findings are evidence: stored as they were said, and shown later in whoever
# reads them's language. Stored as JSON, the template and its typed values.


def stored(message: Message) -> str:
    """`message` as a stored string: its template and values, as JSON.

    >>> stored(Message(N_("No gifts in %(country)s."), country=Country("IT", "Italy")))
    '{"said": "No gifts in %(country)s.", "values": {"country": {"country": ["IT", "Italy"]}}}'
    """
    return json.dumps(_stored_message(message), ensure_ascii=False)


def restored(text: str) -> str:
    """A string :func:`stored` wrote, as its Message again; any other text as it is (a
    record older than stored messages).

    >>> meal = Message(N_("Meal of %(amount)s."), amount=Money(Decimal("85"), "EUR"))
    >>> said = restored(stored(meal))
    >>> said, said.template
    ('Meal of €85.', 'Meal of %(amount)s.')
    """
    if not text.startswith('{"said": '):
        return text
    try:
        return _restored_message(json.loads(text))
    except (ValueError, KeyError, TypeError):
        return text


# The typed values a stored message may hold: their tag, and how they are written and read.
_TYPED: dict[str, tuple[type, Callable[[Any], list[str]], Callable[[list[str]], object]]] = {
    "money": (Money, lambda m: [str(m.amount), m.currency], lambda d: Money(Decimal(d[0]), d[1])),
    "country": (Country, lambda c: [c.code, c.name], lambda d: Country(d[0], d[1])),
    "term": (Term, lambda t: [t.group, t.code, t.english], lambda d: Term(d[0], d[1], d[2])),
}


def _stored_message(message: Message) -> dict[str, object]:
    values = {name: _stored_value(v) for name, v in message.values.items()}
    return {"said": message.template, "values": values}


def _stored_value(value: object) -> object:
    if isinstance(value, Message):
        return {"message": _stored_message(value)}
    if isinstance(value, tuple):
        listed = [_stored_value(v) for v in cast(tuple[object, ...], value)]
        return {"sentences" if isinstance(value, Sentences) else "list": listed}
    for tag, (kind, written, _) in _TYPED.items():
        if isinstance(value, kind):
            return {tag: written(value)}
    return value if isinstance(value, int | float | str) else str(value)


def _restored_message(found: dict[str, Any]) -> Message:
    values = {name: _restored_value(v) for name, v in dict(found["values"]).items()}
    return Message(str(found["said"]), **values)


def _restored_value(value: object) -> object:
    if not isinstance(value, dict):
        return value
    ((tag, data),) = cast(dict[str, Any], value).items()
    if tag == "message":
        return _restored_message(data)
    if tag in _TYPED:
        return _TYPED[tag][2]([str(d) for d in data])
    listed = tuple(_restored_value(v) for v in data)
    if tag == "sentences":  # each a Message (a str) again
        return Sentences(v for v in listed if isinstance(v, str))
    return listed
