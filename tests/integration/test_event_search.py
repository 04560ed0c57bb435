"""Events are search hits: the search box finds an event by its name typed without marks,
with them, or in Latin letters for a Cyrillic name, and opens its page; `db init` gives
events written before this their search keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph.repository import search
from kamgraph.services import data as service

from .helpers import cli_env, kamgraph
from .web_support import KAM, client_of

EVENTS = """id,name,kind,starts_on,ends_on,city
ev-ru,Семёновские чтения по кардиологии,congress,2026-04-02,2026-04-03,Москва
ev-it,Giornate Cardiologiche Città di Durrës,symposium,2026-06-11,,Durrës
ev-sq,Kongresi i Kardiologjisë,congress,2026-10-01,,Tiranë
"""


@pytest.fixture
def congresses(graph: neo4j.Session, tmp_path: Path) -> neo4j.Session:
    """Three events imported from a CSV file as a user would."""
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    service.import_path(graph, tmp_path)
    return graph


def found(session: neo4j.Session, text: str) -> list[str]:
    return [hit.id for hit in search.search(session, text)["event"]]


@pytest.mark.parametrize(
    ("typed", "event"),
    [
        ("Семёновские чтения", "ev-ru"),
        ("семеновские", "ev-ru"),  # without ё
        ("semenovskie chteniya", "ev-ru"),  # in Latin letters
        ("citta durres", "ev-it"),  # without marks
        ("Città di Durrës", "ev-it"),
        ("kardiologjise", "ev-sq"),
        ("Kardiologjisë", "ev-sq"),
        ("tirane", "ev-sq"),  # by its city
    ],
)
def test_events_are_found_as_users_type_them(
    congresses: neo4j.Session, typed: str, event: str
) -> None:
    assert found(congresses, typed) == [event]


def test_events_stay_out_of_a_segment_search(congresses: neo4j.Session) -> None:
    assert search.search(congresses, "kardiologjise", segment="kol")["event"] == []


def test_the_search_page_lists_events_linking_to_their_page(demo_web: Flask) -> None:
    kira = client_of(demo_web, KAM)  # a KAM: events are read by every reader
    html = kira.get("/search?q=velmora+cardiology&exact=0").get_data(as_text=True)
    assert 'data-testid="results-event"' in html
    assert 'href="/events/ev-vcc-2026"' in html
    assert "Velmora Cardiology Congress 2026" in html
    assert "congress, Velmora" in html  # its kind in the reader's words, and its city
    only = kira.get("/search?q=Critical+Care+Advisory")
    assert only.status_code == 302  # one hit: its page opens
    assert only.headers["Location"] == "/events/ev-icu-ab-2026"
    page = kira.get(only.headers["Location"])
    assert page.status_code == 200
    assert "Northwind Critical Care Advisory Board 2026" in page.get_data(as_text=True)


def test_db_init_gives_older_events_their_search_keys(
    congresses: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    congresses.run("MATCH (e:Event) REMOVE e.search_key, e.search_key_v").consume()
    assert found(congresses, "semenovskie") == []
    first = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert first.returncode == 0, first.stderr
    assert "search keys made for 3 records" in first.stdout
    assert found(congresses, "semenovskie") == ["ev-ru"]
    again = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert "search keys" not in again.stdout
