"""Interactions logged by the team: create (once per id, by one author), mark done, and
change with the version read."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.errors import Conflict, Forbidden, NotFound
from kamgraph.i18n import N_
from kamgraph.models import Interaction
from kamgraph.repository._props import store_value
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import note_change, read_rows, write
from kamgraph.schema import INTERACTIONS
from kamgraph.screening.record import Review

# Its own properties (the link columns are ties; a follow-up is handed over, never logged).
_FIELDS = tuple(
    c.name
    for c in INTERACTIONS.columns
    if c.name not in ("user_id", "participant_ids", "follow_up_id")
)


def create(
    session: neo4j.Session, interaction: Interaction, *, special: Review | None = None
) -> bool:
    """Store a new interaction with its author and participants.

    `special`: the special-category screen's verdict on its text; its properties (the
    categories and the reason) are stored on the interaction, and recorded in the audit
    entry of the change, as an edit records a field.

    Returns True when it was stored, False when its author had stored it already (a
    resubmitted form: the first submission is kept, unchanged). Another user's id is a
    Conflict and an unknown user or participant NotFound; neither writes anything.
    """
    row = {name: store_value(getattr(interaction, name)) for name in _FIELDS}
    row = {k: v for k, v in row.items() if v is not None}
    if special is not None:
        row.update({k: v for k, v in special.props.items() if v is not None})
        note_change(special.details)

    def work(tx: neo4j.ManagedTransaction) -> bool:
        existing = tx.run(q("interaction/authors"), id=interaction.id).single()
        if existing is not None:
            if interaction.user_id in existing["authors"]:
                raise _AlreadyLogged  # rolled back: nothing written, nothing audited
            msg = f"interaction id {interaction.id!r} belongs to someone else: nothing was saved"
            raise Conflict(msg)
        created = tx.run(
            q("interaction/create"),
            row=row,
            user_id=interaction.user_id,
            participant_ids=list(interaction.participant_ids),
            recorded_at=clock.now(),
        ).single()
        if created is None:
            msg = "unknown user or participant: nothing was saved"
            raise NotFound(msg)
        return True

    try:
        return write(session, work)
    except _AlreadyLogged:
        return False
    except Conflict:
        # Two submits of one form at once: the other one created it a moment ago.
        found = read_rows(session, q("interaction/authors"), id=interaction.id)
        if found and interaction.user_id in found[0]["authors"]:
            return False
        raise


class _AlreadyLogged(Exception):
    """The author logged this interaction already (a resubmitted form)."""


def mark_done(
    session: neo4j.Session, interaction_id: str, *, user_id: str, anyone: bool, done: bool = True
) -> None:
    """Mark a next step done (or, with `done` false, open again: an undo), as its author
    (or anyone, for a lead or an admin).

    NotFound if there is no such interaction; Forbidden if it is someone else's.
    """

    def work(tx: neo4j.ManagedTransaction) -> None:
        found = tx.run(
            q("interaction/mark_done"),
            id=interaction_id,
            user_id=user_id,
            anyone=anyone,
            done=done,
            today=clock.today(),
            at=clock.now(),
        ).single()
        if found is None:
            raise NotFound("no such interaction")
        if not found["allowed"]:  # raised inside the transaction: rolled back, not audited
            msg = "only the KAM who logged it, a lead or an admin can mark this done"
            raise Forbidden(msg)

    write(session, work)


@dataclass(frozen=True)
class Meeting(Row):
    """A logged interaction as its brief and the API show it: `user_id` logged it, with the
    people `participant_ids` (sorted); `version` for an edit."""

    id: str
    date: date
    kind: str
    notes: str | None
    objective: str | None
    agenda: str | None
    next_step: str | None
    user_id: str | None
    participant_ids: list[str]
    commitments: str | None = None
    due_date: date | None = None
    done: bool | None = None
    version: int = 1
    updated_at: datetime | None = None


def get(session: neo4j.Session, interaction_id: str) -> Meeting | None:
    """An interaction for its brief (with its author and the ids of the people met)."""
    rows = read_rows(session, q("interaction/get"), id=interaction_id)
    if not rows:
        return None
    found = Meeting.from_map(rows[0])
    return replace(found, participant_ids=sorted(found.participant_ids))


def set_plan(
    session: neo4j.Session,
    interaction_id: str,
    *,
    objective: str | None,
    agenda: str | None,
    user_id: str,
    anyone: bool,
) -> None:
    """Set a planned meeting's objective and agenda, as its author (or a lead or an admin).

    NotFound if there is no such interaction; Forbidden if it is someone else's.
    """

    def work(tx: neo4j.ManagedTransaction) -> None:
        found = tx.run(
            q("interaction/set_plan"),
            id=interaction_id,
            objective=objective,
            agenda=agenda,
            user_id=user_id,
            anyone=anyone,
            at=clock.now(),
        ).single()
        if found is None:
            raise NotFound("no such interaction")
        if not found["allowed"]:
            raise Forbidden("only the KAM who logged it, a lead or an admin can plan it")

    write(session, work)


def update(
    session: neo4j.Session,
    interaction_id: str,
    values: dict[str, Any],
    *,
    expected_version: int,
    user_id: str,
    anyone: bool,
    special: Review | None = None,
) -> None:
    """Change some of an interaction's fields (typed values, as the import parses them),
    made on `expected_version`, as its author (or anyone, for a lead or an admin).

    NotFound if there is no such interaction, Forbidden if it is someone else's, Conflict
    if it was changed after `expected_version`; each is raised inside the transaction, so
    nothing is written or audited. `special` as in :func:`create`.
    """
    props = {name: store_value(value) for name, value in values.items()}
    if special is not None:
        props.update(special.props)

    def work(tx: neo4j.ManagedTransaction) -> None:
        found = tx.run(
            q("interaction/update"),
            id=interaction_id,
            props=props,
            expected_version=expected_version,
            user_id=user_id,
            anyone=anyone,
            at=clock.now(),
        ).single()
        if found is None:
            raise NotFound("no such interaction")
        if not found["allowed"]:
            raise Forbidden(N_("Only the KAM who logged it, a lead or an admin can change it."))
        if found["found"] != expected_version:
            raise Conflict(
                N_(
                    "%(id)s was changed by someone else (now version %(now)d, your edit was"
                    " based on version %(read)d)"
                ),
                id=interaction_id,
                now=found["found"],
                read=expected_version,
            )
        before, after = dict(found["before"]), dict(found["props"])
        changes = {
            k: [before.get(k), after.get(k)]
            for k in sorted(values)
            if before.get(k) != after.get(k)
        }
        note_change({**changes, **(special.details if special is not None else {})})

    write(session, work)
