"""Deputies during an absence on the real Neo4j: a KAM names a colleague for a period;
while it runs (and only then) the deputy reads the absent KAM's people, their personal
fields included, and gets her follow-ups on My week; ending it takes effect at once."""

from __future__ import annotations

import re
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
from kamgraph.repository import audit
from kamgraph.services import accounts
from kamgraph.services import data as bundle_service

from .web_support import KAM, LEAD, OTHER_KAM, PASSWORD, client_of, csrf_token, demo_app

OLA = "ola.ost@northwind-medica.example"
FAMILY = "CANARY-EAST-FAMILY"


def _files(today: date) -> dict[str, str]:
    """Another territory (Eastmoor): its KAM Ola, a physician she covers, and a next step
    of hers due in a few days."""
    due = (today + timedelta(days=3)).isoformat()
    return {
        "users.csv": f"id,email,name,role,region\nu-ola,{OLA},Ola Ost,kam,Eastmoor Region\n",
        "people.csv": "id,given_name,family_name,region,family\n"
        f"p-east,Emil,Easterby,Eastmoor Region,{FAMILY}\n",
        "interactions.csv": "id,date,kind,user_id,participant_ids,next_step,due_date\n"
        f"i-east,{today.isoformat()},visit,u-ola,p-east,Send Emil the registry protocol,{due}\n",
        "relationships.csv": "type,from_id,to_id,stage\nCOVERS,u-ola,p-east,loyalty\n",
    }


