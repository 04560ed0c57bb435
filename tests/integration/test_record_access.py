"""Record-level access: the matrix of role by route by another territory's records.

Another team's territory (Northmark) is added to the demo region (Velmora): a hospital, a
physician with family, values and notes, his tender, a KAM who covers him and her meeting
with him; the physician also knows one of Velmora's people. Then every route in the
app's url_map, and every download, is asked about those records by each role:

- Velmora's KAM and lead get a 403 or a 404, or a page that does not name them at all;
- the compliance officer reads them, but never their sensitive fields;
- an admin reads everything (which shows that the records are there to be found);
- no POST by anyone outside the scope changes anything of them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from werkzeug.routing import Rule

from kamgraph import clock, web_db
from kamgraph.plan import PLAN_KEYS
from kamgraph.repository import api_tokens, deputies
from kamgraph.services import accounts, feeds
from kamgraph.services import data as bundle_service

from .helpers import Ran, cli_env, kamgraph
from .web_support import ADMIN, KAM, LEAD, PASSWORD, client_of, csrf_token, demo_app

COMPLIANCE = "carla.compliance@northwind-medica.example"
# The physician's family name, in his hospital's and tender's names too (pages are asked
# for his given name, Zorvath, so that a page that echoes its query string says nothing).
NAME = "Quillane"
SENSITIVE = ("CANARY-FAMILY-7", "CANARY-VALUES-7", "CANARY-NOTES-7")
MEETING_NOTES = "CANARY-MEETING-7"
SECRETS = (NAME, *SENSITIVE, MEETING_NOTES)

FILES = {
    "organizations.csv": "id,name,kind,region,city,is_key_account\n"
    "org-north,Quillane Regional Hospital,hospital,Northmark Region,Varn,true\n",
    "users.csv": "id,email,name,role,region\n"
    "u-north,nils.north@northwind-medica.example,Nils North,kam,Northmark Region\n",
    "people.csv": "id,given_name,family_name,region,family,values,notes\n"
    f"p-north,Zorvath,Quillane,Northmark Region,{SENSITIVE[0]},{SENSITIVE[1]},{SENSITIVE[2]}\n"
    # Entered twice: a likely duplicate that only Northmark's readers may be shown.
    "p-north-twin,Zorvath,Quillane,Northmark Region,,,\n",
    "tenders.csv": "id,title,buyer_id,status,submission_deadline\n"
    "t-north,Quillane dialysis 2027,org-north,announced,2027-03-01\n",
    "interactions.csv": "id,date,kind,user_id,participant_ids,notes,next_step,due_date\n"
    f"i-north,2026-11-20,visit,u-north,p-north,{MEETING_NOTES},call back,2026-12-02\n",
    "person_plans.csv": "id,person_id,owner_id,goal,target_stage\n"
    f"pp-north,p-north,u-north,{MEETING_NOTES} as a goal,near_friendship\n",
    "person_plan_steps.csv": "id,plan_id,what,due_date,interaction_ids\n"
    f"pps-north,pp-north,{MEETING_NOTES} as a step,2026-12-01,i-north\n",
    # Its sales and account plan: read with the hospital.
    "sales.csv": "id,account_id,year,amount\ns-north-2025,org-north,2025,123456\n",
    "account_plans.csv": "id,account_id,objectives\nap-north,org-north,Win the Quillane board\n",
    "proposals.csv": "id,title,account_id,tender_id,author_ids,status,sent_on\n"
    "pr-north,Quillane dialysis offer,org-north,t-north,u-north,sent,2026-11-25\n",
    "proposal_arguments.csv": "id,proposal_id,person_id,argument\n"
    "pr-north.p-north,pr-north,p-north,Quillane wants the numbers\n",
    "proposal_steps.csv": "id,proposal_id,kind,due\npr-north.call,pr-north,call,2026-11-26\n",
    # An evening both territories' people attended: its page names each reader's own only.
    "events.csv": "id,name,kind,starts_on,city\nev-north,Varn Nephrology Evening,informal,"
    "2026-11-12,Varn\n",
    "relationships.csv": "type,from_id,to_id,title,role,stance,kind,strength,stage\n"
    "ATTENDED,p-north,ev-north,,,,,,\n"
    "ATTENDED,p-radomir-velk,ev-north,,,,,,\n"
    "WORKS_AT,p-north,org-north,Head of Nephrology,,,,,\n"
    "ROLE_IN,p-north,t-north,,decision_maker,neutral,,,\n"
    "COVERS,u-north,p-north,,,,,,loyalty\n"
    "KNOWS,p-north,p-radomir-velk,,,,friend,0.9,\n",
}
# What a route's variables stand for: the other territory's records (and transfer_id, the
# meal the fixture records).
ARGS = {
    "person_id": "p-north",
    "org_id": "org-north",
    "tender_id": "t-north",
    "interaction_id": "i-north",
    "table": "people",
    "kind": "person",
    "key": PLAN_KEYS[0],
    "plan_id": "pp-north",
    "step_id": "pps-north",
    "proposal_id": "pr-north",
    "follow_up_id": "pr-north.call",
    "event_id": "ev-north",
    "deputyship_id": "dep-north",
    "token_id": "tok-north",  # Nils North's API token (made in the fixture)
}
# And its query string: every parameter a page reads, pointing at them too.
QUERY = (
    "q=Zorvath&people=p-north&person=p-north&intro=p-north&from_id=p-north"
    "&to_id=p-north&type=KNOWS&kam=u-north&account=org-north&tender=t-north&all=1"
    "&stance=supporter&from=u-north&user=u-north&a=p-north&b=p-north-twin"
)
FORM = {
    "person_id": "p-north",
    "user_id": "u-north",
    "stage": "loyalty",
    "done": "done",
    "owner": "",
    "objective": "take over",
    "agenda": "x",
    "type": "KNOWS",
    "from_id": "Zorvath Quillane",
    "to_id": "Radomir Velk",
    "kind": "friend",
    "participants": "Zorvath Quillane",
    "date": "2026-11-30",
    "notes": "taken over",
    "from": "u-north",
    "to": "u-north",
    "deputy": "Nils North",
    "starts_on": "2026-12-01",
    "ends_on": "2026-12-31",
    "a": "p-north",
    "b": "p-north-twin",
    "keep": "a",
}
# Not about any record: signing in and out, and the reader's own calendar feed, language and
# calendar settings.
SKIPPED = {
    "static",
    "auth.login",
    "auth.logout",
    "calendar.new",
    "calendar.revoke",
    "account.settings",
    "account.switch",
}


@pytest.fixture(scope="module")
def north(
    driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The demo region with the Northmark territory beside it, and a compliance officer."""
    app = demo_app(driver, neo4j_config)
    folder: Path = tmp_path_factory.mktemp("north")
    for name, text in FILES.items():
        (folder / name).write_text(text)
    with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
        try:
            bundle_service.import_path(session, folder)
        except bundle_service.InvalidBundle as error:
            pytest.fail("\n".join(bundle_service.problem_lines(error)))
        carla = accounts.add_user(
            session, COMPLIANCE, role="compliance", name="Carla Compliance", password=PASSWORD
        )
        # Nils's deputyship (the matrix asks who may end it, not whom it names: Carla, who
        # reads everything already, so nobody's scope changes).
        deputies.name(
            session, "dep-north", user_id="u-north", deputy_id=carla.id,
            starts_on=clock.today(), ends_on=clock.today(), by="u-north",
        )  # fmt: skip
        api_tokens.create(  # Nils's API token: nobody else revokes it
            session,
            user_id="u-north",
            token_id="tok-north",
            token_hash="0" * 64,
            name="Northmark CRM",
            scope="write",
            created_at=clock.now(),
        )
    # A meal Nils gave his physician: a record of Northmark's in the transfers ledger.
    ran = kamgraph(
        "transfers",
        "add",
        "--person",
        "p-north",
        "--kind",
        "meal",
        "--amount",
        "30",
        "--given-by",
        "u-north",
        "--purpose",
        MEETING_NOTES,
        env=cli_env(neo4j_config),
    )
    assert ran.returncode == 0, ran.stderr
    ARGS["transfer_id"] = ran.stdout.split(":", 1)[0].strip()
    yield app
    web_db.close(app)


