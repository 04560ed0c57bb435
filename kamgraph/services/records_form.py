"""New records and ties from web forms, through exactly the import's validation and writes.

A form is one row of an import table (people, organizations, tenders, relationships): the
same parsers, enums with suggestions, reference checks and batched upsert as
`kamgraph import`, recorded as source 'manual' by the signed-in user.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

import neo4j

from kamgraph.bundle.readers import RawBundle, RawRow
from kamgraph.bundle.validate import validate
from kamgraph.errors import Conflict, Forbidden
from kamgraph.i18n import N_, Message
from kamgraph.models import LEAD_ROLES, User
from kamgraph.repository import _entity as entity
from kamgraph.repository import bundles, special_category
from kamgraph.repository import covers as covers_repo
from kamgraph.repository._tx import note_change
from kamgraph.schema import RELATIONSHIP_RULES, RELATIONSHIPS, TABLES_BY_NAME, Column
from kamgraph.screening import record as special_record
from kamgraph.services import references
from kamgraph.services import scope as scopes

# The tables a "new" form may create; their ids are made from the name (new_id).
CREATABLE = ("people", "organizations", "tenders")
_ID_PREFIX = {"people": "p", "organizations": "org", "tenders": "t"}
_NAMED_BY = {
    "people": ("given_name", "family_name"),
    "organizations": ("name",),
    "tenders": ("title",),
}
# Provenance is the app's to write (the signed-in user, now), never a form's; who follows
# up a handed-over interaction is the handover's (services/handover.py).
_HIDDEN = {"source", "version", "recorded_at", "recorded_by", "follow_up_id"}


@dataclass(frozen=True)
class Saved:
    """The outcome: field errors (nothing written), or what was written."""

    errors: dict[str, str]
    created: int = 0
    updated: int = 0


@dataclass(frozen=True)
class Posted:
    """A posted form's row with every picked name turned into its record's id, the
    problems of the names that did not resolve, and whether the same record was saved
    from this form already (a double submit)."""

    row: dict[str, str]
    errors: dict[str, str]
    saved_already: bool = False


def read_posted(
    session: neo4j.Session,
    scope: scopes.Scope,
    table_name: str,
    cells: Mapping[str, str],
    picks: Mapping[str, str],
    *,
    region: str | None = None,
) -> Posted:
    """Resolve the names typed in `picks` (column -> kind of record); blank ones are left
    to the row's own check. A new record's blank region becomes `region` (so that its
    maker reads it: services/scope.py), and a new record is checked against a double
    submit (:func:`same_as_stored`)."""
    typed = {column: (kind, cells.get(column, "")) for column, kind in picks.items()}
    resolved = references.resolve_fields(session, scope, typed)
    row = {**cells, **resolved.ids}
    if "region" in row and not row["region"].strip() and region:
        row["region"] = region
    errors: dict[str, str] = dict(resolved.problems)
    again = not errors and table_name in CREATABLE and same_as_stored(session, table_name, row)
    return Posted(row, errors, again)


def form_columns(table_name: str) -> tuple[Column, ...]:
    """The columns a form for `table_name` shows, in the import format's order."""
    table = RELATIONSHIPS if table_name == RELATIONSHIPS.name else TABLES_BY_NAME[table_name]
    return tuple(c for c in table.columns if c.name not in _HIDDEN)


