"""The web app's languages: which locale a request speaks, and its dates, numbers and money.

A request speaks the signed-in user's language (set on their account, or by
`kamgraph user add --lang`), else the one chosen with the header's switch, else the best of
the browser's `Accept-Language` among `models.LOCALES`, else English. Messages come from
the gettext catalogues in `kamgraph/translations/` (Flask-Babel; `scripts/i18n.sh`), and the
templates format through the filters registered here, never `strftime`:

- `day` and `moment`: a date, a date and time, in the locale's words and order, and in the
  Buddhist era for a user who chose that calendar (2569 for 2026); `as_of` for an
  analysis' time, `ordinal` for a rank;
- `number`, `money`, `percent`: Babel's decimal, currency and percent formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import flask_babel
from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_time,
    get_date_format,
    tokenize_pattern,
    untokenize_pattern,  # pyright: ignore[reportUnknownVariableType]
)
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent, get_decimal_symbol
from flask import Flask, g, request, session
from flask_babel import Babel, get_locale

from kamgraph import clock, terms
from kamgraph.errors import KamgraphError
from kamgraph.i18n import N_, Country, Message, Money, Percent, Sentences, Term
from kamgraph.models import CALENDARS, LOCALES, Birthday, User

if TYPE_CHECKING:  # the analyses (NetworkX) are not loaded for a type
    from kamgraph.analytics.paths import Hop

TRANSLATIONS: Final = Path(__file__).parent / "translations"

# Each language in its own words, for the switch in the header.
LANGUAGE_NAMES: Final = {
    "en": "English",
    "sq": "Shqip",
    "fi": "Suomi",
    "it": "Italiano",
    "ru": "Русский",
    "th": "ไทย",
}
BUDDHIST_OFFSET: Final = 543  # the Buddhist era's year is the Gregorian year plus 543
BUDDHIST_ERA: Final = {"th": "พ.ศ."}  # the era's name where a format spells it (else "BE")
SESSION_KEY: Final = "lang"  # the header switch's choice, for a visitor not signed in


def gettext(message: str, /, **values: Any) -> str:
    """`message` in the request's language, with `%(name)s` filled from `values`."""
    return str(flask_babel.gettext(message, **values))  # pyright: ignore[reportUnknownMemberType]


