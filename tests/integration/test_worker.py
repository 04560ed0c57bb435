"""The analysis worker: pages ask it, never build an analysis graph themselves.

A generated region (3,000 people, ~30,000 ties) stands in for a national one: the test
counts the records each page reads (the app's Server-Timing header) and shows they stay
the size of the page after an edit, while the worker picks the edit up in the background.
"""

from __future__ import annotations

import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import create_app, db, web_db, worker
from kamgraph.seeding import generate
from kamgraph.services import accounts
from kamgraph.services import live as live_service

from .web_support import PASSWORD, edit_form, sign_in

PEOPLE = 3_000
KAM = "kam0@northwind.example"  # generated user gk0


@pytest.fixture(scope="module")
def region(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A generated region, a worker that rebuilds in the background (as `serve` runs
    it, with short waits), and settings for an app that talks to it."""
    database = str(neo4j_config["NEO4J_DATABASE"])
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    with driver.session(database=database) as session:
        generate.write_region(session, generate.Shape(people=PEOPLE, seed=3))
        accounts.set_password(session, KAM, PASSWORD)
    folder = Path(tempfile.mkdtemp(prefix="kg-", dir="/tmp"))
    settings = {**neo4j_config, "ANALYSIS_SOCKET": str(folder / "analysis.sock")}
    timing = worker.Timing(poll=0.1, quiet=0.3, longest=5, scores_every=None)
    running = worker.Worker(
        driver, database, worker.socket_path(settings), worker.auth_key(settings), timing=timing
    )
    running.start()
    _until(lambda: running.live.current is not None)
    yield {"settings": settings, "worker": running, "driver": driver, "database": database}
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _until(done: Any, seconds: float = 60) -> None:
    """Wait for the worker's background work (bounded; fails rather than hangs)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.05)


@pytest.fixture
def kam(region: dict[str, Any]) -> Iterator[FlaskClient]:
    app = create_app({**region["settings"], "SECRET_KEY": "w" * 40, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    sign_in(client, KAM)
    yield client
    web_db.close(app)


def _records(response: Any) -> int:
    found = re.search(r'db;desc="(\d+) records"', response.headers.get("Server-Timing", ""))
    assert found, response.headers.get("Server-Timing")
    return int(found.group(1))


def _covered_person(region: dict[str, Any]) -> str:
    records, _, _ = region["driver"].execute_query(
        "MATCH (:User {id: 'gk0'})-[:COVERS]->(p:Person)-[:KNOWS]-(q:Person) "
        "WHERE NOT (:User {id: 'gk0'})-[:COVERS]->(q) RETURN q.id AS id ORDER BY id LIMIT 1",
        database_=region["database"],
    )
    return str(records[0]["id"])


def test_after_an_edit_the_next_pages_read_what_they_show_not_the_graph(
    region: dict[str, Any], kam: FlaskClient
) -> None:
    running: worker.Worker = region["worker"]
    person = _covered_person(region)
    before = running.live.current
    assert before is not None
    ties = int(before.graph.search.nbr.size // 2)
    assert ties > 20_000  # the graph is far bigger than any page

    path = f"/people/{person}/edit"
    form = {**edit_form(kam, path), "specialty": "Interventional cardiology"}
    assert kam.post(path, data=form).status_code == 302
    pages = {
        "dossier": kam.get(f"/people/{person}"),
        "tender": kam.get("/tenders/gt0"),
        "organization": kam.get("/orgs/g-h0"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert _records(response) < 200, name  # a handful of records, never the graph's
    dossier = pages["dossier"].get_data(as_text=True)
    assert "Interventional cardiology" in dossier
    assert 'data-testid="paths-as-of"' in dossier  # warm paths came from the worker
    assert "covers" in dossier  # ... and there is one: KAM 0 covers a friend of this person

    # Nobody waits for it, but the worker rebuilds after the edit, by itself.
    revision = running.live.revision()
    assert revision != before.revision
    _until(lambda: running.live.current is not None and running.live.current.revision == revision)


def test_while_a_rebuild_runs_the_previous_graph_keeps_answering(
    region: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    running: worker.Worker = region["worker"]
    live = running.live
    held = live.current
    assert held is not None
    region["driver"].execute_query(
        "MERGE (r:GraphRevision {id: 'graph'}) SET r.n = r.n + 1", database_=region["database"]
    )
    gate = threading.Event()
    original = getattr(live, "_make")  # noqa: B009 - hold the build open to ask meanwhile

    def slow_make(*args: Any, **kwargs: Any) -> live_service.Snapshot:
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(live, "_make", slow_make)
    builders = [threading.Thread(target=live.refresh) for _ in range(2)]
    for thread in builders:
        thread.start()
    answer = running.answer({"op": "near", "members": [held.graph.ids[0]]})
    assert answer["ok"]["as_of"] == held.built_at.isoformat()  # the old graph answers
    gate.set()
    for thread in builders:
        thread.join(30)
    monkeypatch.undo()
    assert live.current is not None
    assert live.current.revision != held.revision  # one build replaced it...
    assert live.refresh() is False  # ...and nothing is left to build


def test_pages_show_the_rest_when_the_worker_does_not_answer(
    region: dict[str, Any], tmp_path: Path
) -> None:
    settings = {**region["settings"], "ANALYSIS_SOCKET": str(tmp_path / "none.sock")}
    app: Flask = create_app({**settings, "SECRET_KEY": "w" * 40, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    sign_in(client, KAM)
    dossier = client.get(f"/people/{_covered_person(region)}")
    tender = client.get("/tenders/gt0")
    web_db.close(app)
    assert dossier.status_code == 200
    assert "the analysis worker is not running" in dossier.get_data(as_text=True)
    assert tender.status_code == 200
    assert 'data-testid="influence-unavailable"' in tender.get_data(as_text=True)


def test_the_worker_answers_only_clients_holding_its_key(region: dict[str, Any]) -> None:
    address = worker.socket_path(region["settings"])
    stranger = worker.Client(address, b"not the key", timeout=2)
    with pytest.raises(worker.Unanswered):
        stranger.ask("status")
    owner = worker.Client(address, worker.auth_key(region["settings"]), timeout=2)
    assert owner.ask("status")["ready"] is True
    assert address.stat().st_mode & 0o077 == 0  # the socket is its owner's alone


def test_the_worker_outlives_a_neo4j_that_is_gone(neo4j_config: dict[str, Any]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])  # closed again at once: nobody listens there
    gone = {**neo4j_config, "NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x" * 8}
    folder = Path(tempfile.mkdtemp(prefix="kg-", dir="/tmp"))
    driver = db.driver_for(db.neo4j_settings(gone), timeout=0.2)
    running = worker.Worker(
        driver,
        "neo4j",
        folder / "a.sock",
        b"k" * 32,
        timing=worker.Timing(poll=0.05, scores_every=None),
    )
    running.start()
    try:
        time.sleep(1.0)  # twenty looks at a database that is not there
        assert running.alive()
        assert running.answer({"op": "paths", "target": "p"})["error"] == "not_ready"
    finally:
        running.stop()
        driver.close()
        shutil.rmtree(folder, ignore_errors=True)
