"""Events and who took part in them: the event page, the events list, and the events of a
person (the dossier) and of an organization's people (the organization page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows
from kamgraph.repository.graph import MemberCover

# At most this many people on one event page (a congress may have thousands): speakers
# first, then by name; the page says how many more there are.
PAGE_PEOPLE = 300


@dataclass(frozen=True)
class EventInfo(Row):
    """An event's own facts."""

    id: str
    name: str
    kind: str
    starts_on: date | None = None
    ends_on: date | None = None
    city: str | None = None


@dataclass(frozen=True)
class Job(Row):
    """A person's current job: title, and where."""

    title: str | None
    org_id: str
    org_name: str


@dataclass(frozen=True)
class Stance(Row):
    """A person's stance in an open tender."""

    stance: str
    tender_id: str
    tender: str


@dataclass(frozen=True)
class Participant(Row):
    """Someone who attended or spoke at an event, with our coverage of them."""

    id: str
    name: str
    spoke: bool
    topic: str | None
    job: Job | None
    stances: list[Stance]  # in open tenders, the nearest deadline first
    covers: list[MemberCover]
    last_contact: date | None
    segments: list[str] | None
    kol_tier: str | None
    every: int | None  # their own contact boundary (None: their segments' default)


@dataclass(frozen=True)
class EventPeople:
    """An event, how many took part, and the first PAGE_PEOPLE of them."""

    event: EventInfo
    total: int
    people: list[Participant]


def page(
    session: neo4j.Session, event_id: str, today: date, limit: int = PAGE_PEOPLE
) -> EventPeople | None:
    """The event page's data, or None if there is no such event."""
    rows = read_rows(session, q("event/page"), id=event_id, today=today, limit=limit)
    if not rows:
        return None
    row = rows[0]
    return EventPeople(
        EventInfo.from_map(row["event"]), int(row["total"]), Participant.from_maps(row["people"])
    )


@dataclass(frozen=True)
class Listed(Row):
    """An event in the list: its facts, how many attended and spoke, and how many of them
    the reader's team covers."""

    id: str
    name: str
    kind: str
    starts_on: date | None
    ends_on: date | None
    city: str | None
    attended: int
    spoke: int
    covered: int


@dataclass(frozen=True)
class EventList(Row):
    """Upcoming events (soonest first) and recent ones (latest first)."""

    upcoming: list[Listed]
    recent: list[Listed]


def listed(
    session: neo4j.Session,
    today: date,
    *,
    kind: str | None,
    words: Sequence[str],
    users: Sequence[str],
    recent_days: int | None,
    limit: int,
) -> EventList:
    """Upcoming and recent events of `kind` (None: all) whose names hold all `words` (lower
    case), with the coverage of `users`; `recent_days` None: every past one."""
    rows = read_rows(
        session,
        q("event/list"),
        today=today,
        kind=kind,
        words=list(words),
        users=list(users),
        recent_days=recent_days,
        limit=limit,
    )
    return EventList.from_map(rows[0])


@dataclass(frozen=True)
class Attended(Row):
    """An event a person attended or spoke at (the dossier)."""

    id: str
    name: str
    kind: str
    starts_on: date | None
    ends_on: date | None
    city: str | None
    spoke: bool
    topic: str | None
    people: int  # how many took part in all


def of_person(session: neo4j.Session, person_id: str, limit: int = 10) -> list[Attended]:
    """The latest `limit` events the person attended or spoke at."""
    rows = read_rows(session, q("event/of_person"), id=person_id, limit=limit)
    return Attended.from_maps(rows)


@dataclass(frozen=True)
class Present(Row):
    """Someone of an organization at an event."""

    id: str
    name: str
    spoke: bool


@dataclass(frozen=True)
class OrgEvent(Row):
    """An event the people of an organization attended or spoke at, and who of them."""

    id: str
    name: str
    kind: str
    starts_on: date | None
    ends_on: date | None
    city: str | None
    people: list[Present]


def of_org(session: neo4j.Session, org_id: str, limit: int = 10) -> list[OrgEvent]:
    """The latest `limit` events people working at the organization took part in."""
    rows = read_rows(session, q("event/of_org"), id=org_id, limit=limit)
    return OrgEvent.from_maps(rows)
