"""The API's lists: records after a cursor, by id, a batch at a time (scope filters them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows


@dataclass(frozen=True)
class PersonItem(Row):
    """A person in a list: enough to find them and fetch the record."""

    id: str
    name: str | None
    region: str | None
    version: int | None


@dataclass(frozen=True)
class OrganizationItem(Row):
    """An organization in a list."""

    id: str
    name: str | None
    kind: str | None
    region: str | None
    version: int | None


@dataclass(frozen=True)
class TenderItem(Row):
    """A tender in a list."""

    id: str
    title: str | None
    status: str | None
    version: int | None


Item = PersonItem | OrganizationItem | TenderItem

_QUERIES: dict[str, tuple[LiteralString, type[Item]]] = {
    "person": ("api/people_after", PersonItem),
    "organization": ("api/organizations_after", OrganizationItem),
    "tender": ("api/tenders_after", TenderItem),
}


def after(session: neo4j.Session, kind: str, after_id: str, batch: int) -> list[Item]:
    """Up to `batch` records of `kind` whose id sorts after `after_id`, by id."""
    name, row = _QUERIES[kind]
    rows = read_rows(session, q(name), after=after_id, batch=batch)
    return [row.from_map(r["row"]) for r in rows]