@pytest.fixture(scope="module")
def web(
    driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The demo region with Eastmoor beside it."""
    app = demo_app(driver, neo4j_config)
    folder: Path = tmp_path_factory.mktemp("east")
    for name, text in _files(clock.today()).items():
        (folder / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        bundle_service.import_path(session, folder)
        accounts.set_password(session, OLA, PASSWORD)
    yield app
    web_db.close(app)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _name(client: FlaskClient, **form: str) -> Any:
    """Post the deputy form of the account page."""
    token = csrf_token(client, "/account")
    return client.post("/account/deputies", data={"csrf_token": token, **form})


def _deputyship_id(app: Flask, user_id: str, deputy_id: str) -> str:
    with app.app_context():
        rows = web_db.get_session().run(
            "MATCH (:User {id: $deputy})<-[:DEPUTY]-(d:Deputyship)-[:ABSENT]->(:User {id: $id}) "
            "WHERE d.ended_at IS NULL RETURN d.id AS id",
            id=user_id,
            deputy=deputy_id,
        )
        found = [str(r["id"]) for r in rows]
    assert len(found) == 1
    return found[0]


def test_a_deputy_reads_the_absent_kams_people_and_follow_ups_only_during_the_period(
    web: Flask, today: date
) -> None:
    first, last = today + timedelta(days=1), today + timedelta(days=10)
    ola = client_of(web, OLA)
    # A period that starts in the past, or ends before it starts, is refused by its field.
    past = _name(ola, user_id="u-ola", deputy="Kira Lund", starts_on=str(today - timedelta(1)),
                 ends_on=str(last))  # fmt: skip
    assert past.status_code == 400
    assert 'class="field has-error"><label for="starts_on"' in past.get_data(as_text=True)
    assert "cannot start in the past" in _text(past.get_data(as_text=True))
    reversed_ = _name(ola, user_id="u-ola", deputy="Kira Lund", starts_on=str(last),
                      ends_on=str(first))  # fmt: skip
    assert reversed_.status_code == 400
    assert "ends before it starts" in _text(reversed_.get_data(as_text=True))
    # Named by typing her name.
    named = _name(ola, user_id="u-ola", deputy="Kira Lund", starts_on=str(first),
                  ends_on=str(last), back="account")  # fmt: skip
    assert named.status_code == 302
    page = _text(ola.get("/account").get_data(as_text=True))
    assert "Kira Lund stands in for Ola Ost" in page
    with web.app_context():
        trail = audit.recent(web_db.get_session(), target_id="u-ola")
    entry = next(e for e in trail if e.action == "deputy name")
    assert entry.user_id == "u-ola"
    assert ("deputy", None, "u-kira") in entry.changes

    # Before the period: nothing of Eastmoor for Kira.
    kira = client_of(web, KAM)
    assert kira.get("/people/p-east").status_code == 404
    assert "Covering for" not in _text(kira.get("/").get_data(as_text=True))

    # During it: Emil's dossier with his family, and Ola's next step on Kira's week.
    with clock.fixed(first + timedelta(days=1)):
        kira = client_of(web, KAM)
        dossier = kira.get("/people/p-east")
        assert dossier.status_code == 200
        assert FAMILY in dossier.get_data(as_text=True)
        week = _text(kira.get("/").get_data(as_text=True))
        assert "Covering for Ola Ost until" in week
        assert "Send Emil the registry protocol" in week
        # ...and may mark it done for her.
        token = csrf_token(kira, "/")
        done = kira.post("/interactions/i-east/done", data={"csrf_token": token})
        assert done.status_code == 302
        undone = kira.post("/interactions/i-east/undone", data={"csrf_token": token})
        assert undone.status_code == 302

    # After it: gone again.
    with clock.fixed(last + timedelta(days=1)):
        kira = client_of(web, KAM)
        assert kira.get("/people/p-east").status_code == 404
        assert "Covering for" not in _text(kira.get("/").get_data(as_text=True))


def test_ending_a_deputyship_takes_effect_at_once(web: Flask, today: date) -> None:
    ola = client_of(web, OLA)
    _name(ola, user_id="u-ola", deputy="Tomas Brenner", starts_on=str(today),
          ends_on=str(today + timedelta(days=5)))  # fmt: skip
    tomas = client_of(web, OTHER_KAM)
    assert FAMILY in tomas.get("/people/p-east").get_data(as_text=True)
    deputyship = _deputyship_id(web, "u-ola", "u-tomas")
    token = csrf_token(ola, "/account")
    ended = ola.post(f"/account/deputies/{deputyship}/end", data={"csrf_token": token})
    assert ended.status_code == 302
    assert tomas.get("/people/p-east").status_code == 404
    with web.app_context():
        trail = audit.recent(web_db.get_session(), target_id="u-ola")
    assert any(e.action == "deputy end" and e.user_id == "u-ola" for e in trail)
    # A form that carries another deputyship's id takes nothing of it.
    kira = client_of(web, KAM)
    taken = _name(kira, id=deputyship, user_id="u-kira", deputy="Lea Marchetti",
                  starts_on=str(today), ends_on=str(today + timedelta(days=2)))  # fmt: skip
    assert taken.status_code == 409
    absent = "MATCH (:Deputyship {id: $id})-[:ABSENT]->(u) RETURN u.id"
    with web.app_context():
        assert web_db.get_session().run(absent, id=deputyship).values() == [["u-ola"]]


def test_a_kam_cannot_name_a_deputy_for_a_colleague_and_her_lead_can(
    web: Flask, today: date
) -> None:
    period = {"starts_on": str(today), "ends_on": str(today + timedelta(days=4))}
    kira = client_of(web, KAM)
    refused = _name(kira, user_id="u-tomas", deputy="Lea Marchetti", **period)
    assert refused.status_code == 403
    assert kira.get("/account/deputies?user=u-tomas").status_code == 403

    tomas = client_of(web, OTHER_KAM)
    assert "married to Tom" not in tomas.get("/people/p-ada-rowan").get_data(as_text=True)
    hana = client_of(web, LEAD)
    # Not her team: as if there were no such colleague.
    assert _name(hana, user_id="u-ola", deputy="Lea Marchetti", **period).status_code == 404
    named = _name(hana, user_id="u-kira", deputy="Tomas Brenner", **period)
    assert named.status_code == 302
    page = _text(hana.get("/account/deputies?user=u-kira").get_data(as_text=True))
    assert "Tomas Brenner stands in for Kira Lund" in page
    # Whoever reads Ada's coverage sees who stands in for Kira.
    dossier = _text(hana.get("/people/p-ada-rowan").get_data(as_text=True))
    until = today + timedelta(days=4)
    assert "Kira Lund is away; Tomas Brenner stands in until" in dossier
    assert str(until.day) in dossier
    # Tomas reads Ada's personal fields while he stands in.
    assert "married to Tom" in tomas.get("/people/p-ada-rowan").get_data(as_text=True)
    with web.app_context():
        trail = audit.recent(web_db.get_session(), target_id="u-kira")
    entry = next(e for e in trail if e.action == "deputy name")
    assert entry.user_id == "u-lead-hana"
    assert ("deputy", None, "u-tomas") in entry.changes
