"""The attack run's classes, replayed on the real Neo4j (docs/security.md).

Each test is one way in that was found open, and asserts what an attacker would see now.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.app import create_app
from kamgraph.seeding import demo
from kamgraph.services import accounts
from kamgraph.views import limits

from .web_support import KAM, LEAD, OTHER_KAM, PASSWORD, csrf_token, give_passwords, sign_in

COOKIES = ("session", "remember_token")


@pytest.fixture
def web(graph: neo4j.Session, neo4j_config: dict[str, object]) -> Iterator[Flask]:
    """The app on the demo region with known passwords; rate limits off."""
    demo.load_demo(graph)
    give_passwords(graph)
    app = create_app({**neo4j_config, "SECRET_KEY": "x" * 40, "RATELIMIT_ENABLED": False})
    yield app
    web_db.close(app)


def _signed_in_with_copies(web: Flask, email: str = KAM) -> tuple[FlaskClient, dict[str, str]]:
    """A client signed in with 'keep me signed in', and a copy of its cookies."""
    client = web.test_client()
    token = csrf_token(client, "/login")
    answer = client.post(
        "/login", data={"email": email, "password": PASSWORD, "remember": "y", "csrf_token": token}
    )
    assert answer.status_code == 302
    copied: dict[str, str] = {}
    for name in COOKIES:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        copied[name] = cookie.value
    return client, copied


def _replay(web: Flask, cookies: dict[str, str], only: str | None = None) -> int:
    """Status of the home page for a fresh client holding the copied cookies."""
    thief = web.test_client()
    for name, value in cookies.items():
        if only is None or name == only:
            thief.set_cookie(name, value)
    return thief.get("/").status_code


def test_copied_cookies_work_until_sign_out_and_never_after(web: Flask) -> None:
    client, copied = _signed_in_with_copies(web)
    assert _replay(web, copied) == 200  # the copy is as good as the original, until ...
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    for name in COOKIES:
        assert _replay(web, copied, only=name) == 302, name  # ... back to the sign-in page


@pytest.mark.parametrize("what", ["password change", "disabling"])
def test_a_password_change_or_disabling_ends_every_copied_cookie(web: Flask, what: str) -> None:
    _, copied = _signed_in_with_copies(web)
    with web.app_context():
        session = web_db.get_session()
        if what == "password change":
            accounts.set_password(session, KAM, "a brand new password")
        else:
            accounts.set_active(session, KAM, active=False)
            accounts.set_active(session, KAM, active=True)  # back, yet the old cookies stay dead
    for name in COOKIES:
        assert _replay(web, copied, only=name) == 302, (what, name)


def test_remember_me_expires_on_the_server_after_14_days(web: Flask) -> None:
    _, copied = _signed_in_with_copies(web)
    with clock.fixed(clock.today() + timedelta(days=13)):
        assert _replay(web, copied, only="remember_token") == 200
    with clock.fixed(clock.today() + timedelta(days=15)):
        assert _replay(web, copied, only="remember_token") == 302
        assert _replay(web, copied, only="session") == 302


def test_signing_out_ends_the_other_devices_too_but_not_other_users(web: Flask) -> None:
    phone, phone_cookies = _signed_in_with_copies(web)
    _, laptop_cookies = _signed_in_with_copies(web)
    _, colleague = _signed_in_with_copies(web, OTHER_KAM)
    phone.post("/logout", data={"csrf_token": csrf_token(phone, "/")})
    assert _replay(web, laptop_cookies) == 302
    assert _replay(web, phone_cookies) == 302
    assert _replay(web, colleague) == 200


@pytest.fixture
def limited(graph: neo4j.Session, neo4j_config: dict[str, object]) -> Iterator[Flask]:
    """The app on the demo region with the sign-in limits on, counters fresh."""
    demo.load_demo(graph)
    give_passwords(graph)
    app = create_app({**neo4j_config, "SECRET_KEY": "y" * 40, "WTF_CSRF_ENABLED": False})
    limits.limiter.reset()
    yield app
    limits.limiter.reset()
    web_db.close(app)


def _attempt(client: FlaskClient, email: str, password: str) -> tuple[int, str]:
    answer = client.post("/login", data={"email": email, "password": password})
    return answer.status_code, answer.get_data(as_text=True)


def test_failures_lock_the_account_for_strangers_not_a_colleague_on_the_same_network(
    limited: Flask,
) -> None:
    attacker = limited.test_client()
    codes = [_attempt(attacker, KAM, f"guess number {i}")[0] for i in range(10)]
    assert codes == [401] * 10
    status, page = _attempt(attacker, KAM, PASSWORD)  # even the right password, now
    assert status == 429
    assert "Too many failed sign-ins for this account. Try again in 15 minutes." in page
    # A colleague behind the same office address signs in as usual.
    assert _attempt(limited.test_client(), OTHER_KAM, PASSWORD)[0] == 302


def test_a_known_device_signs_in_while_its_account_is_under_attack(limited: Flask) -> None:
    kira = limited.test_client()
    assert _attempt(kira, KAM, PASSWORD)[0] == 302  # her browser becomes a known device
    kira.post("/logout")
    attacker = limited.test_client()
    for i in range(12):
        _attempt(attacker, KAM, f"guess number {i}")
    assert _attempt(attacker, KAM, PASSWORD)[0] == 429
    assert _attempt(kira, KAM, PASSWORD)[0] == 302


def test_spraying_many_accounts_from_one_address_is_stopped(limited: Flask) -> None:
    attacker = limited.test_client()
    codes = [
        _attempt(attacker, f"someone{i}@northwind-medica.example", "password1234")[0]
        for i in range(31)
    ]
    assert codes[:30] == [401] * 30
    status, page = _attempt(attacker, KAM, PASSWORD)
    assert status == 429
    assert "Too many failed sign-ins from your network. Try again in a minute." in page


# --- covers and ownership ---


def _signed_in(web: Flask, email: str) -> FlaskClient:
    client = web.test_client()
    sign_in(client, email)
    return client


def _post(client: FlaskClient, path: str, data: dict[str, str]) -> tuple[int, str]:
    token = csrf_token(client, path if not path.startswith("/covers") else "/")
    answer = client.post(path, data={"csrf_token": token, **data}, follow_redirects=True)
    return answer.status_code, answer.get_data(as_text=True)


def _tie(client: FlaskClient, **cells: str) -> tuple[int, str]:
    return _post(client, f"/ties/new?type={cells['type']}", cells)


def test_a_kams_own_cover_opens_personal_fields_only_once_a_lead_confirms(
    web: Flask, graph: neo4j.Session
) -> None:
    kira = _signed_in(web, KAM)
    assert "married to Giulia" not in kira.get("/people/p-bruno-castell").get_data(as_text=True)
    status, page = _tie(kira, type="COVERS", from_id="u-kira", to_id="p-bruno-castell",
                        stage="contact", since="2026-11-01")  # fmt: skip
    assert status == 200
    assert "married to Giulia" not in page  # recorded, but not a key to his family
    assert "a lead's confirmation opens the personal fields" in page
    lead = _signed_in(web, LEAD)
    status, page = _post(lead, "/covers/confirm",
                         {"user_id": "u-kira", "person_id": "p-bruno-castell"})  # fmt: skip
    assert (status, "Cover confirmed." in page) == (200, True)
    assert "married to Giulia" in kira.get("/people/p-bruno-castell").get_data(as_text=True)
    audited = graph.run(
        "MATCH (a:AuditEntry {action: 'confirm cover'}) RETURN a.user_id AS who"
    ).value()
    assert audited == ["u-lead-hana"]


def test_a_kam_cannot_record_or_end_a_colleagues_cover(web: Flask, graph: neo4j.Session) -> None:
    kira = _signed_in(web, KAM)
    covers = "MATCH (:User {id: 'u-tomas'})-[c:COVERS]->(:Person {id: $p}) RETURN c.until AS u"
    status, page = _tie(kira, type="COVERS", from_id="u-tomas", to_id="p-bruno-castell",
                        stage="contact")  # fmt: skip
    assert status == 400
    assert "A KAM records only her own covers" in page
    assert graph.run(covers, p="p-bruno-castell").data() == []
    status, _ = _tie(kira, type="COVERS", from_id="u-tomas", to_id="p-klara-veen",
                     stage="loyalty", until="2026-11-01")  # fmt: skip
    assert status == 400
    assert graph.run(covers, p="p-klara-veen").data() == [{"u": None}]  # still his
    assert _signed_in(web, KAM).post("/covers/confirm").status_code in (400, 403)


def test_only_the_author_or_a_lead_marks_a_follow_up_done(web: Flask, graph: neo4j.Session) -> None:
    done = "MATCH (i:Interaction {id: 'i-080'}) RETURN coalesce(i.done, false) AS d"
    kira = _signed_in(web, KAM)
    status, page = _post(kira, "/interactions/i-080/done", {})
    assert status == 403
    assert "only the KAM who logged it, a lead or an admin" in page
    assert graph.run(done).single() == [False]
    status, _ = _post(_signed_in(web, LEAD), "/interactions/i-080/done", {})
    assert status == 200
    assert graph.run(done).single() == [True]


def _interaction_form(client: FlaskClient, **fields: str) -> dict[str, str]:
    form = client.get("/interactions/new").get_data(as_text=True)
    found = re.search(r'id="id" name="id" type="hidden" value="([^"]+)"', form)
    assert found
    return {"id": found.group(1), "date": clock.today().isoformat(), "kind": "visit", **fields}


def test_another_kams_interaction_id_is_refused_and_changes_nothing(
    web: Flask, graph: neo4j.Session
) -> None:
    tomas = _signed_in(web, OTHER_KAM)
    status, page = _post(tomas, "/interactions/new", _interaction_form(
        tomas, id="i-002", participants="p-matthias-orlov", notes="overwritten?"))  # fmt: skip
    assert status == 200
    assert "nothing was saved" in page
    stored = graph.run(
        "MATCH (i:Interaction {id: 'i-002'}) RETURN i.notes AS notes, "
        "COLLECT { MATCH (i)-[:BY]->(u) RETURN u.id } AS by, "
        "COLLECT { MATCH (i)-[:WITH]->(p) RETURN p.id ORDER BY p.id } AS met"
    ).single()
    assert stored is not None
    assert stored["by"] == ["u-kira"]
    assert stored["met"] == ["p-ada-rowan", "p-irena-sokol"]
    assert stored["notes"].startswith("Internal Medicine Days")


def test_a_resubmitted_form_with_changes_says_the_first_was_kept(
    web: Flask, graph: neo4j.Session
) -> None:
    kira = _signed_in(web, KAM)
    data = _interaction_form(kira, participants="p-ada-rowan", notes="first notes")
    assert "Interaction logged." in _post(kira, "/interactions/new", data)[1]
    again = _post(kira, "/interactions/new", {**data, "notes": "second notes"})[1]
    assert "the first submission was kept" in again
    notes = graph.run("MATCH (i:Interaction {id: $id}) RETURN i.notes", id=data["id"]).value()
    assert notes == ["first notes"]
