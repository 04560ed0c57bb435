"""GDPR bookkeeping on people: lawful basis and collection date by default, and who has
not been informed (Art. 14) yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import DEFAULT_LAWFUL_BASIS
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write, write_rows


@dataclass(frozen=True)
class NotInformed(Row):
    """A person not yet told that we hold their data, with their organization and covers."""

    id: str
    name: str
    collected_on: date | None
    lawful_basis: str | None
    source: str | None
    email: str | None
    organization: str | None
    covered_by: list[str]


@dataclass(frozen=True)
class SubjectTie(Row):
    """A tie of the person, with the other end's name (an access request lists them all)."""

    type: str
    direction: str
    other: str | None
    other_kind: str | None
    properties: dict[str, Any]  # every property held on the tie, whatever it is


@dataclass(frozen=True)
class SubjectInteraction(Row):
    """An interaction the person took part in, as their access request shows it."""

    id: str
    date: date | None
    kind: str | None
    notes: str | None
    commitments: str | None
    next_step: str | None
    due_date: date | None
    objective: str | None
    agenda: str | None


@dataclass(frozen=True)
class SubjectAccess(Row):
    """Who on our team viewed or changed the person's record, and when."""

    at: datetime | None
    user_id: str | None
    action: str | None
    path: str | None


@dataclass(frozen=True)
class Subject(Row):
    """Everything held about one person, for their access request (GDPR Art. 15).

    `person` is every stored property, whatever it is: the export must hold all of them.
    """

    person: dict[str, Any]
    ties: list[SubjectTie]
    interactions: list[SubjectInteraction]
    accesses: list[SubjectAccess]
    controller: str = ""


@dataclass(frozen=True)
class Involvement(Row):
    """An interaction of a person to erase; `alone` when nobody else took part in it."""

    id: str
    alone: bool


@dataclass(frozen=True)
class ErasureSubject(Row):
    """A person as an erasure needs them: their names and their interactions."""

    name: str | None
    given_name: str | None
    family_name: str | None
    interactions: list[Involvement]


Text = str | list[str]  # a free-text property: text, or a list of texts


def _pairs(value: list[list[Any]]) -> list[tuple[str, Text]]:
    return [(str(key), text) for key, text in value]


@dataclass(frozen=True)
class Mention(Row):
    """A record (`what` is 'node') or a tie whose free text names someone: the element's
    id and its matching (property, text) pairs."""

    element: str
    what: str
    texts: list[tuple[str, Text]] = field(metadata={"read": _pairs})


@dataclass(frozen=True)
class Expired(Row):
    """A person past their retention date."""

    id: str
    name: str
    retain_until: date


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


def not_informed(session: neo4j.Session) -> list[NotInformed]:
    """Everyone not yet told that we hold their data, oldest collection first."""
    return NotInformed.from_maps(read_rows(session, q("privacy/not_informed")))


def mark_informed(session: neo4j.Session, person_id: str, day: date) -> bool | None:
    """Record that the person was informed on `day`; None if there is no such person."""
    rows = write_rows(
        session, q("privacy/mark_informed"), changes_graph=False, id=person_id, day=day
    )
    return True if rows else None


def subject(session: neo4j.Session, person_id: str) -> Subject | None:
    """Everything held about one person (their access request), or None if unknown."""
    rows = read_rows(session, q("privacy/subject"), id=person_id)
    if not rows:
        return None
    row = rows[0]
    return Subject.from_map(
        {
            "person": row["person"],
            "ties": row["ties"],
            "interactions": row["interactions"],
            "accesses": row["accesses"],
            "controller": controller(session),
        }
    )


def controller(session: neo4j.Session) -> str:
    """Our company's name (the data controller), or a plain description if none is set."""
    rows = read_rows(session, q("privacy/controller"))
    return str(rows[0]["name"]) if rows else "the company that runs this kamgraph"


def erasure_subject(session: neo4j.Session, person_id: str) -> ErasureSubject | None:
    """The person's names and their interactions (and whether they were alone in each), or
    None if there is no such person."""
    rows = read_rows(session, q("privacy/erasure_subject"), id=person_id)
    return ErasureSubject.from_map(rows[0]) if rows else None


def mentions(session: neo4j.Session, keys: list[str], words: list[str]) -> list[Mention]:
    """Records and ties whose free text (`keys`) mentions one of `words` (lower case)."""
    return Mention.from_maps(read_rows(session, q("privacy/mentions"), keys=keys, words=words))


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


def expired(session: neo4j.Session, today: date) -> list[Expired]:
    """People whose retention date has passed, oldest first."""
    return Expired.from_maps(read_rows(session, q("privacy/expired"), today=today))
