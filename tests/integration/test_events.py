"""Events on the pages: the event page with our coverage of the people there, the events
list, and the events on dossiers and organization pages, on the demo region in Neo4j."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph import web_db
from kamgraph.services import data as bundle_service

from .web_support import ADMIN, KAM, client_of, demo_app

ROUND_TABLE = "/events/ev-access-rt-2026"
# Someone of another territory (Northmark) at the demo's market access round table.
OUTSIDER = "Zorvath Quillane"
FILES = {
    "organizations.csv": "id,name,kind,region,city\n"
    "org-north,Varn Regional Hospital,hospital,Northmark Region,Varn\n",
    "people.csv": "id,given_name,family_name,region\np-north,Zorvath,Quillane,Northmark Region\n",
    "relationships.csv": "type,from_id,to_id,title\n"
    "WORKS_AT,p-north,org-north,Head of Pharmacy\n"
    "ATTENDED,p-north,ev-access-rt-2026,\n",
}


@pytest.fixture(scope="module")
def web(
    driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The demo region, and a Northmark pharmacist at its market access round table."""
    app = demo_app(driver, neo4j_config)
    folder: Path = tmp_path_factory.mktemp("north")
    for name, text in FILES.items():
        (folder / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        bundle_service.import_path(session, folder)
    yield app
    web_db.close(app)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _row(html: str, testid: str) -> str:
    """The text of one table row, by its data-testid."""
    found = re.search(rf'<tr data-testid="{testid}">(.*?)</tr>', html, re.S)
    assert found, f"no row {testid}"
    return _text(found.group(1))


def test_event_page_lists_speakers_and_attendees_with_our_coverage(web: Flask) -> None:
    html = client_of(web, KAM).get(ROUND_TABLE).get_data(as_text=True)
    text = _text(html)

    assert "Market Access Round Table: Value-Based Procurement" in text
    assert "round table" in text
    assert "Velmora" in text
    # Our champion and the sceptic of the same tender met there; Kira covers both.
    elias = _row(html, "participant-p-elias-nordin")
    assert "Kira Lund" in elias
    assert "near-friendship" in elias
    assert "champion" in elias
    gerd = _row(html, "participant-p-gerd-hollis")
    assert "sceptic" in gerd
    assert "Aurel" in gerd  # the tender he is sceptic in
    # A speaker, with the topic of the talk.
    speakers = re.search(r'data-testid="speaker-table"(.*?)</table>', html, re.S)
    assert speakers
    assert "Budget impact in regional tenders" in _text(speakers.group(1))
    assert "Fabian Kroll" in _text(speakers.group(1))
    # The organizations present, linked.
    present = re.search(r'data-testid="organizations-present"(.*?)</section>', html, re.S)
    assert present
    assert 'href="/orgs/' in present.group(1)


def test_a_kam_sees_people_outside_her_territory_counted_not_named(web: Flask) -> None:
    kira = _text(client_of(web, KAM).get(ROUND_TABLE).get_data(as_text=True))
    admin = _text(client_of(web, ADMIN).get(ROUND_TABLE).get_data(as_text=True))

    assert OUTSIDER not in kira
    assert "Varn Regional Hospital" not in kira
    assert "1 more outside your territories (not named)" in kira
    assert OUTSIDER in admin
    assert "Varn Regional Hospital" in admin
    assert "outside your territories" not in admin


def test_an_unknown_event_is_a_404(web: Flask) -> None:
    assert client_of(web, KAM).get("/events/ev-nowhere").status_code == 404


def test_events_list_has_upcoming_and_recent_and_filters_by_kind(web: Flask) -> None:
    kira = client_of(web, KAM)
    html = kira.get("/events/").get_data(as_text=True)
    upcoming = re.search(r'data-testid="upcoming-events"(.*?)</table>', html, re.S)
    recent = re.search(r'data-testid="recent-events"(.*?)</table>', html, re.S)
    assert upcoming
    assert recent
    assert "Velmora Diabetes Symposium 2026" in _text(upcoming.group(1))
    assert "Market Access Round Table" in _text(recent.group(1))
    assert "Market Access Round Table" not in _text(upcoming.group(1))

    round_tables = _text(kira.get("/events/?kind=round_table").get_data(as_text=True))
    assert "Market Access Round Table" in round_tables
    assert "Regional Oncology Round Table" in round_tables
    assert "Velmora Cardiology Congress" not in round_tables

    refused = kira.get("/events/?kind=party")
    assert refused.status_code == 400
    assert "unknown event kind" in _text(refused.get_data(as_text=True))


def test_dossier_shows_the_events_newest_first(web: Flask) -> None:
    html = client_of(web, KAM).get("/people/p-ada-rowan").get_data(as_text=True)
    section = re.search(r'data-testid="person-events"(.*?)</section>', html, re.S)
    assert section
    text = _text(section.group(1))
    # She spoke at the cardiology congress (2026) and attended internal medicine days (2025).
    assert text.index("Velmora Cardiology Congress 2026") < text.index(
        "Velmora Internal Medicine Days 2025"
    )
    assert "Extended VTE prophylaxis after discharge" in text
    assert 'href="/events/ev-vcc-2026"' in section.group(1)


def test_organization_page_shows_its_peoples_events(web: Flask) -> None:
    html = client_of(web, KAM).get("/orgs/org-h-aurel").get_data(as_text=True)
    section = re.search(r'data-testid="org-events"(.*?)</section>', html, re.S)
    assert section
    text = _text(section.group(1))
    # Its finance director and its chief pharmacist (in its pharmacy) at the round table.
    assert "Market Access Round Table" in text
    assert "Gerd Hollis" in text
    assert "Elias Nordin" in text
    # Another territory's hospital: a 404 for Kira; its pharmacist's event for an admin.
    assert client_of(web, KAM).get("/orgs/org-north").status_code == 404
    admin = client_of(web, ADMIN).get("/orgs/org-north").get_data(as_text=True)
    north = re.search(r'data-testid="org-events"(.*?)</section>', admin, re.S)
    assert north
    assert OUTSIDER in _text(north.group(1))


def test_an_upcoming_event_is_expected_not_attended(web: Flask) -> None:
    kira = client_of(web, KAM)
    html = kira.get("/people/p-elias-nordin").get_data(as_text=True)
    section = re.search(r'data-testid="person-events"(.*?)</section>', html, re.S)
    assert section
    items = [_text(i) for i in re.findall(r"<li[^>]*>(.*?)</li>", section.group(1), re.S)]
    exhibition = next(i for i in items if "Pharmacy Exhibition" in i)
    dinner = next(i for i in items if "Dinner after the Market Access Round Table" in i)
    assert "will attend" in exhibition
    assert "4 people expected" in exhibition
    assert "exhibition" in exhibition
    assert "attended" in dinner
    assert "informal meeting" in dinner
    page = _text(kira.get("/events/ev-pharm-expo-2026").get_data(as_text=True))
    assert "4 people expected" in page


def test_search_leads_to_the_events_by_name(web: Flask) -> None:
    kira = client_of(web, KAM)
    search = kira.get("/search?q=round+table").get_data(as_text=True)
    assert 'href="/events/?q=round+table"' in search

    found = kira.get("/events/?q=round+table").get_data(as_text=True)
    past = re.search(r'data-testid="recent-events"(.*?)</table>', found, re.S)
    assert past
    assert "Past" in _text(found)
    assert "Market Access Round Table" in _text(past.group(1))
    assert "Regional Oncology Round Table" in _text(past.group(1))
    assert "Dinner after the Market Access Round Table" in _text(past.group(1))
    assert "Cardiology" not in _text(found)
