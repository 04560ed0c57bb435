"""Forms take names, not ids: the picker's suggestions, what a typed name resolves to, the
errors that name the candidates, and the tie form that once lost a typed From."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from typing import Any

import neo4j
import pytest
from flask.testing import FlaskClient

from kamgraph import clock

from .web_support import csrf_token


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no field {name}"
    return unescape(found.group(1))


def test_the_picker_suggests_people_by_any_spelling_and_is_audited(
    kira: FlaskClient, graph_of_demo: neo4j.Session
) -> None:
    labels = [c["label"] for c in kira.get("/pick/person?q=dvorzh").get_json()]
    assert labels == ["Dr. Олег Игоревич Дворжин — Deputy Head of Cardiology, St. Aurel Cardiology"]
    assert kira.get("/pick/person?q=d").get_json() == []  # one letter lists nobody
    assert [c["label"] for c in kira.get("/pick/user?q=kira").get_json()] == ["Kira Lund — kam"]
    assert kira.get("/pick/secrets?q=ada").status_code == 404
    audited = graph_of_demo.run(
        "MATCH (a:AuditEntry {action: 'pick'}) RETURN a.target_id AS t"
    ).value()
    assert "person: dvorzh" in audited


@pytest.fixture
def graph_of_demo(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[neo4j.Session]:
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        yield session


def test_a_tie_is_saved_from_names_and_a_typed_from_beats_the_link(
    kira: FlaskClient, graph_of_demo: neo4j.Session
) -> None:
    """The Add a tie bug: opened from a dossier, the link's from_id overrode the From the
    user typed. Now the form posts what was typed, by name."""
    link = "/ties/new?type=KNOWS&from_id=p-ada-rowan"
    form = kira.get(link).get_data(as_text=True)
    assert _field(form, "from_id").startswith("Prof. Dr. Ada Rowan — ")
    token = csrf_token(kira, link)
    saved = kira.post(
        link,
        data={
            "csrf_token": token,
            "type": "KNOWS",
            "from_id": "Elias Nordin",
            "to_id": "Marta Ilves",
            "kind": "colleague",
            "strength": "0.7",
        },
    )
    assert saved.status_code == 302
    assert saved.headers["Location"] == "/people/p-elias-nordin"  # typed, not the link's
    tie = graph_of_demo.run(
        "MATCH (:Person {id: 'p-elias-nordin'})-[k:KNOWS]->(:Person {id: 'p-marta-ilves'})"
        " RETURN k.strength AS s"
    ).single()
    assert tie is not None
    assert tie["s"] == 0.7


def test_a_name_that_means_nobody_or_several_is_explained_beside_the_field(
    kira: FlaskClient,
) -> None:
    link = "/ties/new?type=KNOWS"
    token = csrf_token(kira, link)
    answer = kira.post(
        link,
        data={
            "csrf_token": token,
            "type": "KNOWS",
            "from_id": "Zorro Nobody",
            "to_id": "Brandt",
            "kind": "colleague",
        },
    )
    assert answer.status_code == 400
    html = unescape(answer.get_data(as_text=True))
    assert "No person called “Zorro Nobody”" in html
    several = re.search(r"Several people match “Brandt”: ([^<]+)\. Pick one", html)
    assert several
    assert several.group(1).count(" — ") >= 2  # the candidates, told apart by their jobs


def test_covering_from_the_dossier_takes_one_click(kira: FlaskClient) -> None:
    page = kira.get("/people/p-carla-fenwick").get_data(as_text=True)
    assert 'data-testid="cover-me"' in page
    token = csrf_token(kira, "/people/p-carla-fenwick")
    form = {"csrf_token": token, "stage": "contact"}
    done = kira.post("/people/p-carla-fenwick/cover", data=form, follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "You cover this person now" in html
    assert 'data-testid="cover-me"' not in html  # nothing more to offer
    assert re.search(r"Kira Lund\s*<span class=\"tag stage-contact\">", html)


def test_a_planned_meeting_is_the_next_meeting_not_the_last_contact(kira: FlaskClient) -> None:
    before = kira.get("/people/p-irena-sokol").get_data(as_text=True)
    last = re.search(r'data-testid="last-contact">([^\n]+)', before)
    assert last
    form = kira.get("/interactions/new?person=p-irena-sokol").get_data(as_text=True)
    token = csrf_token(kira, "/interactions/new")
    planned = clock.today() + timedelta(days=7)
    form_id = re.search(r'id="id" name="id" type="hidden" value="([^"]+)"', form)
    assert form_id
    saved = kira.post(
        "/interactions/new",
        data={
            "csrf_token": token,
            "id": form_id.group(1),
            "date": planned.isoformat(),
            "kind": "meeting",
            "participant": _field(form, "participant"),
        },
    )
    assert saved.status_code == 302
    after = kira.get("/people/p-irena-sokol").get_data(as_text=True)
    still = re.search(r'data-testid="last-contact">([^\n]+)', after)
    assert still
    assert still.group(1) == last.group(1)
    shown = f"{planned.day} {planned.strftime('%b %Y')}"  # Babel's medium date: 7 Dec 2026
    assert f"Next meeting: <strong>{shown}</strong> (in 7 days" in after


def test_mark_done_can_be_undone_from_my_week(kira: FlaskClient) -> None:
    form = kira.get("/interactions/new?person=p-ada-rowan").get_data(as_text=True)
    form_id = re.search(r'id="id" name="id" type="hidden" value="([^"]+)"', form)
    assert form_id
    token = csrf_token(kira, "/interactions/new")
    kira.post(
        "/interactions/new",
        data={
            "csrf_token": token,
            "id": form_id.group(1),
            "date": clock.today().isoformat(),
            "kind": "call",
            "participant": _field(form, "participant"),
            "next_step": "Send the pharmacoeconomic summary",
            "due_date": (clock.today() + timedelta(days=1)).isoformat(),
        },
    )
    assert "Send the pharmacoeconomic summary" in kira.get("/").get_data(as_text=True)
    done = kira.post(
        f"/interactions/{form_id.group(1)}/done", data={"csrf_token": token}, follow_redirects=True
    )
    page = done.get_data(as_text=True)
    assert "Send the pharmacoeconomic summary" not in page
    assert 'data-testid="undo"' in page
    undone = kira.post(
        f"/interactions/{form_id.group(1)}/undone",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "Send the pharmacoeconomic summary" in undone.get_data(as_text=True)
