"""The events pages' data: one event with our coverage of the people there, and the list
of upcoming and recent events, each in one call, limited to what the reader may see.

Events themselves are not territory records: a congress or round table is a public
happening, so every signed-in reader sees its name, kind, dates, place and how many took
part. The people there are named only if the reader may read them (services/scope.py); the
others are counted. The organizations present are those of the people shown, and only
those the reader may read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import neo4j

from kamgraph.analytics import coverage as coverage_alg
from kamgraph.errors import Invalid
from kamgraph.i18n import N_
from kamgraph.models import EVENT_KINDS
from kamgraph.repository import events as events_repo
from kamgraph.repository.events import EventInfo, EventList, Job, Participant, Stance
from kamgraph.services import scope as scopes
from kamgraph.services.coverage import CoveredBy, boundary, seen

RECENT_DAYS = 365  # the events list's "recent": begun within the last year
LIST_LIMIT = 50  # events per part of the list


@dataclass(frozen=True)
class Attendee:
    """Someone at the event, with what every coverage table shows of them."""

    id: str
    name: str
    spoke: bool
    topic: str | None
    job: Job | None
    stances: list[Stance]  # in open tenders, the nearest deadline first
    segments: list[str]
    kol_tier: str | None
    covered_by: list[CoveredBy]
    last_contact: str | None  # ISO date
    days_since_contact: int | None
    every: int
    flags: list[str]


@dataclass(frozen=True)
class OrgPresent:
    """An organization present at the event, through how many of the people shown."""

    id: str
    name: str
    people: int


@dataclass(frozen=True)
class EventPage:
    """Everything the event page shows, for one reader."""

    event: EventInfo
    speakers: list[Attendee]
    attendees: list[Attendee]
    organizations: list[OrgPresent]  # most people first
    hidden: int  # people there whom the reader may not read (counted, not named)
    more: int  # people not listed at all: past the page's limit
    upcoming: bool  # it has not begun: its people are expected, not yet met

    @property
    def total(self) -> int:
        """How many people took part."""
        return len(self.speakers) + len(self.attendees) + self.hidden + self.more


def _attendee(p: Participant, row: coverage_alg.CoverageRow) -> Attendee:
    shown = seen(row)
    return Attendee(
        id=p.id,
        name=p.name,
        spoke=p.spoke,
        topic=p.topic,
        job=p.job,
        stances=p.stances,
        segments=list(p.segments or ()),
        kol_tier=p.kol_tier,
        covered_by=shown.covered_by,
        last_contact=shown.last_contact,
        days_since_contact=shown.days_since_contact,
        every=shown.every,
        flags=shown.flags,
    )


def event_page(
    session: neo4j.Session, scope: scopes.Scope, event_id: str, today: date
) -> EventPage | None:
    """The event page for `scope`'s reader; None if there is no such event (a 404)."""
    found = events_repo.page(session, event_id, today)
    if found is None:
        return None
    people = scopes.readable_rows(session, scope, found.people)
    rows = coverage_alg.coverage(
        [
            coverage_alg.Member(
                p.id,
                p.name,
                None,
                None,
                0.0,
                tuple(coverage_alg.Cover(c.user_id, c.user_name, c.stage) for c in p.covers),
                p.last_contact,
                boundary(p.segments, p.kol_tier, p.every),
            )
            for p in people
        ],
        today=today,
        stale_when_uncovered=False,
    )
    by_id = {p.id: p for p in people}
    shown = [_attendee(by_id[r.member.id], r) for r in rows]
    shown.sort(key=lambda a: (a.name, a.id))
    orgs = Counter((p.job.org_id, p.job.org_name) for p in people if p.job)
    readable_orgs = scopes.readable(session, scope, "organization", (i for i, _ in orgs))
    present = [
        OrgPresent(org_id, name, n)
        for (org_id, name), n in sorted(orgs.items(), key=lambda item: (-item[1], item[0][1]))
        if org_id in readable_orgs
    ]
    return EventPage(
        event=found.event,
        speakers=[a for a in shown if a.spoke],
        attendees=[a for a in shown if not a.spoke],
        organizations=present,
        hidden=len(found.people) - len(people),
        more=found.total - len(found.people),
        upcoming=found.event.starts_on is not None and found.event.starts_on > today,
    )


@dataclass(frozen=True)
class EventsPage:
    """The events list: upcoming and recent events, of one kind or all."""

    kind: str | None
    kinds: tuple[str, ...]
    text: str  # the words asked for in the names ('' for any)
    events: EventList
    recent_days: int | None  # how far back "recent" goes (None: all past events, for a name)


def events_page(
    session: neo4j.Session, scope: scopes.Scope, kind: str | None, text: str, today: date
) -> EventsPage:
    """Upcoming and recent events, with how many of the people there the reader's team (a
    KAM: herself; a lead: her team) covers; `kind` must be one of models.EVENT_KINDS. With
    `text`, the events whose names hold all its words, however long ago."""
    if kind is not None and kind not in EVENT_KINDS:
        raise Invalid(
            N_("unknown event kind %(kind)s: use one of %(choices)s"),
            kind=repr(kind),
            choices=", ".join(EVENT_KINDS),
        )
    users = scope.users or (scope.user.id,)
    words = text.lower().split()
    recent_days = None if words else RECENT_DAYS
    found = events_repo.listed(
        session,
        today,
        kind=kind,
        words=words,
        users=users,
        recent_days=recent_days,
        limit=LIST_LIMIT,
    )
    return EventsPage(kind, EVENT_KINDS, text, found, recent_days)
