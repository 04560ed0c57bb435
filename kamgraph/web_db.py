"""The web app's Neo4j: one driver per app (process), one session per request on flask.g."""

from __future__ import annotations

from typing import cast

import neo4j
from flask import Flask, current_app, g

from kamgraph.db import Neo4jSettings, driver_for, neo4j_settings

_EXTENSION = "kamgraph.driver"


def init_app(app: Flask) -> None:
    """Register the lazy driver and the per-request session teardown."""
    app.extensions[_EXTENSION] = _AppStore()
    app.teardown_appcontext(_close_session)


class _AppStore:
    """The app's settings and driver, resolved on first use so the app starts before Neo4j."""

    def __init__(self) -> None:
        self.settings: Neo4jSettings | None = None
        self.driver: neo4j.Driver | None = None

    def get(self, app: Flask) -> tuple[neo4j.Driver, Neo4jSettings]:
        if self.driver is None or self.settings is None:
            self.settings = neo4j_settings(app.config)
            timeout = float(str(app.config.get("NEO4J_WEB_TIMEOUT") or 2))  # pyright: ignore[reportUnknownArgumentType]
            self.driver = driver_for(self.settings, timeout=timeout)
        return self.driver, self.settings


def close(app: Flask) -> None:
    """Close the app's driver, if it made one (at the end of `serve`, and in tests)."""
    store: _AppStore = app.extensions[_EXTENSION]
    if store.driver is not None:
        store.driver.close()
        store.driver = None


def _store() -> tuple[neo4j.Driver, Neo4jSettings]:
    app = _current_app()
    store: _AppStore = app.extensions[_EXTENSION]
    return store.get(app)


def _current_app() -> Flask:
    return cast(Flask, current_app._get_current_object())  # type: ignore[attr-defined]


def driver() -> neo4j.Driver:
    """The app's one driver."""
    return _store()[0]


def database() -> str:
    """The app's database name."""
    return _store()[1].database


def get_session() -> neo4j.Session:
    """This request's session (sessions are not thread-safe, so never shared)."""
    if "neo4j_session" not in g:
        drv, resolved = _store()
        g.neo4j_session = drv.session(database=resolved.database)
    session: neo4j.Session = g.neo4j_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("neo4j_session", None)
    if session is not None:
        session.close()
