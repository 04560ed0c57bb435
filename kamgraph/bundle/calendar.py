"""vCard export of people and an iCalendar feed of birthdays, follow-ups and tender deadlines."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, cast

import icalendar
import vobject  # pyright: ignore[reportMissingTypeStubs]

from kamgraph import clock, plan
from kamgraph.models import Birthday

# vCard 3 has no year-less birthday; Apple's convention (understood by Google and most
# clients) writes year 1604 with X-APPLE-OMIT-YEAR. iCalendar needs a start year for a
# yearly rule; 2000 is a leap year, so 29 February works.
NO_YEAR_VCARD = 1604
NO_YEAR_ICS = 2000
# Everything some reader takes for a line break (str.splitlines' set): vCard and iCalendar
# escape only CR and LF, so a name holding U+2028 could start a card or an event of its own
# in a reader that splits on it. Exported text keeps each field on its line.
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def _flat(value: Any) -> Any:
    if isinstance(value, str):
        return _LINE_BREAKS.sub(" ", value)
    if isinstance(value, tuple):
        return tuple(_flat(v) for v in cast(tuple[Any, ...], value))
    return value


def _flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record with every text on one line."""
    return {key: _flat(value) for key, value in record.items()}


TENDER_MILESTONES = (
    ("clarification_deadline", "clarification deadline"),
    ("submission_deadline", "submission deadline"),
    ("award_date", "award"),
)


def vcards(people: Iterable[dict[str, Any]], watermark: str | None = None) -> str:
    """One vCard 3.0 per person: name, titles, contact channels, birthday, and the export's
    `watermark` (an X-KAMGRAPH-EXPORT line in each card).

    Sensitive fields (family, values, notes) are never written: vCards end up on phones.
    """
    cards: list[str] = []
    for person in map(_flat_record, people):
        card = vobject.vCard()
        card.add("uid").value = f"kamgraph-person-{person['id']}"
        titles = " ".join(person.get("titles") or ())
        card.add("n").value = vobject.vcard.Name(
            family=person["family_name"], given=person["given_name"], prefix=titles
        )
        card.add("fn").value = " ".join(
            filter(None, [titles, person["given_name"], person["family_name"]])
        )
        if person.get("email"):
            card.add("email").value = person["email"]
        if person.get("phone"):
            card.add("tel").value = person["phone"]
        if person.get("specialty"):
            card.add("title").value = person["specialty"]
        birthday: Birthday | None = person.get("birthday")
        if birthday is not None:
            bday = card.add("bday")
            year = birthday.year or NO_YEAR_VCARD
            bday.value = f"{year:04d}-{birthday.month:02d}-{birthday.day:02d}"
            if birthday.year is None:
                bday.params["X-APPLE-OMIT-YEAR"] = [str(NO_YEAR_VCARD)]
        if watermark:
            card.add("x-kamgraph-export").value = watermark
        cards.append(card.serialize())
    return "".join(cards)


def _event(uid: str, summary: str, day: date, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event


# A dated commitment for the feed: (uid, summary, due date, category).
Commitment = tuple[str, str, date, str]


def calendar(
    people: Iterable[dict[str, Any]],
    interactions: Iterable[dict[str, Any]],
    tenders: Iterable[dict[str, Any]],
    *,
    names: dict[str, str] | None = None,
    stamp: datetime | None = None,
    title: str = "kamgraph",
    plan_steps: Mapping[str, Mapping[str, plan.StepState]] | None = None,
    user_id: str | None = None,
    watermark: str | None = None,
    commitments: Iterable[Commitment] = (),
) -> bytes:
    """An .ics feed: yearly birthdays, open follow-ups by due date, tender milestones, and
    (given `plan_steps`: the stored state by tender and step) the preparation-plan steps
    not done yet that are `user_id`'s or nobody's; and other dated `commitments` (the
    open steps of relationship plans, the follow-up of sent proposals)."""
    stamp = stamp or clock.now()
    names = {key: _flat(name) for key, name in (names or {}).items()}
    cal = icalendar.Calendar()
    cal.add("prodid", "-//kamgraph//birthdays, follow-ups and tenders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    if watermark:  # an export's: who, when
        cal.add("x-kamgraph-export", watermark)
    for person in map(_flat_record, people):
        birthday: Birthday | None = person.get("birthday")
        if birthday is None:
            continue
        start = date(birthday.year or NO_YEAR_ICS, birthday.month, birthday.day)
        name = " ".join(
            [*(person.get("titles") or ()), person["given_name"], person["family_name"]]
        )
        event = _event(f"kamgraph-birthday-{person['id']}", f"Birthday: {name}", start, stamp)
        event.add("rrule", {"freq": "yearly"})
        event.add("categories", ["birthday"])
        cal.add_component(event)
    for interaction in map(_flat_record, interactions):
        due = interaction.get("due_date")
        if due is None or interaction.get("done"):
            continue
        participants: tuple[str, ...] = interaction.get("participant_ids") or ()
        who = ", ".join(names.get(p) or p for p in participants)
        step = interaction.get("next_step") or "follow up"
        summary = f"Follow-up: {step}" + (f" ({who})" if who else "")
        event = _event(f"kamgraph-followup-{interaction['id']}", summary, due, stamp)
        event.add("categories", ["follow-up"])
        cal.add_component(event)
    for tender in map(_flat_record, tenders):
        for field_name, label in TENDER_MILESTONES:
            day = tender.get(field_name)
            if day is None:
                continue
            uid = f"kamgraph-tender-{tender['id']}-{field_name}"
            event = _event(uid, f"Tender {label}: {tender['title']}", day, stamp)
            event.add("categories", ["tender"])
            cal.add_component(event)
        if plan_steps is None:
            continue
        state = plan_steps.get(str(tender["id"]))
        steps = plan.timeline(
            tender.get("announced_on"),
            tender.get("clarification_deadline"),
            tender.get("submission_deadline"),
            tender.get("award_date"),
            tender.get("contract_start"),
            state,
        )
        for step in steps:
            if step.key is None or step.done or step.owner_id not in (None, user_id):
                continue
            uid = f"kamgraph-plan-{tender['id']}-{step.key}"
            event = _event(uid, f"Plan: {step.what} ({tender['title']})", step.on, stamp)
            event.add("categories", ["tender plan"])
            cal.add_component(event)
    for uid, summary, due, category in commitments:
        event = _event(uid, summary, due, stamp)
        event.add("categories", [category])
        cal.add_component(event)
    return cal.to_ical()
