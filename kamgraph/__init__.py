"""kamgraph: a relationship-graph knowledge base of decision makers for key account managers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from kamgraph import config, db, secrets_store
from kamgraph._version import __version__
from kamgraph.cli import register_commands
from kamgraph.db import connect
from kamgraph.resources import resource_dir
from kamgraph.views import health, pages

__all__ = ["__version__", "connect", "create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Assemble the web app: config, driver, blueprints, error pages, CLI commands."""
    web = resource_dir("web")
    app = Flask(
        __name__,
        template_folder=str(web / "templates"),
        static_folder=str(web / "static"),
    )
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_prefixed_env("KAMGRAPH")
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.secret_key = secrets_store.secret_key(app.config)

    db.init_app(app)
    pages.init_app(app)
    app.register_blueprint(health.bp)
    register_commands(app)
    return app
