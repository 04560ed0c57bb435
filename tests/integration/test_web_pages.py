"""The pages a KAM and a team lead use, on the demo region in the real Neo4j."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from typing import Any

import neo4j
import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.repository import people
from kamgraph.views import team as team_views

from .web_support import KAM, LEAD, OTHER_KAM, csrf_token, demo_app, sign_in


@pytest.fixture(scope="module")
def web(driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> Iterator[Flask]:
    """The app on the demo region, loaded once for this module (tests only add to it)."""
    app = demo_app(driver, neo4j_config)
    yield app
    web_db.close(app)


def _client(app: Flask, email: str = KAM) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_search_finds_people_whatever_the_case_accents_or_script(web: Flask) -> None:
    client = _client(web)
    assert client.get("/search?q=ROWAN").headers["Location"] == "/people/p-ada-rowan"
    grouped = client.get("/search?q=regional").get_data(as_text=True)
    assert 'data-testid="results-organization"' in grouped
    assert 'data-testid="results-tender"' in grouped
    for name in ("олег", "ΝΙΚΌΛΑΟΣ", "สมศักดิ์", "lukas tesar", "TESAŘ", "bjö"):
        found = client.get(f"/search?q={name}")
        assert found.status_code in (200, 302), name
        body = (
            found.get_data(as_text=True) if found.status_code == 200 else found.headers["Location"]
        )
        assert "/people/p-" in body, name
    assert client.get("/search?q=MÜLL").status_code in (200, 302)  # no match, no error
    assert client.get("/search?q=a:b (c").status_code == 200  # Lucene syntax is just text
    nothing = client.get("/search?q=zzqx").get_data(as_text=True)
    assert "Nothing found" in nothing


def test_dossier_shows_birthday_hobbies_and_marks_sensitive_fields(web: Flask) -> None:
    client = _client(web)
    html = client.get("/people/p-ada-rowan").get_data(as_text=True)
    assert re.search(r'data-testid="birthday">\s*12 March 1961', html)
    assert "sailing, opera" in html
    assert "married to Tom" in html  # Kira covers Ada: she sees the family
    assert html.count("tag-sensitive") == 3
    other = _client(web, OTHER_KAM).get("/people/p-ada-rowan").get_data(as_text=True)
    assert "married to Tom" not in other  # Tomas does not cover her
    assert "Shown to the KAMs who cover Ada and to team leads" in other
    lead = _client(web, LEAD).get("/people/p-ada-rowan").get_data(as_text=True)
    assert "married to Tom" in lead


def test_dossier_shows_relationship_tenders_influence_and_warm_paths(web: Flask) -> None:
    text = _text(_client(web).get("/people/p-ada-rowan").get_data(as_text=True))
    assert "Kira Lund loyalty" in text
    assert "LMWH anticoagulants 2028-2029" in text
    assert "Who moves Ada" in text
    assert "Warm paths from me" in text
    assert "Kira Lund covers" in text


def test_warm_paths_link_every_name_and_offer_to_ask_for_the_introduction(web: Flask) -> None:
    client = _client(web)
    page = client.get("/people/p-bruno-castell").get_data(as_text=True)
    first = re.search(r'data-testid="warm-path">(.*?)</li>\s*</ol>', page, re.DOTALL)
    assert first
    assert re.findall(r'<a href="/people/([^"]+)">', first.group(1))[:2] == [
        "p-marta-ilves",
        "p-bruno-castell",
    ]
    ask = re.search(r'data-testid="ask-intro" href="([^"]+)"', page)
    assert ask
    form = client.get(unescape(ask.group(1))).get_data(as_text=True)
    assert 'value="Dr. Marta Ilves — ' in form
    assert "Ask for an introduction to Prof. Dr. Bruno Castell." in form


def test_ego_network_has_the_person_and_their_ties(web: Flask) -> None:
    network = _client(web).get("/people/p-ada-rowan/ego.json").get_json()
    ids = {n["id"] for n in network["nodes"]}
    assert "p-ada-rowan" in ids
    assert [n["id"] for n in network["nodes"] if n["centre"]] == ["p-ada-rowan"]
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])


def test_logged_interaction_appears_on_my_week(web: Flask) -> None:
    client = _client(web)
    token = csrf_token(client, "/interactions/new?person=p-marta-ilves")
    form = client.get("/interactions/new?person=p-marta-ilves").get_data(as_text=True)
    interaction_id = re.search(r'id="id" name="id" type="hidden" value="([^"]+)"', form)
    assert interaction_id
    # From the dossier the form starts with her, by name (the label a picker shows).
    met = re.search(r'name="participant" value="([^"]+)"', form)
    assert met
    assert met.group(1).startswith("Dr. Marta Ilves — ")
    due = clock.today() + timedelta(days=3)
    data = {
        "csrf_token": token,
        "id": interaction_id.group(1),
        "date": clock.today().isoformat(),
        "kind": "visit",
        "participant": unescape(met.group(1)),
        "notes": "Talked about the DTC agenda",
        "next_step": "Send the registry summary",
        "due_date": due.isoformat(),
    }
    saved = client.post("/interactions/new", data=data)
    assert saved.status_code == 302
    assert client.post("/interactions/new", data=data).status_code == 302  # double submit
    week = _text(client.get("/").get_data(as_text=True))
    assert week.count("Send the registry summary") == 1
    assert "Dr. Marta Ilves" in week


def test_interaction_form_explains_bad_input_beside_the_fields(web: Flask) -> None:
    client = _client(web)
    token = csrf_token(client, "/interactions/new")
    response = client.post(
        "/interactions/new",
        data={
            "csrf_token": token,
            "id": "i-test-bad",
            "date": clock.today().isoformat(),
            "kind": "visit",
            "participant": "Nobody Here",
            "next_step": "Call back",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "When is the next step due?" in html
    response = client.post(
        "/interactions/new",
        data={
            "csrf_token": token,
            "id": "i-test-bad",
            "date": clock.today().isoformat(),
            "kind": "visit",
            "participant": "Nobody Here",
        },
    )
    assert "No person called “Nobody Here”" in response.get_data(as_text=True)


def test_stale_edit_shows_both_versions_and_the_first_edit_survives(web: Flask) -> None:
    first, second = _client(web), _client(web, LEAD)
    form_first = first.get("/people/p-irena-sokol/edit").get_data(as_text=True)
    form_second = second.get("/people/p-irena-sokol/edit").get_data(as_text=True)

    def fields(html: str) -> dict[str, str]:
        values = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"', html))
        values.update(
            re.findall(r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html)
        )
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        version = re.search(r'name="version" value="(\d+)"', html)
        assert token
        assert version
        return {**values, "csrf_token": token.group(1), "version": version.group(1)}

    mine = {**fields(form_first), "hobbies": "chess; rowing"}
    assert first.post("/people/p-irena-sokol/edit", data=mine).status_code == 302
    theirs = {**fields(form_second), "hobbies": "tango"}
    conflict = second.post("/people/p-irena-sokol/edit", data=theirs)
    assert conflict.status_code == 409
    html = conflict.get_data(as_text=True)
    assert re.search(r'data-testid="theirs-hobbies">chess; rowing<', html)
    assert re.search(r'data-testid="mine-hobbies">tango<', html)
    with web.app_context():
        stored = people.get(web_db.get_session(), "p-irena-sokol")
    assert stored is not None
    assert stored.hobbies == ("chess", "rowing")
    # Saving from the conflict page is deliberate: it carries the version now stored.
    retry = {**fields(html), "hobbies": "tango"}
    assert second.post("/people/p-irena-sokol/edit", data=retry).status_code == 302


def test_edit_validates_like_import_and_saves_nothing_on_error(web: Flask) -> None:
    client = _client(web)
    html = client.get("/people/p-gerd-hollis/edit").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    version = re.search(r'name="version" value="(\d+)"', html)
    assert token
    assert version
    bad = client.post(
        "/people/p-gerd-hollis/edit",
        data={
            "csrf_token": token.group(1),
            "version": version.group(1),
            "given_name": "",
            "family_name": "Hollis",
            "birthday": "31.02.1960",
            "dmu_type": "finanse",
        },
    )
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert "required" in page
    assert "is not a real birthday" in page
    assert "did you mean &#39;finance&#39;?" in page
    with web.app_context():
        stored = people.get(web_db.get_session(), "p-gerd-hollis")
    assert stored is not None
    assert stored.given_name == "Gerd"


def test_tender_page_has_timeline_dmu_coverage_and_what_if(web: Flask) -> None:
    client = _client(web)
    text = _text(client.get("/tenders/t-aurel-lmwh-2027").get_data(as_text=True))
    assert "Submission deadline" in text
    assert "Map the DMU" in text  # the preparation plan
    assert "uncovered" in text
    assert "Tromboval" in text
    dmu = client.get("/tenders/t-aurel-lmwh-2027/dmu.json").get_json()
    with web.app_context():
        members = (
            web_db.get_session()
            .run("MATCH (p:Person)-[:ROLE_IN]->(:Tender {id: 't-aurel-lmwh-2027'}) RETURN count(p)")
            .single()
        )
    assert members is not None
    inside = [n for n in dmu["nodes"] if not n["outside"]]
    assert len(inside) == members[0]
    # The influencer outside the DMU whom the analysis finds is on the map, and named.
    outside = [n["name"] for n in dmu["nodes"] if n["outside"]]
    assert outside == ["Johanna Berk"]
    assert re.search(r"Influencers outside the DMU .* Johanna Berk moves ", text)
    # His consulting for the competitor whose product is in lot 1, and the stance evidence.
    assert "Prof. Dr. Bruno Castell consultant for Rivalis Pharma" in text
    assert "Wants a total-cost model" in text
    asked = client.get("/tenders/t-aurel-lmwh-2027?person=p-bruno-castell&stance=supporter")
    assert 'data-testid="what-if-result"' in asked.get_data(as_text=True)


def test_team_coverage_for_leads_with_csv_and_excel_in_words(web: Flask) -> None:
    lead = _client(web, LEAD)
    text = _text(lead.get("/team/coverage").get_data(as_text=True))
    assert "Load per team member" in text
    assert "uncovered" in text
    csv_text = lead.get("/team/coverage.csv").get_data(as_text=True)
    assert csv_text.startswith("\ufeffPerson,Organization,Job title,Influence rank")
    assert "Prof. Dr. Bruno Castell" in csv_text
    assert "decision_maker" not in csv_text  # words, not the stored values
    assert "decision maker" in csv_text
    # A Finnish, Italian or Russian spreadsheet reads ';' (their decimal sign is a comma).
    finnish = lead.get("/team/coverage.csv", headers={"Accept-Language": "fi-FI,fi;q=0.9"})
    assert finnish.get_data(as_text=True).startswith("\ufeffPerson;Organization;Job title")
    workbook = openpyxl.load_workbook(io.BytesIO(lead.get("/team/coverage.xlsx").data))
    rows = list(workbook.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:3] == ("Person", "Organization", "Job title")
    assert len(rows) - 1 == csv_text.count("\n") - 1


def test_team_coverage_load_counts_everyone_a_kam_covers_and_drills_down(
    web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    lead = _client(web, LEAD)
    page = lead.get("/team/coverage").get_data(as_text=True)
    records, _, _ = driver.execute_query(
        "MATCH (:User {id: 'u-kira'})-[c:COVERS]->(:Person) WHERE c.until IS NULL"
        " RETURN count(c) AS n",
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    )
    covers = records[0]
    shown = re.search(r'data-testid="covers-u-kira">(\d+)<', page)
    key = re.search(r'data-testid="key-u-kira">(\d+)<', page)
    assert shown
    assert key
    assert int(shown.group(1)) == covers["n"]  # all she covers, not only key people
    assert int(key.group(1)) < covers["n"]
    hers = lead.get("/team/coverage?kam=u-kira").get_data(as_text=True)
    assert hers.count('<tr class="') == int(key.group(1))
    flagged = lead.get("/team/coverage?flag=uncovered").get_data(as_text=True)
    rows = re.findall(r'<tr class="([^"]*)">', flagged)
    assert rows
    assert set(rows) == {"flagged"}
    assert _text(flagged).count("uncovered") >= len(rows)
    stale_later = lead.get("/team/coverage?flag=stale&stale=365").get_data(as_text=True)
    stale_sooner = lead.get("/team/coverage?flag=stale&stale=30").get_data(as_text=True)
    assert stale_later.count('<tr class="') < stale_sooner.count('<tr class="')


def test_team_coverage_lists_the_most_influential_first_and_all_on_request(
    web: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = _client(web, LEAD)
    everyone = lead.get("/team/coverage?all=1").get_data(as_text=True)
    total = everyone.count('<tr class="')
    assert total > 5
    assert f"{total} people." in _text(everyone)
    monkeypatch.setattr(team_views, "SHOWN", 5)
    some = lead.get("/team/coverage").get_data(as_text=True)
    assert some.count('<tr class="') == 5
    assert f"The first 5 of {total}." in _text(some)
    assert f"{total} key people" in _text(some)  # the counts are of everyone
    ranks = re.findall(r'<tr class="[^"]*"><td>(\d*)</td>', some)
    assert ranks == re.findall(r'<tr class="[^"]*"><td>(\d*)</td>', everyone)[:5]


def test_meeting_brief_has_hooks_talking_points_and_the_mistakes_to_avoid(web: Flask) -> None:
    client = _client(web)
    text = _text(client.get("/people/p-ada-rowan/brief").get_data(as_text=True))
    assert "Hobbies: sailing, opera" in text
    assert "Talking points (boss type)" in text
    assert "the seven classic mistakes" in text
    assert "Not knowing their organization" in text
    several = client.get("/brief?people=p-ada-rowan;p-irena-sokol").get_data(as_text=True)
    assert several.count('data-testid="brief"') == 2


def test_unknown_records_are_404_pages(web: Flask) -> None:
    client = _client(web)
    for path in ("/people/p-nobody", "/tenders/t-nothing", "/orgs/o-nowhere", "/no/such/page"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.get_data(as_text=True)


def test_personal_calendar_feed_is_secret_and_revocable(web: Flask) -> None:
    client = _client(web)
    assert "You have no feed yet" in client.get("/calendar/").get_data(as_text=True)

    def new_url() -> str:
        token = csrf_token(client, "/calendar/")
        html = client.post("/calendar/new", data={"csrf_token": token}).get_data(as_text=True)
        found = re.search(r'value="(http://localhost/calendar/[^"]+\.ics)"', html)
        assert found
        return found.group(1).removeprefix("http://localhost")

    first = new_url()
    anonymous = web.test_client()
    feed = anonymous.get(first)
    assert feed.status_code == 200
    assert feed.mimetype == "text/calendar"
    ics = feed.get_data(as_text=True)
    assert "SUMMARY:Birthday: Prof. Dr. Ada Rowan" in ics
    assert "Follow-up:" in ics
    assert "Tender submission deadline: LMWH anticoagulants 2028-2029" in ics
    second = new_url()
    assert anonymous.get(first).status_code == 404  # the old URL stopped working
    token = csrf_token(client, "/calendar/")
    client.post("/calendar/revoke", data={"csrf_token": token})
    assert anonymous.get(second).status_code == 404
    assert anonymous.get("/calendar/guess.ics").status_code == 404


def test_new_person_form_checks_like_import_and_writes_nothing_on_error(web: Flask) -> None:
    client = _client(web)
    token = csrf_token(client, "/new/people")
    bad = client.post(
        "/new/people",
        data={
            "csrf_token": token,
            "id": "p-new-kol",
            "given_name": "Nora",
            "family_name": "",
            "birthday": "31.13.1970",
            "dmu_type": "bos",
        },
    )
    assert bad.status_code == 400
    errors = re.findall(
        r'<p class="field-error" role="alert">([^<]+)</p>', bad.get_data(as_text=True)
    )
    assert errors == [
        "required, but empty",
        "&#39;31.13.1970&#39; is not a real birthday: there is no month 13",
        "&#39;bos&#39;: did you mean &#39;boss&#39;?",
    ]
    assert client.get("/people/p-new-kol").status_code == 404
    good = client.post(
        "/new/people",
        data={
            "csrf_token": token,
            "id": "p-new-kol",
            "given_name": "Nora",
            "family_name": "Quell",
            "birthday": "31.12.",
            "hobbies": "chess; hiking",
            "dmu_type": "technical",
        },
    )
    assert good.headers["Location"] == "/people/p-new-kol"
    page = client.get("/people/p-new-kol").get_data(as_text=True)
    assert "31 December" in page
    assert "chess, hiking" in page
    taken = client.post(
        "/new/people",
        data={
            "csrf_token": token,
            "id": "p-ada-rowan",
            "given_name": "X",
            "family_name": "Y",
        },
    )
    assert "is taken" in taken.get_data(as_text=True)


def test_a_stance_change_through_the_tie_form_moves_the_forecast(web: Flask) -> None:
    client = _client(web)
    token = csrf_token(client, "/ties/new?type=ROLE_IN&from_id=p-bruno-castell")
    before = _text(client.get("/tenders/t-aurel-lmwh-2027").get_data(as_text=True))
    row = {
        "csrf_token": token,
        "type": "ROLE_IN",
        "from_id": "p-bruno-castell",
        "to_id": "t-aurel-lmwh-2027",
        "role": "user",
    }
    typo = client.post("/ties/new", data={**row, "stance": "champoin"})
    assert "did you mean &#39;champion&#39;?" in typo.get_data(as_text=True)
    saved = client.post("/ties/new", data={**row, "stance": "champion"})
    assert saved.headers["Location"] == "/people/p-bruno-castell"
    after = _text(client.get("/tenders/t-aurel-lmwh-2027").get_data(as_text=True))
    support = re.compile(r"hold (\d+)% of the DMU's influence")
    was, now = support.search(before), support.search(after)
    assert was
    assert now
    assert int(now.group(1)) > int(was.group(1))


def test_organization_and_tender_edits_are_versioned_too(web: Flask) -> None:
    first, second = _client(web), _client(web, LEAD)
    for path, field, one, two in (
        ("/orgs/org-h-aurel/edit", "city", "Velmora Nord", "Velmora Süd"),
        ("/tenders/t-aurel-lmwh-2027/edit", "specification_notes", "lot 1 first", "lot 2"),
    ):
        form_one = first.get(path).get_data(as_text=True)
        form_two = second.get(path).get_data(as_text=True)

        def fields(html: str) -> dict[str, str]:
            values = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"', html))
            areas = re.findall(
                r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html
            )
            values.update(areas)
            token = re.search(r'name="csrf_token" value="([^"]+)"', html)
            version = re.search(r'name="version" value="(\d+)"', html)
            assert token
            assert version
            return {**values, "csrf_token": token.group(1), "version": version.group(1)}

        assert first.post(path, data={**fields(form_one), field: one}).status_code == 302
        conflict = second.post(path, data={**fields(form_two), field: two})
        assert conflict.status_code == 409, path
        assert f'data-testid="theirs-{field}">{one}<' in conflict.get_data(as_text=True)
    page = first.get("/tenders/t-aurel-lmwh-2027").get_data(as_text=True)
    assert "<strong>Specification:</strong> lot 1 first" in page
    bad = first.get("/orgs/org-h-aurel/edit").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', bad)
    assert token
    refused = first.post(
        "/orgs/org-h-aurel/edit",
        data={
            "csrf_token": token.group(1),
            "version": "99",
            "name": "",
            "kind": "hospitl",
        },
    )
    assert refused.status_code == 400
    assert "did you mean &#39;hospital&#39;?" in refused.get_data(as_text=True)
