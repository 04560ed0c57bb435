"""Reads for the analyses (the projection, DMUs, accounts) and the write-back of their scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.models import RANK_BASELINE_DAYS, RANK_MOVE_PLACES, RANK_MOVE_TOP, Tie
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import count_records, read_rows, translated, write

SCORE_BATCH = 10_000


def change_token(session: neo4j.Session) -> str:
    """A token that changes whenever the graph's contents change.

    It is the graph revision that every repository write counts (see _tx.write); audit
    entries and stored scores do not count, so reading pages keeps the cache warm. A
    script that writes raw Cypher should count a revision too
    (cypher/graph/bump_revision.cypher), or the analysis graphs stay as they are until then.
    """
    rows = read_rows(session, q("graph/revision"))
    return str(rows[0]["n"]) if rows else "0"


def projection_rows(
    session: neo4j.Session, types: Sequence[str], today: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Tie]]:
    """People, team members and ties of `types`, in one read transaction, streamed."""
    days_ago: dict[int, date] = {}

    def day(days: int | None) -> date | None:
        if days is None:
            return None
        if days not in days_ago:
            days_ago[days] = today - timedelta(days=days)
        return days_ago[days]

    def unpack(source: str, packed: list[list[Any]], into: list[Tie]) -> None:
        for target, kind, tie_kind, value, seen_days, until_days in packed:
            into.append(Tie(source, target, kind, tie_kind, value, day(seen_days), day(until_days)))

    def work(
        tx: neo4j.ManagedTransaction,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Tie]]:
        ties: list[Tie] = []
        people: list[dict[str, Any]] = []
        team: list[dict[str, Any]] = []
        # Records are tuples: unpacking them skips Record.data()'s deep copy of the
        # packed tie lists, which at a million ties costs more than decoding them.
        for record in tx.run(q("graph/people"), types=list(types), today=today):
            person_id, name, organizations, job_titles, roles, packed = cast(
                tuple[str, str, list[str], list[str], list[str], list[list[Any]]], record
            )
            unpack(person_id, packed, ties)
            count_records(1 + len(packed))
            people.append(
                {
                    "id": person_id,
                    "name": name,
                    "organizations": organizations,
                    "job_titles": job_titles,
                    "roles": roles,
                }
            )
        for record in tx.run(q("graph/team"), types=list(types), today=today):
            user_id, name, role, packed = cast(tuple[str, str, str, list[list[Any]]], record)
            unpack(user_id, packed, ties)
            count_records(1 + len(packed))
            team.append({"id": user_id, "name": name, "role": role})
        return people, team, ties

    with translated():
        return session.execute_read(work)


@dataclass(frozen=True)
class EventPeople(Row):
    """An event's id, its last day and the people who took part in it (co-attendance)."""

    id: str
    day: date | None
    people: list[str]


def event_participants(
    session: neo4j.Session, types: Sequence[str], today: date
) -> list[EventPeople]:
    """The events begun by `today` with the people tied to them by `types` (two or more)."""
    rows = read_rows(session, q("graph/event_participants"), types=list(types), today=today)
    return EventPeople.from_maps(rows)


@dataclass(frozen=True)
class MemberCover(Row):
    """A team member's current cover of a DMU or account member."""

    user_id: str
    user_name: str
    stage: str


@dataclass(frozen=True)
class CompetitorTie(Row):
    """A person's tie to a competitor: `kind` of tie (consultant, speaker, ...), to `name`."""

    name: str
    kind: str | None


@dataclass(frozen=True)
class Known(Row):
    """Which standard dossier fields of a person are filled (analytics/completeness.py says
    what each means); never their values."""

    birthday: bool
    hobbies: bool
    family: bool
    values: bool
    communication: bool
    dmu_type: bool
    stance: bool
    stage: bool


@dataclass(frozen=True)
class Member(Row):
    """A DMU member (role, stance and its evidence) or a person working at an account (their
    job title as `role`, no stance), with our covers and their last contact with us, their
    segments and contact boundary, and which dossier fields we know."""

    id: str
    name: str
    role: str | None
    stance: str | None
    evidence: str | None
    covers: list[MemberCover]
    competitors: list[CompetitorTie]
    last_contact: date | None
    segments: list[str] | None
    kol_tier: str | None
    every: int | None  # their own contact boundary (None: their segments' default)
    known: Known


@dataclass(frozen=True)
class DmuMember(Member):
    """A DMU member: every ROLE_IN has a role and a stance."""

    role: str
    stance: str


@dataclass(frozen=True)
class TenderRef(Row):
    """A tender, as the analyses name it."""

    id: str
    title: str
    status: str | None
    submission_deadline: date | None


@dataclass(frozen=True)
class AccountRef(Row):
    """An organization, as the analyses name it."""

    id: str
    name: str
    kind: str | None


@dataclass(frozen=True)
class TenderDmu(Row):
    """A tender and its DMU members."""

    tender: TenderRef
    members: list[DmuMember]


