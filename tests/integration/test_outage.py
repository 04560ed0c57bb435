"""Neo4j down while the app runs: a friendly 503, never a traceback; the rest keeps answering.

The outage is real: a second app, with the same secret key, points at a loopback port
where no Neo4j listens, and a signed-in user's cookie is replayed against it.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import web_db
from kamgraph.app import create_app

from .web_support import KAM, demo_app_on, sign_in

SECRET = "o" * 40


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when this returns: nobody listens


@pytest.fixture(scope="module")
def signed_in(driver: neo4j.Driver, neo4j_config: dict[str, object]) -> Iterator[str]:
    """The session cookie of a KAM signed in while Neo4j was up (one for the module)."""
    database = str(neo4j_config["NEO4J_DATABASE"])
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    with driver.session(database=database) as session:
        app = demo_app_on(session, neo4j_config, SECRET_KEY=SECRET)
        client = app.test_client()
        sign_in(client, KAM)
    cookie = client.get_cookie("session")
    assert cookie is not None
    yield cookie.value
    web_db.close(app)


@pytest.fixture
def down(neo4j_config: dict[str, object]) -> Iterator[Flask]:
    """The same app, with Neo4j gone."""
    app = create_app(
        {
            **neo4j_config,
            "SECRET_KEY": SECRET,
            "RATELIMIT_ENABLED": False,
            "NEO4J_URI": f"bolt://127.0.0.1:{_closed_port()}",
            "NEO4J_PASSWORD": "whatever-it-was",
            "NEO4J_WEB_TIMEOUT": "0.5",
        }
    )
    yield app
    web_db.close(app)


def _as_user(app: Flask, cookie: str) -> FlaskClient:
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


@pytest.mark.parametrize("path", ["/", "/people/p-ada-rowan", "/search?q=ada", "/team/coverage"])
def test_signed_in_pages_answer_a_friendly_503(down: Flask, signed_in: str, path: str) -> None:
    answer = _as_user(down, signed_in).get(path)
    assert answer.status_code == 503
    page = answer.get_data(as_text=True)
    assert "The database is not reachable at the moment" in page
    for leak in ("Traceback", "ServiceUnavailable", "bolt://", "Couldn't connect", "neo4j."):
        assert leak not in page


def test_sign_in_page_static_files_and_health_answer_while_the_database_is_down(
    down: Flask,
) -> None:
    client = down.test_client()
    assert client.get("/login").status_code == 200
    with client.get("/static/app.css") as stylesheet:
        assert stylesheet.status_code == 200
    health = client.get("/health")
    assert health.status_code == 503
    assert health.get_json()["neo4j"] != "up"


def test_after_one_503_the_next_pages_do_not_wait_then_one_tries_again(
    down: Flask, signed_in: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Ten pages at once must not each wait out the driver's retries: for a moment after
    one request found Neo4j gone, the others answer their 503 without asking again."""
    client = _as_user(down, signed_in)
    with caplog.at_level(logging.WARNING, logger="kamgraph.views.errors"):
        assert client.get("/").status_code == 503
        assert client.get("/team/coverage").status_code == 503
        time.sleep(web_db.DOWN_FOR_S + 0.1)  # the moment has passed
        assert client.get("/").status_code == 503
    asked = [
        "a moment ago" not in r.getMessage()
        for r in caplog.records
        if "unavailable on" in r.getMessage()
    ]
    assert asked == [True, False, True]  # asked Neo4j, answered at once, asked again
