"""GDPR bookkeeping: every new person has a lawful basis and a collection date, whatever
path creates them; the compliance page and `kamgraph privacy report` list who must still
be informed (Art. 14), with a notice letter; marking someone informed takes them off."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import neo4j
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock
from kamgraph.services import data as service

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, csrf_token, sign_in


def _person(graph_session: neo4j.Session, person_id: str) -> dict[str, Any]:
    row = graph_session.run(
        "MATCH (p:Person {id: $id}) RETURN properties(p) AS p", id=person_id
    ).single()
    assert row is not None
    return dict(row["p"])


def test_every_creation_path_sets_a_lawful_basis_and_a_collection_date(
    kira: FlaskClient,
    demo_web: Flask,
    driver: neo4j.Driver,
    neo4j_config: dict[str, Any],
    tmp_path: Path,
) -> None:
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        demo = _person(session, "p-ada-rowan")  # the demo, through the import path
        assert demo["lawful_basis"] == "legitimate_interest"
        assert demo["collected_on"].to_native() == clock.today()
        (tmp_path / "people.csv").write_text(
            "id,given_name,family_name,lawful_basis,collected_on\n"
            "p-imp-a,Aino,Kallio,,\np-imp-b,Berta,Lind,consent,2026-01-05\n",
            encoding="utf-8",
        )
        service.import_path(session, tmp_path)
        imported_a, imported_b = _person(session, "p-imp-a"), _person(session, "p-imp-b")
    assert imported_a["lawful_basis"] == "legitimate_interest"  # an empty cell: the default
    assert (imported_b["lawful_basis"], str(imported_b["collected_on"])) == (
        "consent",
        "2026-01-05",
    )
    form = kira.get("/new/people").get_data(as_text=True)
    record_id = re.search(r'name="id" value="([^"]+)"', form)
    assert record_id
    typed = {
        "csrf_token": csrf_token(kira, "/new/people"),
        "id": record_id.group(1),
        "given_name": "Carla",
        "family_name": "Moss",
        "collected_on": "",
    }
    saved = kira.post("/new/people", data=typed)
    assert saved.status_code == 302
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        made = _person(session, record_id.group(1))
    assert made["lawful_basis"] == "legitimate_interest"
    assert made["collected_on"].to_native() == clock.today()


def test_the_report_lists_who_is_overdue_and_informing_takes_them_off(
    demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    database = str(neo4j_config["NEO4J_DATABASE"])
    long_ago = clock.today() - timedelta(days=45)
    driver.execute_query(
        "MATCH (p:Person) SET p.informed_on = $today", today=clock.today(), database_=database
    )
    driver.execute_query(
        "MATCH (p:Person) WHERE p.id IN ['p-ada-rowan', 'p-irena-sokol']"
        " SET p.informed_on = null, p.collected_on = CASE p.id WHEN 'p-ada-rowan' THEN $old"
        " ELSE $today END",
        old=long_ago,
        today=clock.today(),
        database_=database,
    )
    ran = kamgraph("privacy", "report", "--json", env=cli_env(neo4j_config))
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    assert [r["id"] for r in found["overdue"]] == ["p-ada-rowan"]
    assert [r["id"] for r in found["due"]] == ["p-irena-sokol"]
    assert found["overdue"][0]["inform_by"] == str(long_ago + timedelta(days=30))

    admin = demo_web.test_client()
    sign_in(admin, ADMIN)
    page = admin.get("/privacy/").get_data(as_text=True)
    assert re.search(r'data-testid="overdue">\s*<h2>Overdue: 1</h2>', page)
    assert "15 days late" in page
    letter = admin.get("/privacy/notice/p-ada-rowan").get_data(as_text=True)
    assert "Dear Prof. Dr. Ada Rowan" in letter
    assert "legitimate interest" in letter
    token = {"csrf_token": csrf_token(admin, "/privacy/")}
    done = admin.post("/privacy/informed/p-ada-rowan", data=token, follow_redirects=True)
    assert re.search(r"<h2>Overdue: 0</h2>", done.get_data(as_text=True))
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry {action: 'informed', target_id: 'p-ada-rowan'}) RETURN count(a) AS n",
        database_=database,
    )
    assert records[0]["n"] == 1


def test_kams_do_not_see_the_privacy_page(kira: FlaskClient) -> None:
    assert kira.get("/privacy/").status_code == 403
    assert kira.get("/privacy/notice/p-ada-rowan").status_code == 403
    assert "Privacy</a>" not in kira.get("/").get_data(as_text=True)


def test_a_subject_export_holds_everything_about_the_person_and_is_audited(
    demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "ada.json"
    ran = kamgraph("privacy", "export", "p-ada-rowan", "-o", str(target), env=cli_env(neo4j_config))
    assert ran.returncode == 0, ran.stderr
    held = json.loads(target.read_text(encoding="utf-8"))
    assert held["controller"] == "Northwind Medica"
    assert held["person"]["family"]  # her own sensitive fields are hers to see
    assert {t["type"] for t in held["ties"]} >= {"WORKS_AT", "COVERS", "ROLE_IN", "KNOWS"}
    assert any("Ada" in (i["notes"] or "") for i in held["interactions"])
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry {action: 'subject export', target_id: 'p-ada-rowan'})"
        " RETURN count(a) AS n",
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    )
    assert records[0]["n"] == 1
    unknown = kamgraph("privacy", "export", "p-nobody", env=cli_env(neo4j_config))
    assert unknown.returncode == 1
    assert "no person with id 'p-nobody'" in unknown.stdout + unknown.stderr
