"""The 9-month plan of a tender: dates that respect the announcement, an owner and a done
state per step, the steps due on My week, and in the calendar feed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import icalendar
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, plan, web_db

from .web_support import csrf_token, sign_in

TENDER = "t-aurel-lmwh-2027"


def test_the_specification_is_worked_on_before_the_announcement() -> None:
    deadline, announced = date(2027, 9, 1), date(2027, 6, 15)
    steps = {m.key: m.on for m in plan.timeline(announced, None, deadline, None, None) if m.key}
    assert steps["specification"] <= announced - timedelta(days=7)  # 60 days before: too late
    assert steps["specification"] < deadline - timedelta(days=60)
    ordered = [steps[key] for key in plan.PLAN_KEYS]
    assert ordered == sorted(ordered)  # still in order
    assert steps["final"] == deadline - timedelta(days=7)  # after the announcement: unmoved
    unannounced = plan.timeline(None, None, deadline, None, None)
    assert {m.key: m.on for m in unannounced if m.key}["specification"] == deadline - timedelta(
        days=60
    )


def _step(client: FlaskClient, key: str, **form: str) -> None:
    token = csrf_token(client, f"/tenders/{TENDER}")
    answer = client.post(f"/tenders/{TENDER}/plan/{key}", data={"csrf_token": token, **form})
    assert answer.status_code == 302


def _due_this_week(client: FlaskClient) -> list[str]:
    """The keys of the tender's plan steps on My week."""
    home = client.get("/").get_data(as_text=True)
    return re.findall(rf'data-step="{TENDER}/([a-z]+)"', home)


def test_a_step_due_this_week_is_on_my_week_until_done(kira: FlaskClient) -> None:
    page = kira.get(f"/tenders/{TENDER}").get_data(as_text=True)
    assert 'data-testid="step-map"' in page
    window = (clock.today() - timedelta(days=14), clock.today() + timedelta(days=7))
    due = [m for m in _timeline(kira) if m.key and not m.done and window[0] <= m.on <= window[1]]
    assert due, "the demo's tender has a plan step due around today"
    step = due[0]
    assert step.key in _due_this_week(kira)
    _step(kira, str(step.key), done="done")
    tender_page = kira.get(f"/tenders/{TENDER}").get_data(as_text=True)
    shown = re.search(rf'data-testid="step-{step.key}">(.*?)</li>', tender_page, re.DOTALL)
    assert shown
    assert "done</span>" in shown.group(1)
    assert step.key not in _due_this_week(kira)
    _step(kira, str(step.key), done="open")
    assert step.key in _due_this_week(kira)


def test_a_step_owned_by_a_colleague_leaves_my_week_and_shows_its_owner(
    kira: FlaskClient,
) -> None:
    due = _due_this_week(kira)
    assert due
    key = due[0]
    _step(kira, key, owner="u-tomas")
    assert key not in _due_this_week(kira)
    page = kira.get(f"/tenders/{TENDER}").get_data(as_text=True)
    assert re.search(r'<option value="u-tomas" selected>Tomas Brenner</option>', page)
    _step(kira, key, owner="")
    assert key in _due_this_week(kira)


def test_the_calendar_feed_holds_the_plan_steps_not_done(
    kira: FlaskClient, demo_web: Flask
) -> None:
    token = csrf_token(kira, "/calendar/")
    settings = kira.post("/calendar/new", data={"csrf_token": token}, follow_redirects=True)
    url = re.search(r"(/calendar/[A-Za-z0-9_-]{20,}\.ics)", settings.get_data(as_text=True))
    assert url
    feed = icalendar.Calendar.from_ical(demo_web.test_client().get(url.group(1)).data)
    plan_uids = {str(e["uid"]) for e in feed.walk("VEVENT") if "kamgraph-plan-" in str(e["uid"])}
    assert f"kamgraph-plan-{TENDER}-map" in plan_uids
    _step(kira, "map", done="done")
    feed = icalendar.Calendar.from_ical(demo_web.test_client().get(url.group(1)).data)
    assert f"kamgraph-plan-{TENDER}-map" not in {str(e["uid"]) for e in feed.walk("VEVENT")}


