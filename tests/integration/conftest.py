"""Fixtures shared by the web tests of daily use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import web_db

from .web_support import KAM, demo_app, sign_in


@pytest.fixture(scope="module")
def demo_web(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[Flask]:
    """The app on the demo region, loaded once per module (its tests only add to it)."""
    app = demo_app(driver, neo4j_config)
    yield app
    web_db.close(app)


@pytest.fixture
def kira(demo_web: Flask) -> FlaskClient:
    """A client signed in as Kira Lund, a KAM of the demo team."""
    client = demo_web.test_client()
    sign_in(client, KAM)
    return client