def _text(response: Any) -> str:
    """What a response shows: its text, or a workbook's cells."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        book = load_workbook(io.BytesIO(response.data), read_only=True)
        return "\n".join(
            str(v)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    return response.get_data(as_text=True)


def _path(rule: Rule) -> str:
    """The rule's path, its variables standing for Northmark's records."""
    names: set[str] = set(rule.arguments)  # pyright: ignore[reportUnknownArgumentType]
    assert names <= {*ARGS, "token"}, f"say what {rule.rule} takes in ARGS"
    built = rule.build({name: ARGS[name] for name in names})
    assert built is not None
    return built[1]


def _gets(app: Flask) -> list[str]:
    """Every GET route of the app, its variables and query string pointing at Northmark."""
    paths: list[str] = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED or "GET" not in (rule.methods or set()):
            continue
        if "token" in rule.arguments:
            continue  # the calendar feed: asked below, with the KAM's own token
        paths.append(f"{_path(rule)}?{QUERY}")
    return paths


def _posts(app: Flask) -> list[str]:
    return [
        _path(rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in SKIPPED and {"POST", "PATCH"} & (rule.methods or set())
    ]


def _api_token(client: FlaskClient) -> str:
    """A read-and-write API token of the signed-in user, made on her account page."""
    page = client.post(
        "/account/tokens",
        data={"name": "matrix", "scope": "write", "csrf_token": csrf_token(client, "/account")},
    ).get_data(as_text=True)
    found = re.search(r'<code class="token">(kgt_[^<]+)</code>', page)
    assert found, page[:500]
    return found.group(1)


def _ask(client: FlaskClient, token: str, path: str, form: dict[str, str]) -> Any:
    """GET a page, or send a form; the API (/api/v1) is asked with the user's API token (it
    takes no cookie), the form as JSON, by every method its route takes."""
    if not path.startswith("/api/"):
        return client.post(path, data=form) if form else client.get(path)
    headers = {"Authorization": f"Bearer {token}"}
    if not form:
        return client.get(path, headers=headers)
    method = "PATCH" if re.search(r"/api/v1/\w+/[^/]+$", path) else "POST"
    body = {k: v for k, v in form.items() if k != "csrf_token"}
    return client.open(path, method=method, headers=headers, json={**body, "version": 1})


def _snapshot(app: Flask) -> list[Any]:
    """Northmark's records, their properties and their ties, in a stable order."""
    query = (
        "MATCH (n) WHERE n.id IN ['p-north', 'org-north', 't-north', 'i-north', 'u-north', "
        "'pp-north', 'pps-north', 'pr-north', 'pr-north.p-north', 'pr-north.call', $transfer, "
        "'dep-north', 'tok-north'] "
        "OPTIONAL MATCH (n)-[r]-(m) "
        "WITH n, collect([type(r), m.id, properties(r)]) AS ties "
        "RETURN n.id, properties(n), ties ORDER BY n.id"
    )
    with app.app_context():
        rows = web_db.get_session().run(query, transfer=ARGS["transfer_id"]).values()
    return [[row[0], sorted(row[1].items()), sorted(map(repr, row[2]))] for row in rows]