def _timeline(client: FlaskClient) -> list[plan.Milestone]:
    """The tender's timeline as the app computes it (the stored step state included)."""
    from kamgraph.repository import tenders

    app = client.application
    with app.app_context():
        found = tenders.page(web_db.get_session(), TENDER)
    assert found is not None
    return found.timeline()


# --- the meeting brief ---


def test_a_brief_names_our_products_and_theirs_and_the_seven_mistakes(kira: FlaskClient) -> None:
    page = kira.get("/people/p-bruno-castell/brief").get_data(as_text=True)
    products = re.search(r'data-testid="products">(.*?)</ul>', page, re.DOTALL)
    assert products
    assert "ours Venorin" in products.group(1)
    assert "theirs Tromboval (Rivalis Pharma)" in products.group(1)
    mistakes = re.search(r'data-testid="mistakes">(.*?)</ul>', page, re.DOTALL)
    assert mistakes
    assert mistakes.group(1).count("<li>") == 7
    covered = kira.get("/people/p-ada-rowan/brief").get_data(as_text=True)
    assert "SENSITIVE</span> Family:" in covered  # marked, on screen and on paper
    assert "shred it after the meeting" in covered


def test_a_planned_meeting_has_one_brief_for_everyone_with_its_objective(
    kira: FlaskClient, demo_web: Flask
) -> None:
    form = kira.get("/interactions/new?person=p-marta-ilves").get_data(as_text=True)
    form_id = re.search(r'id="id" name="id" type="hidden" value="([^"]+)"', form)
    assert form_id
    token = csrf_token(kira, "/interactions/new")
    on = clock.today() + timedelta(days=3)
    saved = kira.post(
        "/interactions/new",
        data={
            "csrf_token": token,
            "id": form_id.group(1),
            "date": on.isoformat(),
            "kind": "meeting",
            "participant": ["Dr. Marta Ilves", "Gerd Hollis"],
            "objective": "Agree the nurse-time criterion",
            "agenda": "1. Pilot data\n2. Criteria",
        },
    )
    assert saved.status_code == 302
    home = kira.get("/").get_data(as_text=True)
    brief_url = f"/interactions/{form_id.group(1)}/brief"
    assert f'href="{brief_url}"' in home
    brief = kira.get(brief_url).get_data(as_text=True)
    assert brief.count('data-testid="brief"') == 2
    assert "Agree the nurse-time criterion" in brief
    changed = {"csrf_token": token, "objective": "Agree the criterion and a pilot", "agenda": "P"}
    kira.post(f"/interactions/{form_id.group(1)}/plan", data=changed)
    assert "Agree the criterion and a pilot" in kira.get(brief_url).get_data(as_text=True)
    tomas = demo_web.test_client()
    sign_in(tomas, "tomas.brenner@northwind-medica.example")
    refused = tomas.post(
        f"/interactions/{form_id.group(1)}/plan",
        data={"csrf_token": csrf_token(tomas, "/"), "objective": "mine now"},
    )
    assert refused.status_code == 403
    assert "Agree the criterion and a pilot" in kira.get(brief_url).get_data(as_text=True)


# --- conflicts of interest ---


def test_the_demos_castell_rivalis_conflict_is_flagged_on_the_tender_and_the_brief(
    kira: FlaskClient,
) -> None:
    """Bruno Castell consults for Rivalis, is a user in the LMWH tender, and Rivalis's
    Tromboval is in lot 1: a conflict of interest, said where a KAM will see it."""
    tender = kira.get(f"/tenders/{TENDER}").get_data(as_text=True)
    row = re.search(
        r'<tr class="conflicted"><td><a href="/people/([^"]+)">(.*?)</tr>', tender, re.DOTALL
    )
    assert row
    assert row.group(1) == "p-bruno-castell"
    assert "consultant for Rivalis Pharma, which bids Tromboval" in row.group(2)
    assert tender.count('data-testid="conflict"') == 1  # nobody else in this DMU
    brief = kira.get("/people/p-bruno-castell/brief").get_data(as_text=True)
    assert "conflict of interest" in brief
    assert "consultant for Rivalis Pharma, which bids Tromboval" in brief
