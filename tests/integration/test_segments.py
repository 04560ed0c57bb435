"""Stakeholder segments, contact boundaries and dossier completeness, on the real Neo4j.

The demo's numbers come from seeds/demo-src/: in the DMU of "LMWH anticoagulants
2028-2029" every key person's dossier is full, but Sanne Ruud's lacks her birthday and
values, and nobody on our team covers Bruno Castell (so his ladder stage is unknown).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import web_db
from kamgraph.repository import people
from kamgraph.services import coverage

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, KAM, LEAD, edit_form, sign_in

LMWH = "t-aurel-lmwh-2027"


def _client(app: Flask, email: str = KAM) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _member_row(html: str, person_id: str) -> str:
    """The text of the table row holding `person_id`'s cell (tender or team coverage)."""
    found = re.search(
        r'<tr[^>]*>(?:(?!</tr>).)*data-testid="(?:member|person)-'
        + re.escape(person_id)
        + r'"(?:(?!</tr>).)*</tr>',
        html,
        re.S,
    )
    assert found, person_id
    return _text(found.group(0))


# --- dossier completeness -------------------------------------------------------------------


def test_the_tender_page_says_how_complete_each_dmu_dossier_is_and_what_is_missing(
    demo_web: Flask,
) -> None:
    html = _client(demo_web, LEAD).get(f"/tenders/{LMWH}").get_data(as_text=True)
    sanne = _member_row(html, "p-sanne-ruud")
    assert "6/8" in sanne
    assert "missing: birthday, values" in sanne
    bruno = _member_row(html, "p-bruno-castell")
    assert "7/8" in bruno
    assert "missing: stage" in bruno
    ada = _member_row(html, "p-ada-rowan")
    assert "8/8" in ada
    assert "missing" not in ada
    # Eight members, eight fields each: all known but Sanne's two and Bruno's one.
    assert "Dossiers of this DMU: 61 of 64 standard fields known" in _text(html)


def test_a_kam_who_may_not_read_values_is_told_they_are_missing_not_what_they_are(
    demo_web: Flask,
) -> None:
    # Nobody covers Bruno Castell: his dossier hides his family and values from Kira, while
    # the DMU's completeness still counts them as known (it never shows a value).
    kira = _client(demo_web)
    dossier = _text(kira.get("/people/p-bruno-castell").get_data(as_text=True))
    assert "Shown to the KAMs who cover" in dossier
    html = kira.get(f"/tenders/{LMWH}").get_data(as_text=True)
    bruno = _member_row(html, "p-bruno-castell")
    assert "7/8" in bruno
    assert "missing: stage" in bruno


def test_the_coverage_report_counts_the_dmu_fields_known(graph_demo: neo4j.Session) -> None:
    report = coverage.coverage_report(graph_demo, tender_id=LMWH)
    by_id = {r.id: r.completeness for r in report.rows}
    assert (by_id["p-sanne-ruud"].known, by_id["p-sanne-ruud"].missing) == (
        6,
        ("birthday", "values"),
    )
    assert by_id["p-bruno-castell"].missing == ("stage",)
    assert (report.completeness.known, report.completeness.total) == (61, 64)
    assert report.completeness.missing == ("birthday", "values", "stage")


# --- segments as filters --------------------------------------------------------------------


def test_search_keeps_the_people_of_a_segment(demo_web: Flask) -> None:
    admin = _client(demo_web, ADMIN)
    both = _text(admin.get("/search?q=brandt&exact=0").get_data(as_text=True))
    assert "Oskar Brandt" in both
    assert "Lotte Brandt" in both
    officials = admin.get("/search?q=brandt&segment=official&exact=0").get_data(as_text=True)
    assert "Oskar Brandt" in _text(officials)
    assert "Lotte Brandt" not in _text(officials)
    assert 'data-testid="results-organization"' not in officials
    kols = _text(admin.get("/search?q=brandt&segment=kol&exact=0").get_data(as_text=True))
    assert "No KOL found for “brandt”" in kols


def test_team_coverage_and_its_download_keep_a_segment(demo_web: Flask) -> None:
    lead = _client(demo_web, LEAD)
    html = lead.get("/team/coverage?segment=kol&all=1").get_data(as_text=True)
    rows = re.findall(r"<tr class=\"[^\"]*\">.*?</tr>", html, re.S)
    assert rows
    assert all("KOL" in _text(row) for row in rows)
    assert "Ada Rowan" in _text(html)
    assert "Gerd Hollis" not in _text(html)  # a DMU member, not a KOL
    everyone = lead.get("/team/coverage?all=1").get_data(as_text=True)
    assert "Gerd Hollis" in _text(everyone)
    download = lead.get("/team/coverage.csv?segment=kol").get_data(as_text=True)
    table = list(csv.DictReader(io.StringIO(download.lstrip("\ufeff")), delimiter=","))
    assert len(table) == len(rows)
    assert all("kol" in row["Segments"] for row in table)
    assert {row["Person"] for row in table} >= {"Prof. Dr. Ada Rowan"}


