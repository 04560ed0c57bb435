"""The change log's other paths, on the demo region in the real Neo4j: an import that
changes a person, a merge, a person's events, and What changed limited to the reader's
network in the query itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph import web_db
from kamgraph.services import data as bundle_service

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, KAM, LEAD, client_of, demo_app

CHANGES_ABOUT = """
MATCH (c:Change)-[:ABOUT]->(:Person {id: $id})
RETURN c.type AS type, c.kind AS kind, c.fields AS fields, c.after AS after
ORDER BY c.at, c.type
"""


@pytest.fixture(scope="module")
def app(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[Flask]:
    """The demo region, loaded without history (a first load is where it starts)."""
    found = demo_app(driver, neo4j_config)
    yield found
    web_db.close(found)


@pytest.fixture
def graph_session(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[neo4j.Session]:
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        yield session


def _import(session: neo4j.Session, folder: Path, **files: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    bundle_service.import_path(session, folder)


def _section(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">(.*?)</section>', html, re.S)
    assert found, f"no {testid} section"
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", found.group(1))))


def _timeline(app: Flask, email: str, person_id: str) -> str:
    return _section(
        client_of(app, email).get(f"/people/{person_id}").get_data(as_text=True), "changes"
    )


ELIAS = {
    "people.csv": "id,given_name,family_name,titles,specialty\n"
    "p-elias-nordin,Elias,Nordin,Dr.; PharmD,Clinical pharmacology\n",
    # Kira's cover of Elias goes down the ladder: near-friendship -> loyalty.
    "relationships.csv": "type,from_id,to_id,stage\nCOVERS,u-kira,p-elias-nordin,loyalty\n",
}


def test_an_import_that_changes_a_person_is_on_the_timeline_once(
    app: Flask, graph_session: neo4j.Session, tmp_path: Path
) -> None:
    assert graph_session.run(CHANGES_ABOUT, id="p-elias-nordin").data() == []  # the demo load
    _import(graph_session, tmp_path / "first", **ELIAS)
    logged = graph_session.run(CHANGES_ABOUT, id="p-elias-nordin").data()
    assert {(c["type"], c["kind"], tuple(c["fields"])) for c in logged} == {
        ("Person", "changed", ("specialty",)),
        ("COVERS", "changed", ("stage",)),
    }
    timeline = _timeline(app, KAM, "p-elias-nordin")
    assert "Hospital pharmacy → Clinical pharmacology" in timeline
    assert "near-friendship → loyalty" in timeline
    assert "from an import" in timeline
    # The same file again changes nothing, and logs nothing.
    _import(graph_session, tmp_path / "again", **ELIAS)
    assert graph_session.run(CHANGES_ABOUT, id="p-elias-nordin").data() == logged


def test_a_merge_is_on_the_kept_persons_timeline_with_the_duplicates_past(
    app: Flask, graph_session: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    """Marek Holm was entered twice; the second record got a tie and a new phone number
    (two changes about it) before the duplicate was merged into the first."""
    _import(
        graph_session,
        tmp_path / "people",
        **{
            "people.csv": "id,given_name,family_name,region,phone\n"
            "p-marek,Marek,Holm,Velmora Region,+00 21 1\n"
            "p-marek-2,Marek,Holm,Velmora Region,+00 21 2\n"
        },
    )
    _import(
        graph_session,
        tmp_path / "changes",
        **{
            "people.csv": "id,given_name,family_name,phone\np-marek-2,Marek,Holm,+00 21 3\n",
            "relationships.csv": "type,from_id,to_id,kind\nKNOWS,p-marek-2,p-ada-rowan,colleague\n",
        },
    )
    ran = kamgraph(
        "people", "merge", "p-marek", "p-marek-2", "--field", "phone=p-marek-2", "--yes",
        env=cli_env(neo4j_config),
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    timeline = _timeline(app, LEAD, "p-marek")
    assert "merged with Marek Holm (p-marek-2)" in timeline
    assert "+00 21 1 → +00 21 3" in timeline  # the field taken from the duplicate
    assert "Ada Rowan" in timeline  # the duplicate's tie, now the kept person's
    assert "+00 21 2 → +00 21 3" in timeline  # the duplicate's own edit
    left = graph_session.run(
        "MATCH (c:Change) WHERE 'p-marek-2' IN [c.from_id, c.to_id] RETURN count(c) AS n"
    ).single(strict=True)["n"]
    assert left == 0
    # What changed says it in words too, and the command line.
    page = client_of(app, LEAD).get("/changes").get_data(as_text=True)
    assert "merged with Marek Holm (p-marek-2)" in _section(page, "other-changes")
    wide = {**cli_env(neo4j_config), "COLUMNS": "400"}  # a table's lines unwrapped
    report = kamgraph("analyze", "changes", "--team", LEAD, env=wide)
    assert "merged with Marek Holm (p-marek-2)" in report.stdout


def test_a_persons_events_are_on_her_timeline_and_a_talk_on_what_changed(
    app: Flask, graph_session: neo4j.Session, tmp_path: Path
) -> None:
    _import(
        graph_session,
        tmp_path,
        **{
            "relationships.csv": "type,from_id,to_id,topic\n"
            "ATTENDED,p-elias-nordin,ev-vim-2025,\n"
            "SPOKE_AT,p-elias-nordin,ev-icu-ab-2026,Pharmacy-led dose checks\n",
        },
    )
    timeline = _timeline(app, KAM, "p-elias-nordin")
    assert "attended Velmora Internal Medicine Days 2025" in timeline
    assert "spoke at Northwind Critical Care Advisory Board 2026" in timeline
    assert "Pharmacy-led dose checks" in timeline
    other = _section(client_of(app, LEAD).get("/changes").get_data(as_text=True), "other-changes")
    assert "spoke at Northwind Critical Care Advisory Board 2026" in other
    assert "Velmora Internal Medicine Days 2025" not in other  # attendance: the timeline's


def test_a_kams_what_changed_names_only_people_of_her_network(
    app: Flask, graph_session: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    """Another territory's physician and a Velmora cardiologist Kira covers both change."""
    _import(
        graph_session,
        tmp_path / "north",
        **{
            "organizations.csv": "id,name,kind,region\n"
            "org-north,Quillane Regional Hospital,hospital,Northmark Region\n",
            "people.csv": "id,given_name,family_name,region,specialty\n"
            "p-north,Zorvath,Quillane,Northmark Region,Nephrology\n",
        },
    )
    _import(
        graph_session,
        tmp_path / "changes",
        **{
            "people.csv": "id,given_name,family_name,titles,region,specialty\n"
            "p-north,Zorvath,Quillane,,Northmark Region,Transplant nephrology\n"
            "p-ada-rowan,Ada,Rowan,Prof.; Dr.,Velmora Region,Interventional cardiology\n",
            "relationships.csv": "type,from_id,to_id,title\n"
            "WORKS_AT,p-north,org-north,Head of Nephrology\n",
        },
    )
    kira = _section(client_of(app, KAM).get("/changes").get_data(as_text=True), "other-changes")
    assert "Ada Rowan" in kira
    assert "Cardiology → Interventional cardiology" in kira
    assert "Zorvath Quillane" not in kira
    assert "Transplant nephrology" not in kira
    admin = _section(client_of(app, ADMIN).get("/changes").get_data(as_text=True), "other-changes")
    assert "Zorvath Quillane" in admin
    assert "Nephrology → Transplant nephrology" in admin
    ran = kamgraph("analyze", "changes", "--as", KAM, "--json", env=cli_env(neo4j_config))
    assert ran.returncode == 0, ran.stderr
    mine = json.loads(ran.stdout)
    named = [i["person"]["name"] for key in ("rotation", "other") for i in mine[key]]
    assert any(n.endswith("Ada Rowan") for n in named)
    assert not any("Quillane" in n for n in named)