@pytest.mark.parametrize("email", [KAM, LEAD], ids=["kam", "lead"])
def test_outside_the_territory_every_route_is_a_404_or_says_nothing(
    north: Flask, email: str
) -> None:
    client = client_of(north, email)
    token = _api_token(client)
    refused = 0
    for path in _gets(north):
        response = _ask(client, token, path, {})
        assert response.status_code < 500, path
        if response.status_code in (403, 404):
            refused += 1
            continue
        shown = _text(response)
        for secret in SECRETS:
            assert secret not in shown, (path, secret)
    # The record pages themselves are refused, not merely emptied.
    assert refused >= 12, refused


def test_a_kams_calendar_feed_and_downloads_name_nobody_outside(north: Flask) -> None:
    with north.app_context():
        session = web_db.get_session()
        token = feeds.new_token(session, "u-kira")
    feed = north.test_client().get(f"/calendar/{token}.ics")
    assert feed.status_code == 200
    assert NAME not in feed.get_data(as_text=True)
    lead = client_of(north, LEAD)
    for path in ("/team/coverage.csv?all=1", "/team/coverage.xlsx?all=1", "/team/coverage?all=1"):
        response = lead.get(path)
        assert response.status_code == 200, path
        assert NAME not in _text(response), path


@pytest.mark.parametrize(
    ("email", "theirs"),
    [(KAM, ()), (LEAD, ()), (COMPLIANCE, ("/privacy/informed/", "/transfers/"))],
    ids=["kam", "lead", "compliance"],
)
def test_outside_the_scope_no_post_changes_anything(
    north: Flask, email: str, theirs: tuple[str, ...]
) -> None:
    """KAMs and leads change nothing of another territory; compliance officers change no
    record but their own bookkeeping (who was informed, transfer approvals)."""
    client = client_of(north, email)
    token = csrf_token(client, "/")
    api_token = _api_token(client)
    before = _snapshot(north)
    for path in [p for p in _posts(north) if not p.startswith(theirs)]:
        response = _ask(client, api_token, path, {**FORM, "csrf_token": token})
        assert response.status_code in (400, 403, 404), (path, response.status_code)
    assert _snapshot(north) == before


