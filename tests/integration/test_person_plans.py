"""Relationship plans per VIP/KOL on the real Neo4j: a lead sets the goal, the owning KAM
works the steps, My week and the calendar show what is due, and the plans round-trip."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.models import PersonPlan, PersonPlanStep
from kamgraph.repository import people
from kamgraph.repository import person_plans as plans_repo
from kamgraph.services import data as service
from kamgraph.services import feeds
from kamgraph.services.data import InvalidBundle

from .web_support import KAM, LEAD, client_of, csrf_token, demo_app

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"


@pytest.fixture(scope="module")
def web(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[Flask]:
    """The app on the demo region, loaded once for this module (tests only add to it)."""
    app = demo_app(driver, neo4j_config)
    yield app
    web_db.close(app)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _version(html: str, action: str) -> str:
    """The version a form posting to `action` carries."""
    found = re.search(
        rf'action="{re.escape(action)}"[^>]*>\s*<input type="hidden" name="csrf_token" '
        r'value="[^"]+"><input type="hidden" name="version" value="(\d+)"',
        html,
    )
    assert found, f"no form to {action}"
    return found.group(1)


def _plan(app: Flask, plan_id: str) -> plans_repo.Plan:
    with app.app_context():
        found = plans_repo.get(web_db.get_session(), plan_id)
    assert found is not None
    return found


def _steer(token: str, version: str, **changes: str) -> dict[str, str]:
    form = {
        "csrf_token": token,
        "version": version,
        "goal": "Oleg backs the bridging protocol in the cath lab",
        "owner": "Kira Lund",
        "status": "active",
        "target_stage": "loyalty",
        "target_date": (clock.today() + timedelta(days=60)).isoformat(),
        "budget": "2500",
        "currency": "EUR",
    }
    return {**form, **changes}


def _start(lead: FlaskClient) -> tuple[str, str, str]:
    """The lead starts Oleg's plan from his dossier: the form names him, and she types the
    owner. Returns the plan's URL, its id and the CSRF token."""
    form = lead.get("/plans/new?person=p-oleg-dvorzhin").get_data(as_text=True)
    person = re.search(r'name="person" value="([^"]+)"', form)
    plan_id = re.search(r'name="id" value="([^"]+)"', form)
    assert person
    assert plan_id
    assert unescape(person.group(1)).startswith("Dr. Олег Игоревич Дворжин")
    token = csrf_token(lead, "/plans/new?person=p-oleg-dvorzhin")
    data = {
        **_steer(token, "0"),
        "id": plan_id.group(1),
        "person": unescape(person.group(1)),
        "owner": "Kira Lund",
    }
    created = lead.post("/plans/new", data=data)
    assert created.status_code == 302
    assert lead.post("/plans/new", data=data).status_code == 302  # a double submit: one plan
    return created.headers["Location"], plan_id.group(1), token


