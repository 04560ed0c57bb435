"""Edits from web forms, checked by the same column parsers as imports (bundle.spec).

A form posts text; each editable column parses it exactly as `kamgraph import` would, so
"31.12.1965", "champoin" or a missing name get the same messages in both places.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph.bundle import fields as f
from kamgraph.bundle.spec import PEOPLE, Column
from kamgraph.errors import Conflict, NotFound
from kamgraph.models import Birthday, Person, sensitive_fields
from kamgraph.repository import people

# The person fields a form edits, in the form's order.
PERSON_FIELDS = (
    "titles", "given_name", "family_name", "specialty", "languages", "email", "phone",
    "preferred_channel", "birthday", "hobbies", "dmu_type", "communication", "family",
    "values", "notes",
)  # fmt: skip
_COLUMNS = {c.name: c for c in PEOPLE.columns}


@dataclass(frozen=True)
class Edit:
    """A parsed form: the values, or the problems beside each field."""

    values: dict[str, Any]
    errors: dict[str, str]


class EditConflict(Conflict):
    """Someone saved the record after it was read; both versions travel with the error."""

    def __init__(self, mine: Person, theirs: Person) -> None:
        super().__init__(
            f"{theirs.name} was changed by someone else (now version {theirs.version}) "
            "after you opened the form"
        )
        self.mine = mine
        self.theirs = theirs


def form_text(person: Person) -> dict[str, str]:
    """The form's text for each editable field of a person."""
    return {name: _text(getattr(person, name)) for name in PERSON_FIELDS}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
    if isinstance(value, Birthday):
        return f"{value.day:02d}.{value.month:02d}." + (str(value.year) if value.year else "")
    return str(value)


def _parse(column: Column, raw: str) -> Any:
    if f.is_blank(raw):
        if column.required:
            raise f.CellError("required")
        return () if column.many else None
    return column.parse(raw)


SENSITIVE_FIELDS = frozenset(name for name in PERSON_FIELDS if name in sensitive_fields(Person))


def parse_person_form(form: Mapping[str, str], names: Iterable[str] = PERSON_FIELDS) -> Edit:
    """Parse the fields `names`; collect every problem, not just the first."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in names:
        try:
            values[name] = _parse(_COLUMNS[name], form.get(name, ""))
        except f.CellError as error:
            errors[name] = str(error)
    return Edit(values, errors)


def save_person(
    session: neo4j.Session, person_id: str, values: Mapping[str, Any], *, version: int
) -> Person:
    """Apply an edit made on `version`; a newer stored version raises EditConflict."""
    current = people.get(session, person_id)
    if current is None:
        raise NotFound(f"no person {person_id!r}: they may have been deleted or merged")
    mine = dataclasses.replace(current, **values)
    try:
        return people.update(session, mine, expected_version=version)
    except Conflict:
        theirs = people.get(session, person_id)
        if theirs is None:
            raise NotFound(f"{mine.name} was deleted after you opened the form") from None
        raise EditConflict(mine, theirs) from None
