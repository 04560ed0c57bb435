"""The date-sensitive pages at the days that break calendars: leap days, New Year's Eve, a
Sunday and a Monday, and the first day after the demo's anchor week.

Each day fixes the app's clock, loads the demo through the import path (which moves its
meetings, follow-ups and tender dates by whole weeks, and never birthdays), and adds three
people the demo lacks: born on 29 February, on 2 January and on 31 December (no year).
Every expectation is computed here from the demo's CSV files and the day, never typed in.
"""

from __future__ import annotations

import csv
import re
from calendar import isleap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import neo4j
import pytest
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.app import create_app
from kamgraph.seeding import demo
from kamgraph.services import data as bundle_service

from .web_support import KAM, give_passwords, sign_in

CALENDAR_DAYS = {
    "leap-28-feb": date(2028, 2, 28),
    "leap-29-feb": date(2028, 2, 29),
    "new-years-eve": date(2026, 12, 31),
    "sunday": date(2027, 6, 13),
    "monday": date(2027, 6, 14),
    "after-anchor-week": demo.ANCHOR + timedelta(days=7),
}
KIRA = "u-kira"
EXTRA_PEOPLE = (
    "id,given_name,family_name,birthday\n"
    "p-cal-leap,Lea,Leapling,29.02.1960\n"
    "p-cal-newyear,Jan,Janus,02.01.1970\n"
    "p-cal-eve,Silvia,Vester,31.12.\n"
)
EXTRA_COVERS = "type,from_id,to_id,stage\n" + "".join(
    f"COVERS,{KIRA},{pid},acquaintance\n" for pid in ("p-cal-leap", "p-cal-newyear", "p-cal-eve")
)


@dataclass(frozen=True)
class Day:
    """One calendar day's app, signed-in client and demo shift."""

    today: date
    app: Flask
    kam: FlaskClient
    shift: timedelta


@pytest.fixture(scope="module", params=list(CALENDAR_DAYS.values()), ids=list(CALENDAR_DAYS))
def day(
    request: pytest.FixtureRequest,
    driver: neo4j.Driver,
    neo4j_config: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Day]:
    today: date = request.param
    database = str(neo4j_config["NEO4J_DATABASE"])
    extra = tmp_path_factory.mktemp("extra")
    (extra / "people.csv").write_text(EXTRA_PEOPLE, encoding="utf-8")
    (extra / "relationships.csv").write_text(EXTRA_COVERS, encoding="utf-8")
    with clock.fixed(today):
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
        with driver.session(database=database) as session:
            demo.load_demo(session)
            bundle_service.import_path(session, extra)
            give_passwords(session)
        app = create_app({**neo4j_config, "SECRET_KEY": "c" * 40, "RATELIMIT_ENABLED": False})
        kam = app.test_client()
        sign_in(kam, KAM)
        yield Day(today, app, kam, demo.week_shift(today))
        web_db.close(app)


# --- what the demo's files say, and what follows from the day ---