def save_row(
    session: neo4j.Session,
    table_name: str,
    cells: Mapping[str, str],
    *,
    user: User,
    must_be_new: bool,
    special: special_record.Review | None = None,
) -> Saved:
    """Validate one row as an import would; write it only if it has no problem at all.

    Covers are the team's own records of who looks after whom: a KAM adds, changes or
    ends only her own; a lead or an admin may do so for anyone, and their save confirms
    the cover (it then opens the person's sensitive fields to that KAM). Accounts a team
    member manages (MANAGES) are assigned by leads and admins only.
    """
    covers = table_name == RELATIONSHIPS.name and cells.get("type") == "COVERS"
    if covers and user.role not in LEAD_ROLES and cells.get("from_id", "").strip() != user.id:
        return Saved({"from_id": "A KAM records only her own covers: ask a lead to assign one."})
    manages = table_name == RELATIONSHIPS.name and cells.get("type") == "MANAGES"
    if manages and user.role not in LEAD_ROLES:  # an account opens its people: leads assign
        return Saved({"from_id": "Accounts are assigned by a lead: ask yours."})
    shown = {c.name for c in form_columns(table_name)}
    row = RawRow(file="form", line=1, cells={k: v for k, v in cells.items() if k in shown})
    raw = RawBundle(tables={table_name: [row]}, columns={table_name: set(row.cells)})
    bundle, problems = validate(raw, lambda label, ids: bundles.existing_ids(session, label, ids))
    errors = {p.column: p.message for p in problems}
    if must_be_new and not errors and table_name in TABLES_BY_NAME:
        label = TABLES_BY_NAME[table_name].label
        record_id = str(cells.get("id", "")).strip()
        if bundles.existing_ids(session, label, {record_id}):
            errors["id"] = Message(
                N_("%(value)s is taken: open that record to edit it"), value=repr(record_id)
            )
    if errors:
        return Saved(errors)
    from_id, to_id = cells.get("from_id", "").strip(), cells.get("to_id", "").strip()
    still_current = not cells.get("until", "").strip()
    if covers and user.role not in LEAD_ROLES and still_current:
        covers_repo.reopen(session, from_id, to_id)
    if special is not None and special.details:
        note_change(special.details)  # in the audit entry, with the creation
    try:
        counts = bundles.write_bundle(
            session,
            bundle,
            raw.columns,
            source="manual",
            recorded_by=user.id,
            create_only=must_be_new,
        )
    except Conflict:  # someone created the same id a moment ago
        record_id = str(cells.get("id", "")).strip()
        return Saved(
            {
                "id": f"{record_id!r} was taken a moment ago (by someone else, or by "
                "an earlier click of yours): open it, or pick another id"
            }
        )
    if covers and user.role in LEAD_ROLES and still_current:
        confirm_cover(session, from_id, to_id, by=user)
    if special is not None and special.props and table_name in TABLES_BY_NAME:
        label = TABLES_BY_NAME[table_name].label
        special_category.set_record(session, label, str(cells.get("id", "")).strip(), special.props)
    return Saved({}, sum(counts.created.values()), sum(counts.updated.values()))


def new_id(table_name: str) -> str:
    """A new record's id, made when its form is shown: a double submit of the form then
    saves once (the second finds its id taken by an equal record). Users never type ids;
    files and links carry them."""
    return f"{_ID_PREFIX[table_name]}-{uuid.uuid4().hex[:10]}"


def same_as_stored(session: neo4j.Session, table_name: str, cells: Mapping[str, str]) -> bool:
    """Whether a record with this id exists and has the names typed (a double submit)."""
    label = TABLES_BY_NAME[table_name].label
    stored = entity.get_props(session, label, str(cells.get("id", "")))
    return stored is not None and all(
        str(stored.get(column) or "") == str(cells.get(column, "")).strip()
        for column in _NAMED_BY[table_name]
    )


def confirm_cover(session: neo4j.Session, user_id: str, person_id: str, *, by: User) -> None:
    """A lead or an admin confirms a KAM's current cover of a person; NotFound if none."""
    if by.role not in LEAD_ROLES:
        raise Forbidden(N_("Only a lead or an admin confirms covers."))
    covers_repo.confirm(session, user_id, person_id, by=by.id)


def relationship_types_from(table_name: str) -> tuple[str, ...]:
    """Relationship types whose start is a record of `table_name` (e.g. people)."""
    return tuple(t for t, rule in RELATIONSHIP_RULES.items() if rule.from_table == table_name)
