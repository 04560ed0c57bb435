"""Which language a page speaks: the account's, the header switch's, the browser's, English;
and the account's calendar. On the real Neo4j, through the pages and the command."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import web_analysis, web_db
from kamgraph.repository import users as users_repo
from kamgraph.services import accounts

from .helpers import cli_env, kamgraph
from .web_support import KAM, PASSWORD, csrf_token, demo_app_on, sign_in


@pytest.fixture
def web(graph: neo4j.Session, neo4j_config: dict[str, object]) -> Iterator[Flask]:
    app = demo_app_on(graph, neo4j_config)
    yield app
    web_db.close(app)


def _lang(client: FlaskClient, path: str = "/", **headers: str) -> str:
    html = client.get(path, headers=headers).get_data(as_text=True)
    found = re.search(r'<html lang="([^"]+)" dir="(ltr|rtl)"', html)
    assert found, html[:300]
    return found.group(1)


def test_the_browser_chooses_until_the_reader_does(web: Flask) -> None:
    client = web.test_client()
    assert _lang(client, "/login") == "en"
    assert _lang(client, "/login", **{"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}) == "ru"
    assert _lang(client, "/login", **{"Accept-Language": "de-DE,th;q=0.8"}) == "th"
    assert _lang(client, "/login", **{"Accept-Language": "de-DE"}) == "en"
    # The switch in the header, before signing in: it stays for this browser.
    token = csrf_token(client, "/login")
    switched = client.post("/language", data={"lang": "fi", "next": "/login", "csrf_token": token})
    assert switched.headers["Location"] == "/login"
    assert _lang(client, "/login", **{"Accept-Language": "ru"}) == "fi"


def test_the_switch_saves_the_language_on_the_account(web: Flask) -> None:
    client = web.test_client()
    sign_in(client, KAM)
    assert _lang(client) == "en"
    token = csrf_token(client, "/")
    client.post("/language", data={"lang": "th", "next": "/", "csrf_token": token})
    # Another browser, asking for Russian, gets her Thai: the account decides.
    other = web.test_client()
    sign_in(other, KAM)
    assert _lang(other, "/", **{"Accept-Language": "ru"}) == "th"
    token = csrf_token(other, "/")
    refused = other.post("/language", data={"lang": "xx", "next": "/", "csrf_token": token})
    assert refused.status_code == 302
    assert _lang(other) == "th"


def test_the_account_page_sets_language_and_buddhist_calendar(web: Flask) -> None:
    client = web.test_client()
    sign_in(client, KAM)
    page = client.get("/account").get_data(as_text=True)
    assert "The browser" in page
    token = csrf_token(client, "/account")
    saved = client.post("/account", data={"lang": "", "calendar": "buddhist", "csrf_token": token})
    assert saved.status_code == 302
    page = client.get("/account", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert 'lang="th"' in page
    assert "พ.ศ. 25" in page  # the example date, in the Buddhist era
    with web.app_context():
        user = accounts.authenticate(web_db.get_session(), KAM, PASSWORD)
    assert user is not None
    assert (user.lang, user.calendar) == (None, "buddhist")


def test_user_add_lang(graph: neo4j.Session, neo4j_config: dict[str, Any]) -> None:
    env = cli_env(neo4j_config)
    email = "aino.kam@northwind-medica.example"
    added = kamgraph(
        "user", "add", email, "--role", "kam", "--lang", "fi", "--no-password", env=env
    )
    assert added.returncode == 0, added.stderr
    refused = kamgraph("user", "add", email, "--role", "kam", "--lang", "xx", env=env)
    assert refused.returncode != 0
    assert "xx" in refused.stderr
    user = users_repo.get(graph, "u-aino-kam-northwind-medica-example")
    assert user is not None
    assert user.lang == "fi"


def _catalogue(lang: str) -> Catalog:
    path = Path(__file__).resolve().parents[2] / "kamgraph" / "translations" / lang
    with (path / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_a_form_s_errors_speak_the_reader_s_language(web: Flask) -> None:
    client = web.test_client()
    sign_in(client, KAM)
    finnish = {"Accept-Language": "fi"}
    token = csrf_token(client, "/new/people")
    bad = client.post(
        "/new/people",
        headers=finnish,
        data={"csrf_token": token, "id": "p-new-kol", "given_name": "Nora",
              "family_name": "", "birthday": "soon"},
    )  # fmt: skip
    assert bad.status_code == 400
    found = re.findall(r'<p class="field-error" role="alert">([^<]+)</p>', bad.get_data(True))
    errors = [html.unescape(e) for e in found]
    said = _catalogue("fi")
    required = str(said["required, but empty"].string)
    not_a_date = str(
        said["%(value)s is not a birthday (use 31.12.1965, or 31.12. without the year)"].string
    )
    assert errors == [required, not_a_date % {"value": "'soon'"}]
    assert "required" not in required
    assert client.get("/people/p-new-kol").status_code == 404


def test_the_missing_analysis_is_explained_in_the_reader_s_language(
    graph: neo4j.Session, neo4j_config: dict[str, object], tmp_path: Path
) -> None:
    """An app whose analysis worker is not running says so on a dossier, in Russian."""
    app = demo_app_on(graph, neo4j_config, ANALYSIS_SOCKET=str(tmp_path / "none.sock"))
    try:
        client = app.test_client()
        sign_in(client, KAM)
        answer = client.get("/people/p-ada-rowan", headers={"Accept-Language": "ru"})
        page = html.unescape(answer.get_data(True))
    finally:
        web_db.close(app)
    missing = str(_catalogue("ru")[str(web_analysis.MISSING.template)].string)
    assert missing in page
    assert str(web_analysis.MISSING) not in page  # not the English
