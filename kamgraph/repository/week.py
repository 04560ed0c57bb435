"""My week's reads: one user's follow-ups, covered people's birthdays, tenders, proposals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import neo4j

from kamgraph import plan
from kamgraph.cypher import q
from kamgraph.models import Birthday as BirthdayParts
from kamgraph.models import Person
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows
from kamgraph.repository.dossier import PersonRef
from kamgraph.repository.tenders import PlanStep

BIRTHDAY_DAYS = 14
FOLLOW_UP_DAYS = 7


@dataclass(frozen=True)
class Birthday:
    """A covered person's coming birthday: in `days` days, turning `age` (if the year is known)."""

    person_id: str
    name: str
    on: date
    days: int
    age: int | None


@dataclass(frozen=True)
class FollowUp(Row):
    """An open next step due soon (or overdue), or a meeting booked soon, on day `on`; a
    meeting lists the next steps that prepare it in `steps` (services/week.py)."""

    id: str
    kind: str
    date: date
    due_date: date | None
    next_step: str | None
    notes: str | None
    commitments: str | None
    on: date
    overdue: bool
    meeting: bool  # booked from today on, not a next step
    done: bool
    people: list[PersonRef]
    steps: list[FollowUp] = field(default_factory=list["FollowUp"])


@dataclass(frozen=True)
class CoveredBirthday(Row):
    """A person the user covers whose birthday comes soon, with its parts."""

    id: str
    name: str
    birthday_month: int
    birthday_day: int
    birthday_year: int | None
    birthday_md: str
    stage: str


@dataclass(frozen=True)
class MyTender(Row):
    """A tender of the user's (they cover a DMU member or someone at the buyer): its dates,
    its buyer's name and the stored state of its plan steps."""

    tender_id: str
    title: str
    status: str | None
    buyer: str | None
    announced_on: date | None
    clarification_deadline: date | None
    submission_deadline: date | None
    award_date: date | None
    contract_start: date | None
    steps: list[PlanStep]

    def timeline(self) -> list[plan.Milestone]:
        """Official dates and the preparation plan's steps, with their stored state."""
        return plan.timeline(
            self.announced_on,
            self.clarification_deadline,
            self.submission_deadline,
            self.award_date,
            self.contract_start,
            {s.key: s for s in self.steps},
        )


@dataclass(frozen=True)
class Proposal(Row):
    """A proposal the user sent that nobody has confirmed yet."""

    id: str
    date: date
    notes: str | None
    commitments: str | None
    next_step: str | None
    people: list[PersonRef]


@dataclass(frozen=True)
class WeekRows:
    """What the user's week is made of (services/week.py makes the page of it)."""

    follow_ups: list[FollowUp]  # due by FOLLOW_UP_DAYS from today, soonest first
    birthdays: list[Birthday]  # in the next BIRTHDAY_DAYS, soonest first
    tenders: list[MyTender]
    unconfirmed_proposals: list[Proposal]


def _coming(person_id: str, name: str, birthday: BirthdayParts, today: date) -> Birthday:
    """The next occurrence of a birthday from today on (29 February falls on 1 March)."""
    for candidate_year in (today.year, today.year + 1):
        try:
            on = date(candidate_year, birthday.month, birthday.day)
        except ValueError:  # 29 February in a common year
            on = date(candidate_year, 3, 1)
        if on >= today:
            break
    age = on.year - birthday.year if birthday.year else None
    return Birthday(person_id, name, on, (on - today).days, age)


def coming_birthdays(rows: list[CoveredBirthday], today: date) -> list[Birthday]:
    """Birthdays from rows with birthday parts, soonest first."""
    found = [
        _coming(
            row.id,
            row.name,
            BirthdayParts(row.birthday_month, row.birthday_day, row.birthday_year),
            today,
        )
        for row in rows
    ]
    return sorted(found, key=lambda b: (b.days, b.name))


def next_birthday(person: Person, today: date) -> Birthday | None:
    """A person's next birthday from today on, or None if unknown."""
    if person.birthday is None:
        return None
    return _coming(person.id, person.name, person.birthday, today)


def follow_ups(session: neo4j.Session, user_id: str, today: date) -> list[FollowUp]:
    """The open next steps `user_id` follows up that are due by FOLLOW_UP_DAYS from `today`
    (overdue ones too), and the meetings she booked until then, soonest first."""
    rows = read_rows(
        session,
        q("week/follow_ups"),
        user_id=user_id,
        today=today,
        until=today + timedelta(days=FOLLOW_UP_DAYS),
    )
    return FollowUp.from_maps(r["item"] for r in rows)


def my_week(session: neo4j.Session, user_id: str, today: date) -> WeekRows:
    """Everything on the home page for `user_id`, as of `today`."""
    days = [(today + timedelta(days=n)).strftime("%m-%d") for n in range(BIRTHDAY_DAYS + 1)]
    if "03-01" in days:
        days.append("02-29")
    people = read_rows(session, q("week/birthdays"), user_id=user_id, days=days)
    tenders = read_rows(session, q("week/milestones"), user_id=user_id, today=today)
    proposals = read_rows(
        session, q("week/unconfirmed_proposals"), user_id=user_id, sent_by=today - timedelta(days=1)
    )
    return WeekRows(
        follow_ups=follow_ups(session, user_id, today),
        birthdays=coming_birthdays(CoveredBirthday.from_maps(r["person"] for r in people), today),
        tenders=MyTender.from_maps(r["tender"] for r in tenders),
        unconfirmed_proposals=Proposal.from_maps(r["proposal"] for r in proposals),
    )