@dataclass(frozen=True)
class AccountMembers(Row):
    """An organization and the people working in it (or its parts) now."""

    account: AccountRef
    members: list[Member]


def tender_dmu(session: neo4j.Session, tender_id: str, today: date) -> TenderDmu | None:
    """The tender and its DMU members with covers and last contact, or None."""
    rows = read_rows(session, q("graph/tender_dmu"), id=tender_id, today=today)
    return TenderDmu.from_map(rows[0]) if rows else None


def account_members(session: neo4j.Session, org_id: str, today: date) -> AccountMembers | None:
    """The organization and the people working in it now, with covers and last contact."""
    rows = read_rows(session, q("graph/account_members"), id=org_id, today=today)
    return AccountMembers.from_map(rows[0]) if rows else None


def scope_people(session: neo4j.Session, *, org: str | None, region: str | None) -> list[str]:
    """Ids of the people working now in an organization (and its parts) or a region."""
    return [
        row["id"] for row in read_rows(session, q("graph/scope_people"), org=org, region=region)
    ]


@dataclass(frozen=True)
class Account(Row):
    """An organization with our annual sales recorded; `key` if a key account."""

    id: str
    name: str
    sales: float
    key: bool


def accounts(session: neo4j.Session) -> list[Account]:
    """Organizations with our annual sales, largest first."""
    return Account.from_maps(read_rows(session, q("graph/accounts")))


@dataclass(frozen=True)
class TeamMember(Row):
    """An active user of ours."""

    id: str
    name: str
    role: str | None


def team(session: neo4j.Session) -> list[TeamMember]:
    """Our active team members (id, name, role)."""
    rows = read_rows(session, q("graph/team"), types=[], today=clock.today())
    return TeamMember.from_maps({k: v for k, v in row.items() if k != "ties"} for row in rows)


def write_scores(session: neo4j.Session, rows: list[dict[str, Any]], at: datetime) -> None:
    """Store batch scores on people, in batches (keeping the rank a move is measured from:
    models.RANK_BASELINE_DAYS, RANK_MOVE_PLACES, RANK_MOVE_TOP)."""
    baseline = at - timedelta(days=RANK_BASELINE_DAYS)
    for start in range(0, len(rows), SCORE_BATCH):
        batch = rows[start : start + SCORE_BATCH]

        def work(tx: neo4j.ManagedTransaction, batch: list[dict[str, Any]] = batch) -> None:
            tx.run(
                q("graph/write_scores"),
                rows=batch,
                at=at,
                baseline=baseline,
                places=RANK_MOVE_PLACES,
                top=RANK_MOVE_TOP,
            ).consume()

        write(session, work, changes_graph=False)  # scores are outputs, not inputs


def scores_stale(session: neo4j.Session) -> bool:
    """Whether the graph changed since the stored scores were computed."""
    rows = read_rows(session, q("graph/scores_state"))
    return bool(rows) and rows[0]["n"] != rows[0]["scored"]


def mark_scored(session: neo4j.Session, revision: str) -> None:
    """Record the graph revision the stored scores were computed from."""

    def work(tx: neo4j.ManagedTransaction) -> None:
        tx.run(q("graph/mark_scored"), revision=revision).consume()

    write(session, work, changes_graph=False)


@dataclass(frozen=True)
class Load(Row):
    """An active team member and how many people they cover now."""

    id: str
    name: str
    role: str | None
    covered: int


def team_load(session: neo4j.Session) -> list[Load]:
    """Each active team member with the number of people they cover now."""
    return Load.from_maps(read_rows(session, q("team/load")))


@dataclass(frozen=True)
class KeyTender(Row):
    """An open tender a key person is in the DMU of, with their role and stance."""

    id: str
    title: str
    role: str | None
    stance: str | None


@dataclass(frozen=True)
class KeyJob(Row):
    """A key person's current organization, and the account it belongs to."""

    id: str
    name: str
    title: str | None
    account_id: str
    account: str


@dataclass(frozen=True)
class KeyCover(Row):
    """A team member's current cover of a key person."""

    user_id: str
    user_name: str
    stage: str


@dataclass(frozen=True)
class KeyPerson(Row):
    """A key person of the team coverage page (cypher/team/key_people.cypher)."""

    id: str
    name: str
    influence: float | None
    rank: int | None
    tenders: list[KeyTender]
    job: KeyJob | None
    covers: list[KeyCover]
    last_contact: date | None
    segments: list[str] | None
    kol_tier: str | None
    every: int | None  # their own contact boundary (None: their segments' default)
    known: Known


def key_people(session: neo4j.Session, *, top: int, today: date) -> list[KeyPerson]:
    """The most influential people and open tenders' DMUs, with covers and last contact."""
    return KeyPerson.from_maps(read_rows(session, q("team/key_people"), top=top, today=today))