def test_compliance_reads_every_record_but_never_a_sensitive_field(north: Flask) -> None:
    client = client_of(north, COMPLIANCE)
    dossier = client.get("/people/p-north")
    assert dossier.status_code == 200
    assert NAME in dossier.get_data(as_text=True)
    token = _api_token(client)
    assert NAME in _ask(client, token, "/api/v1/people/p-north", {}).get_data(as_text=True)
    for path in _gets(north):
        response = _ask(client, token, path, {})
        assert response.status_code < 500, path
        shown = _text(response) if response.status_code == 200 else ""
        for secret in SENSITIVE:
            assert secret not in shown, (path, secret)


def test_an_admin_reads_everything_so_the_matrix_has_something_to_hide(north: Flask) -> None:
    client = client_of(north, ADMIN)
    shown = client.get("/people/p-north").get_data(as_text=True)
    assert all(secret in shown for secret in SECRETS)
    assert client.get("/tenders/t-north").status_code == 200
    assert NAME in client.get("/events/ev-north").get_data(as_text=True)
    assert "Quillane" in client.get("/search?q=Quillane&exact=0").get_data(as_text=True)


def test_the_northmark_kam_reads_her_own_territory_and_not_velmora(north: Flask) -> None:
    with north.app_context():
        accounts.set_password(web_db.get_session(), "nils.north@northwind-medica.example", PASSWORD)
    nils = client_of(north, "nils.north@northwind-medica.example")
    page = nils.get("/people/p-north").get_data(as_text=True)
    assert all(secret in page for secret in SECRETS)  # she covers him: sensitive fields too
    assert nils.get("/people/p-radomir-velk").status_code == 404
    # Velmora's people are not named on her pages either: not the friend on the dossier,
    # not in her search.
    assert "Radomir" not in page
    assert "Velk" not in nils.get("/search?q=Radomir&exact=0").get_data(as_text=True)


def test_a_tie_across_territories_shows_only_on_the_side_that_reads_both(north: Flask) -> None:
    def network(email: str) -> set[str]:
        graph = client_of(north, email).get("/people/p-radomir-velk/ego.json").get_json()
        assert all(
            e["source"] in graph_ids and e["target"] in graph_ids
            for graph_ids in [{n["id"] for n in graph["nodes"]}]
            for e in graph["edges"]
        )
        return {n["id"] for n in graph["nodes"]}

    assert "p-north" in network(ADMIN)
    assert "p-north" not in network(KAM)


def test_an_account_a_lead_assigns_opens_it_to_the_kam(north: Flask) -> None:
    kira = client_of(north, KAM)
    assert kira.get("/orgs/org-north").status_code == 404
    # A KAM may not assign herself the account...
    form = {
        "type": "MANAGES",
        "from_id": "Kira Lund",
        "to_id": "org-north",
        "csrf_token": csrf_token(kira, "/ties/new?type=MANAGES"),
    }
    assert kira.post("/ties/new", data=form).status_code == 400
    assert kira.get("/orgs/org-north").status_code == 404
    # ... a lead with the account in her scope may (an admin, here).
    admin = client_of(north, ADMIN)
    form = {**form, "csrf_token": csrf_token(admin, "/ties/new?type=MANAGES")}
    assert admin.post("/ties/new", data=form).status_code == 302
    try:
        assert kira.get("/orgs/org-north").status_code == 200
        assert kira.get("/people/p-north").status_code == 200  # he works there
        shown = kira.get("/people/p-north").get_data(as_text=True)
        assert SENSITIVE[0] not in shown  # but his sensitive fields wait for a cover
        assert kira.get("/tenders/t-north").status_code == 200
    finally:
        with north.app_context():
            web_db.get_session().run("MATCH (:User {id: 'u-kira'})-[m:MANAGES]->() DELETE m")
    assert re.search(r"4\d\d", str(kira.get("/orgs/org-north").status_code))


