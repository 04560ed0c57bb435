"""Organizations, tenders and other versioned records: dataclasses in and out, by bundle table."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import neo4j

from kamgraph.models import AccountPlan, Organization, Tender
from kamgraph.repository import _entity
from kamgraph.repository._props import node_params, node_row
from kamgraph.schema import ACCOUNT_PLANS, ORGANIZATIONS, TENDERS, Table

Record = TypeVar("Record", Organization, Tender, AccountPlan)

# Each versioned record type, with the bundle table that describes its columns and links.
TABLES: dict[type[Any], Table] = {
    Organization: ORGANIZATIONS,
    Tender: TENDERS,
    AccountPlan: ACCOUNT_PLANS,
}


def _links(table: Table, record: Any) -> dict[str, list[str]]:
    return {
        link.column: [value] if (value := getattr(record, link.column)) else []
        for link in table.links
    }


def to_props(
    record: Organization | Tender | AccountPlan, only: set[str] | None = None
) -> dict[str, Any]:
    """Node properties of a record (its link columns are relationships, not properties).

    `only` limits them to those columns, for a partial update.
    """
    table = TABLES[type(record)]
    row = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    present = {c.name for c in table.columns} if only is None else only
    params = node_params(table, row, present, record.source)
    return {"id": record.id, **params["props"], "version": record.version}


def _from_props(cls: type[Record], props: dict[str, Any], links: dict[str, str | None]) -> Record:
    row = node_row(TABLES[cls], props)
    row.update(links)
    return cls(**{k: v for k, v in row.items() if v is not None})


def get(session: neo4j.Session, cls: type[Record], record_id: str) -> Record | None:
    """The organization or tender with this id, or None."""
    table = TABLES[cls]
    props = _entity.get_props(session, table.label, record_id)
    if props is None:
        return None
    links = _entity.get_links(session, table, record_id)
    return _from_props(cls, props, links)


def create(session: neo4j.Session, record: Record) -> Record:
    """Create at version 1 with its links; the same record twice is fine, a clash is Conflict."""
    cls = type(record)
    table = TABLES[cls]
    new = dataclasses.replace(record, version=1)

    def same(props: dict[str, Any]) -> bool:
        return _from_props(cls, props, _entity.get_links(session, table, record.id)) == new

    _entity.create_props(session, table.label, to_props(new), same=same)
    _entity.set_links(session, table, record.id, _links(table, record))
    stored = get(session, cls, record.id)
    assert stored is not None  # noqa: S101 (it was just created)
    return stored


def update(
    session: neo4j.Session, record: Record, *, expected_version: int, only: set[str] | None = None
) -> Record:
    """Save an edit made on `expected_version`; a newer stored version raises Conflict.

    `only` writes just those columns (links included), leaving the rest as stored.
    """
    table = TABLES[type(record)]
    props = {k: v for k, v in to_props(record, only).items() if k not in ("id", "version")}
    links = _links(table, record)
    if only is not None:
        links = {column: ids for column, ids in links.items() if column in only}
    _entity.update_props(
        session, table, record.id, props, expected_version=expected_version, links=links
    )
    stored = get(session, type(record), record.id)
    assert stored is not None  # noqa: S101 (it was just updated)
    return stored
