"""Deputies during an absence: naming one for a period, ending it, and who is away."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.errors import Conflict
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import note_change, read_rows, write, write_rows


@dataclass(frozen=True)
class Deputyship(Row):
    """Colleague `deputy_id` stands in for user `user_id` from `starts_on` to `ends_on`
    (both days included); `active` if the period holds today and it was not ended."""

    id: str
    starts_on: date
    ends_on: date
    user_id: str
    user: str
    deputy_id: str
    deputy: str
    active: bool


def _deputyships(rows: list[dict[str, Any]]) -> list[Deputyship]:
    return Deputyship.from_maps(row["deputyship"] for row in rows)


def of_user(session: neo4j.Session, user_id: str, today: date) -> list[Deputyship]:
    """The running and coming deputyships of `user_id`: hers (a deputy for her) and those in
    which she is someone's deputy."""
    return _deputyships(read_rows(session, q("deputy/of_user"), user_id=user_id, today=today))


def get(session: neo4j.Session, deputyship_id: str, today: date) -> Deputyship | None:
    """One deputyship, or None."""
    found = _deputyships(read_rows(session, q("deputy/get"), id=deputyship_id, today=today))
    return found[0] if found else None


def away(session: neo4j.Session, user_ids: Collection[str], today: date) -> list[Deputyship]:
    """The running deputyships of those of `user_ids` who are away on `today`."""
    if not user_ids:
        return []
    rows = read_rows(session, q("deputy/away"), user_ids=sorted(set(user_ids)), today=today)
    return _deputyships(rows)


def name(
    session: neo4j.Session,
    deputyship_id: str,
    *,
    user_id: str,
    deputy_id: str,
    starts_on: date,
    ends_on: date,
    by: str,
) -> None:
    """Store deputyship `deputyship_id` (the service has checked it); the audit entry says
    whom, for whom and when."""

    def work(tx: neo4j.ManagedTransaction) -> None:
        found = tx.run(
            q("deputy/name"),
            id=deputyship_id,
            user_id=user_id,
            deputy_id=deputy_id,
            starts_on=starts_on,
            ends_on=ends_on,
            by=by,
            at=clock.now(),
        ).single()
        if found is None:  # raised inside the transaction: rolled back, not audited
            raise Conflict("the form's deputyship id is taken or a user is unknown: reload it")
        period = {"starts_on": [None, starts_on], "ends_on": [None, ends_on]}
        note_change({"deputy": [None, deputy_id], **period})

    write(session, work, changes_graph=False)


def end(session: neo4j.Session, deputyship_id: str, *, by: str) -> None:
    """End deputyship `deputyship_id` now; NotFound if there is none."""
    write_rows(
        session,
        q("deputy/end"),
        changes_graph=False,
        id=deputyship_id,
        by=by,
        at=clock.now(),
        missing=f"no deputyship {deputyship_id}",
    )
