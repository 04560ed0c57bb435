"""The attack run's classes, replayed on the real Neo4j (docs/security.md).

Each test is one way in that was found open, and asserts what an attacker would see now.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import icalendar
import neo4j
import openpyxl
import pytest
import vobject  # pyright: ignore[reportMissingTypeStubs]
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.app import create_app
from kamgraph.errors import Invalid
from kamgraph.services import accounts
from kamgraph.services import data as bundle_service
from kamgraph.views import limits

from .helpers import Ran, cli_env, graph_counts, kamgraph
from .web_support import (
    KAM,
    LEAD,
    OTHER_KAM,
    PASSWORD,
    csrf_token,
    demo_app_on,
    edit_form,
    sign_in,
)

COOKIES = ("session", "remember_token")


@pytest.fixture
def web(graph: neo4j.Session, neo4j_config: dict[str, object]) -> Iterator[Flask]:
    """The app on the demo region with known passwords; rate limits off."""
    app = demo_app_on(graph, neo4j_config)
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


@pytest.fixture(params=["memory://", "kamgraph-neo4j://"])
def limited(
    graph: neo4j.Session, neo4j_config: dict[str, object], request: pytest.FixtureRequest
) -> Iterator[Flask]:
    """The app on the demo region with the sign-in limits on, counters fresh: counted in
    the process, and in Neo4j (as several processes serving the app would)."""
    app = demo_app_on(
        graph,
        neo4j_config,
        RATELIMIT_ENABLED=True,
        WTF_CSRF_ENABLED=False,
        RATELIMIT_STORAGE_URI=request.param,
    )
    with app.app_context():
        limits.limiter.reset()
    yield app
    with app.app_context():
        limits.limiter.reset()
    web_db.close(app)


def test_counters_in_neo4j_are_shared_by_every_process_and_expire(
    graph: neo4j.Session, neo4j_config: dict[str, object]
) -> None:
    """Two stores (two processes) count the same failures; a passed window starts again."""
    app = create_app(
        {**neo4j_config, "SECRET_KEY": "s" * 40, "RATELIMIT_STORAGE_URI": "kamgraph-neo4j://"}
    )
    first, second = limits.SharedCounters(), limits.SharedCounters()
    with app.app_context():
        assert [first.incr("account:x", 900) for _ in range(3)] == [1, 2, 3]
        assert second.incr("account:x", 900) == 4
        assert second.get("account:x") == 4
        assert first.incr("account:y", 0) == 1  # a window of 0 s has passed at once
        assert first.get("account:y") == 0
        assert first.incr("account:y", 900) == 1
    web_db.close(app)
    stored = graph.run("MATCH (t:Throttle) RETURN t.key AS key, t.count AS n ORDER BY key")
    assert stored.values() == [["account:x", 4], ["account:y", 1]]


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
    status, page = _tie(
        kira,
        type="COVERS",
        from_id="u-kira",
        to_id="p-bruno-castell",
        stage="contact",
        since="2026-11-01",
    )
    assert status == 200
    assert "married to Giulia" not in page  # recorded, but not a key to his family
    assert "a lead's confirmation opens the personal fields" in page
    lead = _signed_in(web, LEAD)
    status, page = _post(
        lead, "/covers/confirm", {"user_id": "u-kira", "person_id": "p-bruno-castell"}
    )
    assert (status, "Cover confirmed." in page) == (200, True)
    assert "married to Giulia" in kira.get("/people/p-bruno-castell").get_data(as_text=True)
    audited = graph.run(
        "MATCH (a:AuditEntry {action: 'confirm cover'}) RETURN a.user_id AS who"
    ).value()
    assert audited == ["u-lead-hana"]


def test_a_kam_cannot_record_or_end_a_colleagues_cover(web: Flask, graph: neo4j.Session) -> None:
    kira = _signed_in(web, KAM)
    covers = "MATCH (:User {id: 'u-tomas'})-[c:COVERS]->(:Person {id: $p}) RETURN c.until AS u"
    status, page = _tie(
        kira, type="COVERS", from_id="u-tomas", to_id="p-bruno-castell", stage="contact"
    )
    assert status == 400
    assert "A KAM records only her own covers" in page
    assert graph.run(covers, p="p-bruno-castell").data() == []
    status, _ = _tie(
        kira,
        type="COVERS",
        from_id="u-tomas",
        to_id="p-klara-veen",
        stage="loyalty",
        until="2026-11-01",
    )
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
    status, page = _post(
        tomas,
        "/interactions/new",
        _interaction_form(tomas, id="i-002", participant="p-matthias-orlov", notes="overwritten?"),
    )
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
    data = _interaction_form(kira, participant="p-ada-rowan", notes="first notes")
    assert "Interaction logged." in _post(kira, "/interactions/new", data)[1]
    again = _post(kira, "/interactions/new", {**data, "notes": "second notes"})[1]
    assert "the first submission was kept" in again
    notes = graph.run("MATCH (i:Interaction {id: $id}) RETURN i.notes", id=data["id"]).value()
    assert notes == ["first notes"]


# --- imports: all or nothing, one clear line per problem, never a traceback ---

ORGS = (
    "id,name,kind\norg-a,Alpha Hospital,hospital\norg-b,Beta Clinic,hospital\n"
    "org-c,Gamma,hospital\n"
)


def _import(neo4j_config: dict[str, Any], path: Path) -> Ran:
    return kamgraph("import", str(path), env=cli_env(neo4j_config))


def _refused(ran: Ran, graph: neo4j.Session, expected: str) -> None:
    """Exit 1, the problem named as FILE:LINE: column: message, and nothing written."""
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert expected in ran.stderr, ran.stderr
    assert "Traceback" not in ran.stderr
    assert graph_counts(graph) == (0, 0)


def test_a_cell_too_long_to_store_after_valid_tables_writes_nothing(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "organizations.csv").write_text(ORGS, encoding="utf-8")
    (tmp_path / "people.csv").write_text(
        f"id,given_name,family_name\np-long,Ann,{'x' * 10_000}\n", encoding="utf-8"
    )
    _refused(
        _import(neo4j_config, tmp_path),
        graph,
        "people.csv:2: family_name: too long: 10,000 characters, at most 1,000",
    )


def test_a_broken_character_in_the_last_table_writes_nothing(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    bundle = tmp_path / "b.json"
    bundle.write_text(
        '{"kamgraph_bundle": 1, "organizations": [{"id": "org-a", "name": "A", "kind": '
        '"hospital"}], "people": [{"id": "p-1", "given_name": "Ann", "family_name": "B"}], '
        '"relationships": [{"type": "WORKS_AT", "from_id": "p-1", "to_id": "org-a", '
        '"title": "Head \\ud83d"}]}',
        encoding="utf-8",
    )
    _refused(
        _import(neo4j_config, bundle),
        graph,
        "b.json[relationships]:1: title: holds a broken character",
    )


def test_ids_that_would_break_links_are_refused(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "people.csv").write_text(
        'id,given_name,family_name\n"p-<b>x",Ann,Bee\np/2,Carl,Dee\n', encoding="utf-8"
    )
    ran = _import(neo4j_config, tmp_path)
    _refused(ran, graph, "people.csv:2: id: 'p-<b>x' is not a usable id")
    assert "people.csv:3: id: 'p/2' is not a usable id" in ran.stderr


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)


def _truncated_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(["id", "given_name", "family_name"])
    for n in range(300):
        sheet.append([f"p-{n}", "Ann", f"Bee {n}"])
    book.save(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


BAD_FILES: dict[str, tuple[str, Callable[[Path], object], str]] = {
    "truncated xlsx": ("book.xlsx", _truncated_workbook, "book.xlsx:0: -: not a readable .xlsx"),
    "CSV renamed .xlsx": (
        "book.xlsx",
        lambda p: p.write_text("id,given_name\np-1,Ann\n"),
        "book.xlsx:0: -: not a readable .xlsx workbook (it is not a zip archive)",
    ),
    "zip bomb": ("bomb.xlsx", _zip_bomb, "bomb.xlsx:0: -: this workbook unpacks to 60 MB"),
    "invalid UTF-8 JSON": (
        "b.json",
        lambda p: p.write_bytes(b'{"kamgraph_bundle": 1, "x": "\xff\xfe"}'),
        "b.json:0: -: not UTF-8 text",
    ),
    "JSON nested 10k deep": (
        "b.json",
        lambda p: p.write_text(
            '{"kamgraph_bundle": 1, "people": ' + "[" * 10_000 + "]" * 10_000 + "}"
        ),
        "b.json:0: -: invalid JSON: nested too deeply",
    ),
    "rows that are not objects": (
        "b.json",
        lambda p: p.write_text('{"kamgraph_bundle": 1, "people": [1, "p-2"]}'),
        "b.json[people]:1: -: a row must be an object",
    ),
    "a JSON cell that is an object": (
        "b.json",
        lambda p: p.write_text(
            '{"kamgraph_bundle": 1, "people": [{"id": "p-1", "given_name": {"a": 1}, '
            '"family_name": "B"}]}'
        ),
        "b.json[people]:1: given_name: a list or an object where one value belongs",
    ),
    "a cell of 200k characters": (
        "people.csv",
        lambda p: p.write_text(f"id,given_name,family_name,notes\np-1,Ann,Bee,{'n' * 200_000}\n"),
        "people.csv:2: notes: too long: 200,000 characters, at most 20,000",
    ),
    "an unclosed quote that swallows the file": (
        "people.csv",
        lambda p: p.write_text(
            'id,given_name,family_name\np-1,"Ann,Bee\n' + "p-2,Carl,Dee\n" * 30_000
        ),
        "people.csv:2: -: unreadable CSV",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_one_clear_line_and_write_nothing(
    case: str, graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    name, make, expected = BAD_FILES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / name
    make(target)
    path = folder if name.endswith(".csv") else target
    _refused(_import(neo4j_config, path), graph, expected)


def _import_people(
    neo4j_config: dict[str, Any], folder: Path, header: str, row: str, rows: int
) -> Ran:
    """Import a people.csv of `rows` rows made from the template `row` ({n}: the row)."""
    body = "".join(row.format(n=n) + "\n" for n in range(rows))
    (folder / "people.csv").write_text(f"{header}\n{body}")
    return _import(neo4j_config, folder)


def test_a_million_problems_print_a_hundred_lines_and_the_counts(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    ran = _import_people(
        neo4j_config,
        tmp_path,
        "id,given_name,family_name,birthday",
        "p-{n},Ann,Bee,31.02.1970",
        1_000,
    )
    _refused(ran, graph, "people.csv:2: birthday: '31.02.1970' is not a real birthday")
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 102  # 100 problems, the rest counted, and the one-line error
    assert lines[100] == "... and 900 more problems (people.csv: birthday 900)"


# --- search, sign-in and forms answer any text without a 500 ---


@pytest.mark.parametrize(
    "text",
    [
        "AND",
        "OR",
        "NOT",
        "a AND",
        "' OR 1=1 //",
        "ada OR",
        "\\",
        "*",
        "title:x",
        "((",
        "a && b || c",
        "~1^2",
    ],
)
def test_search_takes_any_text(web: Flask, text: str) -> None:
    kira = _signed_in(web, KAM)
    answer = kira.get("/search", query_string={"q": text, "exact": "0"})
    assert answer.status_code == 200, text


def test_search_still_finds_words_next_to_lucene_syntax(web: Flask) -> None:
    page = _signed_in(web, KAM).get("/search?q=ada+AND+rowan&exact=0").get_data(as_text=True)
    assert "/people/p-ada-rowan" in page


def test_a_header_in_next_is_ignored_at_sign_in(web: Flask) -> None:
    client = web.test_client()
    token = csrf_token(client, "/login")
    answer = client.post(
        "/login?next=/people/x%0d%0aSet-Cookie:%20a=1",
        data={"email": KAM, "password": PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/"
    assert "a=1" not in answer.headers.getlist("Set-Cookie")


def test_a_huge_name_is_a_message_beside_the_field(web: Flask, graph: neo4j.Session) -> None:
    status, page = _post(
        _signed_in(web, KAM),
        "/new/people",
        {"id": "p-huge", "given_name": "Ann", "family_name": "B" * 100_000},
    )
    assert status == 400
    assert "too long: 100,000 characters, at most 1,000" in page
    assert graph.run("MATCH (p:Person {id: 'p-huge'}) RETURN count(p)").single() == [0]


# --- the calendar feed URL ---


def _feed_url(client: FlaskClient, host: str | None = None) -> str:
    token = csrf_token(client, "/calendar/")
    base = "http://localhost"
    if host:  # the same signed-in session, sent to the app under a forged Host header
        session_cookie = client.get_cookie("session")
        assert session_cookie is not None
        client.set_cookie("session", session_cookie.value, domain=host)
        base = f"http://{host}"
    html = client.post("/calendar/new", base_url=base, data={"csrf_token": token})
    found = re.search(r'data-testid="feed-url"', html.get_data(as_text=True))
    assert found
    url = re.search(r'value="([^"]+\.ics)"', html.get_data(as_text=True))
    assert url
    return url.group(1)


def test_a_forged_host_never_reaches_the_feed_url(web: Flask) -> None:
    url = _feed_url(_signed_in(web, KAM), host="evil.example")
    assert "evil.example" not in url
    assert url.startswith("/calendar/")


def test_the_feed_url_comes_from_the_configured_base_url(
    graph: neo4j.Session, neo4j_config: dict[str, object]
) -> None:
    app = demo_app_on(graph, neo4j_config, BASE_URL="https://kamgraph.example.com/")
    url = _feed_url(_signed_in(app, KAM), host="evil.example")
    assert url.startswith("https://kamgraph.example.com/calendar/")
    web_db.close(app)


# --- exports: no field starts a card or an event of its own ---

SPLITTERS = ("\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1e")


def test_no_field_can_start_a_vcard_or_an_event_of_its_own(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    people = [
        {
            "id": f"p-{n}",
            "given_name": f"Ann{brk}END:VCARD{brk}BEGIN:VCARD{brk}FN:Evil",
            "family_name": f"Bee{brk}BEGIN:VEVENT",
            "email": f"a{brk}BEGIN:VCARD",
            "birthday": "01.02.1970",
        }
        for n, brk in enumerate(SPLITTERS)
    ]
    interactions = [
        {
            "id": f"i-{n}",
            "date": "2026-11-02",
            "kind": "visit",
            "user_id": "u-1",
            "participant_ids": [f"p-{n}"],
            "next_step": f"Call{brk}END:VEVENT{brk}BEGIN:VEVENT",
            "due_date": "2026-12-01",
        }
        for n, brk in enumerate(SPLITTERS)
    ]
    bundle = {
        "kamgraph_bundle": 1,
        "people": people,
        "interactions": interactions,
        "users": [{"id": "u-1", "email": "k@example.com", "name": "K", "role": "kam"}],
    }
    (tmp_path / "b.json").write_text(json.dumps(bundle), encoding="utf-8")
    assert _import(neo4j_config, tmp_path / "b.json").returncode == 0
    env = cli_env(neo4j_config)
    assert kamgraph("export", str(tmp_path / "people.vcf"), env=env).returncode == 0
    assert kamgraph("export", str(tmp_path / "cal.ics"), env=env).returncode == 0
    cards = (tmp_path / "people.vcf").read_text(encoding="utf-8")
    starts = [line for line in cards.splitlines() if line.startswith("BEGIN:")]
    assert len(starts) == len(people)
    assert len(list(vobject.readComponents(cards))) == len(people)
    ics = (tmp_path / "cal.ics").read_text(encoding="utf-8")
    events = [line for line in ics.splitlines() if line.startswith("BEGIN:VEVENT")]
    assert len(events) == len(people) + len(interactions)  # a birthday each, a follow-up each
    assert len(icalendar.Calendar.from_ical(ics).walk("VEVENT")) == len(events)


# --- spreadsheets: no cell is a live formula, and a round trip is exact ---


def test_exported_csv_cells_are_never_formulas_and_reimport_exactly(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "people.csv").write_text(
        "id,given_name,family_name,phone,hobbies,notes\n"
        'p-1,=HYPERLINK("http://evil.example"),Bee,+1 555 0100,@cmd; -2+3,"\'=already quoted"\n',
        encoding="utf-8",
    )
    env = cli_env(neo4j_config)
    assert kamgraph("import", str(tmp_path / "in"), env=env).returncode == 0
    stored = graph.run("MATCH (p:Person {id: 'p-1'}) RETURN p.given_name AS g, p.notes AS n")
    assert stored.single() == ['=HYPERLINK("http://evil.example")', "=already quoted"]
    assert kamgraph("export", str(tmp_path / "out1"), env=env).returncode == 0
    with (tmp_path / "out1" / "people.csv").open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    graph.run("MATCH (n) DETACH DELETE n").consume()
    assert kamgraph("import", str(tmp_path / "out1"), env=env).returncode == 0
    assert kamgraph("export", str(tmp_path / "out2"), env=env).returncode == 0
    for name in ("people.csv", "relationships.csv"):  # the same but for the watermark line
        first, second = (
            (tmp_path / out / name).read_text(encoding="utf-8-sig").splitlines()
            for out in ("out1", "out2")
        )
        assert first[0].startswith("# Exported by")
        assert first[1:] == second[1:]


def test_team_coverage_csv_has_no_live_formula(web: Flask, graph: neo4j.Session) -> None:
    graph.run("MATCH (p:Person {id: 'p-ada-rowan'}) SET p.name = '=cmd|\\'/C calc\\'!A0'").consume()
    body = _signed_in(web, LEAD).get("/team/coverage.csv").get_data(as_text=True)
    cells = [c for row in csv.reader(io.StringIO(body.lstrip("\ufeff"))) for c in row]
    assert "'=cmd|'/C calc'!A0" in cells
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@")] == []


# --- edits: a bad link id is a message; a save without changes changes nothing ---


def _node(graph: neo4j.Session, label: str, record_id: str) -> dict[str, Any]:
    found = graph.run(
        "MATCH (n {id: $id}) WHERE $label IN labels(n) RETURN properties(n) AS p",
        id=record_id,
        label=label,
    ).single()
    assert found is not None
    props: dict[str, Any] = dict(found["p"])
    return props


@pytest.mark.parametrize(
    ("path", "label", "record", "field", "link"),
    [
        ("/orgs/org-aurel-card/edit", "Organization", "org-aurel-card", "parent_id", "PART_OF"),
        ("/tenders/t-aurel-lmwh-2027/edit", "Tender", "t-aurel-lmwh-2027", "buyer_id", "ISSUED_BY"),
    ],
)
def test_an_unknown_id_in_a_link_field_is_a_message_and_writes_nothing(
    web: Flask, graph: neo4j.Session, path: str, label: str, record: str, field: str, link: str
) -> None:
    lead = _signed_in(web, LEAD)
    before = _node(graph, label, record)
    links = "MATCH (n {id: $id})-[r]->(o) WHERE $label IN labels(n) AND type(r) = $link RETURN o.id"
    linked = graph.run(links, id=record, label=label, link=link).value()
    assert linked, "the record has a link to lose"
    answer = lead.post(path, data={**edit_form(lead, path), field: "org-nope", "city": "X"})
    assert answer.status_code == 400
    assert "unknown organization id &#39;org-nope&#39;" in answer.get_data(as_text=True)
    assert _node(graph, label, record) == before
    assert graph.run(links, id=record, label=label, link=link).value() == linked
    assert lead.get(path).status_code == 200  # and the form still opens
    assert graph.run("MATCH (a:AuditEntry {action: 'edit'}) RETURN count(a)").single() == [0]


def test_saving_a_form_unchanged_changes_nothing(
    web: Flask, graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "organizations.csv").write_text("id,name,kind\norg-bare,Bare Clinic,hospital\n")
    (tmp_path / "tenders.csv").write_text(
        "id,title,buyer_id,status\nt-bare,Gloves,org-bare,planned\n"
    )
    (tmp_path / "people.csv").write_text("id,given_name,family_name\np-bare,Ann,Bee\n")
    assert _import(neo4j_config, tmp_path).returncode == 0
    lead = _signed_in(web, LEAD)
    for path, label, record in (
        ("/orgs/org-bare/edit", "Organization", "org-bare"),
        ("/tenders/t-bare/edit", "Tender", "t-bare"),
        ("/people/p-bare/edit", "Person", "p-bare"),
    ):
        before = _node(graph, label, record)
        assert lead.post(path, data=edit_form(lead, path)).status_code == 302
        after = _node(graph, label, record)
        assert after == before, (label, set(after.items()) ^ set(before.items()))


# --- creates: one id, one record, whoever is first ---


def test_twenty_people_creating_the_same_id_at_once_get_one_record_and_19_refusals(
    web: Flask, graph: neo4j.Session
) -> None:
    clients = [_signed_in(web, KAM if n % 2 else OTHER_KAM) for n in range(20)]
    tokens = [csrf_token(c, "/new/people") for c in clients]
    start = threading.Barrier(len(clients))

    def create(n: int) -> tuple[int, str]:
        start.wait()
        answer = clients[n].post(
            "/new/people",
            data={
                "csrf_token": tokens[n],
                "id": "p-same",
                "given_name": "Ann",
                "family_name": f"Writer {n}",
            },
        )
        return answer.status_code, f"Writer {n}"

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        outcomes = list(pool.map(create, range(len(clients))))
    acknowledged = [name for status, name in outcomes if status == 302]
    assert len(acknowledged) == 1
    assert sorted(status for status, _ in outcomes) == [302] + [400] * 19
    stored = graph.run("MATCH (p:Person {id: 'p-same'}) RETURN p.family_name, p.version")
    assert stored.values() == [[acknowledged[0], 1]]  # the acknowledged one, never overwritten


# --- the audit trail: every view and change, nothing that did not happen ---


def _actions(graph: neo4j.Session) -> list[tuple[str, str, str]]:
    rows = graph.run(
        "MATCH (e:AuditEntry) RETURN e.user_id AS who, e.action AS did, e.target_id AS what "
        "ORDER BY e.at"
    )
    return [(r["who"], r["did"], r["what"]) for r in rows]


def test_every_action_a_compliance_officer_asks_about_is_in_the_trail(
    web: Flask, graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    anonymous = web.test_client()
    token = csrf_token(anonymous, "/login")
    anonymous.post("/login", data={"email": KAM, "password": "wrong one!", "csrf_token": token})
    kira = _signed_in(web, KAM)
    kira.get("/people/p-ada-rowan/ego.json")
    kira.get("/tenders/t-aurel-lmwh-2027/dmu.json")
    kira.get("/people/p-ada-rowan/edit")
    kira.get("/search?q=rowan")
    feed = _feed_url(kira)
    assert web.test_client().get(feed).status_code == 200
    env = cli_env(neo4j_config)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "people.csv").write_text("id,given_name,family_name\np-new,Ann,Bee\n")
    assert kamgraph("import", str(tmp_path / "in"), env=env).returncode == 0
    assert kamgraph("export", str(tmp_path / "all.json"), env=env).returncode == 0
    assert kamgraph("user", "disable", OTHER_KAM, env=env).returncode == 0
    assert kamgraph("user", "enable", OTHER_KAM, env=env).returncode == 0
    found = {(who, action, target) for who, action, target in _actions(graph)}
    cli = f"cli:{getpass.getuser()}"
    for expected in [
        ("anonymous", "sign-in failed", KAM),
        ("u-kira", "sign-in", "u-kira"),
        ("u-kira", "view", "p-ada-rowan"),  # ego network, and the edit form
        ("u-kira", "view", "t-aurel-lmwh-2027"),  # the DMU map
        ("u-kira", "search", "rowan"),
        ("u-kira", "calendar feed", "u-kira"),
        (cli, "import", str((tmp_path / "in").resolve())),
        (cli, "export", str((tmp_path / "all.json").resolve())),
        (cli, "user disable", OTHER_KAM),
        (cli, "user enable", OTHER_KAM),
    ]:
        assert expected in found, expected
    paths = graph.run("MATCH (a:AuditEntry {target_id: 'p-ada-rowan'}) RETURN a.path").value()
    assert sorted(paths) == ["/people/p-ada-rowan/edit", "/people/p-ada-rowan/ego.json"]


def test_attempts_that_change_nothing_leave_no_entry(web: Flask, graph: neo4j.Session) -> None:
    kira = _signed_in(web, KAM)
    assert (
        _post(
            kira,
            "/new/people",
            {"id": "p-x", "given_name": "Ann", "family_name": "B", "birthday": "31.02.1970"},
        )[0]
        == 400
    )
    assert (
        _tie(
            kira,
            type="KNOWS",
            from_id="p-ada-rowan",
            to_id="p-nobody",
            kind="friend",
            strength="0.5",
        )[0]
        == 400
    )
    assert _post(kira, "/interactions/i-080/done", {})[0] == 403
    stale = edit_form(kira, "/orgs/org-h-aurel/edit")
    assert kira.post("/orgs/org-h-aurel/edit", data={**stale, "city": "One"}).status_code == 302
    assert kira.post("/orgs/org-h-aurel/edit", data={**stale, "city": "Two"}).status_code == 409
    assert kira.post("/orgs/org-h-aurel/edit", data=edit_form(kira, "/orgs/org-h-aurel/edit"))
    changes = [a for a in _actions(graph) if a[1] not in ("sign-in", "view")]
    assert changes == [("u-kira", "edit", "org-h-aurel")]  # the one save that saved something


def test_a_repeated_tie_is_named_with_its_first_line(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "people.csv").write_text("id,given_name,family_name\np-1,A,B\np-2,C,D\n")
    (tmp_path / "relationships.csv").write_text(
        "type,from_id,to_id,kind,strength\nKNOWS,p-1,p-2,friend,0.5\nKNOWS,p-2,p-1,friend,0.5\n"
        + "KNOWS,p-1,p-2,colleague,0.4\n" * 3  # a row filled down in a spreadsheet
    )
    ran = _import(neo4j_config, tmp_path)
    _refused(
        ran, graph, "relationships.csv:4: to_id: duplicate 'KNOWS p-1 -> p-2' (first on line 2)"
    )
    for line in (5, 6):
        assert (
            f"relationships.csv:{line}: to_id: duplicate 'KNOWS p-1 -> p-2' (first on line 2)"
            in ran.stderr
        )


def test_a_cover_a_lead_ended_needs_a_lead_again_when_the_kam_reopens_it(web: Flask) -> None:
    lead, kira = _signed_in(web, LEAD), _signed_in(web, KAM)
    assert "married to Tom" in kira.get("/people/p-ada-rowan").get_data(as_text=True)
    status, page = _tie(
        lead,
        type="COVERS",
        from_id="u-kira",
        to_id="p-ada-rowan",
        stage="loyalty",
        until="2026-11-01",
    )
    assert (status, "Our team member covers (stage on the ladder): saved." in page) == (200, True)
    assert "married to Tom" not in kira.get("/people/p-ada-rowan").get_data(as_text=True)
    status, page = _tie(kira, type="COVERS", from_id="u-kira", to_id="p-ada-rowan", stage="loyalty")
    assert status == 200
    assert "married to Tom" not in page  # reopened by herself: not a key to the family
    assert "a lead's confirmation opens the personal fields" in page


def test_provenance_is_never_taken_from_a_form(web: Flask, graph: neo4j.Session) -> None:
    kira = _signed_in(web, KAM)
    _post(
        kira,
        "/ties/new?type=COVERS",
        {
            "type": "COVERS",
            "from_id": "u-kira",
            "to_id": "p-bruno-castell",
            "stage": "contact",
            "recorded_by": "import",
        },
    )
    found = graph.run(
        "MATCH (:User {id: 'u-kira'})-[c:COVERS]->(:Person {id: 'p-bruno-castell'}) "
        "RETURN c.recorded_by"
    ).value()
    assert found == ["u-kira"]
    assert "married to Giulia" not in kira.get("/people/p-bruno-castell").get_data(as_text=True)


def test_behind_a_proxy_each_client_has_its_own_address_limit(
    graph: neo4j.Session, neo4j_config: dict[str, object]
) -> None:
    app = demo_app_on(
        graph, neo4j_config, RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False, PROXIES="1"
    )
    limits.limiter.reset()

    def via_proxy(client: FlaskClient, email: str, password: str, address: str) -> int:
        proxied = {"REMOTE_ADDR": "10.0.0.9", "HTTP_X_FORWARDED_FOR": address}
        answer = client.post(
            "/login", data={"email": email, "password": password}, environ_base=proxied
        )
        return answer.status_code

    attacker = app.test_client()
    for i in range(31):
        via_proxy(attacker, f"x{i}@example.com", "guess1234", "203.0.113.7")
    # The same proxy, another client: not refused.
    assert via_proxy(app.test_client(), OTHER_KAM, PASSWORD, "198.51.100.4") == 302
    assert via_proxy(attacker, KAM, PASSWORD, "203.0.113.7") == 429
    limits.limiter.reset()
    web_db.close(app)


def test_a_misspelt_header_is_named_before_its_thousand_consequences(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    ran = _import_people(neo4j_config, tmp_path, "id,given_name,famly_name", "p-{n},Ann,Bee", 1_500)
    _refused(ran, graph, "people.csv:1: famly_name: unknown column; did you mean 'family_name'?")


def test_a_file_changed_during_the_write_is_reported_not_silently_cut(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "id,given_name,family_name\n" + "".join(f"p-{n},Ann,Bee {n}\n" for n in range(12_000))
    )

    def edit_the_file_meanwhile(table: str, done: int) -> None:
        if table == "people" and done == 5_000:
            people.write_text("id,given_name,family_name\np-0,Ann,Bee 0\n")

    with pytest.raises(Invalid, match="changed during the import"):
        bundle_service.import_path(graph, tmp_path, progress=edit_the_file_meanwhile)
