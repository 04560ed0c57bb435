"""The graph's history (issue 17): the change log, What changed, the dossier's timeline and
watching, on the demo region in the real Neo4j, changed the way users change it (the tie
and edit forms, an import)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.models import RANK_MOVE_PLACES
from kamgraph.services import changes
from kamgraph.services import data as bundle_service

from .helpers import cli_env, kamgraph
from .web_support import (
    ADMIN,
    KAM,
    LEAD,
    OTHER_KAM,
    client_of,
    csrf_token,
    demo_app,
    edit_form,
)

TENDER = "LMWH anticoagulants 2028-2029"  # t-aurel-lmwh-2027, open; Ada Rowan its champion
# Another territory, read by nobody of Velmora's team: a physician whose job changes.
NORTH = {
    "organizations.csv": "id,name,kind,region\n"
    "org-north,Quillane Regional Hospital,hospital,Northmark Region\n",
    "people.csv": "id,given_name,family_name,region\np-north,Zorvath,Quillane,Northmark Region\n",
    "relationships.csv": "type,from_id,to_id,title\n"
    "WORKS_AT,p-north,org-north,Head of Nephrology\n",
}


@pytest.fixture(scope="module")
def app(
    driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The demo region (no history: a first load is where it starts), then a week of
    changes: a lead turns a champion sceptic, a pharmacist is promoted, the tender gets a
    new DMU member, and another territory's physician gets a job."""
    found = demo_app(driver, neo4j_config)
    lead = client_of(found, LEAD)
    _tie(lead, "ROLE_IN", "Ada Rowan", TENDER, role="user", stance="sceptic")
    _tie(lead, "WORKS_AT", "Elias Nordin", "org-aurel-pharm", title="Director of Pharmacy")
    _tie(lead, "ROLE_IN", "Radomir Velk", TENDER, role="approver", stance="neutral")
    folder: Path = tmp_path_factory.mktemp("north")
    for name, text in NORTH.items():
        (folder / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        bundle_service.import_path(session, folder)
    yield found
    web_db.close(found)


def _tie(client: FlaskClient, kind: str, source: str, target: str, **props: str) -> None:
    link = f"/ties/new?type={kind}"
    data = {"csrf_token": csrf_token(client, link), "type": kind, "from_id": source}
    answer = client.post(link, data={**data, "to_id": target, **props})
    assert answer.status_code == 302, unescape(answer.get_data(as_text=True))[-2000:]


def _changes(env: dict[str, str], *args: str) -> dict[str, Any]:
    ran = kamgraph("analyze", "changes", *args, "--json", env=env)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def _names(items: list[dict[str, Any]]) -> list[str]:
    """The people the changes are about, without their titles ("Prof. Dr.")."""
    return [" ".join(i["person"]["name"].split()[-2:]) for i in items]


def _section(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">(.*?)</section>', html, re.S)
    assert found, f"no {testid} section"
    return unescape(found.group(1))


def test_a_champion_who_turns_sceptic_is_a_lost_champion_for_the_lead(
    app: Flask, neo4j_config: dict[str, Any]
) -> None:
    report = _changes(cli_env(neo4j_config), "--team", LEAD)
    ada = [c for c in report["lost_champions"] if _names([c]) == ["Ada Rowan"]]
    assert len(ada) == 1
    stance = next(f for f in ada[0]["fields"] if f["name"] == "stance")
    assert (stance["before"], stance["after"]) == ("champion", "sceptic")
    assert ada[0]["other"]["name"] == TENDER
    assert "Radomir Velk" not in _names(report["lost_champions"])  # new, not lost
    page = client_of(app, LEAD).get("/changes").get_data(as_text=True)
    section = _section(page, "lost-champions")
    assert "Ada Rowan" in section
    assert "champion" in section
    assert "sceptic" in section
    assert "Radomir Velk" not in section


def test_a_job_change_is_rotation_and_a_new_role_a_new_dmu_member(
    app: Flask, neo4j_config: dict[str, Any]
) -> None:
    report = _changes(cli_env(neo4j_config), "--as", KAM)
    elias = [c for c in report["rotation"] if _names([c]) == ["Elias Nordin"]]
    assert len(elias) == 1
    title = elias[0]["fields"][0]
    assert (title["name"], title["before"], title["after"]) == (
        "title",
        "Chief Pharmacist",
        "Director of Pharmacy",
    )
    assert "Radomir Velk" in _names(report["new_members"])
    assert "Elias Nordin" not in _names(report["new_members"])
    page = client_of(app, KAM).get("/changes").get_data(as_text=True)
    assert "Director of Pharmacy" in _section(page, "rotation")
    assert "Radomir Velk" in _section(page, "new-members")


def test_a_kam_does_not_see_changes_outside_her_scope(
    app: Flask, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    everything = json.dumps(_changes(env))
    assert "Quillane" in everything  # the import's change is there to be found
    for who in (("--as", KAM), ("--team", LEAD)):
        assert "Quillane" not in json.dumps(_changes(env, *who))
    for email in (KAM, LEAD):
        assert "Quillane" not in client_of(app, email).get("/changes").get_data(as_text=True)
    assert "Quillane" in client_of(app, ADMIN).get("/changes").get_data(as_text=True)


def test_the_period_is_the_readers_to_choose(app: Flask, neo4j_config: dict[str, Any]) -> None:
    with clock.fixed(date(2026, 11, 10)):  # three weeks ago, a stance was recorded
        then = client_of(app, LEAD)
        _tie(then, "ROLE_IN", "Marta Ilves", TENDER, role="decision_maker", stance="champion")
    lead = client_of(app, LEAD)
    env = cli_env(neo4j_config)
    week = _changes(env, "--team", LEAD)
    assert "Marta Ilves" not in json.dumps(week)  # the default: the last 7 days
    month = _changes(env, "--team", LEAD, "--since", "2026-11-01")
    assert "Marta Ilves" in json.dumps(month["other"])  # supporter -> champion: not lost
    page = lead.get("/changes?since=2026-11-01").get_data(as_text=True)
    assert "Marta Ilves" in _section(page, "other-changes")
    bad = lead.get("/changes?since=last%20week")
    assert bad.status_code == 400
    assert "“Since” takes a day written as YYYY-MM-DD, not last week" in unescape(
        bad.get_data(as_text=True)
    )


def test_a_busy_period_lists_the_newest_other_changes_and_says_so(
    app: Flask, neo4j_config: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page keeps every lost champion and rotation, but only the newest OTHER_SHOWN of
    the rest, and says so; the command line lists them all."""
    lead = client_of(app, LEAD)
    _tie(lead, "INFLUENCES", "Ada Rowan", "Marta Ilves", weight="0.6", topic="dosing")
    _tie(lead, "INFLUENCES", "Elias Nordin", "Marta Ilves", weight="0.4", topic="budget")
    everything = _changes(cli_env(neo4j_config), "--team", LEAD, "--since", "2026-11-01")
    assert len(everything["other"]) >= 2
    monkeypatch.setattr(changes, "OTHER_SHOWN", 1)
    page = lead.get("/changes?since=2026-11-01").get_data(as_text=True)
    assert _section(page, "other-changes").count('data-testid="change"') == 1
    assert "Only the newest changes of this period are shown." in unescape(page)
    assert "Ada Rowan" in _section(page, "lost-champions")


def test_the_dossier_shows_its_timeline_with_who_changed_it(app: Flask) -> None:
    page = client_of(app, KAM).get("/people/p-ada-rowan").get_data(as_text=True)
    timeline = _section(page, "changes")
    assert TENDER in timeline
    assert "champion" in timeline
    assert "sceptic" in timeline
    assert "by Hana Vesterlund" in timeline


def test_sensitive_values_show_only_to_readers_with_the_sensitive_view(app: Flask) -> None:
    lead = client_of(app, LEAD)
    form_page = "/people/p-elias-nordin/edit"
    form = {**edit_form(lead, form_page), "values": "CANARY-VALUE-HISTORY"}
    answer = lead.post(form_page, data=form)
    assert answer.status_code == 302, unescape(answer.get_data(as_text=True))[-1500:]
    # Kira covers Elias (confirmed): she sees his values, and their change.
    mine = _section(
        client_of(app, KAM).get("/people/p-elias-nordin").get_data(as_text=True), "changes"
    )
    assert "CANARY-VALUE-HISTORY" in mine
    # Tomas reads Elias (the same territory) but does not cover him.
    other = client_of(app, OTHER_KAM)
    theirs = _section(other.get("/people/p-elias-nordin").get_data(as_text=True), "changes")
    assert "CANARY-VALUE-HISTORY" not in theirs
    assert "values changed" in theirs
    assert "CANARY-VALUE-HISTORY" not in other.get("/changes").get_data(as_text=True)


def test_watching_puts_a_change_on_my_week(app: Flask) -> None:
    kira = client_of(app, KAM)
    card = _section(kira.get("/").get_data(as_text=True), "watched")
    assert "No changes." in card
    watch = kira.post(
        "/tenders/t-aurel-lmwh-2027/watch",
        data={"csrf_token": csrf_token(kira, "/tenders/t-aurel-lmwh-2027"), "watch": "on"},
    )
    assert watch.status_code == 302
    assert "Stop watching" in kira.get("/tenders/t-aurel-lmwh-2027").get_data(as_text=True)
    card = _section(kira.get("/").get_data(as_text=True), "watched")
    assert "Ada Rowan" in card  # the week's changes to the tender's DMU
    assert "Radomir Velk" in card
    kira.post(
        "/tenders/t-aurel-lmwh-2027/watch",
        data={"csrf_token": csrf_token(kira, "/tenders/t-aurel-lmwh-2027"), "watch": "off"},
    )
    assert "No changes." in _section(kira.get("/").get_data(as_text=True), "watched")


def test_a_kam_may_not_watch_what_she_may_not_read(app: Flask) -> None:
    kira = client_of(app, KAM)
    token = csrf_token(kira, "/")
    answer = kira.post("/people/p-north/watch", data={"csrf_token": token, "watch": "on"})
    assert answer.status_code == 404


def test_a_covered_person_past_their_contact_boundary_is_a_stale_tie(
    app: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    """Two people Kira covers, to be met every 30 days: one last met 35 days ago (stale
    five days ago, in the week), one 20 days ago (not yet)."""
    files = {
        "people.csv": "id,given_name,family_name,region,contact_every_days\n"
        "p-stale,Sten,Stalewood,Velmora Region,30\np-fresh,Freya,Freshby,Velmora Region,30\n",
        "interactions.csv": "id,date,kind,user_id,participant_ids\n"
        "i-stale,2026-10-26,visit,u-kira,p-stale\ni-fresh,2026-11-10,visit,u-kira,p-fresh\n",
        "relationships.csv": "type,from_id,to_id,stage\n"
        "COVERS,u-kira,p-stale,acquaintance\nCOVERS,u-kira,p-fresh,acquaintance\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        bundle_service.import_path(session, tmp_path)
    stale = _changes(cli_env(neo4j_config), "--as", KAM)["stale"]
    mine = {s["name"]: s for s in stale if s["person_id"] in ("p-stale", "p-fresh")}
    assert list(mine) == ["Sten Stalewood"]
    assert (mine["Sten Stalewood"]["stale_on"], mine["Sten Stalewood"]["every"]) == (
        "2026-11-25",
        30,
    )
    page = client_of(app, LEAD).get("/changes").get_data(as_text=True)
    assert "Sten Stalewood" in _section(page, "stale")  # Kira is on Hana's team
    assert "Freya Freshby" not in _section(page, "stale")


def test_a_big_influence_rank_move_is_reported(
    app: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    """analyze refresh keeps the rank a move is measured from: after a refresh, the least
    influential person turns out to sway fifteen of the most influential, and the next
    refresh moves them up the ranking."""
    env = cli_env(neo4j_config)
    assert kamgraph("analyze", "refresh", env=env).returncode == 0
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        ranked = session.run(
            "MATCH (p:Person) WHERE p.influence_rank IS NOT NULL AND p.region <> 'Northmark Region'"
            " RETURN p.id AS id, p.name AS name ORDER BY p.influence_rank"
        ).values()
        last_id, last_name = ranked[-1]
        rows = "".join(f"INFLUENCES,{last_id},{p},1.0\n" for p, _ in ranked[:15])
        (tmp_path / "relationships.csv").write_text("type,from_id,to_id,weight\n" + rows)
        bundle_service.import_path(session, tmp_path)
    assert kamgraph("analyze", "refresh", env=env).returncode == 0
    moves = _changes(env, "--team", LEAD)["rank_moves"]
    moved = next(m for m in moves if m["id"] == last_id)
    assert moved["rank"] + RANK_MOVE_PLACES <= moved["before"]
    page = client_of(app, LEAD).get("/changes").get_data(as_text=True)
    assert last_name in _section(page, "rank-moves")


def test_an_erasure_takes_the_persons_history_with_them(
    app: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    """Olga Erasable gets a tie (a change about her and Elias), and Elias's notes are edited
    to name her (a change about him); after her erasure no change names her."""
    (tmp_path / "people.csv").write_text(
        "id,given_name,family_name,region\np-olga,Olga,Erasable,Velmora Region\n"
    )
    (tmp_path / "relationships.csv").write_text(
        "type,from_id,to_id,kind\nKNOWS,p-olga,p-elias-nordin,colleague\n"
    )
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        bundle_service.import_path(session, tmp_path)
    lead = client_of(app, LEAD)
    form_page = "/people/p-elias-nordin/edit"
    form = {**edit_form(lead, form_page), "notes": "Plays chess with Olga Erasable."}
    assert lead.post(form_page, data=form).status_code == 302
    query = (
        "MATCH (c:Change) WHERE c.from_id = 'p-olga' OR c.to_id = 'p-olga'"
        " OR any(v IN c.before + c.after WHERE toLower(v) CONTAINS 'erasable')"
        " RETURN c.type AS type ORDER BY type"
    )
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        assert session.run(query).value("type") == ["KNOWS", "Person"]
        ran = kamgraph("privacy", "erase", "p-olga", "--yes", env=cli_env(neo4j_config))
        assert ran.returncode == 0, ran.stdout + ran.stderr
        assert session.run(query).value("type") == []
    timeline = _section(
        client_of(app, KAM).get("/people/p-elias-nordin").get_data(as_text=True), "changes"
    )
    assert "Plays chess with [erased]." in timeline


def test_the_demo_has_a_week_of_history(app: Flask, neo4j_config: dict[str, Any]) -> None:
    """seeds/demo-history.csv: What changed is not empty on a freshly loaded demo."""
    report = _changes(cli_env(neo4j_config), "--as", KAM)
    assert "Fabian Kroll" in _names(report["lost_champions"])
    assert "Dieter Lang" in _names(report["lost_champions"])  # supporter -> neutral
    assert "Julian Oster" in _names(report["rotation"])
    assert "Dieter Lang" in _names(report["new_members"])
