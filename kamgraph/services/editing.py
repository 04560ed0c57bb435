"""Edits from web forms, checked by the same column parsers as imports (kamgraph.schema).

A form posts text; each editable column parses it exactly as `kamgraph import` would, so
"31.12.1965", "champoin" or a missing name get the same messages in both places. A save
carries the version the form was read at; a newer stored version is an EditConflict that
holds both versions, so the page can show them and nothing is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph import fields as f
from kamgraph.errors import Conflict, NotFound
from kamgraph.i18n import N_, Message
from kamgraph.models import AccountPlan, Birthday, Organization, Person, Tender, sensitive_fields
from kamgraph.repository import _entity as entity
from kamgraph.repository import bundles, people, records
from kamgraph.repository import dossier as dossier_repo
from kamgraph.schema import (
    ORGANIZATIONS,
    PEOPLE,
    TABLES_BY_NAME,
    TENDERS,
    Column,
    Table,
    unknown_id,
)
from kamgraph.screening import record as special
from kamgraph.services import scope as scopes

Record = Person | Organization | Tender | AccountPlan  # what a form edits


@dataclass(frozen=True)
class Editable:
    """One kind of record a form edits: its table, fields in form order, get and update."""

    name: str  # also the kind the reader's scope is asked about (services/scope.py)
    table: Table
    fields: tuple[str, ...]
    get: Callable[[neo4j.Session, str], Record | None]
    # record, version, fields, and properties beside the columns (a person's special category)
    update: Callable[[neo4j.Session, Any, int, set[str], Mapping[str, Any]], Record]

    @property
    def sensitive(self) -> frozenset[str]:
        """The sensitive fields among this form's fields."""
        marked = sensitive_fields(Person) if self.table is PEOPLE else frozenset[str]()
        return frozenset(n for n in self.fields if n in marked)

    def column(self, name: str) -> Column:
        """The import column behind a field."""
        return next(c for c in self.table.columns if c.name == name)


PERSON = Editable(
    "person",
    PEOPLE,
    (
        "titles",
        "given_name",
        "family_name",
        "specialty",
        "segments",
        "kol_tier",
        "kol_reach",
        "contact_every_days",
        "languages",
        "email",
        "phone",
        "preferred_channel",
        "birthday",
        "hobbies",
        "dmu_type",
        "communication",
        "family",
        "values",
        "notes",
    ),
    people.get,
    lambda session, person, version, only, extra: people.update(
        session, person, expected_version=version, only=only, extra=extra
    ),
)
ORGANIZATION = Editable(
    "organization",
    ORGANIZATIONS,
    (
        "name",
        "short_name",
        "kind",
        "parent_id",
        "region",
        "city",
        "country",
        "annual_sales",
        "is_key_account",
    ),
    lambda session, record_id: records.get(session, Organization, record_id),
    lambda session, record, version, only, _extra: records.update(
        session, record, expected_version=version, only=only
    ),
)
TENDER = Editable(
    "tender",
    TENDERS,
    (
        "title",
        "reference",
        "buyer_id",
        "status",
        "procedure",
        "announced_on",
        "clarification_deadline",
        "submission_deadline",
        "award_date",
        "contract_start",
        "specification_notes",
        "outcome",
    ),
    lambda session, record_id: records.get(session, Tender, record_id),
    lambda session, record, version, only, _extra: records.update(
        session, record, expected_version=version, only=only
    ),
)


@dataclass(frozen=True)
class Edit:
    """A parsed form: the values, or the problems beside each field."""

    values: dict[str, Any]
    errors: dict[str, str]


@dataclass(frozen=True)
class EditPage:
    """What an edit form shows: the record, the fields the reader may edit (a person's
    sensitive ones only for those who may see them) with their help, and the form's text
    and version as stored."""

    editable: Editable
    record: Record
    title: str
    names: tuple[str, ...]
    help: dict[str, str]
    sensitive: frozenset[str]
    text: dict[str, str]
    version: int


def edit_page(
    session: neo4j.Session, scope: scopes.Scope, editable: Editable, record_id: str
) -> EditPage | None:
    """The edit form's data; None if there is no such record or the reader's scope does
    not reach it."""
    if not scopes.readable(session, scope, editable.name, [record_id]):
        return None
    record = editable.get(session, record_id)
    if record is None:
        return None
    names = editable.fields
    if editable is PERSON:
        found = dossier_repo.get(session, record_id)
        if found is None:
            return None
        if not scope.may_see_sensitive(found.covered_by):
            names = tuple(n for n in names if n not in editable.sensitive)
    return EditPage(
        editable=editable,
        record=record,
        title=title_of(record),
        names=names,
        help={n: editable.column(n).help for n in names},
        sensitive=editable.sensitive,
        text=form_text(record, names),
        version=record.version,
    )


@dataclass(frozen=True)
class Submitted:
    """A posted edit form, read: the page to show again, the text typed, the parsed values
    or their problems, and (if there were none) the special-category screen."""

    page: EditPage
    text: dict[str, str]
    edit: Edit
    screened: special.Review | None


