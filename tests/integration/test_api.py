"""The JSON API (/api/v1) on the real Neo4j: personal tokens, the pages' scope and
sensitive-field rules, the import's messages, versions, the audit, and its OpenAPI document
(valid, and every response checked against it)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate as validate_spec
from werkzeug.test import TestResponse

from kamgraph import clock, web_db
from kamgraph.app import create_app
from kamgraph.fields import CellError
from kamgraph.schema import PEOPLE
from kamgraph.services import data as bundle_service

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, KAM, client_of, csrf_token, demo_app

CANARY = "CANARY-API-FAMILY"
# Another territory beside the demo's: a hospital and a physician Kira may not read.
FILES = {
    "organizations.csv": "id,name,kind,region\n"
    "org-api-north,Quillane Regional Hospital,hospital,Northmark Region\n",
    "people.csv": "id,given_name,family_name,region,family\n"
    f"p-api-north,Zorvath,Quillane,Northmark Region,{CANARY}\n"
    f"p-api-near,Mira,Solvang,Velmora Region,{CANARY}\n",
    # A tie between a person Kira reads and one she does not.
    "relationships.csv": "type,from_id,to_id,kind\nKNOWS,p-api-near,p-api-north,friend\n",
}


@pytest.fixture(scope="module")
def app(
    driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The demo region, a Northmark physician beside it, and a Velmora one nobody covers."""
    made = demo_app(driver, neo4j_config)
    folder: Path = tmp_path_factory.mktemp("api")
    for name, text in FILES.items():
        (folder / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        bundle_service.import_path(session, folder)
    yield made
    web_db.close(made)


def make_token(client: FlaskClient, scope: str, name: str = "CRM sync") -> str:
    """Make a token on the account page, as a user would; return it as the page shows it."""
    token = csrf_token(client, "/account")
    page = client.post(
        "/account/tokens", data={"name": name, "scope": scope, "csrf_token": token}
    ).get_data(as_text=True)
    found = re.search(r'<code class="token">(kgt_[^<]+)</code>', page)
    assert found, page[:2000]
    return found.group(1)


@pytest.fixture(scope="module")
def tokens(app: Flask) -> dict[str, str]:
    """A read and a write token of Kira's (a KAM), and a write token of the admin's."""
    kira = client_of(app, KAM)
    return {
        "read": make_token(kira, "read"),
        "write": make_token(kira, "write"),
        "admin": make_token(client_of(app, ADMIN), "write"),
    }


@pytest.fixture(scope="module")
def spec(app: Flask) -> dict[str, Any]:
    """The OpenAPI document the app serves, checked as valid OpenAPI 3."""
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.get_json()
    validate_spec(document)
    return document


def call(
    app: Flask,
    spec: dict[str, Any],
    method: str,
    path: str,
    token: str | None,
    json: Any = None,
    route: str | None = None,
) -> TestResponse:
    """Call the API with a token, and check the response against the OpenAPI document:
    the operation must document its status, and the body must match that schema."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = app.test_client().open(path, method=method, headers=headers, json=json)
    template = route or re.sub(
        r"/api/v1/(\w+)/[^/?]+", r"/api/v1/\1/{id}", path.split("?", maxsplit=1)[0]
    )
    operation = _operation(spec, method, template)
    documented = operation["responses"]
    assert str(response.status_code) in documented, (path, response.status_code)
    schema = documented[str(response.status_code)]["content"]["application/json"]["schema"]
    body = response.get_json()
    jsonschema.validate(body, {**schema, "components": spec["components"]})
    return response


def _operation(spec: dict[str, Any], method: str, template: str) -> dict[str, Any]:
    for path, operations in spec["paths"].items():
        if re.sub(r"\{\w+\}", "{id}", path) == template and method.lower() in operations:
            return operations[method.lower()]
    raise AssertionError(f"{method} {template} is not in the OpenAPI document")


def test_openapi_document_describes_every_api_route(app: Flask, spec: dict[str, Any]) -> None:
    routes = {
        (re.sub(r"<(\w+)>", r"{\1}", r.rule), m.lower())
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("api.") and r.endpoint != "api.openapi"
        for m in (r.methods or set()) - {"HEAD", "OPTIONS"}
    }
    described = {(p, m) for p, ops in spec["paths"].items() for m in ops}
    assert routes == described
    assert "family" in spec["components"]["schemas"]["Person"]["properties"]


def test_a_token_is_shown_once_and_stored_hashed(
    app: Flask, tokens: dict[str, str], driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    page = client_of(app, KAM).get("/account").get_data(as_text=True)
    assert "CRM sync" in page
    assert tokens["read"] not in page
    stored = driver.execute_query(
        "MATCH (t:ApiToken) RETURN collect(t.hash) AS hashes",
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    ).records[0]["hashes"]
    assert len(stored) >= 3
    assert not any(t in stored for t in tokens.values())


def test_every_kind_is_read_and_checked_against_the_document(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    admin = tokens["admin"]
    people = call(app, spec, "GET", "/api/v1/people?limit=5", admin).get_json()
    assert len(people["items"]) == 5
    assert people["next_cursor"]
    more = call(app, spec, "GET", f"/api/v1/people?limit=5&cursor={people['next_cursor']}", admin)
    assert {p["id"] for p in more.get_json()["items"]}.isdisjoint(p["id"] for p in people["items"])
    assert call(app, spec, "GET", "/api/v1/people/p-api-north", admin).get_json()["family"] == [
        CANARY
    ]
    orgs = call(app, spec, "GET", "/api/v1/organizations", admin).get_json()["items"]
    call(app, spec, "GET", f"/api/v1/organizations/{orgs[0]['id']}", admin)
    tenders = call(app, spec, "GET", "/api/v1/tenders", admin).get_json()["items"]
    tender = call(app, spec, "GET", f"/api/v1/tenders/{tenders[0]['id']}", admin).get_json()
    assert tender["title"] == tenders[0]["title"]
    found = call(app, spec, "GET", "/api/v1/people?q=Quillane", admin).get_json()["items"]
    assert [p["id"] for p in found] == ["p-api-north"]
    assert call(app, spec, "GET", "/api/v1/people/nobody", admin).status_code == 404


def test_a_kams_token_reads_what_her_pages_read(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    read = tokens["read"]
    assert call(app, spec, "GET", "/api/v1/people/p-api-north", read).status_code == 404
    assert call(app, spec, "GET", "/api/v1/organizations/org-api-north", read).status_code == 404
    listed: set[str] = set()
    cursor = ""
    while True:
        page = call(app, spec, "GET", f"/api/v1/people?limit=200&cursor={cursor}", read)
        listed |= {p["id"] for p in page.get_json()["items"]}
        cursor = page.get_json()["next_cursor"]
        if not cursor:
            break
    assert "p-api-near" in listed
    assert "p-api-north" not in listed
    assert not call(app, spec, "GET", "/api/v1/people?q=Quillane", read).get_json()["items"]
    # In her territory, but she does not cover her: the family is left out, as on the page.
    near = call(app, spec, "GET", "/api/v1/people/p-api-near", read).get_json()
    assert near["family_name"] == "Solvang"
    assert "family" not in near
    assert CANARY not in str(near)


def test_tokens_that_may_not_do_it_are_refused(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    body = {"given_name": "Read", "family_name": "Only"}
    refused = call(app, spec, "POST", "/api/v1/people", tokens["read"], body, "/api/v1/people")
    assert refused.status_code == 403
    assert call(app, spec, "GET", "/api/v1/people", None).status_code == 401
    assert call(app, spec, "GET", "/api/v1/people", "kgt_made-up").status_code == 401
    # A signed-in browser's cookie is not a way in: the API takes tokens only.
    cookie = client_of(app, KAM).get("/api/v1/people")
    assert cookie.status_code == 401


def test_a_revoked_token_stops_working(app: Flask, spec: dict[str, Any]) -> None:
    kira = client_of(app, KAM)
    token = make_token(kira, "read", name="short-lived")
    assert call(app, spec, "GET", "/api/v1/people?limit=1", token).status_code == 200
    page = kira.get("/account").get_data(as_text=True)
    token_id = re.search(r'/account/tokens/([^/"]+)/revoke"[^>]*>\s*<input[^>]*value="', page)
    ids = re.findall(r"/account/tokens/([^/\"]+)/revoke", page)
    assert ids
    assert token_id
    # Revoke the newest (listed first): the one just made.
    kira.post(f"/account/tokens/{ids[0]}/revoke", data={"csrf_token": csrf_token(kira, "/account")})
    assert "short-lived" not in kira.get("/account").get_data(as_text=True)
    assert call(app, spec, "GET", "/api/v1/people?limit=1", token).status_code == 401


def test_create_and_update_with_versions_and_the_imports_messages(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    write = tokens["write"]
    created = call(
        app,
        spec,
        "POST",
        "/api/v1/people",
        write,
        {
            "given_name": "Sanna",
            "family_name": "Virta",
            "birthday": "31.12.1965",
            "languages": ["fi", "en"],
        },
        "/api/v1/people",
    )
    assert created.status_code == 201, created.get_json()
    person = created.get_json()
    assert person["version"] == 1
    assert person["languages"] == ["fi", "en"]
    assert person["region"] == "Velmora Region"  # the KAM's own territory, as on the form
    path = f"/api/v1/people/{person['id']}"
    # A bad field: the import's message, naming the field; nothing written.
    bad = call(app, spec, "PATCH", path, write, {"version": 1, "birthday": "31.02.1965"})
    assert bad.status_code == 400
    assert bad.get_json()["error"]["field"] == "birthday"
    message = bad.get_json()["error"]["message"]
    with pytest.raises(CellError) as the_import:  # what `kamgraph import` says of the cell
        next(c for c in PEOPLE.columns if c.name == "birthday").parse("31.02.1965")
    assert message == str(the_import.value.message)
    changed = call(app, spec, "PATCH", path, write, {"version": 1, "specialty": "Nephrology"})
    assert changed.status_code == 200
    assert changed.get_json()["version"] == 2
    # A stale version: 409, with the record as it is now; the first edit survives.
    stale = call(app, spec, "PATCH", path, write, {"version": 1, "specialty": "Cardiology"})
    assert stale.status_code == 409
    assert stale.get_json()["current"]["specialty"] == "Nephrology"
    assert call(app, spec, "GET", path, write).get_json()["specialty"] == "Nephrology"
    missing = call(
        app, spec, "POST", "/api/v1/people", write, {"family_name": "X"}, "/api/v1/people"
    )
    assert missing.status_code == 400
    assert missing.get_json()["error"]["field"] == "given_name"
    # Outside her scope, a write is a 404 as a read is.
    outside = call(
        app, spec, "PATCH", "/api/v1/people/p-api-north", write, {"version": 1, "specialty": "x"}
    )
    assert outside.status_code == 404


def test_an_organization_a_tender_and_a_tie(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    write = tokens["write"]
    org = call(
        app,
        spec,
        "POST",
        "/api/v1/organizations",
        write,
        {"name": "Virta Clinic", "kind": "hospital"},
        "/api/v1/organizations",
    )
    assert org.status_code == 201, org.get_json()
    kind = call(
        app,
        spec,
        "POST",
        "/api/v1/organizations",
        write,
        {"name": "Nowhere", "kind": "hospitol"},
        "/api/v1/organizations",
    )
    assert kind.status_code == 400
    assert kind.get_json()["error"]["field"] == "kind"
    org_id = org.get_json()["id"]
    tender = call(
        app,
        spec,
        "POST",
        "/api/v1/tenders",
        write,
        {"title": "Virta dialysis", "buyer_id": org_id, "status": "announced"},
        "/api/v1/tenders",
    )
    assert tender.status_code == 201, tender.get_json()
    people = call(app, spec, "GET", "/api/v1/people?q=Virta", write).get_json()["items"]
    tie = {"type": "WORKS_AT", "from_id": people[0]["id"], "to_id": org_id, "title": "Head"}
    saved = call(app, spec, "POST", "/api/v1/ties", write, tie, "/api/v1/ties")
    assert saved.status_code == 200
    assert saved.get_json()["current"] is True
    ended = call(
        app, spec, "POST", "/api/v1/ties", write, {**tie, "until": "2026-11-30"}, "/api/v1/ties"
    )
    assert ended.get_json()["current"] is False
    north = {"type": "KNOWS", "from_id": people[0]["id"], "to_id": "p-api-north", "kind": "friend"}
    refused = call(app, spec, "POST", "/api/v1/ties", write, north, "/api/v1/ties")
    assert refused.status_code == 400
    assert refused.get_json()["error"]["field"] == "to_id"


def test_reads_of_people_and_writes_are_audited(
    app: Flask,
    spec: dict[str, Any],
    tokens: dict[str, str],
    driver: neo4j.Driver,
    neo4j_config: dict[str, Any],
) -> None:
    call(app, spec, "GET", "/api/v1/people/p-api-north", tokens["admin"])
    entries = driver.execute_query(
        "MATCH (a:AuditEntry) WHERE a.path STARTS WITH '/api/v1/' "
        "RETURN a.action AS action, a.target_id AS target",
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    ).records
    seen = {(r["action"], r["target"]) for r in entries}
    assert ("view", "p-api-north") in seen
    assert any(action == "create" for action, _ in seen)
    assert any(action == "edit" for action, _ in seen)


def test_an_interaction_is_logged_with_people_she_may_read(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    write = tokens["write"]
    meeting = {
        "date": "2026-11-30",
        "kind": "visit",
        "participant_ids": ["p-api-near"],
        "notes": "Talked about dialysis",
        "next_step": "send the study",
    }
    logged = call(app, spec, "POST", "/api/v1/interactions", write, meeting, "/api/v1/interactions")
    assert logged.status_code == 201, logged.get_json()
    found = call(app, spec, "GET", f"/api/v1/interactions/{logged.get_json()['id']}", write)
    assert found.get_json()["participant_ids"] == ["p-api-near"]
    assert found.get_json()["user_id"] == "u-kira"
    outside = call(
        app,
        spec,
        "POST",
        "/api/v1/interactions",
        write,
        {**meeting, "participant_ids": ["p-api-north"]},
        "/api/v1/interactions",
    )
    assert outside.status_code == 400
    assert outside.get_json()["error"]["field"] == "participant_ids"
    assert "p-api-north" in outside.get_json()["error"]["message"]
    kind = call(
        app,
        spec,
        "POST",
        "/api/v1/interactions",
        write,
        {**meeting, "kind": "lunchh"},
        "/api/v1/interactions",
    )
    assert kind.status_code == 400
    assert kind.get_json()["error"]["field"] == "kind"


def test_with_the_database_down_the_api_answers_a_json_503(
    spec: dict[str, Any], neo4j_config: dict[str, Any], tokens: dict[str, str]
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])  # closed again here: nobody listens
    down = create_app(
        {
            **neo4j_config,
            "SECRET_KEY": "d" * 40,
            "RATELIMIT_ENABLED": False,
            "NEO4J_URI": f"bolt://127.0.0.1:{port}",
            "NEO4J_WEB_TIMEOUT": "0.5",
        }
    )
    try:
        answer = call(down, spec, "GET", "/api/v1/people/p-ada-rowan", tokens["read"])
        assert answer.status_code == 503
        error = answer.get_json()["error"]
        assert "not reachable" in error["message"]
        assert "bolt://" not in str(answer.get_json())
    finally:
        web_db.close(down)


def test_requests_are_limited_per_token(
    spec: dict[str, Any], neo4j_config: dict[str, Any], tokens: dict[str, str]
) -> None:
    limited = create_app(
        {
            **neo4j_config,
            "SECRET_KEY": "l" * 40,
            "RATELIMIT_ENABLED": True,
            "API_RATE_LIMIT": "2/minute",
        }
    )
    try:
        path = "/api/v1/organizations?limit=1"
        assert call(limited, spec, "GET", path, tokens["read"]).status_code == 200
        assert call(limited, spec, "GET", path, tokens["read"]).status_code == 200
        assert call(limited, spec, "GET", path, tokens["read"]).status_code == 429
        # Another token has its own count.
        assert call(limited, spec, "GET", path, tokens["admin"]).status_code == 200
    finally:
        web_db.close(limited)


def _all(app: Flask, spec: dict[str, Any], path: str, token: str) -> list[dict[str, Any]]:
    """Every item of a list, following next_cursor as a sync loop does."""
    items: list[dict[str, Any]] = []
    cursor = ""
    joiner = "&" if "?" in path else "?"
    while True:
        page = call(app, spec, "GET", f"{path}{joiner}cursor={cursor}", token)
        assert page.status_code == 200, page.get_json()
        items += page.get_json()["items"]
        cursor = page.get_json()["next_cursor"]
        if not cursor:
            return items


def test_a_sync_reads_only_what_changed_since_its_last_run(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    write, admin = tokens["write"], tokens["admin"]
    later = clock.today() + timedelta(days=40)  # nothing else is written on that day
    with clock.fixed(later):
        made = [
            call(
                app,
                spec,
                "POST",
                "/api/v1/people",
                write,
                {"given_name": given, "family_name": "Kallio"},
                "/api/v1/people",
            ).get_json()
            for given in ("Aino", "Eero")
        ]
        org = call(
            app,
            spec,
            "POST",
            "/api/v1/organizations",
            write,
            {"name": "Kallio Clinic", "kind": "hospital"},
            "/api/v1/organizations",
        ).get_json()
        tie = {"type": "WORKS_AT", "from_id": made[0]["id"], "to_id": org["id"]}
        call(app, spec, "POST", "/api/v1/ties", write, tie, "/api/v1/ties")
    since = later.isoformat()
    changed = _all(app, spec, f"/api/v1/people?updated_since={since}&limit=1", admin)
    assert sorted(p["id"] for p in changed) == sorted(p["id"] for p in made)
    assert all(p["updated_at"].startswith(since) for p in changed)
    orgs = _all(app, spec, f"/api/v1/organizations?updated_since={since}", admin)
    assert [o["id"] for o in orgs] == [org["id"]]
    assert not _all(app, spec, f"/api/v1/tenders?updated_since={since}", admin)
    ties = _all(app, spec, f"/api/v1/ties?updated_since={since}", admin)
    assert [(t["type"], t["from_id"], t["to_id"]) for t in ties] == [
        ("WORKS_AT", made[0]["id"], org["id"])
    ]
    assert ties[0]["current"] is True
    # A change the day after: the next run reads only that record, at its new version.
    yesterday = clock.today() - timedelta(days=1)
    with clock.fixed(later + timedelta(days=1)):
        path = f"/api/v1/people/{made[1]['id']}"
        call(app, spec, "PATCH", path, write, {"version": 1, "specialty": "Urology"})
        ended = {**tie, "until": yesterday.isoformat()}
        call(app, spec, "POST", "/api/v1/ties", write, ended, "/api/v1/ties")
    next_run = (later + timedelta(days=1)).isoformat() + "T00:00:00Z"
    again = _all(app, spec, f"/api/v1/people?updated_since={next_run}", admin)
    assert [(p["id"], p["version"]) for p in again] == [(made[1]["id"], 2)]
    gone = _all(app, spec, f"/api/v1/ties?updated_since={next_run}&current=false", admin)
    assert [t["properties"]["until"] for t in gone] == [yesterday.isoformat()]
    bad = call(app, spec, "GET", "/api/v1/people?updated_since=last+week", admin)
    assert bad.status_code == 400
    assert bad.get_json()["error"]["field"] == "updated_since"
    cursor = call(app, spec, "GET", f"/api/v1/people?updated_since={since}&cursor=x1", admin)
    assert cursor.status_code == 400
    assert cursor.get_json()["error"]["field"] == "cursor"


def test_ties_are_listed_only_between_records_the_reader_reads(
    app: Flask, spec: dict[str, Any], tokens: dict[str, str]
) -> None:
    read, admin = tokens["read"], tokens["admin"]
    near = _all(app, spec, "/api/v1/ties?person=p-api-near", admin)
    assert ("KNOWS", "p-api-near", "p-api-north") in {
        (t["type"], t["from_id"], t["to_id"]) for t in near
    }
    assert next(t for t in near if t["type"] == "KNOWS")["properties"]["kind"] == "friend"
    # Kira reads Mira, not Zorvath: the tie between them is not hers to see.
    assert not any(
        "p-api-north" in (t["from_id"], t["to_id"])
        for t in _all(app, spec, "/api/v1/ties?person=p-api-near", read)
    )
    assert call(app, spec, "GET", "/api/v1/ties?person=p-api-north", read).status_code == 404
    knows = _all(app, spec, "/api/v1/ties?type=KNOWS&limit=200", read)
    assert knows
    assert all(t["type"] == "KNOWS" for t in knows)
    assert not any("p-api-north" in (t["from_id"], t["to_id"]) for t in knows)
    everyone = _all(app, spec, "/api/v1/ties?type=KNOWS&limit=200", admin)
    assert len(everyone) > len(knows)
    kinds = call(app, spec, "GET", "/api/v1/ties?type=LIKES", read)
    assert kinds.status_code == 400
    assert kinds.get_json()["error"]["field"] == "type"


def test_interactions_are_listed_and_changed_with_their_version(
    app: Flask,
    spec: dict[str, Any],
    tokens: dict[str, str],
    driver: neo4j.Driver,
    neo4j_config: dict[str, Any],
) -> None:
    write, read, admin = tokens["write"], tokens["read"], tokens["admin"]
    later = clock.today() + timedelta(days=60)
    meeting = {
        "date": "2026-10-05",
        "kind": "call",
        "participant_ids": ["p-api-near"],
        "notes": "Asked about the dialysis study",
    }
    with clock.fixed(later):
        mine = call(
            app, spec, "POST", "/api/v1/interactions", write, meeting, "/api/v1/interactions"
        ).get_json()
        theirs = call(
            app,
            spec,
            "POST",
            "/api/v1/interactions",
            admin,
            {**meeting, "date": "2026-10-20"},
            "/api/v1/interactions",
        ).get_json()
        north = call(
            app,
            spec,
            "POST",
            "/api/v1/interactions",
            admin,
            {**meeting, "participant_ids": ["p-api-north"]},
            "/api/v1/interactions",
        ).get_json()
    assert mine["version"] == 1
    with_mira = _all(app, spec, "/api/v1/interactions?person=p-api-near", read)
    assert {mine["id"], theirs["id"]} <= {i["id"] for i in with_mira}
    since = later.isoformat()
    assert [
        i["id"]
        for i in _all(app, spec, f"/api/v1/interactions?mine=true&updated_since={since}", read)
    ] == [mine["id"]]
    october = _all(
        app, spec, "/api/v1/interactions?person=p-api-near&since=2026-10-10&until=2026-10-31", read
    )
    assert theirs["id"] in {i["id"] for i in october}
    assert mine["id"] not in {i["id"] for i in october}
    # Kira's token never lists, reads or changes the interaction with Zorvath.
    listed = _all(app, spec, f"/api/v1/interactions?updated_since={since}", read)
    assert north["id"] not in {i["id"] for i in listed}
    assert {mine["id"], theirs["id"]} <= {i["id"] for i in listed}
    assert call(app, spec, "GET", f"/api/v1/interactions/{north['id']}", read).status_code == 404
    path = f"/api/v1/interactions/{mine['id']}"
    outside = call(
        app,
        spec,
        "PATCH",
        f"/api/v1/interactions/{north['id']}",
        write,
        {"version": 1, "notes": "x"},
    )
    assert outside.status_code == 404
    assert call(app, spec, "PATCH", path, read, {"version": 1, "notes": "x"}).status_code == 403
    # Only its KAM (or a lead) changes it: Kira may not change the admin's.
    other = call(
        app,
        spec,
        "PATCH",
        f"/api/v1/interactions/{theirs['id']}",
        write,
        {"version": 1, "notes": "x"},
    )
    assert other.status_code == 403
    bad = call(app, spec, "PATCH", path, write, {"version": 1, "kind": "lunchh"})
    assert bad.status_code == 400
    assert bad.get_json()["error"]["field"] == "kind"
    people = call(app, spec, "PATCH", path, write, {"version": 1, "participant_ids": []})
    assert people.status_code == 400
    assert people.get_json()["error"]["field"] == "participant_ids"
    changed = call(
        app,
        spec,
        "PATCH",
        path,
        write,
        {"version": 1, "next_step": "send the study", "due_date": "2026-10-12"},
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["version"] == 2
    assert changed.get_json()["next_step"] == "send the study"
    stale = call(app, spec, "PATCH", path, write, {"version": 1, "next_step": "call again"})
    assert stale.status_code == 409
    assert stale.get_json()["current"]["next_step"] == "send the study"
    assert call(app, spec, "GET", path, read).get_json()["next_step"] == "send the study"
    entries = driver.execute_query(
        "MATCH (a:AuditEntry {action: 'edit', target_id: $id}) RETURN a.details AS details",
        id=mine["id"],
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    ).records
    assert len(entries) == 1
    assert "send the study" in entries[0]["details"]


def test_db_init_stamps_records_and_ties_written_before_the_stamp(
    app: Flask,
    spec: dict[str, Any],
    tokens: dict[str, str],
    driver: neo4j.Driver,
    neo4j_config: dict[str, Any],
) -> None:
    database = str(neo4j_config["NEO4J_DATABASE"])
    driver.execute_query(
        "MATCH (p:Person {id: 'p-api-north'})-[r:KNOWS]-() "
        "SET r.recorded_at = datetime('2025-03-01T09:00:00Z') "
        "REMOVE p.updated_at, r.updated_at",
        database_=database,
    )
    first = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert first.returncode == 0, first.stderr
    assert "time of the last change set for 2 records and ties" in first.stdout
    ties = _all(
        app, spec, "/api/v1/ties?person=p-api-north&updated_since=2025-03-01", tokens["admin"]
    )
    knows = [t for t in ties if t["type"] == "KNOWS"]
    assert [t["updated_at"] for t in knows] == ["2025-03-01T09:00:00Z"]
    today = clock.today().isoformat()  # imported today: stamped with its collection date
    north = _all(app, spec, f"/api/v1/people?updated_since={today}", tokens["admin"])
    assert "p-api-north" in {p["id"] for p in north}  # stamped: a sync sees it once more
    again = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert "time of the last change" not in again.stdout