# --- exports: a KAM's holds her scope, redacted; sensitive fields need admin or compliance ---


def _export(config: dict[str, Any], *args: str, password: str | None = PASSWORD) -> Ran:
    return kamgraph("export", *args, "--password-stdin", env=cli_env(config), stdin=f"{password}\n")


def test_a_kams_export_holds_her_scope_without_sensitive_fields(
    north: Flask, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "kira.json"
    ran = _export(neo4j_config, str(target), "--as", KAM)
    assert ran.returncode == 0, ran.stderr
    assert "for Kira Lund, their scope only; without sensitive fields" in ran.stdout
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert bundle["watermark"].startswith("Exported by Kira Lund <kira.lund@")
    people = {p["id"]: p for p in bundle["people"]}
    assert "p-ada-rowan" in people
    assert "p-north" not in people
    assert NAME not in target.read_text(encoding="utf-8")
    assert not any(p.get(f) for p in people.values() for f in ("family", "values", "notes"))
    with north.app_context():
        entry = (
            web_db.get_session()
            .run(
                "MATCH (a:AuditEntry {action: 'export', target_id: $t}) RETURN a.details",
                t=str(target.resolve()),
            )
            .single()
        )
    assert entry is not None
    details = {k: after for k, (_, after) in json.loads(entry[0]).items()}
    tables: list[list[Any]] = [v for v in bundle.values() if isinstance(v, list)]
    assert details["records"] == sum(len(rows) for rows in tables)
    assert details["sensitive"] is False
    assert details["scope"] == "territory"


def test_sensitive_fields_need_an_admin_or_compliance_officer_and_their_password(
    north: Flask, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    refused = _export(neo4j_config, str(tmp_path / "k.json"), "--as", KAM, "--sensitive")
    assert refused.returncode == 1
    assert "exporting sensitive fields needs the admin or compliance role" in refused.stderr
    wrong = _export(
        neo4j_config, str(tmp_path / "w.json"), "--as", ADMIN, "--sensitive", password="guess"
    )
    assert wrong.returncode == 1
    assert "wrong password" in wrong.stderr
    anonymous = kamgraph(
        "export", str(tmp_path / "a.json"), "--sensitive", env=cli_env(neo4j_config)
    )
    assert anonymous.returncode == 2
    assert not any((tmp_path / n).exists() for n in ("k.json", "w.json", "a.json"))
    # An admin's full backup: every record and field, watermarked, and it imports back.
    folder = tmp_path / "backup"
    ran = _export(neo4j_config, str(folder), "--as", ADMIN, "--sensitive")
    assert ran.returncode == 0, ran.stderr
    people = (folder / "people.csv").read_text(encoding="utf-8-sig")
    assert people.startswith("# Exported by Ines Graf <ines.graf@")
    assert all(secret in people for secret in SENSITIVE)
    checked = kamgraph(
        "import",
        str(folder),
        "--dry-run",
        "--special-category-reason",
        "restoring our own backup",
        env=cli_env(neo4j_config),
    )
    assert checked.returncode == 0, checked.stderr


def test_the_operator_exports_everything_but_sensitive_fields(
    north: Flask, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    cards = tmp_path / "people.vcf"
    ran = kamgraph("export", str(cards), env=cli_env(neo4j_config))
    assert ran.returncode == 0, ran.stderr
    text = cards.read_text(encoding="utf-8")
    assert "Quillane" in text
    assert "X-KAMGRAPH-EXPORT:Exported by cli:" in text
    bundle = tmp_path / "all.json"
    assert kamgraph("export", str(bundle), env=cli_env(neo4j_config)).returncode == 0
    assert not any(secret in bundle.read_text(encoding="utf-8") for secret in SENSITIVE)


def test_a_compliance_officer_is_offered_no_change_to_a_dossier(north: Flask) -> None:
    client = client_of(north, COMPLIANCE)
    page = client.get("/people/p-ada-rowan").get_data(as_text=True)
    assert "Who viewed this" in page
    for offer in (
        "Log a meeting",
        ">Edit<",
        "Add a tie",
        "Record a transfer",
        "New person",
        'data-testid="cover-me"',
    ):
        assert offer not in page, offer
    assert client.get("/new/people").status_code == 403
    assert client.get("/people/p-ada-rowan/edit").status_code == 403
