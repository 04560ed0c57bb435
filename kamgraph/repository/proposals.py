"""Proposals: one with its arguments and steps, lists of them, the DMU they argue to,
sending one (its follow-up steps), an argument per member, and steps done."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.errors import Conflict, NotFound
from kamgraph.models import OPEN_PROPOSAL_STATUSES
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import note_change, read_rows, write, write_rows

LIST_LIMIT = 200
DMU_LIMIT = 60


@dataclass(frozen=True)
class Author(Row):
    """A team member who wrote a proposal."""

    id: str
    name: str


@dataclass(frozen=True)
class Argument(Row):
    """What the proposal says to one DMU member."""

    person_id: str
    name: str
    argument: str


@dataclass(frozen=True)
class Step(Row):
    """A dated commitment of the follow-up sequence."""

    id: str
    kind: str
    due: date
    done: bool
    done_on: date | None


@dataclass(frozen=True)
class Found(Row):
    """One proposal with what its page shows of it."""

    id: str
    title: str
    status: str
    valid_until: date | None
    benefits: str | None
    reason: str | None
    sent_on: date | None
    decision_date: date | None
    version: int
    account_id: str | None
    account: str | None
    tender_id: str | None
    tender: str | None
    authors: list[Author]
    arguments: list[Argument]
    steps: list[Step]


@dataclass(frozen=True)
class Member(Row):
    """A DMU member the proposal argues to: their DMU type, and (with a tender) their role
    and stance."""

    id: str
    name: str
    dmu_type: str | None
    role: str | None
    stance: str | None


@dataclass(frozen=True)
class Line(Row):
    """A proposal in a list; `not_chased`: open, and its next-day call is overdue."""

    id: str
    title: str
    status: str
    valid_until: date | None
    sent_on: date | None
    decision_date: date | None
    account_id: str | None
    account: str | None
    tender_id: str | None
    tender: str | None
    not_chased: bool


@dataclass(frozen=True)
class Owners(Row):
    """Whose a proposal is, for the scope check: its account and its authors."""

    id: str
    account_id: str | None
    author_ids: list[str]


@dataclass(frozen=True)
class DueStep(Row):
    """A follow-up step of one of my open proposals, not done, due soon or overdue."""

    id: str
    kind: str
    due: date
    overdue: bool
    proposal_id: str
    title: str
    account: str | None

    @property
    def not_chased(self) -> bool:
        """The next-day call of a sent proposal, not made by its day."""
        return self.kind == "call" and self.overdue


def get(session: neo4j.Session, proposal_id: str) -> Found | None:
    """One proposal, or None."""
    rows = read_rows(session, q("proposal/get"), id=proposal_id)
    return Found.from_map(rows[0]) if rows else None


def dmu(session: neo4j.Session, account_id: str | None, tender_id: str | None) -> list[Member]:
    """The tender's DMU (with a tender), else the people working at the account."""
    rows = read_rows(
        session, q("proposal/dmu"), account_id=account_id, tender_id=tender_id, limit=DMU_LIMIT
    )
    return Member.from_maps(rows)


def listed(
    session: neo4j.Session,
    today: date,
    *,
    account_id: str | None = None,
    tender_id: str | None = None,
    author_id: str | None = None,
) -> list[Line]:
    """Proposals to an account, answering a tender, or by an author; newest first."""
    rows = read_rows(
        session,
        q("proposal/listed"),
        account_id=account_id,
        tender_id=tender_id,
        author_id=author_id,
        open=list(OPEN_PROPOSAL_STATUSES),
        today=today,
        limit=LIST_LIMIT,
    )
    return Line.from_maps(rows)


def owners(session: neo4j.Session, ids: Collection[str]) -> list[Owners]:
    """The account and authors of each of the proposals `ids` that exist."""
    if not ids:
        return []
    return Owners.from_maps(read_rows(session, q("proposal/accounts"), ids=sorted(set(ids))))


def my_steps(session: neo4j.Session, user_id: str, today: date, until: date) -> list[DueStep]:
    """The open follow-up steps of the user's open proposals due by `until`."""
    rows = read_rows(
        session,
        q("proposal/my_steps"),
        user_id=user_id,
        open=list(OPEN_PROPOSAL_STATUSES),
        today=today,
        until=until,
    )
    return DueStep.from_maps(rows)


def send(
    session: neo4j.Session,
    proposal_id: str,
    *,
    expected_version: int,
    sent_on: date,
    decision_date: date,
    steps: list[dict[str, object]],
    by: str,
) -> None:
    """Mark the proposal sent and write its follow-up steps, if `expected_version` is still
    current (Conflict if not; NotFound if there is no such proposal)."""

    def work(tx: neo4j.ManagedTransaction) -> None:
        record = tx.run(
            q("proposal/send"),
            id=proposal_id,
            expected_version=expected_version,
            sent_on=sent_on,
            decision_date=decision_date,
            steps=steps,
            by=by,
            at=clock.now(),
        ).single()
        if record is None:
            raise NotFound(f"no proposal with id {proposal_id!r}")
        if record["found"] != expected_version:  # raised inside: rolled back, not audited
            msg = (
                f"{proposal_id} was changed by someone else (now version {record['found']}, "
                f"your page showed version {expected_version})"
            )
            raise Conflict(msg)
        note_change({"status": [record["before"], "sent"], "sent_on": [None, sent_on]})

    write(session, work)


def set_argument(
    session: neo4j.Session, proposal_id: str, person_id: str, argument: str, *, by: str
) -> None:
    """Store the proposal's argument for one person (NotFound if either is missing)."""
    rows = write_rows(
        session,
        q("proposal/set_argument"),
        missing="the proposal or the person was not found",
        id=argument_id(proposal_id, person_id),
        proposal_id=proposal_id,
        person_id=person_id,
        argument=argument,
        by=by,
    )
    note_change({"argument": [rows[0]["before"], argument], "person_id": [None, person_id]})


def set_step_done(
    session: neo4j.Session, proposal_id: str, step_id: str, *, done: bool, today: date
) -> str:
    """Mark a step done (or not); returns its kind. NotFound if there is no such step."""
    rows = write_rows(
        session,
        q("proposal/step_done"),
        missing="no such step of this proposal",
        id=step_id,
        proposal_id=proposal_id,
        done=done,
        today=today,
    )
    note_change({"done": [rows[0]["before"], done]})
    return str(rows[0]["kind"])


def argument_id(proposal_id: str, person_id: str) -> str:
    """The id the app gives a proposal's argument for one person."""
    return f"{proposal_id}.{person_id}"


def step_id(proposal_id: str, kind: str) -> str:
    """The id the app gives a proposal's follow-up step of one kind."""
    return f"{proposal_id}.{kind}"


def buyer_of(session: neo4j.Session, tender_id: str) -> str | None:
    """The id of the tender's buyer, or None."""
    rows = read_rows(session, q("proposal/buyer"), id=tender_id)
    return str(rows[0]["id"]) if rows else None