def test_a_vip_plan_from_goal_to_done(web: Flask) -> None:
    lead, kira = client_of(web, LEAD), client_of(web, KAM)
    dossier = kira.get("/people/p-oleg-dvorzhin").get_data(as_text=True)
    assert 'data-testid="start-plan"' not in dossier  # a KAM does not start plans
    assert 'data-testid="start-plan"' in lead.get("/people/p-oleg-dvorzhin").get_data(as_text=True)
    url, plan_id, token = _start(lead)
    page = _text(lead.get(url).get_data(as_text=True))
    assert "Oleg backs the bridging protocol in the cath lab" in page
    assert "€2,500" in page
    assert "acquaintance → loyalty" in page
    assert "0 of 0 steps done" in page

    # Kira owns it: the goal is not hers to change, on the page or by a post.
    mine = kira.get(url).get_data(as_text=True)
    assert 'data-testid="set-by-lead"' in mine
    assert 'data-testid="steer-form"' not in mine
    kira_token = csrf_token(kira, url)
    refused = kira.post(
        f"{url}/edit", data=_steer(kira_token, "1", goal="Anything", budget="99999")
    )
    assert refused.status_code == 403
    assert kira.get("/plans/new?person=p-oleg-dvorzhin").status_code == 403
    stored = _plan(web, plan_id)
    assert stored.goal == "Oleg backs the bridging protocol in the cath lab"
    assert str(stored.budget) == "2500"

    # She adds a step, and it is due on her week.
    due = clock.today() + timedelta(days=3)
    added = kira.post(
        f"{url}/steps",
        data={
            "csrf_token": kira_token,
            "what": "Invite Oleg to the round table",
            "due_date": due.isoformat(),
        },
    )
    assert added.status_code == 302
    week = _text(kira.get("/").get_data(as_text=True))
    assert "Invite Oleg to the round table" in week

    # She marks it done by choosing their last meeting, then raises her cover to loyalty.
    page = kira.get(url).get_data(as_text=True)
    step_id = re.search(r'data-step="([^"]+)"', page)  # the step's id, as the page names it
    assert step_id
    action = f"{url}/steps/{step_id.group(1)}"
    done = kira.post(
        action,
        data={
            "csrf_token": kira_token,
            "version": _version(page, action),
            "due_date": due.isoformat(),
            "interaction": "i-036",
        },
    )
    assert done.status_code == 302
    page = _text(kira.get(url).get_data(as_text=True))
    assert "1 of 1 steps done" in page
    assert "Invite Oleg to the round table" not in _text(kira.get("/").get_data(as_text=True))
    assert _plan(web, plan_id).steps[0].interactions[0].id == "i-036"
    assert "Target stage reached" not in page
    kira.post("/people/p-oleg-dvorzhin/cover", data={"csrf_token": kira_token, "stage": "loyalty"})
    page_html = lead.get(url).get_data(as_text=True)
    assert 'data-testid="met"' in page_html

    # The lead marks it achieved; a second save from the old version is a conflict.
    old = _version(page_html, f"{url}/edit")
    assert lead.post(f"{url}/edit", data=_steer(token, old, status="achieved")).status_code == 302
    stale = lead.post(f"{url}/edit", data=_steer(token, old, goal="Overwritten"))
    assert stale.status_code == 409
    assert "changed by someone else" in _text(stale.get_data(as_text=True))
    stored = _plan(web, plan_id)
    assert stored.status == "achieved"
    assert stored.goal == "Oleg backs the bridging protocol in the cath lab"


def test_a_bad_plan_form_names_the_field_and_writes_nothing(web: Flask) -> None:
    lead = client_of(web, LEAD)
    token = csrf_token(lead, "/plans/new")
    response = lead.post(
        "/plans/new",
        data={
            **_steer(token, "0", budget="lots", goal=""),
            "id": "pp-test-bad",
            "person": "Nobody Here",
            "owner": "Kira Lund",
        },
    )
    assert response.status_code == 400
    text = _text(response.get_data(as_text=True))
    assert "No person called “Nobody Here”" in text
    with web.app_context():
        assert plans_repo.get(web_db.get_session(), "pp-test-bad") is None


def test_due_steps_on_my_week_and_in_the_calendar_feed(web: Flask) -> None:
    kira = client_of(web, KAM)
    registry = "Bring the registry update to the joint review with Elias"
    assert registry in _text(kira.get("/").get_data(as_text=True))
    step = next(s for s in _plan(web, "pp-ada-rowan").steps if s.what == registry)
    assert step.due_date is not None
    with clock.fixed(step.due_date + timedelta(days=3)):  # signed in on that day
        week = client_of(web, KAM).get("/").get_data(as_text=True)
        assert re.search(r'class="overdue" data-step="pps-ada-3"', week)
    with clock.fixed(step.due_date + timedelta(days=30)):  # past the overdue window
        assert registry not in _text(client_of(web, KAM).get("/").get_data(as_text=True))
    with web.app_context():
        token = feeds.new_token(web_db.get_session(), "u-kira")
    ics = kira.get(f"/calendar/{token}.ics").get_data(as_text=True)
    assert "Plan: Bring the registry update" in ics
    assert "Send the written programme" not in ics  # Tomas's plan


