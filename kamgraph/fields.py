"""Cell parsers: text from CSV, XLSX or JSON to typed values, with messages a user can act on."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, cast

from kamgraph.i18n import N_, Message
from kamgraph.models import Birthday

LIST_SEPARATOR = ";"


class CellError(ValueError):
    """A cell's value is unusable; the message says why and what would work. It is a
    `Message`: marked English with its values apart, which a page translates."""

    def __init__(self, template: str, /, **values: object) -> None:
        self.message = Message(template, **values)
        super().__init__(self.message)


# OWASP's CSV injection rule: a spreadsheet runs a cell that starts with one of these as a
# formula. Exports put a ' in front; imports take one off, so a round trip is exact.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralised(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: "=HYPERLINK(..)" becomes "'=HYPERLINK(..)".

    Cells already starting with quotes before such a character get one more, so that
    :func:`restored` gives back exactly what was written.

    >>> neutralised("=1+1"), neutralised("'=1+1"), neutralised("'t Hooft")
    ("'=1+1", "''=1+1", "'t Hooft")
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def restored(cell: Any) -> Any:
    """The value :func:`neutralised` was given (other values pass unchanged).

    >>> restored("'=1+1"), restored("''=1+1"), restored("'t Hooft"), restored(5)
    ('=1+1', "'=1+1", "'t Hooft", 5)
    """
    if isinstance(cell, str) and cell.startswith("'") and _FORMULA.match(cell[1:]):
        return cell[1:]
    return cell


def is_blank(value: Any) -> bool:
    """Empty cell: None, '' or only spaces (and an empty list, from JSON)."""
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


# Longest cell, in characters. Names, titles and ids are indexed, and Neo4j refuses an
# indexed value over about 8 kB, so short text stays well under that; long text (notes,
# evidence, specifications) is never indexed that way.
MAX_TEXT = 1_000
MAX_LONG_TEXT = 20_000
MAX_ID = 100
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _checked(value: Any, limit: int) -> str:
    if isinstance(value, dict | list | tuple | set):
        raise CellError(N_("a list or an object where one value belongs"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    if len(result) > limit:
        raise CellError(
            N_("too long: %(count)s characters, at most %(limit)s"),
            count=f"{len(result):,}",
            limit=f"{limit:,}",
        )
    try:
        result.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate: half of an emoji or of a rare character, cut by a bad copy.
        raise CellError(N_("holds a broken character (half of an emoji?); retype it")) from None
    return result


def text(value: Any) -> str:
    """A trimmed string of at most MAX_TEXT characters (numbers from XLSX become text)."""
    return _checked(value, MAX_TEXT)


def long_text(value: Any) -> str:
    """Notes and other prose: a trimmed string of at most MAX_LONG_TEXT characters."""
    return _checked(value, MAX_LONG_TEXT)


def ident(value: Any) -> str:
    """A record id: letters, digits, '-', '_' and '.', at most MAX_ID characters.

    Ids appear in URLs and file names, so nothing else is allowed (no '/', '<' or spaces).
    """
    raw = _checked(value, MAX_TEXT)
    if len(raw) > MAX_ID or not _ID.fullmatch(raw):
        raise CellError(
            N_(
                "%(value)s is not a usable id: use letters, digits, '-', '_' and '.' "
                "(at most %(limit)s, starting with a letter or digit)"
            ),
            value=repr(raw[:40]),
            limit=MAX_ID,
        )
    return raw


def integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(N_("%(value)s is not a whole number"), value=repr(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    cleaned = text(value).replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise CellError(N_("%(value)s is not a whole number"), value=repr(text(value)))
    return int(cleaned)


def number(value: Any) -> float:
    """A decimal number; '1 234,5' and '1234.5' both work."""
    if isinstance(value, bool):
        raise CellError(N_("%(value)s is not a number"), value=repr(value))
    if isinstance(value, int | float):
        return float(value)
    cleaned = text(value).replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise CellError(N_("%(value)s is not a number"), value=repr(text(value))) from None


def country(value: Any) -> str:
    """An ISO 3166 two-letter country code, upper case: 'it' and 'IT' both give 'IT'.

    >>> country(" fi ")
    'FI'
    """
    raw = text(value).upper()
    if not re.fullmatch(r"[A-Z]{2}", raw) or raw not in _countries():
        raise CellError(
            N_("%(value)s is not a two-letter country code (ISO 3166), e.g. IT, FI, AL, RU, TH"),
            value=repr(text(value)[:40]),
        )
    return raw


def _countries() -> frozenset[str]:
    from babel import Locale  # noqa: PLC0415 - only an import with a country column needs it

    return frozenset(c for c in Locale("en").territories if isinstance(c, str) and c.isalpha())


def fraction(value: Any) -> float:
    """A strength or weight between 0 and 1."""
    result = number(value)
    if not 0.0 <= result <= 1.0:
        raise CellError(N_("%(value)s is outside 0..1"), value=f"{result:g}")
    return result


_TRUE = {"true", "yes", "y", "1", "x", "ja", "oui", "да"}
_FALSE = {"false", "no", "n", "0", "nein", "non", "нет"}


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(N_("%(value)s is not yes/no (use true or false)"), value=repr(text(value)))


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_EU_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def day(value: Any) -> date:
    """A date: ISO 2026-12-31 or European 31.12.2026 (XLSX dates pass through)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    iso, eu = _ISO_DATE.fullmatch(raw), _EU_DATE.fullmatch(raw)
    parts = (int(iso[1]), int(iso[2]), int(iso[3])) if iso else None
    parts = (int(eu[3]), int(eu[2]), int(eu[1])) if eu else parts
    if parts is not None:
        try:
            return date(*parts)
        except ValueError:
            raise _not_real(raw, parts[1], parts[2], birthday=False) from None
    raise CellError(N_("%(value)s is not a date (use 31.12.2026 or 2026-12-31)"), value=repr(raw))


