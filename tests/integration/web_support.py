"""Helpers for the web tests: demo sign-ins with known passwords, and signing in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from typing import Any

import neo4j
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import create_app
from kamgraph.seeding import demo
from kamgraph.services import accounts

from .helpers import cli_env, kamgraph

KAM = "kira.lund@northwind-medica.example"  # covers Ada Rowan, Elias Nordin, ...
OTHER_KAM = "tomas.brenner@northwind-medica.example"
LEAD = "hana.vesterlund@northwind-medica.example"
ADMIN = "ines.graf@northwind-medica.example"
PASSWORD = "correct horse battery"


def demo_app(driver: neo4j.Driver, settings: dict[str, Any]) -> Flask:
    """The app on a freshly loaded demo region with known passwords; rate limits off."""
    database = str(settings["NEO4J_DATABASE"])
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    with driver.session(database=database) as session:
        return demo_app_on(session, settings)


def demo_app_on(session: neo4j.Session, settings: Mapping[str, Any], **config: Any) -> Flask:
    """The app on the demo region loaded into `session`'s (empty) database, with known
    passwords; rate limits off unless `config` says otherwise."""
    demo.load_demo(session)
    give_passwords(session)
    return create_app({**settings, "SECRET_KEY": "s" * 40, "RATELIMIT_ENABLED": False, **config})


def give_passwords(session: neo4j.Session) -> None:
    """The demo team's passwords, known to the tests."""
    for email in (KAM, OTHER_KAM, LEAD, ADMIN):
        accounts.set_password(session, email, PASSWORD)


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on `path`."""
    html = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', html
    )
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, next_: str = "") -> str:
    """Sign in through the login form; return where it redirected to."""
    token = csrf_token(client, "/login")
    url = f"/login?next={next_}" if next_ else "/login"
    response = client.post(url, data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def client_of(app: Flask, email: str) -> FlaskClient:
    """A test client of `app`, signed in as `email`."""
    client = app.test_client()
    sign_in(client, email)
    return client


def edit_form(client: FlaskClient, path: str) -> dict[str, str]:
    """The edit form's fields as the browser would post them back, unchanged."""
    html = client.get(path).get_data(as_text=True)
    values = {
        name: unescape(value)
        for name, value in re.findall(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"', html)
    }
    for name, value in re.findall(
        r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html
    ):
        values[name] = unescape(value)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    version = re.search(r'name="version" value="(\d+)"', html)
    assert token
    assert version
    return {**values, "csrf_token": token.group(1), "version": version.group(1)}


COMPLIANCE = "clara.vogt@northwind-medica.example"


def add_compliance_officer(settings: Mapping[str, Any]) -> str:
    """Clara Vogt, compliance officer, added as an admin would: with `kamgraph user add`."""
    added = kamgraph(
        "user",
        "add",
        COMPLIANCE,
        "--role",
        "compliance",
        "--name",
        "Clara Vogt",
        "--password-stdin",
        env=cli_env(settings),
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    return COMPLIANCE
