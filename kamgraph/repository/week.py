"""My week: one user's follow-ups, covered people's birthdays, tender milestones, proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import Birthday as BirthdayParts
from kamgraph.models import Person
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows

BIRTHDAY_DAYS = 14
MILESTONE_DAYS = 90
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
class Week:
    """What a KAM should see on Monday morning (rows are plain dicts of the queries' maps)."""

    today: date
    follow_ups: list[dict[str, Any]]
    birthdays: list[Birthday]
    milestones: list[dict[str, Any]]
    unconfirmed_proposals: list[dict[str, Any]]


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


def coming_birthdays(rows: list[dict[str, Any]], today: date) -> list[Birthday]:
    """Birthdays from rows with birthday parts, soonest first."""
    found = [
        _coming(row["id"], row["name"], BirthdayParts(
            row["birthday_month"], row["birthday_day"], row.get("birthday_year")), today)
        for row in rows
    ]  # fmt: skip
    return sorted(found, key=lambda b: (b.days, b.name))


def next_birthday(person: Person, today: date) -> Birthday | None:
    """A person's next birthday from today on, or None if unknown."""
    if person.birthday is None:
        return None
    return _coming(person.id, person.name, person.birthday, today)


def my_week(session: neo4j.Session, user_id: str, today: date) -> Week:
    """Everything on the home page for `user_id`, as of `today`."""
    days = [(today + timedelta(days=n)).strftime("%m-%d") for n in range(BIRTHDAY_DAYS + 1)]
    if "03-01" in days:
        days.append("02-29")
    people = read_rows(session, q("week/birthdays"), user_id=user_id, days=days)
    return Week(
        today=today,
        follow_ups=[
            plain(r["item"])
            for r in read_rows(
                session, q("week/follow_ups"), user_id=user_id, today=today,
                until=today + timedelta(days=FOLLOW_UP_DAYS),
            )
        ],
        birthdays=coming_birthdays([r["person"] for r in people], today),
        milestones=[
            plain(r["milestone"])
            for r in read_rows(
                session, q("week/milestones"), today=today,
                until=today + timedelta(days=MILESTONE_DAYS),
            )
        ],
        unconfirmed_proposals=[
            plain(r["proposal"])
            for r in read_rows(
                session, q("week/unconfirmed_proposals"), user_id=user_id,
                sent_by=today - timedelta(days=1),
            )
        ],
    )  # fmt: skip
