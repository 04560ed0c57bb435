"""GDPR bookkeeping on people: lawful basis and collection date by default, and who has
not been informed (Art. 14) yet."""

from __future__ import annotations

from datetime import date
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import DEFAULT_LAWFUL_BASIS
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows, write, write_rows


def fill_defaults(session: neo4j.Session, today: date) -> int:
    """Lawful basis and collection date for people recorded before they were kept;
    returns how many people changed (these are bookkeeping, not edits: no version)."""
    rows = write_rows(
        session,
        q("privacy/fill_defaults"),
        changes_graph=False,
        basis=DEFAULT_LAWFUL_BASIS,
        today=today,
    )
    return int(rows[0]["changed"]) if rows else 0


def not_informed(session: neo4j.Session) -> list[dict[str, Any]]:
    """Everyone not yet told that we hold their data, oldest collection first."""
    return [plain(row) for row in read_rows(session, q("privacy/not_informed"))]


def mark_informed(session: neo4j.Session, person_id: str, day: date) -> bool | None:
    """Record that the person was informed on `day`; None if there is no such person."""
    rows = write_rows(
        session, q("privacy/mark_informed"), changes_graph=False, id=person_id, day=day
    )
    return True if rows else None


def subject(session: neo4j.Session, person_id: str) -> dict[str, Any] | None:
    """Everything held about one person (their access request), or None if unknown."""
    rows = read_rows(session, q("privacy/subject"), id=person_id)
    return {"controller": controller(session), **plain(rows[0])} if rows else None


def controller(session: neo4j.Session) -> str:
    """Our company's name (the data controller), or a plain description if none is set."""
    rows = read_rows(session, q("privacy/controller"))
    return str(rows[0]["name"]) if rows else "the company that runs this kamgraph"


def erasure_subject(session: neo4j.Session, person_id: str) -> dict[str, Any] | None:
    """The person's names and their interactions (and whether they were alone in each), or
    None if there is no such person."""
    rows = read_rows(session, q("privacy/erasure_subject"), id=person_id)
    return plain(rows[0]) if rows else None


def mentions(session: neo4j.Session, keys: list[str], words: list[str]) -> list[dict[str, Any]]:
    """Records and ties whose free text (`keys`) mentions one of `words` (lower case)."""
    return read_rows(session, q("privacy/mentions"), keys=keys, words=words)


def erase(
    session: neo4j.Session,
    person_id: str,
    *,
    nodes: list[dict[str, Any]],
    ties: list[dict[str, Any]],
    alone: list[str],
    erased: str,
) -> dict[str, int] | None:
    """In one transaction: write the redacted free text (`nodes`, `ties`: element and
    props), blank the interactions `alone`, and delete the person with every tie. None if
    there is no such person (then nothing was written)."""

    def work(tx: neo4j.ManagedTransaction) -> dict[str, int] | None:
        tx.run(q("privacy/redact"), nodes=nodes, ties=ties).consume()
        row = tx.run(q("privacy/erase_person"), id=person_id, alone=alone, erased=erased).single()
        if row is None:
            raise _NoSuchPerson
        return {"ties": int(row["ties"]), "blanked": int(row["blanked"])}

    try:
        return write(session, work)
    except _NoSuchPerson:
        return None


class _NoSuchPerson(Exception):
    """Raised inside the erasure's transaction to roll it back."""


def expired(session: neo4j.Session, today: date) -> list[dict[str, Any]]:
    """People whose retention date has passed, oldest first."""
    return [plain(row) for row in read_rows(session, q("privacy/expired"), today=today)]
