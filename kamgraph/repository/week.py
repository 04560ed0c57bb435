"""My week: one user's follow-ups, covered people's birthdays, tender milestones, proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph import plan
from kamgraph.cypher import q
from kamgraph.models import Birthday as BirthdayParts
from kamgraph.models import Person
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows

BIRTHDAY_DAYS = 14
MILESTONE_DAYS = 90
FOLLOW_UP_DAYS = 7
STEP_OVERDUE_DAYS = 14


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
    plan_steps: list[dict[str, Any]]


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
        _coming(
            row["id"],
            row["name"],
            BirthdayParts(row["birthday_month"], row["birthday_day"], row.get("birthday_year")),
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


def my_week(session: neo4j.Session, user_id: str, today: date) -> Week:
    """Everything on the home page for `user_id`, as of `today`."""
    days = [(today + timedelta(days=n)).strftime("%m-%d") for n in range(BIRTHDAY_DAYS + 1)]
    if "03-01" in days:
        days.append("02-29")
    people = read_rows(session, q("week/birthdays"), user_id=user_id, days=days)
    tenders = [
        plain(r["tender"])
        for r in read_rows(session, q("week/milestones"), user_id=user_id, today=today)
    ]
    return Week(
        today=today,
        follow_ups=merged_follow_ups(
            [
                plain(r["item"])
                for r in read_rows(
                    session,
                    q("week/follow_ups"),
                    user_id=user_id,
                    today=today,
                    until=today + timedelta(days=FOLLOW_UP_DAYS),
                )
            ]
        ),
        birthdays=coming_birthdays([r["person"] for r in people], today),
        milestones=_milestones(tenders, today, today + timedelta(days=MILESTONE_DAYS)),
        plan_steps=_due_steps(tenders, user_id, today, today + timedelta(days=FOLLOW_UP_DAYS)),
        unconfirmed_proposals=[
            plain(r["proposal"])
            for r in read_rows(
                session,
                q("week/unconfirmed_proposals"),
                user_id=user_id,
                sent_by=today - timedelta(days=1),
            )
        ],
    )


def _steps_of(tender: dict[str, Any]) -> list[plan.Milestone]:
    steps = {s["key"]: s for s in tender["steps"]}
    return plan.timeline(
        tender["announced_on"],
        tender["clarification_deadline"],
        tender["submission_deadline"],
        tender["award_date"],
        tender["contract_start"],
        steps,
    )


def _milestones(tenders: list[dict[str, Any]], today: date, until: date) -> list[dict[str, Any]]:
    """The dates and preparation-plan steps of my tenders from `today` to `until`."""
    found = [
        {
            "tender_id": t["tender_id"],
            "title": t["title"],
            "status": t["status"],
            "buyer": t["buyer"],
            "what": m.what,
            "on": m.on,
            "official": m.official,
            "done": m.done,
            "owner": m.owner,
        }
        for t in tenders
        for m in _steps_of(t)
        if today <= m.on <= until
    ]
    return sorted(found, key=lambda m: (m["on"], not m["official"], m["tender_id"]))


def _due_steps(
    tenders: list[dict[str, Any]], user_id: str, today: date, until: date
) -> list[dict[str, Any]]:
    """My tenders' plan steps due by `until` and not done, that are mine or nobody's yet;
    overdue ones for STEP_OVERDUE_DAYS (an older one is the tender page's to show)."""
    found = [
        {
            "tender_id": t["tender_id"],
            "title": t["title"],
            "key": m.key,
            "what": m.what,
            "on": m.on,
            "overdue": m.on < today,
            "owner": m.owner,
        }
        for t in tenders
        for m in _steps_of(t)
        if m.key
        and not m.done
        and m.owner_id in (None, user_id)
        and today - timedelta(days=STEP_OVERDUE_DAYS) <= m.on <= until
    ]
    return sorted(found, key=lambda m: (m["on"], m["tender_id"]))


def merged_follow_ups(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per meeting: an open next step due on the day of a meeting I booked with
    the same people is that meeting's preparation, listed under it (``steps``), not again.

    >>> meeting = {"id": "m", "meeting": True, "on": 2, "people": [{"id": "a"}, {"id": "b"}]}
    >>> step = {"id": "s", "meeting": False, "on": 2, "people": [{"id": "a"}]}
    >>> [(i["id"], [s["id"] for s in i["steps"]]) for i in merged_follow_ups([step, meeting])]
    [('m', ['s'])]
    """
    meetings = [i for i in items if i["meeting"]]
    kept: list[dict[str, Any]] = []
    for item in items:
        item.setdefault("steps", [])
        if not item["meeting"]:
            people = {p["id"] for p in item["people"]}
            host = next(
                (
                    m
                    for m in meetings
                    if m["on"] == item["on"] and people <= {p["id"] for p in m["people"]}
                ),
                None,
            )
            if host is not None:
                host.setdefault("steps", []).append(item)
                continue
        kept.append(item)
    return kept
