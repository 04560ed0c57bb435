"""New records and ties from web forms, through exactly the import's validation and writes.

A form is one row of an import table (people, organizations, tenders, relationships): the
same parsers, enums with suggestions, reference checks and batched upsert as
`kamgraph import`, recorded as source 'manual' by the signed-in user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import neo4j

from kamgraph.bundle.readers import RawBundle, RawRow
from kamgraph.bundle.spec import RELATIONSHIP_RULES, RELATIONSHIPS, TABLES_BY_NAME, Column
from kamgraph.bundle.validate import validate
from kamgraph.repository import bundles

# The tables a "new" form may create, and the columns it shows (ids are typed by the user).
CREATABLE = ("people", "organizations", "tenders")
_HIDDEN = {"source", "version"}


@dataclass(frozen=True)
class Saved:
    """The outcome: field errors (nothing written), or what was written."""

    errors: dict[str, str]
    created: int = 0
    updated: int = 0


def form_columns(table_name: str) -> tuple[Column, ...]:
    """The columns a form for `table_name` shows, in the import format's order."""
    table = RELATIONSHIPS if table_name == RELATIONSHIPS.name else TABLES_BY_NAME[table_name]
    return tuple(c for c in table.columns if c.name not in _HIDDEN)


def save_row(
    session: neo4j.Session,
    table_name: str,
    cells: Mapping[str, str],
    *,
    user_id: str,
    must_be_new: bool,
) -> Saved:
    """Validate one row as an import would; write it only if it has no problem at all."""
    shown = {c.name for c in form_columns(table_name)}
    row = RawRow(file="form", line=1, cells={k: v for k, v in cells.items() if k in shown})
    raw = RawBundle(tables={table_name: [row]}, columns={table_name: set(row.cells)})
    bundle, problems = validate(raw, lambda label, ids: bundles.existing_ids(session, label, ids))
    errors = {p.column: p.message for p in problems}
    if must_be_new and not errors and table_name in TABLES_BY_NAME:
        label = TABLES_BY_NAME[table_name].label
        record_id = str(cells.get("id", "")).strip()
        if bundles.existing_ids(session, label, {record_id}):
            errors["id"] = f"{record_id!r} is taken: open that record to edit it"
    if errors:
        return Saved(errors)
    counts = bundles.write_bundle(
        session, bundle, raw.columns, source="manual", recorded_by=user_id
    )
    return Saved({}, sum(counts.created.values()), sum(counts.updated.values()))


def relationship_types_from(table_name: str) -> tuple[str, ...]:
    """Relationship types whose start is a record of `table_name` (e.g. people)."""
    return tuple(t for t, rule in RELATIONSHIP_RULES.items() if rule.from_table == table_name)
