"""Sign-in, sign-out, roles and the guards every page relies on, on the real Neo4j."""

from __future__ import annotations

import re
from collections.abc import Iterator

import neo4j
import pytest
from flask import Flask

from kamgraph import web_db
from kamgraph.app import create_app
from kamgraph.repository import audit
from kamgraph.seeding import demo
from kamgraph.services import accounts
from kamgraph.views.access import PUBLIC_ENDPOINTS

from .web_support import KAM, LEAD, OTHER_KAM, PASSWORD, csrf_token, demo_app_on, sign_in


@pytest.fixture
def web(graph: neo4j.Session, neo4j_config: dict[str, object]) -> Iterator[Flask]:
    """The app on the demo region, rate limits off (one test turns them on)."""
    app = demo_app_on(graph, neo4j_config)
    yield app
    web_db.close(app)


def test_every_page_but_login_static_and_health_requires_sign_in(web: Flask) -> None:
    client = web.test_client()
    checked = 0
    for rule in web.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"x-\1", rule.rule)
        if rule.endpoint == "api.openapi":  # the API's description: its schema, no data
            assert client.get(path).status_code == 200
            continue
        if path.startswith("/api/"):  # the API takes a token, never a sign-in page
            method = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})[0]
            response = client.open(path, method=method)
            assert response.status_code == 401, rule.rule
            assert response.is_json, rule.rule
            checked += 1
            continue
        if "GET" in (rule.methods or set()):
            response = client.get(path)
            assert response.status_code == 302, rule.rule
            assert response.headers["Location"].startswith("/login?next="), rule.rule
        else:  # POST-only: refused before it can change anything (no CSRF token, no user)
            assert client.post(path).status_code in (302, 400), rule.rule
        checked += 1
    assert checked >= 15
    assert web.test_client().get("/login").status_code == 200
    with web.test_client().get("/static/app.css") as stylesheet:
        assert stylesheet.status_code == 200


def test_sign_in_goes_to_the_page_asked_for_and_sign_out_ends_the_session(web: Flask) -> None:
    client = web.test_client()
    assert client.get("/people/p-ada-rowan").headers["Location"].startswith("/login?next=")
    assert sign_in(client, KAM, next_="/people/p-ada-rowan") == "/people/p-ada-rowan"
    assert "Ada Rowan" in client.get("/people/p-ada-rowan").get_data(as_text=True)
    assert client.get("/logout").status_code == 405  # a GET must not sign anyone out
    token = csrf_token(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_and_disabled_users_are_refused_alike(web: Flask) -> None:
    client = web.test_client()
    token = csrf_token(client, "/login")
    wrong = client.post(
        "/login", data={"email": KAM, "password": "nope-nope-nope", "csrf_token": token}
    )
    assert wrong.status_code == 401
    assert "Wrong email or password" in wrong.get_data(as_text=True)
    assert web.test_client().get("/").status_code == 302
    with web.app_context():
        accounts.set_active(web_db.get_session(), OTHER_KAM, active=False)
    refused = client.post(
        "/login", data={"email": OTHER_KAM, "password": PASSWORD, "csrf_token": token}
    )
    assert refused.status_code == 401


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_next_redirects_only_to_local_paths(web: Flask, target: str) -> None:
    assert sign_in(web.test_client(), KAM, next_=target) == "/"


def test_login_without_csrf_token_is_refused(web: Flask) -> None:
    response = web.test_client().post("/login", data={"email": KAM, "password": PASSWORD})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_session_cookie_is_httponly_and_samesite_lax(web: Flask) -> None:
    client = web.test_client()
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"email": KAM, "password": PASSWORD, "csrf_token": token, "remember": "y"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie  # plain HTTP here; KAMGRAPH_TLS=1 adds it


def test_cookies_are_secure_behind_tls(
    graph: neo4j.Session, neo4j_config: dict[str, object]
) -> None:
    app = create_app({**neo4j_config, "SECRET_KEY": "s" * 40, "TLS": "1"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    web_db.close(app)


def test_lead_only_page_is_refused_to_a_kam(web: Flask) -> None:
    kam = web.test_client()
    sign_in(kam, KAM)
    refused = kam.get("/team/coverage")
    assert refused.status_code == 403
    assert "This page is for these roles: lead and admin." in refused.get_data(as_text=True)
    lead = web.test_client()
    sign_in(lead, LEAD)
    assert lead.get("/team/coverage").status_code == 200


def test_sign_in_attempts_are_rate_limited(
    graph: neo4j.Session, neo4j_config: dict[str, object]
) -> None:
    demo.load_demo(graph)
    app = create_app({**neo4j_config, "SECRET_KEY": "s" * 40, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    codes = [
        client.post("/login", data={"email": KAM, "password": f"guess-{i}-xxxx"}).status_code
        for i in range(12)
    ]
    assert codes[:10] == [401] * 10
    assert codes[10:] == [429, 429]
    web_db.close(app)


def test_viewing_a_dossier_is_audited(web: Flask) -> None:
    client = web.test_client()
    sign_in(client, KAM)
    client.get("/people/p-ada-rowan")
    with web.app_context():
        entries = audit.recent(web_db.get_session(), target_id="p-ada-rowan")
    assert [(e.user_id, e.action, e.path) for e in entries] == [
        ("u-kira", "view", "/people/p-ada-rowan")
    ]


def test_an_unexpected_error_is_a_friendly_500_page(web: Flask) -> None:
    @web.get("/boom")
    def boom() -> str:
        raise RuntimeError("MATCH (secret:Cypher) RETURN secret")

    client = web.test_client()
    sign_in(client, KAM)
    response = client.get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "500 · Something went wrong" in html
    assert "Traceback" not in html
    assert "MATCH" not in html


def test_a_sign_in_left_idle_ends_and_says_why(web: Flask) -> None:
    """A phone left on a café table: after KAMGRAPH_IDLE_MINUTES without a request, the
    next one asks to sign in again (remember-me too), then leads back to the page."""
    client = web.test_client()
    sign_in(client, KAM, next_="")
    assert client.get("/people/p-ada-rowan").status_code == 200
    with client.session_transaction() as stored:
        stored["seen"] = int(stored["seen"]) - 121 * 60  # two hours and a minute ago
    answer = client.get("/people/p-ada-rowan")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=/people/p-ada-rowan")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "signed out after 120 minutes without activity" in page
    assert client.get("/people/p-ada-rowan").status_code == 302  # really signed out