def submitted(
    session: neo4j.Session,
    scope: scopes.Scope,
    editable: Editable,
    record_id: str,
    form: Mapping[str, str],
    *,
    why: str | None,
    by: str,
) -> Submitted | None:
    """Read a posted edit form: the fields the reader may edit, parsed and checked as
    :func:`read_form` does, then screened as :func:`screen` does; None as
    :func:`edit_page`."""
    page = edit_page(session, scope, editable, record_id)
    if page is None:
        return None
    text = {n: form.get(n, "") for n in page.names}
    edit = read_form(session, editable, text, page.names, record_id)
    if edit.errors:
        return Submitted(page, text, edit, None)
    screened = screen(session, editable, record_id, edit.values, why=why, by=by)
    return Submitted(page, text, edit, screened)


def title_of(record: Any) -> str:
    """How a record is named on a page."""
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)


class EditConflict(Conflict):
    """Someone saved the record after it was read; both versions travel with the error."""

    def __init__(self, mine: Any, theirs: Any) -> None:
        super().__init__(
            f"{title_of(theirs)} was changed by someone else (now version {theirs.version}) "
            "after you opened the form"
        )
        self.mine = mine
        self.theirs = theirs


def form_text(record: Any, names: Iterable[str]) -> dict[str, str]:
    """The form's text for each field of a record."""
    return {name: _text(getattr(record, name)) for name in names}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
    if isinstance(value, Birthday):
        return f"{value.day:02d}.{value.month:02d}." + (str(value.year) if value.year else "")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse(column: Column, raw: str) -> Any:
    if f.is_blank(raw):
        if column.required:
            raise f.CellError("required")
        return () if column.many else None
    return column.parse(raw)


def parse_form(editable: Editable, form: Mapping[str, str], names: Iterable[str]) -> Edit:
    """Parse the fields `names`; collect every problem, not just the first."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in names:
        try:
            values[name] = _parse(editable.column(name), form.get(name, ""))
        except f.CellError as error:
            errors[name] = error.message
    if "is_key_account" in values and values["is_key_account"] is None:
        values["is_key_account"] = False
    if not errors:  # checks across fields, as an import makes them (a KOL tier needs kol)
        errors.update((n, m) for n, m in editable.table.problems(values) if n in values)
    return Edit(values, errors)


def read_form(
    session: neo4j.Session,
    editable: Editable,
    form: Mapping[str, str],
    names: Iterable[str],
    record_id: str,
) -> Edit:
    """Parse the form as :func:`parse_form`, and check that every id it names exists.

    An unknown id in a link field (an organization's parent, a tender's buyer) is a
    message beside that field, and nothing is written.
    """
    edit = parse_form(editable, form, names)
    errors = dict(edit.errors)
    for name, value in edit.values.items():
        column = editable.column(name)
        if not column.ref or value is None:
            continue
        label = TABLES_BY_NAME[column.ref].label
        if value == record_id:
            errors[name] = Message(N_("%(value)s is this record itself"), value=repr(value))
        elif not bundles.existing_ids(session, label, {value}):
            errors[name] = unknown_id(column.ref, value)
    return Edit(edit.values, errors)


def screen(
    session: neo4j.Session,
    editable: Editable,
    record_id: str,
    values: Mapping[str, Any],
    *,
    why: str | None,
    by: str,
) -> special.Review:
    """The special-category screen on an edit's changed free text (people only): what still
    needs a reason, or the properties to save with the edit."""
    current = editable.get(session, record_id) if editable is PERSON else None
    if current is None:
        return special.Review({}, {}, {})
    changed = {name: value for name, value in values.items() if getattr(current, name) != value}
    after = {name: values.get(name, getattr(current, name)) for name in special.PERSON_FIELDS}
    stored = entity.get_props(session, PEOPLE.label, record_id) or {}
    return special.review("people", changed, after, stored, why=why, by=by, at=clock.now())


def save(
    session: neo4j.Session,
    editable: Editable,
    record_id: str,
    values: Mapping[str, Any],
    *,
    version: int,
    extra: Mapping[str, Any] | None = None,
) -> Any:
    """Apply an edit made on `version`; a newer stored version raises EditConflict.

    `extra`: properties saved with it (the special-category record from :func:`screen`).
    """
    current = editable.get(session, record_id)
    if current is None:
        raise NotFound(N_("Nothing here: the record may have been deleted or merged."))
    changed = {name: value for name, value in values.items() if getattr(current, name) != value}
    if not changed:
        return current  # a save without changes writes nothing, not even a new version
    mine = dataclasses.replace(current, **changed)
    try:
        return editable.update(session, mine, version, set(changed), extra or {})
    except Conflict:
        theirs = editable.get(session, record_id)
        if theirs is None:
            raise NotFound(
                N_("%(name)s was deleted after you opened the form."), name=title_of(mine)
            ) from None
        raise EditConflict(mine, theirs) from None
