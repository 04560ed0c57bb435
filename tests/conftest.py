"""Shared fixtures: a real Neo4j for the whole session, a clean database per test, the app.

Neo4j comes from, in order:
- KAMGRAPH_NEO4J_URI (+ _USER/_PASSWORD/_DATABASE), e.g. a docker compose service. A
  database that holds data when the session starts is wiped only if
  KAMGRAPH_TEST_ALLOW_WIPE=1;
- else the local Neo4j of KAMGRAPH_TEST_HOME (default: .kamgraph-test/ in the
  checkout), started here if it is not running and stopped again at the end.

Tests never touch KAMGRAPH_HOME, so a developer's own data is safe. A test that
needs Neo4j and cannot get it fails; it never skips.

No test reads the calendar. The app's clock (kamgraph.clock) is fixed for the whole run at
TEST_DAY, or at `pytest --today=YYYY-MM-DD`; subprocesses get it as KAMGRAPH_TODAY. The
date-sensitive tests also run at each of CALENDAR_DAYS (tests/integration/test_calendar_days.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, config, db, web_db, worker
from kamgraph.app import create_app
from kamgraph.errors import KamgraphError

REPO = Path(__file__).resolve().parent.parent

# The day the suite runs at unless --today says otherwise: the Monday after the demo's anchor
# week, when the demo's dates have moved once.
TEST_DAY = date(2026, 11, 30)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today",
        default=TEST_DAY.isoformat(),
        help=f"the day the app's clock shows during the run (default {TEST_DAY})",
    )


@pytest.fixture(scope="session", autouse=True)
def today(pytestconfig: pytest.Config) -> Iterator[date]:
    """The day every test runs on: the app's clock is fixed to it, never the calendar."""
    with clock.fixed(date.fromisoformat(str(pytestconfig.getoption("--today")))) as day:
        yield day


def _test_settings() -> dict[str, Any]:
    settings: dict[str, Any] = dict(config.from_env())
    if not settings["NEO4J_URI"]:
        test_home = os.environ.get("KAMGRAPH_TEST_HOME") or str(REPO / ".kamgraph-test")
        settings["HOME"] = test_home
        settings["NEO4J_PASSWORD"] = None  # the test home's own generated password
    return settings


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[dict[str, Any]]:
    """Settings (config keys) of the session's Neo4j, started here if need be."""
    settings = _test_settings()
    started_here = False
    local = None if settings["NEO4J_URI"] else db.local_neo4j(settings)
    try:
        if local is not None and local.pid() is None:
            port = None if local.port_file.exists() else 0  # never the user's 7687
            started_here = local.start(port=port, heap="1g", pagecache_mb=256)
        with db.driver_for(db.neo4j_settings(settings)) as driver:
            db.check(driver, str(settings["NEO4J_DATABASE"]))
    except KamgraphError as error:
        pytest.fail(f"integration tests need a running Neo4j: {error}", pytrace=False)
    yield settings
    if started_here and local is not None:
        local.stop()


@pytest.fixture(scope="session")
def driver(neo4j_server: dict[str, Any]) -> Iterator[neo4j.Driver]:
    """The session's one driver, configured as the app's."""
    drv = db.connect(neo4j_server)
    _refuse_to_wipe_real_data(drv, str(neo4j_server["NEO4J_DATABASE"]))
    with drv.session(database=str(neo4j_server["NEO4J_DATABASE"])) as session:
        db.apply_schema(session)
    yield drv
    drv.close()


@pytest.fixture(scope="session")
def neo4j_config(driver: neo4j.Driver, neo4j_server: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The session's settings: its Neo4j, and a real analysis worker for every app.

    The worker answers from the graph as it is when asked (a page right after a write
    sees the write), where `kamgraph serve`'s rebuilds in the background.
    """
    folder = Path(tempfile.mkdtemp(prefix="kg-", dir="/tmp"))  # socket paths must be short
    settings = {**neo4j_server, "ANALYSIS_SOCKET": str(folder / "analysis.sock")}
    running = worker.Worker(
        driver,
        str(neo4j_server["NEO4J_DATABASE"]),
        worker.socket_path(settings),
        worker.auth_key(settings),
        fresh_on_ask=True,
    )
    running.start(loop=False)
    yield settings
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _refuse_to_wipe_real_data(drv: neo4j.Driver, database: str) -> None:
    if not os.environ.get("KAMGRAPH_NEO4J_URI") or os.environ.get("KAMGRAPH_TEST_ALLOW_WIPE"):
        return
    records, _, _ = drv.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
    if records[0]["n"]:
        pytest.fail(
            "KAMGRAPH_NEO4J_URI points at a database with data; the tests wipe it. "
            "Use a throwaway database, or set KAMGRAPH_TEST_ALLOW_WIPE=1.",
            pytrace=False,
        )


@pytest.fixture
def graph(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[neo4j.Session]:
    """A session on an empty database (schema kept), for one test."""
    database = str(neo4j_config["NEO4J_DATABASE"])
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    with driver.session(database=database) as session:
        yield session


@pytest.fixture
def app(graph: neo4j.Session, neo4j_config: dict[str, Any]) -> Iterator[Flask]:
    """The app on the clean test database."""
    application = create_app({**neo4j_config, "TESTING": True, "SECRET_KEY": "t" * 40})
    yield application
    web_db.close(application)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
