"""What the writing pages read from a posted form the same way: the version the form was
read at (optimistic concurrency) and dates, parsed as the import parses them."""

from __future__ import annotations

from datetime import date

from flask import request

from kamgraph import fields
from kamgraph.errors import FieldInvalid, Invalid
from kamgraph.i18n import N_


def posted_version() -> int:
    """The record's version when the form was read; an error if the form lost it."""
    try:
        return int(request.form.get("version", ""))
    except ValueError:
        raise Invalid(N_("The form lost its version: reload the page.")) from None


def posted_day(name: str) -> date | None:
    """The form's date field `name` (2027-03-31 or 31.03.2027), None when blank; a
    `FieldInvalid` naming the field says what is wrong ("that month has no day 31")."""
    raw = request.form.get(name, "").strip()
    if not raw:
        return None
    try:
        return fields.day(raw)
    except fields.CellError as error:
        raise FieldInvalid(name, error.message.template, **error.message.values) from None
