"""The handover of a leaving KAM's work on the real Neo4j, on a hand-made fixture: the
preview counts exactly what moves, the confirmation moves it in one transaction with one
audit entry, a stale preview is shown again, and a KAM may not do it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph import clock, web_db
from kamgraph.repository import audit, tenders
from kamgraph.services import accounts
from kamgraph.services import data as bundle_service

from .helpers import cli_env, kamgraph
from .web_support import KAM, LEAD, PASSWORD, client_of, csrf_token, demo_app

LENA = "lena.leaver@northwind-medica.example"
TARA = "tara.taker@northwind-medica.example"


def _files(today: date) -> dict[str, str]:
    """Lena's work: what moves (marked +) and what stays (marked -)."""
    day = (today - timedelta(days=1)).isoformat
    soon, later = (today + timedelta(days=2)).isoformat(), (today + timedelta(days=3)).isoformat()
    return {
        "users.csv": "id,email,name,role,region\n"
        f"u-lena,{LENA},Lena Leaver,kam,Velmora Region\n"
        f"u-tara,{TARA},Tara Taker,kam,Velmora Region\n",
        "organizations.csv": "id,name,kind,region,is_key_account\n"
        "org-h,Harbour Clinic,hospital,Velmora Region,true\n",
        "people.csv": "id,given_name,family_name,region\n"
        "p-h1,Hugo,Harbour,Velmora Region\n"
        "p-h2,Hedda,Harbour,Velmora Region\n"
        "p-h3,Henrik,Harbour,Velmora Region\n",
        "tenders.csv": "id,title,buyer_id,status,submission_deadline\n"
        f"t-h,Harbour heparins,org-h,announced,{(today + timedelta(days=200)).isoformat()}\n",
        "interactions.csv": "id,date,kind,user_id,participant_ids,next_step,due_date,done\n"
        f"i-h1,{day()},visit,u-lena,p-h1,Send Hugo the dosing table,{soon},false\n"  # +
        f"i-h2,{day()},visit,u-lena,p-h1,Call Hugo back,{soon},true\n"  # - done
        f"i-h3,{day()},call,u-lena,p-h2,,,\n"  # - nothing open
        f"i-h4,{later},meeting,u-lena,p-h2,,,\n",  # + a meeting booked
        "person_plans.csv": "id,person_id,owner_id,goal,target_stage,status\n"
        "pp-h1,p-h1,u-lena,Hugo speaks for us,loyalty,active\n"  # +
        "pp-h2,p-h2,u-lena,Hedda knows us,acquaintance,achieved\n",  # - history
        "account_plans.csv": "id,account_id,owner_id,objectives\n"
        "ap-h,org-h,u-lena,Win the heparin tender\n",  # +
        "proposals.csv": "id,title,account_id,author_ids,status\n"
        "pr-h1,Harbour heparin offer,org-h,u-lena,sent\n"  # +
        "pr-h2,Harbour syringes,org-h,u-lena,won\n",  # - closed
        "relationships.csv": "type,from_id,to_id,stage,until\n"
        "COVERS,u-lena,p-h1,loyalty,\n"  # +
        "COVERS,u-lena,p-h2,contact,\n"  # + (Tara covers Hedda already)
        "COVERS,u-tara,p-h2,acquaintance,\n"
        "COVERS,u-lena,p-h3,contact,2026-01-01\n"  # - ended long ago
        "MANAGES,u-lena,org-h,,\n",  # +
    }


EXPECTED = {
    "covers": 2,
    "accounts": 1,
    "person_plans": 1,
    "account_plans": 1,
    "proposals": 1,
    "follow_ups": 2,
    "tender_steps": 1,
}


