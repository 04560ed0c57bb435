"""The app factory: the one place the web app is assembled (config, driver, blueprints)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from kamgraph import clock, config, secrets_store, web_analysis, web_db, web_i18n
from kamgraph.resources import resource_dir
from kamgraph.views import (
    access,
    account,
    account_plans,
    api,
    audit,
    auth,
    briefs,
    calendar,
    changes,
    deputies,
    edit,
    errors,
    events,
    handover,
    health,
    home,
    interactions,
    merges,
    orgs,
    people,
    person_plans,
    pick,
    privacy,
    proposals,
    records,
    search,
    team,
    tenders,
    transfers,
)
from kamgraph.views.limits import limiter


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Assemble the web app: config, driver, blueprints, error pages, CLI commands."""
    clock.check()  # a mistyped KAMGRAPH_TODAY stops the start, not every page
    web = resource_dir("web")
    app = Flask(
        "kamgraph",
        template_folder=str(web / "templates"),
        static_folder=str(web / "static"),
    )
    app.config.from_mapping(config.from_env())  # the same settings the commands read
    if test_config is not None:
        app.config.from_mapping(test_config)
    behind_tls = str(app.config.get("TLS", "") or "").lower() in ("1", "true", "yes")  # pyright: ignore[reportUnknownArgumentType]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=behind_tls,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=behind_tls,
        REMEMBER_COOKIE_DURATION=timedelta(days=14),
    )
    app.secret_key = secrets_store.secret_key(app.config)
    proxies = int(str(app.config.get("PROXIES") or 0))  # pyright: ignore[reportUnknownArgumentType]
    if proxies:
        # Behind a trusted proxy, the client's address (for sign-in limits and logs) and
        # scheme come from the headers it adds, and only from the last `proxies` hops.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    web_db.init_app(app)
    web_analysis.init_app(app)
    web_i18n.init_app(app)
    errors.init_app(app)
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)  # tokens only, never the cookie: nothing for a forged form to ride
    # The limiter is shared by every app in the process; say explicitly whether it is on.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")  # kamgraph-neo4j:// shares
    limiter.init_app(app)
    access.init_app(app)
    for blueprint in (
        auth.bp,
        home.bp,
        search.bp,
        people.bp,
        edit.bp,
        briefs.bp,
        orgs.bp,
        tenders.bp,
        team.bp,
        interactions.bp,
        calendar.bp,
        records.bp,
        health.bp,
        pick.bp,
        privacy.bp,
        audit.bp,
        transfers.bp,
        account.bp,
        person_plans.bp,
        account_plans.bp,
        proposals.bp,
        changes.bp,
        events.bp,
        deputies.bp,
        handover.bp,
        merges.bp,
        api.bp,
    ):
        app.register_blueprint(blueprint)
    return app
