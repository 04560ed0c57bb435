"""The web app's Neo4j: one driver per app (process), one session per request on flask.g."""

from __future__ import annotations

import time
from typing import cast

import neo4j
from flask import Flask, current_app, g

from kamgraph.db import Neo4jSettings, driver_for, neo4j_settings
from kamgraph.errors import Unavailable

_EXTENSION = "kamgraph.driver"


def init_app(app: Flask) -> None:
    """Register the lazy driver and the per-request session teardown."""
    app.extensions[_EXTENSION] = _AppStore()
    app.teardown_appcontext(_close_session)


# After a request found Neo4j unreachable, the next ones within this many seconds answer
# their 503 at once instead of each waiting out the driver's retries: ten such pages must
# not hold every server thread while a static file waits. Then one request tries again.
DOWN_FOR_S = 1.0


class _AppStore:
    """The app's settings and driver, resolved on first use so the app starts before Neo4j."""

    def __init__(self) -> None:
        self.settings: Neo4jSettings | None = None
        self.driver: neo4j.Driver | None = None
        self.down_until = 0.0  # time.monotonic() until which Neo4j counts as down

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


def mark_down(error: Unavailable) -> None:
    """Neo4j was unreachable just now: the next requests fail fast for DOWN_FOR_S."""
    store: _AppStore = _current_app().extensions[_EXTENSION]
    if not isinstance(error, RecentlyDown):  # a real failure, not the fast answer itself
        store.down_until = time.monotonic() + DOWN_FOR_S


class RecentlyDown(Unavailable):
    """Neo4j was unreachable a moment ago; this request did not wait to find out again."""


def get_session() -> neo4j.Session:
    """This request's session (sessions are not thread-safe, so never shared).

    Raises RecentlyDown within DOWN_FOR_S of another request finding Neo4j unreachable.
    """
    store: _AppStore = _current_app().extensions[_EXTENSION]
    if time.monotonic() < store.down_until:
        raise RecentlyDown("Neo4j was unreachable a moment ago")
    if "neo4j_session" not in g:
        drv, resolved = _store()
        g.neo4j_session = drv.session(database=resolved.database)
    session: neo4j.Session = g.neo4j_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("neo4j_session", None)
    if session is not None:
        session.close()
