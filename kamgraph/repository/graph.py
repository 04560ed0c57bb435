"""Reads for the analyses (the projection, DMUs, accounts) and the write-back of their scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import neo4j

from kamgraph.analytics.projection import Tie
from kamgraph.cypher import q
from kamgraph.repository._props import native
from kamgraph.repository._tx import read_rows, translated

SCORE_BATCH = 10_000


def change_token(session: neo4j.Session) -> str:
    """A token that changes whenever anything commits a write to the database.

    After a read, the session's bookmark names the last committed transaction; writes
    by any client (the app, an import, a script) move it, reads do not.
    """
    with translated():
        session.execute_read(lambda tx: tx.run("RETURN 1").consume())
    return ",".join(sorted(session.last_bookmarks().raw_values))


def projection_rows(
    session: neo4j.Session, types: Sequence[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Tie]]:
    """People, team members and ties of `types`, in one read transaction, streamed."""

    def work(
        tx: neo4j.ManagedTransaction,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Tie]]:
        people = [record.data() for record in tx.run(q("graph/people"))]
        team = [record.data() for record in tx.run(q("graph/team"))]
        ties = [
            Tie(r[0], r[1], r[2], r[3], r[4], _seen(r[5], r[6]), _day(r[7]))
            for r in tx.run(q("graph/ties"), types=list(types))
        ]
        return people, team, ties

    with translated():
        return session.execute_read(work)


def _day(value: Any) -> date | None:
    value = native(value)
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _seen(recorded: Any, since: Any) -> date | None:
    days = [d for d in (_day(recorded), _day(since)) if d is not None]
    return max(days) if days else None


def tender_dmu(session: neo4j.Session, tender_id: str, today: date) -> dict[str, Any] | None:
    """The tender and its DMU members with covers and last contact, or None."""
    rows = read_rows(session, q("graph/tender_dmu"), id=tender_id, today=today)
    return _members(rows[0], "tender") if rows else None


def account_members(session: neo4j.Session, org_id: str, today: date) -> dict[str, Any] | None:
    """The organization and the people working in it now, with covers and last contact."""
    rows = read_rows(session, q("graph/account_members"), id=org_id, today=today)
    return _members(rows[0], "account") if rows else None


def _members(row: dict[str, Any], key: str) -> dict[str, Any]:
    members = [{**m, "last_contact": native(m["last_contact"])} for m in row["members"]]
    return {key: {k: native(v) for k, v in row[key].items()}, "members": members}


def accounts(session: neo4j.Session) -> list[dict[str, Any]]:
    """Organizations with our annual sales, largest first."""
    return read_rows(session, q("graph/accounts"))


def team(session: neo4j.Session) -> list[dict[str, Any]]:
    """Our active team members."""
    return read_rows(session, q("graph/team"))


def lookup(session: neo4j.Session, record_id: str) -> dict[str, Any] | None:
    """A person or team member by id: {id, name, kind}, or None."""
    (row,) = read_rows(session, q("graph/person_exists"), id=record_id)
    return row if row["id"] is not None else None


def write_scores(session: neo4j.Session, rows: list[dict[str, Any]], at: datetime) -> None:
    """Store batch scores on people, in batches."""
    for start in range(0, len(rows), SCORE_BATCH):
        batch = rows[start : start + SCORE_BATCH]

        def work(tx: neo4j.ManagedTransaction, batch: list[dict[str, Any]] = batch) -> None:
            tx.run(q("graph/write_scores"), rows=batch, at=at).consume()

        with translated():
            session.execute_write(work)