def ngettext(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The plural form `count` takes in the request's language (`%(num)d` is `count`)."""
    return str(flask_babel.ngettext(singular, plural, count, **values))  # pyright: ignore[reportUnknownMemberType]


def pgettext(context: str, message: str, /, **values: Any) -> str:
    """`message` in the request's language, as meant in `context`."""
    return str(flask_babel.pgettext(context, message, **values))  # pyright: ignore[reportUnknownMemberType]


def term(code: str | None, group: str) -> str:
    """The reader's word for a coded value: `{{ r.stance | term('stance') }}`
    (kamgraph.terms)."""
    english = terms.english(group, code)
    return pgettext(group, english) if english else ""


def said(text: object) -> str:
    """A message in the reader's language: a `kamgraph.i18n.Message` or a domain error
    translated and filled, its values said in the reader's words too; any other text as
    it is (`{{ errors.get(name) | said }}`)."""
    if isinstance(text, Message):
        return _filled(text.template, text.values)
    if isinstance(text, KamgraphError):
        return translated(text)
    return "" if text is None else str(_value(text))


def translated(error: KamgraphError) -> str:
    """A domain error's line in the reader's language (its English if not in a catalogue)."""
    if not error.message:
        return str(error)
    return _filled(error.message, error.values)


def _filled(template: str, values: Mapping[str, object]) -> str:
    if not values:
        return gettext(template)
    return gettext(template, **{name: _value(v) for name, v in values.items()})


def _value(value: object) -> object:
    """A message's value in the reader's language: money, countries, coded values, lists
    and sentences; names and numbers as they are."""
    if isinstance(value, Message):
        return said(value)
    if isinstance(value, Sentences):
        return " ".join(said(v) for v in value)
    if isinstance(value, tuple):
        listed = cast(tuple[object, ...], value)
        return format_list([str(_value(v)) for v in listed], locale=_locale())
    return _word(value)


def _word(value: object) -> object:
    if isinstance(value, Money):
        return _money_value(value)
    if isinstance(value, Country):
        territories = cast(Mapping[str, str], _locale().territories)
        return territories.get(value.code, value.name)
    if isinstance(value, Term):
        return term(value.code, value.group)
    if isinstance(value, Percent):
        return format_percent(value.share, "#,##0.0%", locale=_locale())
    return value


def _money_value(value: Money) -> str:
    """An amount as the locale writes money, without decimals when it has none ("85 €")."""
    locale = _locale()
    if value.amount != value.amount.to_integral_value():
        return format_currency(value.amount, value.currency, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(
        value.amount, value.currency, pattern, locale=locale, currency_digits=False
    )


def lazy_gettext(message: str, /) -> str:
    """`message`, translated when it is shown (for labels made before any request)."""
    return cast(str, flask_babel.lazy_gettext(message))  # pyright: ignore[reportUnknownMemberType]


def init_app(app: Flask) -> None:
    """Flask-Babel with our catalogues and locale choice, and the formatting filters."""
    Babel(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(TRANSLATIONS),
    )
    filters: dict[str, Callable[..., str]] = {
        "day": day,
        "moment": moment,
        "number": number,
        "money": money,
        "percent": percent,
        "as_of": as_of,
        "ordinal": ordinal,
        "term": term,
        "said": said,
        "group_label": group_label,
    }
    for name, format_filter in filters.items():
        app.jinja_env.filters[name] = format_filter
    app.context_processor(_template_values)


def _signed_in_user() -> User | None:
    """The signed-in user if this request has loaded them (never a query of its own: an
    error page while Neo4j is down must not ask it)."""
    loaded = g.get("_login_user")
    return getattr(loaded, "user", None)


def select_locale() -> str:
    """The locale this request speaks (see the module's docstring)."""
    user = _signed_in_user()
    if user is not None and user.lang in LOCALES:
        return user.lang
    chosen = session.get(SESSION_KEY)
    if chosen in LOCALES:
        return str(chosen)
    return request.accept_languages.best_match(LOCALES) or "en"


def language() -> str:
    """The language this request speaks ("en", "th"...)."""
    return _locale().language


def speaking(lang: str) -> AbstractContextManager[None]:
    """Within it, gettext and the filters speak `lang` (a letter in its reader's language)."""
    return cast(AbstractContextManager[None], flask_babel.force_locale(lang))  # pyright: ignore[reportUnknownMemberType]


def language_of(countries: Sequence[str]) -> str | None:
    """The first of our languages spoken in one of `countries` (ISO 3166 codes), by CLDR's
    likely subtags: "IT" -> "it", "AL" -> "sq"; None when none is ours.

    >>> language_of(["DE", "AL"]), language_of(["US"])
    ('sq', None)
    """
    for country in countries:
        try:
            spoken = Locale.parse(f"und_{country.upper()}").language
        except (ValueError, UnknownLocaleError):
            continue
        if spoken in LOCALES and spoken != "en":
            return spoken
    return None


def _locale() -> Locale:
    """The request's locale for formatting; English writes dates the British way, day
    first ("12 Mar 2026"), as our European teams do."""
    locale = get_locale() or Locale("en")
    return Locale("en", "GB") if str(locale) == "en" else locale


def _buddhist() -> bool:
    user = _signed_in_user()
    return user is not None and user.calendar == CALENDARS[1]


# Babel's own formats, and ours by CLDR skeleton (this year's dates without the year, older
# or later ones with it): "list" is a day in a list ("Wed 2 Dec"), "day" a day in a sentence.
DateFormat = Literal["short", "medium", "long", "full", "list", "day", "birthday"]
SKELETONS: Final = {
    "list": ("MMMEd", "yMMMEd"),
    "day": ("MMMd", "yMMMd"),
    "birthday": ("MMMMd", "yMMMMd"),
}


def day(value: date | datetime | None, fmt: DateFormat = "list") -> str:
    """A date in the reader's language, in the Buddhist era if she chose it; "" for none.

    `fmt`: "list" ("Wed 2 Dec", with the year unless it is this year's, so an old overdue
    step says how old it is), "day" ("2 Dec"), or Babel's short, medium, long and full.
    """
    if value is None:
        return ""
    on = value.date() if isinstance(value, datetime) else value
    return format_day(on, fmt, _locale(), buddhist=_buddhist(), this_year=clock.today().year)


def format_day(
    value: date, fmt: DateFormat, locale: Locale, *, buddhist: bool, this_year: int = 0
) -> str:
    """`value` in `locale`'s `fmt` pattern; with `buddhist`, the year of the Buddhist era.

    >>> format_day(date(2026, 3, 12), "long", Locale("th"), buddhist=True)
    '12 มีนาคม พ.ศ. 2569'
    >>> format_day(date(2026, 3, 12), "long", Locale("it"), buddhist=False)
    '12 marzo 2026'
    >>> format_day(date(2026, 12, 2), "list", Locale("en", "GB"), buddhist=False, this_year=2026)
    'Wed 2 Dec'
    """
    if fmt in ("short", "medium", "long", "full"):
        pattern = str(get_date_format(fmt, locale=locale))
    else:
        this, other = SKELETONS[fmt]
        pattern = str(locale.datetime_skeletons[this if value.year == this_year else other])
    if buddhist:
        pattern = _buddhist_pattern(pattern, value, locale)
    return format_date(value, pattern, locale=locale)


def _buddhist_pattern(pattern: str, value: date, locale: Locale) -> str:
    """`pattern` with its year and era written out for the Buddhist era."""
    era = BUDDHIST_ERA.get(locale.language, "BE")
    tokens: list[tuple[str, Any]] = []
    for kind, token in tokenize_pattern(pattern):
        if kind == "field" and token[0] in "yY":
            tokens.append(("chars", str(value.year + BUDDHIST_OFFSET)))
        elif kind == "field" and token[0] == "G":
            tokens.append(("chars", era))
        else:
            tokens.append((kind, token))
    return str(untokenize_pattern(tokens))  # pyright: ignore[reportUnknownArgumentType]


def moment(value: datetime | None, fmt: DateFormat = "medium") -> str:
    """A date and time of day (UTC, as stored) in the reader's language."""
    if value is None:
        return ""
    return f"{day(value, fmt)} {format_time(value, 'HH:mm', locale=_locale())}"


def birthday_text(birthday: Birthday | None) -> str:
    """A birthday as the reader's language writes it: "12 March 1961", or "12 March" when
    the year is unknown."""
    if birthday is None:
        return ""
    on = date(birthday.year or 2000, birthday.month, birthday.day)  # 2000: 29 Feb exists
    this_year = 0 if birthday.year else on.year
    return format_day(on, "birthday", _locale(), buddhist=_buddhist(), this_year=this_year)


def days_until(days: int) -> str:
    """ "today", "tomorrow", "in 5 days", in the reader's language."""
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("tomorrow")
    return ngettext("in %(num)d day", "in %(num)d days", days)


def days_ago(days: int) -> str:
    """ "today", "yesterday", "12 days ago", in the reader's language."""
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("yesterday")
    return ngettext("%(num)d day ago", "%(num)d days ago", days)


def hop_words(hop: Hop, names: Mapping[str, str]) -> str:
    """A warm path's step in the reader's language: "Ada knows Tom (friend, strength 0.8)"
    (`names`: the people of the path by id)."""
    tie = hop.tie
    if tie is None:
        return hop.how
    words: dict[str, Any] = {
        "a": names.get(hop.source, hop.source),
        "b": names.get(hop.target, hop.target),
        "value": number(tie.value, 2) if tie.value is not None else None,
        "stage": term(tie.kind, "ladder stage"),
        "kind": term(tie.kind, "acquaintance"),
    }
    weighed = words["value"] is not None
    if tie.type == "COVERS":
        said = N_("%(a)s covers %(b)s (%(stage)s)")
    elif tie.type == "KNOWS":
        said = (
            N_("%(a)s knows %(b)s (%(kind)s, strength %(value)s)")
            if weighed
            else N_("%(a)s knows %(b)s (%(kind)s)")
        )
    elif tie.type == "REPORTS_TO":
        said = N_("%(a)s reports to %(b)s")
    else:
        said = (
            N_("%(a)s influences %(b)s (weight %(value)s)")
            if weighed
            else N_("%(a)s influences %(b)s")
        )
    return gettext(said, **words)


def group_label(label: str | None) -> str:
    """A stored group's label ("St. Aurel Hospital / Cardiology · decision_maker,
    evaluator"), its tender roles in the reader's words."""
    if not label:
        return ""
    orgs, _, roles = label.partition(" · ")
    if orgs == "no organization":
        orgs = gettext("no organization")
    if not roles:
        return orgs
    worded = ", ".join(term(r.strip(), "tender role") for r in roles.split(","))
    return f"{orgs} · {worded}"


def as_of(stamp: str | None) -> str:
    """An analysis' time for a page: "as of 30 Nov 10:42 UTC" ('' when unknown)."""
    if not stamp:
        return ""
    when = datetime.fromisoformat(stamp).astimezone(UTC)
    return gettext("as of %(when)s UTC", when=moment(when, "day"))


def ordinal(n: int) -> str:
    """A rank: "3rd" in English, the locale's number with its ordinal mark elsewhere
    ("3." in Finnish, "3º" in Italian...), from the catalogue's "%(n)s." entry."""
    if _locale().language == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{number(n)}{suffix}"
    return gettext("%(n)s.", n=number(n))


def number(value: float | int | Decimal | None, digits: int = 0) -> str:
    """A number with the locale's decimal sign and grouping, to `digits` decimals."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=_locale())


def money(amount: Decimal | float | None, currency: str) -> str:
    """An amount in `currency` as the locale writes money ("1 234,50 €")."""
    if amount is None:
        return ""
    return format_currency(amount, currency, locale=_locale())


def percent(value: float | None) -> str:
    """A share (0.42) as the locale writes a percentage ("42 %")."""
    return "" if value is None else format_percent(value, locale=_locale())


def csv_delimiter() -> str:
    """';' where the reader's language writes decimals with a comma (so a spreadsheet opens
    the file in columns), else ','."""
    return ";" if get_decimal_symbol(_locale()) == "," else ","


def _template_values() -> dict[str, Any]:
    locale = _locale()
    return {
        "birthday_text": birthday_text,
        "hop_words": hop_words,
        "days_until": days_until,
        "days_ago": days_ago,
        "lang": locale.language,
        "text_direction": locale.text_direction,
        "languages": LANGUAGE_NAMES,
    }