def test_the_analyses_cli_keeps_only_a_segment_in_its_output(
    demo_web: Flask, neo4j_config: dict[str, Any]
) -> None:
    del demo_web  # loaded the demo
    env = cli_env(neo4j_config)
    ranked = kamgraph("analyze", "influence", "--top", "50", "--json", env=env)
    kols = kamgraph("analyze", "influence", "--top", "50", "--segment", "kol", "--json", env=env)
    assert kols.returncode == 0, kols.stderr
    everyone = {r["id"]: r["rank"] for r in json.loads(ranked.stdout)["rows"]}
    chosen = json.loads(kols.stdout)["rows"]
    assert chosen
    assert "p-ada-rowan" in {r["id"] for r in chosen}
    assert "p-gerd-hollis" not in {r["id"] for r in chosen}
    for row in chosen:  # the same analysis: each keeps its rank among everyone
        assert everyone.get(row["id"], row["rank"]) == row["rank"]
    dmu = kamgraph("analyze", "coverage", "--tender", LMWH, "--segment", "kol", "--json", env=env)
    assert dmu.returncode == 0, dmu.stderr
    assert {r["id"] for r in json.loads(dmu.stdout)["rows"]} == {
        "p-ada-rowan",
        "p-bruno-castell",
        "p-nikos-antoniou",
    }
    groups = kamgraph("analyze", "groups", "--top", "50", "--json", env=env)
    kol_groups = kamgraph("analyze", "groups", "--top", "50", "--segment", "kol", "--json", env=env)
    assert kol_groups.returncode == 0, kol_groups.stderr
    whole = {g["group"]: g for g in json.loads(groups.stdout)["rows"]}
    listed = json.loads(kol_groups.stdout)["rows"]
    members = {m["id"] for g in listed for m in g["members"]}
    assert "p-ada-rowan" in members
    assert "p-gerd-hollis" not in members
    for group in listed:  # the same groups, each listing only its KOLs
        assert group["size"] == whole[group["group"]]["size"]
        kols = {m["id"] for m in group["members"]}
        assert kols <= {m["id"] for m in whole[group["group"]]["members"]}


# --- contact boundaries ---------------------------------------------------------------------


def test_team_coverage_says_each_persons_boundary(demo_web: Flask) -> None:
    html = _client(demo_web, LEAD).get("/team/coverage?all=1").get_data(as_text=True)
    # Elias Nordin's own boundary (21 days); Ada Rowan's from her segments (a DMU member: 30).
    assert re.search(r"every 21 days", _member_row(html, "p-elias-nordin"))
    assert re.search(r"every 30 days", _member_row(html, "p-ada-rowan"))
    assert re.search(r"no contact for \d+ days", _member_row(html, "p-ada-rowan"))
    dossier = _text(_client(demo_web).get("/people/p-ada-rowan").get_data(as_text=True))
    assert "KOL · national" in dossier
    assert "reach 140" in dossier
    assert "contact at least every 30 days (their segments" in dossier


# --- round trip: import, edit form, audit -------------------------------------------------------


def test_the_edit_form_saves_segments_and_the_audit_names_the_change(
    demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    kira = _client(demo_web)
    path = "/people/p-oleg-dvorzhin/edit"
    form = edit_form(kira, path)
    assert form["segments"] == "kol; prescriber"
    assert form["kol_tier"] == "regional"
    refused = kira.post(path, data={**form, "segments": "vip", "kol_tier": "regional"})
    assert refused.status_code == 400
    assert "only for a KOL" in _text(refused.get_data(as_text=True))
    with demo_web.app_context():
        unchanged = people.get(web_db.get_session(), "p-oleg-dvorzhin")
    assert unchanged is not None
    assert unchanged.segments == ("kol", "prescriber")
    saved = kira.post(
        path,
        data={**form, "segments": "kol; vip", "kol_tier": "national", "contact_every_days": "21"},
    )
    assert saved.status_code == 302
    with demo_web.app_context():
        stored = people.get(web_db.get_session(), "p-oleg-dvorzhin")
    assert stored is not None
    assert (stored.segments, stored.kol_tier, stored.contact_every_days) == (
        ("kol", "vip"),
        "national",
        21,
    )
    assert stored.version == int(form["version"]) + 1
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry {action: 'edit', target_id: 'p-oleg-dvorzhin'}) "
        "RETURN a.details AS details ORDER BY a.seq DESC LIMIT 1",
        database_=str(neo4j_config["NEO4J_DATABASE"]),
    )
    changed = json.loads(records[0]["details"])
    assert changed["segments"] == [["kol", "prescriber"], ["kol", "vip"]]
    assert changed["contact_every_days"] == [None, 21]


@pytest.fixture
def graph_demo(demo_web: Flask) -> Any:
    """A session on the demo region the module's app loaded."""
    with demo_web.app_context():
        yield web_db.get_session()
