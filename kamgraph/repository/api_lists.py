"""The API's lists: records after a cursor, by id or by their last change (`updated_at`), a
batch at a time (the reader's scope filters them); interactions and ties; and `db init`'s
stamp for records written before `updated_at` was kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, LiteralString

import neo4j

from kamgraph.cypher import q, q_with
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write
from kamgraph.schema import RELATIONSHIP_RULES


@dataclass(frozen=True)
class PersonItem(Row):
    """A person in a list: enough to find them and fetch the record."""

    id: str
    name: str | None
    region: str | None
    version: int | None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class OrganizationItem(Row):
    """An organization in a list."""

    id: str
    name: str | None
    kind: str | None
    region: str | None
    version: int | None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class TenderItem(Row):
    """A tender in a list."""

    id: str
    title: str | None
    status: str | None
    version: int | None
    updated_at: datetime | None = None


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


_SINCE: dict[str, tuple[LiteralString, type[Item]]] = {
    "person": ("api/people_since", PersonItem),
    "organization": ("api/organizations_since", OrganizationItem),
    "tender": ("api/tenders_since", TenderItem),
}


def changed_after(
    session: neo4j.Session, kind: str, after_at: datetime, after_id: str, batch: int
) -> list[Item]:
    """Up to `batch` records of `kind` changed at or after `after_at`, in (updated_at, id)
    order after the cursor (`after_at`, `after_id`)."""
    name, row = _SINCE[kind]
    rows = read_rows(session, q(name), after_at=after_at, after_id=after_id, batch=batch)
    return [row.from_map(r["row"]) for r in rows]


@dataclass(frozen=True)
class InteractionItem(Row):
    """An interaction in a list: when, what, who logged it, its version."""

    id: str
    date: date
    kind: str
    done: bool | None
    version: int
    updated_at: datetime | None
    user_id: str | None


@dataclass(frozen=True)
class InteractionFilter:
    """What an interaction list asks for: the people met (`person`), the KAM who logged
    them (`kam`), and their dates (`since_day` to `until_day`)."""

    person: str | None = None
    kam: str | None = None
    since_day: date | None = None
    until_day: date | None = None


def interactions(
    session: neo4j.Session,
    wanted: InteractionFilter,
    *,
    after_at: datetime,
    after_id: str,
    batch: int,
) -> list[tuple[InteractionItem, bool]]:
    """Up to `batch` interactions in (updated_at, id) order after the cursor, each with
    whether `wanted` keeps it: a person's or a KAM's read from them (all kept), the others
    from the updated_at index (a batch, whatever it keeps)."""
    params: dict[str, Any] = {
        "after_at": after_at,
        "after_id": after_id,
        "batch": batch,
        "since_day": wanted.since_day,
        "until_day": wanted.until_day,
    }
    if wanted.person is not None:
        query = q_with("api/interactions_of", LABEL="Person", TYPE="WITH")
        rows = read_rows(session, query, anchor=wanted.person, kam=wanted.kam, **params)
    elif wanted.kam is not None:
        query = q_with("api/interactions_of", LABEL="User", TYPE="BY")
        rows = read_rows(session, query, anchor=wanted.kam, kam=None, **params)
    else:
        rows = read_rows(session, q("api/interactions_since"), **params)
    return [(InteractionItem.from_map(r["row"]), bool(r["kept"])) for r in rows]


@dataclass(frozen=True)
class TieItem(Row):
    """A tie in a list: its type and ends, whether it holds today, when it last changed,
    and its properties as stored (the type's fields, since, until, provenance)."""

    type: str
    from_id: str
    to_id: str
    current: bool
    updated_at: datetime | None
    properties: dict[str, Any] = field(default_factory=dict[str, Any])


# The tie types a list walks, in the order it walks them (a cursor names one).
TIE_TYPES: tuple[LiteralString, ...] = tuple(sorted(r.type for r in RELATIONSHIP_RULES.values()))


def ties_of_type(
    session: neo4j.Session,
    rel_type: LiteralString,
    *,
    after: tuple[datetime, str, str],
    batch: int,
    current: bool | None,
    today: date,
) -> list[tuple[TieItem, bool]]:
    """Up to `batch` ties of `rel_type` in (updated_at, from_id, to_id) order after
    `after`, each with whether `current` keeps it (a range of the type's index)."""
    after_at, after_from, after_to = after
    rows = read_rows(
        session,
        q_with("api/ties_after", TYPE=rel_type),
        after_at=after_at,
        after_from=after_from,
        after_to=after_to,
        batch=batch,
        current=current,
        today=today,
    )
    return [(TieItem.from_map(r["row"]), bool(r["kept"])) for r in rows]


def ties_of_person(
    session: neo4j.Session,
    person_id: str,
    types: Sequence[str],
    *,
    after: tuple[datetime, str, str, str],
    batch: int,
    current: bool | None,
    today: date,
) -> list[tuple[TieItem, bool]]:
    """Up to `batch` of a person's ties of `types` (either end), in (updated_at, type,
    from_id, to_id) order after `after`, as `current` asks."""
    after_at, after_type, after_from, after_to = after
    rows = read_rows(
        session,
        q("api/ties_of_person"),
        person=person_id,
        types=list(types),
        after_at=after_at,
        after_type=after_type,
        after_from=after_from,
        after_to=after_to,
        batch=batch,
        current=current,
        today=today,
    )
    return [(TieItem.from_map(r["row"]), bool(r["kept"])) for r in rows]


# The records the API lists by their last change, by label.
STAMPED_LABELS: tuple[LiteralString, ...] = ("Person", "Organization", "Tender", "Interaction")


def stamp_unstamped(session: neo4j.Session, now: datetime, *, batch: int = 5_000) -> int:
    """Give records and ties written before `updated_at` was kept one (`db init`): when
    they were recorded, or a person's collection date, or else `now`. Returns how many were
    stamped (0 on a second run)."""
    stamped = 0
    for label in STAMPED_LABELS:
        stamped += _stamp(session, q_with("api/stamp_nodes", LABEL=label), now, batch)
    for rel_type in TIE_TYPES:
        stamped += _stamp(session, q_with("api/stamp_ties", TYPE=rel_type), now, batch)
    return stamped


def _stamp(session: neo4j.Session, query: LiteralString, now: datetime, batch: int) -> int:
    """Run one stamp query batch by batch until it finds nothing left."""
    stamped = 0
    while True:

        def work(tx: neo4j.ManagedTransaction) -> int:
            record = tx.run(query, now=now, batch=batch).single(strict=True)
            return int(record["stamped"])

        done = write(session, work, changes_graph=False)
        stamped += done
        if done < batch:
            return stamped