def timestamp(value: Any) -> datetime:
    """A moment, stored in UTC to the second: ISO 8601, or a date (midnight UTC)."""
    if isinstance(value, datetime):
        moment = value
    else:
        raw = text(value).replace("Z", "+00:00")
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            moment = datetime.combine(day(raw), datetime.min.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


# Why a date that reads as one does not exist, for a date and a birthday: no such month,
# or no such day in it.
_NO_MONTH = {
    False: N_("%(value)s is not a real date: there is no month %(month)s"),
    True: N_("%(value)s is not a real birthday: there is no month %(month)s"),
}
_NO_DAY = {
    False: N_("%(value)s is not a real date: that month has no day %(day)s"),
    True: N_("%(value)s is not a real birthday: that month has no day %(day)s"),
}


def _not_real(raw: str, month: int, day: int, *, birthday: bool) -> CellError:
    if not 1 <= month <= 12:
        return CellError(_NO_MONTH[birthday], value=repr(raw), month=month)
    return CellError(_NO_DAY[birthday], value=repr(raw), day=day)


_BIRTHDAY_EU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})?")
_BIRTHDAY_NO_YEAR = re.compile(r"--(\d{1,2})-(\d{1,2})")


def birthday(value: Any) -> Birthday:
    """A birthday with an optional year: 31.12.1965, 1965-12-31, 31.12. or --12-31."""
    if isinstance(value, date):
        return Birthday(value.month, value.day, value.year)
    raw = text(value)
    iso, eu, bare = (
        _ISO_DATE.fullmatch(raw),
        _BIRTHDAY_EU.fullmatch(raw),
        _BIRTHDAY_NO_YEAR.fullmatch(raw),
    )
    parts = (int(iso[2]), int(iso[3]), int(iso[1])) if iso else None
    parts = (int(eu[2]), int(eu[1]), int(eu[3]) if eu[3] else None) if eu else parts
    parts = (int(bare[1]), int(bare[2]), None) if bare else parts
    if parts is not None:
        try:
            return Birthday(*parts)
        except ValueError:
            raise _not_real(raw, parts[0], parts[1], birthday=True) from None
    raise CellError(
        N_("%(value)s is not a birthday (use 31.12.1965, or 31.12. without the year)"),
        value=repr(raw),
    )


def items(value: Any) -> tuple[str, ...]:
    """A list: 'sailing; opera' in a cell, or a JSON array."""
    parts: Iterable[Any] = (
        cast(Iterable[Any], value)
        if isinstance(value, list | tuple)
        else text(value).split(LIST_SEPARATOR)
    )
    found = tuple(text(part) for part in parts if not is_blank(part))
    if sum(len(part) for part in found) > MAX_LONG_TEXT:
        raise CellError(
            N_("too long: more than %(limit)s characters in all"), limit=f"{MAX_LONG_TEXT:,}"
        )
    return found


def _normal(word: str) -> str:
    return word.strip().lower().replace(" ", "_").replace("-", "_")


def choice(value: Any, choices: tuple[str, ...]) -> str:
    """One of `choices`, ignoring case, spaces and hyphens; misspellings get a suggestion."""
    raw = text(value)
    by_normal = {_normal(c): c for c in choices}
    word = _normal(raw)
    if word in by_normal:
        return by_normal[word]
    close = difflib.get_close_matches(word, list(by_normal), n=1, cutoff=0.6)
    if close:
        raise CellError(
            N_("%(value)s: did you mean %(choice)s?"),
            value=repr(raw),
            choice=repr(by_normal[close[0]]),
        )
    raise CellError(
        N_("%(value)s is not one of: %(choices)s"), value=repr(raw), choices=", ".join(choices)
    )


# A budget's amount and currency.
def amount(value: Any) -> str:
    """A sum of money of zero or more, exact, as decimal text: '1 234,50' gives '1234.50'.

    Stored as text (Neo4j has no decimal type); pages read it as a Decimal.
    """
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    raw = text(value).replace(" ", "").replace("\u00a0", "").replace("'", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        parsed = Decimal(raw)
    except InvalidOperation:
        raise CellError(N_("%(value)s is not an amount; write it like 1200 or 1200.50"),
                        value=repr(text(value))) from None  # fmt: skip
    if not parsed.is_finite() or parsed < 0 or parsed >= Decimal("1e12"):
        raise CellError(N_("%(value)s is not an amount from 0 to 999,999,999,999"),
                        value=repr(text(value)))  # fmt: skip
    if parsed.as_tuple().exponent < -3:  # pyright: ignore[reportOperatorIssue]
        raise CellError(N_("%(value)s has more than 3 decimals"), value=repr(text(value)))
    return str(parsed)


def currency(value: Any) -> str:
    """An ISO 4217 currency code, upper case: 'eur' gives 'EUR'."""
    raw = text(value).upper()
    if not re.fullmatch(r"[A-Z]{3}", raw):
        raise CellError(N_("%(value)s is not a currency code such as EUR"), value=repr(raw))
    return raw