@pytest.fixture(scope="module")
def web(
    driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The demo region, and Lena's work beside it."""
    app = demo_app(driver, neo4j_config)
    folder: Path = tmp_path_factory.mktemp("handover")
    for name, text in _files(clock.today()).items():
        (folder / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        try:
            bundle_service.import_path(session, folder)
        except bundle_service.InvalidBundle as error:
            pytest.fail("\n".join(bundle_service.problem_lines(error)))
        accounts.set_password(session, TARA, PASSWORD)
        tenders.set_plan_step(session, "t-h", "map", owner_id="u-lena", by="test")  # +
        tenders.set_plan_step(session, "t-h", "visits", done=True, owner_id="u-lena", by="test")
    yield app
    web_db.close(app)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _counts(html: str) -> dict[str, int]:
    found = re.findall(r'data-testid="count-([a-z_]+)">(\d+)<', html)
    return {kind: int(n) for kind, n in found}


def _token(html: str) -> str:
    found = re.search(r'name="token" value="([0-9a-f]+)"', html)
    assert found, "no confirm form"
    return found.group(1)


def _rows(app: Flask, query: str, **params: Any) -> list[list[Any]]:
    with app.app_context():
        return web_db.get_session().run(query, params).values()  # type: ignore[arg-type]


def test_a_kam_may_not_hand_over_anyones_work(web: Flask) -> None:
    kira = client_of(web, KAM)
    assert kira.get("/team/handover?from=u-lena").status_code == 403
    token = csrf_token(kira, "/account")
    posted = kira.post(
        "/team/handover", data={"csrf_token": token, "from": "u-lena", "to": "u-kira"}
    )
    assert posted.status_code == 403


def test_the_command_previews_exactly_what_would_move_and_a_dry_run_moves_nothing(
    web: Flask, neo4j_config: dict[str, Any]
) -> None:
    ran = kamgraph(
        "team", "handover", "--from", LENA, "--to", TARA, "--dry-run", env=cli_env(neo4j_config)
    )
    assert ran.returncode == 0, ran.stderr
    assert "    2 people covered" in ran.stdout
    assert "Hugo Harbour (p-h1)" in ran.stdout
    assert "Henrik Harbour" not in ran.stdout  # an ended cover is history
    assert "    2 open follow-ups and meetings" in ran.stdout
    assert "Call Hugo back" not in ran.stdout  # done
    assert "Harbour syringes" not in ran.stdout  # won: closed
    assert "dry run: nothing moved" in ran.stdout
    assert _rows(web, "MATCH (:User {id: 'u-lena'})-[:MANAGES]->(o) RETURN o.id") == [["org-h"]]
    unknown = kamgraph(
        "team", "handover", "--from", "nobody@example.org", "--to", TARA, "--dry-run",
        env=cli_env(neo4j_config),
    )  # fmt: skip
    assert unknown.returncode == 1
    assert "--from: no user has the email nobody@example.org" in unknown.stderr


def test_a_lead_previews_and_confirms_and_everything_moves_in_one_step(web: Flask) -> None:
    hana = client_of(web, LEAD)
    preview = hana.get("/team/handover?from=Lena Leaver&to=Tara Taker")
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert _counts(html) == EXPECTED
    assert "Move 9 records to Tara Taker" in _text(html)
    token = _token(html)

    # Meanwhile Lena takes on Henrik again: the preview is stale, nothing moves, and the page
    # shows what would move now.
    _rows(
        web,
        "MATCH (u:User {id: 'u-lena'}), (p:Person {id: 'p-h3'}) "
        "CREATE (u)-[:COVERS {stage: 'contact', since: $today}]->(p)",
        today=clock.today(),
    )
    form = {"csrf_token": csrf_token(hana, "/team/handover"), "from": "u-lena", "to": "u-tara"}
    stale = hana.post("/team/handover", data={**form, "token": token})
    assert stale.status_code == 409
    stale_html = stale.get_data(as_text=True)
    assert "Something changed since the preview" in _text(stale_html)
    assert _counts(stale_html) == {**EXPECTED, "covers": 3}
    assert _rows(web, "MATCH (:User {id: 'u-tara'})-[c:COVERS]->(p) RETURN p.id") == [["p-h2"]]

    confirmed = hana.post("/team/handover", data={**form, "token": _token(stale_html)})
    assert confirmed.status_code == 302
    after = hana.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "10 records moved from Lena Leaver to Tara Taker" in _text(after)
    assert _counts(after) == dict.fromkeys(EXPECTED, 0)
    assert "Nothing left to hand over" in _text(after)

    # Tara covers everyone, once each, at Lena's stages; Lena's covers are history.
    covers = _rows(
        web,
        "MATCH (:User {id: 'u-tara'})-[c:COVERS]->(p) WHERE c.until IS NULL "
        "RETURN p.id, c.stage ORDER BY p.id",
    )
    assert covers == [["p-h1", "loyalty"], ["p-h2", "acquaintance"], ["p-h3", "contact"]]
    assert (
        _rows(web, "MATCH (:User {id: 'u-lena'})-[c:COVERS]->() WHERE c.until IS NULL RETURN c")
        == []
    )
    owned = _rows(
        web,
        "MATCH (x)-[:PLAN_OWNER|OWNED_BY|AUTHORED_BY]->(:User {id: 'u-tara'}) "
        "RETURN x.id ORDER BY x.id",
    )
    assert owned == [["ap-h"], ["pp-h1"], ["pr-h1"], [None]]  # the tender step has a key
    kept = _rows(
        web,
        "MATCH (x)-[:PLAN_OWNER|AUTHORED_BY]->(:User {id: 'u-lena'}) RETURN x.id ORDER BY x.id",
    )
    assert kept == [["pp-h2"], ["pr-h2"]]
    # The interactions keep their author; Tara follows up the open ones.
    assert _rows(web, "MATCH (i:Interaction)-[:BY]->(:User {id: 'u-lena'}) RETURN count(i)") == [
        [4]
    ]
    tara = client_of(web, TARA)
    week = _text(tara.get("/").get_data(as_text=True))
    assert "Send Hugo the dosing table" in week
    lena_week = _rows(
        web,
        "MATCH (i:Interaction)-[:FOLLOW_UP_BY]->(:User {id: 'u-lena'}) RETURN count(i)",
    )
    assert lena_week == [[0]]

    # The change log says what happened to the covers: Lena's ended, Tara's made.
    logged = _rows(
        web,
        "MATCH (c:Change {source: 'handover'}) RETURN c.from_id, c.to_id, c.kind "
        "ORDER BY c.from_id, c.to_id",
    )
    assert logged == [
        ["u-lena", "p-h1", "ended"],
        ["u-lena", "p-h2", "ended"],
        ["u-lena", "p-h3", "ended"],
        ["u-tara", "p-h1", "created"],
        ["u-tara", "p-h3", "created"],
    ]

    # One audit entry, with the counts and the ids.
    with web.app_context():
        trail = audit.recent(web_db.get_session(), target_id="u-lena")
    handovers = [e for e in trail if e.action == "handover"]
    assert len(handovers) == 1
    assert handovers[0].user_id == "u-lead-hana"
    details = json.loads(handovers[0].details or "{}")
    assert details["counts"][1] == {**EXPECTED, "covers": 3}
    assert sorted(details["covers"][1]) == ["p-h1", "p-h2", "p-h3"]
    assert details["to"][1] == "u-tara"