def _rows(name: str) -> list[dict[str, str]]:
    with (Path(demo.demo_folder()) / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _people_birthdays() -> dict[str, tuple[int, int, int | None]]:
    """id -> (month, day, year or None), from the demo's files and the extra people."""
    found: dict[str, tuple[int, int, int | None]] = {}
    rows = _rows("people") + list(csv.DictReader(EXTRA_PEOPLE.splitlines()))
    for row in rows:
        raw = row["birthday"]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            year, month, dd = (int(x) for x in raw.split("-"))
            found[row["id"]] = (month, dd, year)
        elif raw.startswith("--"):  # --MM-DD: the year is unknown
            found[row["id"]] = (int(raw[2:4]), int(raw[5:7]), None)
        elif raw:
            dd, month, year_text = raw.split(".")
            found[row["id"]] = (int(month), int(dd), int(year_text) if year_text else None)
    return found


def _kira_covers() -> set[str]:
    rows = _rows("relationships") + list(csv.DictReader(EXTRA_COVERS.splitlines()))
    return {
        r["to_id"]
        for r in rows
        if r["type"] == "COVERS" and r["from_id"] == KIRA and not r.get("until")
    }


def _celebrated_on(month: int, dd: int, year: int) -> date:
    """The day a birthday is celebrated in `year` (29 February falls on 1 March)."""
    if (month, dd) == (2, 29) and not isleap(year):
        return date(year, 3, 1)
    return date(year, month, dd)


def _next_birthday(month: int, dd: int, today: date) -> date:
    this_year = _celebrated_on(month, dd, today.year)
    return this_year if this_year >= today else _celebrated_on(month, dd, today.year + 1)


def _section(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}".*?</section>', html, re.DOTALL)
    assert found, f"no {testid} section"
    return found.group(0)


def _shifted(raw: str, shift: timedelta) -> date | None:
    return date.fromisoformat(raw) + shift if raw else None


def _when(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


# --- the tests: each runs once per day ---


def test_my_week_is_dated_by_the_apps_clock(day: Day) -> None:
    html = day.kam.get("/").get_data(as_text=True)
    assert format_date(day.today, "full", locale="en_GB") in html  # "Monday, 30 November 2026"


def test_my_week_lists_exactly_the_birthdays_of_the_next_14_days(day: Day) -> None:
    birthdays = _people_birthdays()
    expected: list[tuple[int, str]] = []
    for pid in _kira_covers():
        if pid not in birthdays:
            continue
        month, dd, _year = birthdays[pid]
        days = (_next_birthday(month, dd, day.today) - day.today).days
        if days <= 14:
            expected.append((days, pid))
    section = _section(day.kam.get("/").get_data(as_text=True), "birthdays")
    shown = re.findall(r'href="/people/([^"]+)"', section)
    assert sorted(shown) == sorted(pid for _, pid in expected)
    assert [d for d, _ in sorted(expected)] == sorted(d for d, _ in expected)
    for days, pid in expected:
        item = re.search(rf'/people/{pid}".*?</li>', section, re.DOTALL)
        assert item is not None
        assert _when(days) in item.group(0), (pid, days)
        year = birthdays[pid][2]
        if year:
            turns = (day.today + timedelta(days=days)).year - year
            assert f"turns {turns}" in item.group(0)
        else:
            assert "turns" not in item.group(0)


def test_dossier_and_brief_show_the_birth_date_itself_and_the_countdown(day: Day) -> None:
    left = (_next_birthday(2, 29, day.today) - day.today).days
    dossier = day.kam.get("/people/p-cal-leap").get_data(as_text=True)
    birthday = re.search(r'data-testid="birthday">(.*?)</dd>', dossier, re.DOTALL)
    assert birthday is not None
    text = " ".join(birthday.group(1).split())
    assert text.startswith("29 February 1960")  # never the day it is celebrated on
    assert f"({_when(left)}," in text
    brief = day.kam.get("/people/p-cal-leap/brief").get_data(as_text=True)
    if left <= 30:
        assert f"Birthday {_when(left)}" in brief
    else:
        assert "Birthday " not in brief


def test_my_week_shows_the_meetings_and_follow_ups_the_shifted_demo_holds(day: Day) -> None:
    """Each meeting once: a next step due on the day of a meeting booked with the same
    people is listed under that meeting, as its preparation."""
    until = day.today + timedelta(days=7)
    items: list[tuple[date, bool, frozenset[str]]] = []
    for row in _rows("interactions"):
        if row["user_id"] != KIRA:
            continue
        on = _shifted(row["date"], day.shift)
        due = _shifted(row["due_date"], day.shift)
        open_step = row["done"] != "true" and due is not None and due <= until
        meeting = (
            on is not None
            and day.today <= on <= until
            and row["kind"] in ("meeting", "visit", "call")
        )
        people = frozenset(p.strip() for p in row["participant_ids"].split(";"))
        if meeting and on is not None:
            items.append((on, True, people))
        elif open_step and due is not None:
            items.append((due, False, people))
    meetings = [(on, people) for on, is_meeting, people in items if is_meeting]
    prepared = [
        (on, people)
        for on, is_meeting, people in items
        if not is_meeting and any(m == on and people <= mp for m, mp in meetings)
    ]
    listed = len(items) - len(prepared)
    overdue = sum(
        on < day.today
        for on, is_meeting, people in items
        if (on, people) not in prepared or is_meeting
    )
    section = _section(day.kam.get("/").get_data(as_text=True), "follow-ups")
    section = section.split('data-testid="plan-steps"')[0]  # the plan's steps come after
    assert section.count("<li") == listed
    assert section.count('data-testid="prepares"') == len(prepared)
    assert section.count(">overdue</span>") == overdue


def _kira_tenders(today: date) -> set[str]:
    """Kira's tenders: she covers a DMU member, or someone at the buyer or a department of
    it; open ones, or with a contract still to start."""
    relationships = _rows("relationships") + list(csv.DictReader(EXTRA_COVERS.splitlines()))
    covered = _kira_covers()
    parent = {o["id"]: o["parent_id"] for o in _rows("organizations")}

    def up(org: str) -> set[str]:
        chain = {org}
        for _ in range(2):
            org = parent.get(org) or ""
            if org:
                chain.add(org)
        return chain

    places = {
        o
        for r in relationships
        if r["type"] == "WORKS_AT"
        and r["from_id"] in covered
        and r.get("is_current", "") != "false"
        for o in up(r["to_id"])
    }
    roles = {
        r["to_id"] for r in relationships if r["type"] == "ROLE_IN" and r["from_id"] in covered
    }
    open_statuses = {"planned", "announced", "clarification", "submitted", "evaluation"}
    return {
        t["id"]
        for t in _rows("tenders")
        if (t["id"] in roles or t["buyer_id"] in places)
        and (
            t["status"] in open_statuses
            or (
                (start := _shifted(t["contract_start"], demo.week_shift(today))) is not None
                and start >= today
            )
        )
    }


def _plan_days(deadline: date | None, announced: date | None) -> list[date]:
    """The plan's days: 270, 210, 150, 90, 60, 30 and 7 days before the deadline; the first
    five (up to the specification) at least a week before the announcement, a week apart."""
    if deadline is None:
        return []
    days = [deadline - timedelta(days=d) for d in (270, 210, 150, 90, 60, 30, 7)]
    if announced is not None:
        latest = announced - timedelta(days=7)
        for i in range(4, -1, -1):
            days[i] = min(days[i], latest)
            latest = days[i] - timedelta(days=7)
    return days


def test_my_week_lists_my_tenders_dates_and_plan_steps_of_the_next_90_days(day: Day) -> None:
    until = day.today + timedelta(days=90)
    fields = (
        "announced_on",
        "clarification_deadline",
        "submission_deadline",
        "award_date",
        "contract_start",
    )
    mine = _kira_tenders(day.today)
    official = [
        (on, False, row["id"])
        for row in _rows("tenders")
        if row["id"] in mine
        for field in fields
        if (on := _shifted(row[field], day.shift)) is not None and day.today <= on <= until
    ]
    plan = [
        (on, True, row["id"])
        for row in _rows("tenders")
        if row["id"] in mine
        for on in _plan_days(
            _shifted(row["submission_deadline"], day.shift),
            _shifted(row["announced_on"], day.shift),
        )
        if day.today <= on <= until
    ]
    expected = sorted(official + plan)
    section = _section(day.kam.get("/").get_data(as_text=True), "milestones")
    shown = re.findall(r'<tr class="(plan)?(?: done)?"><td>([^<]+)</td>', section)
    assert shown == [
        ("plan" if is_plan else "", format_date(on, "medium", locale="en_GB"))  # "2 Sept 2026"
        for on, is_plan, _ in expected
    ]
    assert len(mine) < len(_rows("tenders"))  # not the whole region's
    # The steps due this week (or overdue by up to two weeks) are on the follow-ups card.
    due = sorted(
        (on, row["id"])
        for row in _rows("tenders")
        if row["id"] in mine
        for on in _plan_days(
            _shifted(row["submission_deadline"], day.shift),
            _shifted(row["announced_on"], day.shift),
        )
        if day.today - timedelta(days=14) <= on <= day.today + timedelta(days=7)
    )
    home = day.kam.get("/").get_data(as_text=True)
    steps = home.split('data-testid="plan-steps"')[1].split("</ul>")[0] if due else ""
    assert steps.count("<li") == len(due)


def test_calendar_export_keeps_birth_dates_and_moves_follow_ups_with_the_demo(
    day: Day, tmp_path: Path
) -> None:
    target = tmp_path / "calendar.ics"
    with day.app.app_context():
        bundle_service.export_path(web_db.get_session(), target, "ics")
    events = {
        str(e["uid"]): e for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    for pid, (month, dd, year) in _people_birthdays().items():
        start = events[f"kamgraph-birthday-{pid}"].decoded("dtstart")
        assert start == date(year or 2000, month, dd), pid
    for row in _rows("interactions"):
        uid = f"kamgraph-followup-{row['id']}"
        if row["due_date"] and row["done"] != "true":
            assert events[uid].decoded("dtstart") == _shifted(row["due_date"], day.shift)
        else:
            assert uid not in events


def test_reloading_the_demo_the_same_day_changes_nothing(day: Day) -> None:
    with day.app.app_context():
        again = demo.load_demo(web_db.get_session())
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert demo.week_shift(day.today).days % 7 == 0