def test_the_leads_plans_page_shows_the_demos_plan_behind_target(web: Flask) -> None:
    lead, kira = client_of(web, LEAD), client_of(web, KAM)
    html = lead.get("/plans/").get_data(as_text=True)
    konrad = re.search(r'<tr data-plan="pp-konrad-vallen"[^>]*>(.*?)</tr>', html, re.S)
    assert konrad
    assert 'data-testid="behind"' in konrad.group(1)
    assert "Kira Lund" in konrad.group(1)
    ada = re.search(r'<tr data-plan="pp-ada-rowan"[^>]*>(.*?)</tr>', html, re.S)
    assert ada
    assert "loyalty → near-friendship" in _text(ada.group(1))
    tomas = lead.get("/plans/?owner=u-tomas").get_data(as_text=True)
    assert 'data-plan="pp-klara-veen"' in tomas
    assert 'data-plan="pp-ada-rowan"' not in tomas
    # A KAM sees her own plans only.
    own = kira.get("/plans/").get_data(as_text=True)
    assert 'data-plan="pp-ada-rowan"' in own
    assert 'data-plan="pp-klara-veen"' not in own
    # The dossier shows the plan's progress, and the plan the person's open tender roles.
    dossier = _text(kira.get("/people/p-konrad-vallen").get_data(as_text=True))
    assert "behind target" in dossier
    plan = kira.get("/plans/pp-ada-rowan").get_data(as_text=True)
    assert 'data-testid="plan-tenders"' in plan
    assert "2 of 4 steps done" in _text(plan)


def test_plans_round_trip_and_a_bad_row_is_refused(graph: neo4j.Session, tmp_path: Path) -> None:
    graph.run("MATCH (n) DETACH DELETE n").consume()
    folder = tmp_path / "bundle"
    shutil.copytree(MINIMAL, folder)
    (folder / "person_plans.csv").write_text(
        "id,person_id,owner_id,goal,target_stage,target_date,budget,currency,status\n"
        "pp-1,p-ada,u-kam,Ada chairs the board,near_friendship,2027-06-30,1200.50,eur,active\n",
        encoding="utf-8",
    )
    (folder / "person_plan_steps.csv").write_text(
        "id,plan_id,what,due_date,done,interaction_ids\n"
        "pps-1,pp-1,Invite to the board,2026-11-02,true,i-1\n"
        "pps-2,pp-1,Chair the first meeting,2027-02-01,false,\n",
        encoding="utf-8",
    )
    service.import_path(graph, folder)
    plan = plans_repo.get(graph, "pp-1")
    assert plan is not None
    assert (str(plan.budget), plan.currency, plan.target_date) == (
        "1200.50",
        "EUR",
        date(2027, 6, 30),
    )
    assert [(s.id, s.done, [i.id for i in s.interactions]) for s in plan.steps] == [
        ("pps-1", True, ["i-1"]),
        ("pps-2", False, []),
    ]
    first = tmp_path / "first"
    service.export_path(graph, first, "csv")
    graph.run("MATCH (n) DETACH DELETE n").consume()
    service.import_path(graph, first)
    second = tmp_path / "second"
    service.export_path(graph, second, "csv")
    for name in ("person_plans.csv", "person_plan_steps.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert "1200.50" in (first / "person_plans.csv").read_text(encoding="utf-8")

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "person_plans.csv").write_text(
        "id,person_id,owner_id,goal,target_stage,budget\n"
        "pp-2,p-ada,u-kam,Another goal,friendship,12x\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidBundle) as caught:
        service.import_path(graph, bad)
    said = [str(p) for p in caught.value.problems]
    assert (
        "person_plans.csv:2: budget: '12x' is not an amount; write it like 1200 or 1200.50" in said
    )
    assert any(line.startswith("person_plans.csv:2: target_stage: 'friendship'") for line in said)
    assert len(said) == 2
    assert plans_repo.get(graph, "pp-2") is None


def test_a_plan_follows_a_merge_and_goes_with_an_erasure(graph: neo4j.Session) -> None:
    graph.run("MATCH (n) DETACH DELETE n").consume()
    service.import_path(graph, MINIMAL)
    graph.run("CREATE (:Person {id: 'p-ada2', given_name: 'Ada', family_name: 'Rowan'})").consume()
    plan = PersonPlan("pp-dup", "p-ada2", "u-kam", "Ada chairs the board", "loyalty")
    assert plans_repo.create(graph, plan)
    assert plans_repo.add_step(graph, PersonPlanStep("pps-dup", "pp-dup", "Invite her"))
    people.merge(graph, "p-ada", "p-ada2")
    merged = plans_repo.get(graph, "pp-dup")
    assert merged is not None
    assert merged.person_id == "p-ada"
    assert [s.id for s in merged.steps] == ["pps-dup"]
    people.delete(graph, "p-ada")
    assert plans_repo.get(graph, "pp-dup") is None
    left = graph.run("MATCH (n) WHERE n:PersonPlan OR n:PersonPlanStep RETURN count(n)").single()
    assert left is not None
    assert left[0] == 0
