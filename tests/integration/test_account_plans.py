"""Account plans, sales and the key-account rules on hand-made figures, in the real Neo4j:
the rules (10%, 30-55%, 75%) in `analyze concentration` and on the pages, the sales import
refusing a bad row, the plan's edit form (a stale save, a KAM refused a lead's change)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph import create_app, web_db
from kamgraph.services import accounts
from kamgraph.services import data as service
from kamgraph.services.data import InvalidBundle

from .helpers import cli_env, kamgraph
from .web_support import PASSWORD, client_of, csrf_token, edit_form

LEAD = "lina.lead@example.com"
KAM = "kai.kam@example.com"
ADMIN = "ada.admin@example.com"

# 2025 (the last complete year on the suite's day, 2026-11-30): Alpha 80, Beta 10, Gamma 6,
# Delta 4 of 100 EUR; Alpha, Gamma and Delta are key accounts. 2024 is a normal year. The
# 2026 row (this year, not complete) and the USD row are not counted.
FILES = {
    "organizations.csv": "id,name,kind,region,is_key_account,parent_id\n"
    "org-a,Alpha Hospital,hospital,South,true,\n"
    "org-b,Beta Clinic,hospital,South,false,\n"
    "org-c,Gamma Hospital,hospital,South,true,\n"
    "org-d,Delta Pharmacies,pharmacy_chain,South,true,\n"
    "org-e,Epsilon Distribution,distributor,South,false,\n"
    "org-a-onc,Alpha Oncology,department,South,,org-a\n"
    "org-us,Our Company,our_company,,,\n",
    "products.csv": "id,name,inn,company_id\n"
    "prd-x,Xarelon,xaroxaban,org-us\nprd-y,Ylotin,ylotinib,org-us\n",
    "sales.csv": "id,account_id,year,product_id,amount,currency\n"
    "s1,org-a,2025,prd-x,50,EUR\n"
    "s2,org-a,2025,prd-y,30,\n"
    "s3,org-b,2025,,10,EUR\n"
    "s4,org-c,2025,prd-x,6,EUR\n"
    "s5,org-d,2025,prd-y,4,EUR\n"
    "s6,org-a,2026,prd-x,1000,EUR\n"
    "s7,org-b,2025,prd-x,500,USD\n"
    "s8,org-a,2024,prd-x,20,EUR\n"
    "s9,org-c,2024,prd-x,15,EUR\n"
    "s10,org-d,2024,prd-y,5,EUR\n"
    "s11,org-b,2024,prd-y,12,EUR\n"
    "s12,org-e,2024,prd-y,48,EUR\n",
    "tenders.csv": "id,title,buyer_id,status,submission_deadline\n"
    "t-onc,Alpha oncology biologics 2027,org-a-onc,announced,2027-02-01\n"
    "t-old,Alpha generics 2025,org-a,awarded,2025-02-01\n",
    "people.csv": "id,given_name,family_name,region,dmu_type\np-head,Hedda,Strand,South,finance\n",
    "relationships.csv": "type,from_id,to_id,role,stance\n"
    "ROLE_IN,p-head,t-onc,budget_holder,sceptic\n",
    "account_plans.csv": "id,account_id,owner_id,objectives,category,wallet_year,wallet\n"
    "ap-org-a,org-a,,Win the oncology tender; Lower our dependency on Alpha,oncology,2025,400\n",
}


def _bundle(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _imported(session: neo4j.Session, folder: Path) -> None:
    try:
        service.import_path(session, folder)
    except InvalidBundle as error:
        pytest.fail("\n".join(service.problem_lines(error)))
    for email, role in ((LEAD, "lead"), (KAM, "kam"), (ADMIN, "admin")):
        accounts.add_user(session, email, role=role, name=None, password=PASSWORD, region="South")


@pytest.fixture
def south(graph: neo4j.Session, tmp_path: Path) -> neo4j.Session:
    """The hand-made accounts imported, with a lead, a KAM and an admin of their region."""
    _imported(graph, _bundle(tmp_path / "south", FILES))
    return graph


@pytest.fixture
def web(south: neo4j.Session, neo4j_config: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(
        {**neo4j_config, "TESTING": True, "SECRET_KEY": "t" * 40, "RATELIMIT_ENABLED": False}
    )
    yield app
    web_db.close(app)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_concentration_json_gives_the_rules_of_the_last_complete_year(
    south: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    ran = kamgraph("analyze", "concentration", "--json", env=cli_env(neo4j_config))
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout)
    # The keys the command always had, on 2025's EUR sales (not 2026's, not the USD row).
    assert report["total_sales"] == 100
    assert report["mono_dependency"] == {"id": "org-a", "name": "Alpha Hospital"}
    assert [(r["id"], r["share"], r["key"]) for r in report["rows"]] == [
        ("org-a", 0.8, True),
        ("org-b", 0.1, False),
        ("org-c", 0.06, True),
        ("org-d", 0.04, True),
    ]
    assert (report["year"], report["basis"]) == (2025, "sales")
    rules = report["rules"]
    assert (rules["band"], rules["key_share"], rules["key_over_75"]) == ("concentrated", 0.9, True)
    assert [a["id"] for a in rules["key_below_10"]] == ["org-c", "org-d"]
    assert [a["id"] for a in rules["candidates"]] == ["org-b"]
    assert (
        "Mono-dependency: Alpha Hospital alone brings 80.0% of our sales, above 75.0%. "
        "Losing it would lose most of our business."
    ) in report["findings"]


def test_concentration_of_a_normal_year_and_in_words(
    south: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    ran = kamgraph(
        "analyze", "concentration", "--year", "2024", "--json", env=cli_env(neo4j_config)
    )
    rules = json.loads(ran.stdout)["rules"]
    assert (rules["band"], rules["key_share"], rules["mono_dependency"]) == ("normal", 0.4, None)
    assert [a["id"] for a in rules["candidates"]] == ["org-e", "org-b"]
    text = kamgraph("analyze", "concentration", "--year", "2024", env=cli_env(neo4j_config))
    said = " ".join(text.stdout.split())
    assert (
        "Key accounts together bring 40.0% of our sales: within the normal 30.0% to 55.0%." in said
    )
    assert (
        "Delta Pharmacies is a key account but brings only 5.0% of our sales, below 10.0%." in said
    )
    assert "Mono-dependency" not in said
    none = kamgraph("analyze", "concentration", "--year", "2019", env=cli_env(neo4j_config))
    assert (none.returncode, none.stderr.strip()) == (2, "Error: no sales recorded in 2019")


def test_without_sales_rows_annual_sales_still_count(
    graph: neo4j.Session, tmp_path: Path, neo4j_config: dict[str, Any]
) -> None:
    folder = _bundle(
        tmp_path / "old",
        {
            "organizations.csv": "id,name,kind,annual_sales,is_key_account\n"
            "org-a,Alpha,hospital,40,true\norg-b,Beta,hospital,60,false\n"
        },
    )
    service.import_path(graph, folder)
    report = json.loads(
        kamgraph("analyze", "concentration", "--json", env=cli_env(neo4j_config)).stdout
    )
    assert (report["basis"], report["year"], report["total_sales"]) == ("annual_sales", None, 100)
    assert report["rules"]["band"] == "normal"
    assert report["mono_dependency"] is None


def test_the_account_plan_page_explains_the_rules(web: Flask) -> None:
    lead = client_of(web, LEAD)
    page = lead.get("/accounts/org-a")
    assert page.status_code == 200
    text = _text(page.get_data(as_text=True))
    assert "Alpha Hospital brings 80.0% of our sales: enough for a key account (10.0%)." in text
    assert "Mono-dependency: Alpha Hospital alone brings 80.0% of our sales" in text
    assert "above the normal 30.0% to 55.0%, so our sales are concentrated on them" in text
    assert "Figures of 2025, the last complete year with sales." in text
    # The plan: objectives, share of wallet (80 of its 400 in oncology), sales per year and
    # product, and the open tender of its oncology department with its DMU.
    assert "Win the oncology tender" in text
    assert "Lower our dependency on Alpha" in text
    assert "we sold €80 of its €400 purchases in oncology: 20.0% of its wallet" in text
    assert "2025 €80 Xarelon €50 · Ylotin €30" in text
    assert "2026 so far €1,000 Xarelon €1,000" in text
    assert "Xarelon" in text
    assert "Ylotin" in text
    assert "Alpha oncology biologics 2027" in text
    assert "Alpha generics 2025" not in text
    assert "Hedda Strand" in text
    assert "budget holder" in text
    assert "sceptic" in text
    assert "finance" in text
    gamma = _text(lead.get("/accounts/org-c").get_data(as_text=True))
    assert (
        "Gamma Hospital is a key account but brings only 6.0% of our sales, below 10.0%." in gamma
    )
    assert "No account plan yet." in gamma
    listed = _text(lead.get("/accounts").get_data(as_text=True))
    assert (
        "Beta Clinic is not a key account but brings 10.0% of our sales, 10.0% or more: "
        "a candidate key account." in listed
    )
    org = lead.get("/orgs/org-a").get_data(as_text=True)
    assert 'href="/accounts/org-a"' in org


def test_a_kam_reads_the_plan_and_its_figures_but_not_the_leads_list(web: Flask) -> None:
    kam = client_of(web, KAM)
    assert kam.get("/accounts/org-a").status_code == 200
    assert kam.get("/accounts").status_code == 403


def test_a_kam_may_not_set_owner_or_objectives_nor_start_a_plan(
    web: Flask, south: neo4j.Session
) -> None:
    kam = client_of(web, KAM)
    form = edit_form(kam, "/accounts/org-a/plan/edit")
    assert set(form) - {"csrf_token", "version"} == {"category", "wallet_year", "wallet"}
    refused = kam.post(
        "/accounts/org-a/plan/edit",
        data={**form, "objectives": "Give Alpha everything", "owner_id": "Kai Kam"},
    )
    assert refused.status_code == 403
    started = kam.post(
        "/accounts/org-c/plan", data={"csrf_token": csrf_token(kam, "/accounts/org-a/plan/edit")}
    )
    assert started.status_code == 403
    row = south.run(
        "MATCH (p:AccountPlan {id: 'ap-org-a'}) "
        "RETURN p.objectives AS o, p.version AS v, COUNT { (:AccountPlan) } AS plans"
    ).single()
    assert row is not None
    assert (row["o"], row["v"], row["plans"]) == (
        ["Win the oncology tender", "Lower our dependency on Alpha"],
        1,
        1,
    )
    # The share-of-wallet figures are hers to keep current.
    saved = kam.post("/accounts/org-a/plan/edit", data={**form, "wallet": "160"})
    assert saved.status_code == 302
    assert "50.0% of its wallet" in _text(kam.get("/accounts/org-a").get_data(as_text=True))


def test_a_lead_starts_a_plan_names_its_owner_and_a_stale_save_conflicts(
    web: Flask, south: neo4j.Session
) -> None:
    lead = client_of(web, LEAD)
    started = lead.post(
        "/accounts/org-c/plan", data={"csrf_token": csrf_token(lead, "/accounts/org-a/plan/edit")}
    )
    assert started.status_code == 302
    mine = edit_form(lead, "/accounts/org-c/plan/edit")
    theirs = edit_form(lead, "/accounts/org-c/plan/edit")
    assert mine["version"] == "1"
    first = lead.post(
        "/accounts/org-c/plan/edit",
        data={
            **theirs,
            "owner_id": "Kai Kam",
            "objectives": "Reach 10% of our sales\nMeet the board",
        },
    )
    assert first.status_code == 302
    stale = lead.post("/accounts/org-c/plan/edit", data={**mine, "objectives": "Something else"})
    assert stale.status_code == 409
    assert "Someone else saved first" in stale.get_data(as_text=True)
    page = _text(lead.get("/accounts/org-c").get_data(as_text=True))
    assert "Reach 10% of our sales" in page
    assert "Meet the board" in page
    assert "Something else" not in page
    assert "Kai Kam" in page
    bad = lead.post(
        "/accounts/org-c/plan/edit",
        data={**edit_form(lead, "/accounts/org-c/plan/edit"), "wallet_year": "20x5"},
    )
    assert bad.status_code == 400
    assert "&#39;20x5&#39; is not a whole number" in bad.get_data(as_text=True)
    trail = south.run(
        "MATCH (e:AuditEntry) WHERE e.target_id = 'ap-org-c' RETURN e.action AS a ORDER BY e.seq"
    ).value("a")
    assert trail == ["create", "edit"]


def test_a_bad_sales_row_is_refused_by_file_line_and_field(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    folder = _bundle(
        tmp_path / "bad",
        {
            "organizations.csv": "id,name,kind\norg-a,Alpha,hospital\n",
            "sales.csv": "id,account_id,year,product_id,amount,currency\n"
            "s1,org-a,2025,,10,EUR\n"
            "s2,org-a,20x5,,10,EUR\n"
            "s3,org-ghost,2025,,,EURO\n",
        },
    )
    with pytest.raises(InvalidBundle) as caught:
        service.import_path(graph, folder)
    assert [str(p) for p in caught.value.problems] == [
        "sales.csv:3: year: '20x5' is not a whole number",
        "sales.csv:4: account_id: unknown organization id 'org-ghost'",
        "sales.csv:4: amount: required, but empty",
        "sales.csv:4: currency: 'EURO' is not a currency code such as EUR",
    ]
    assert graph.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"] == 0


def test_sales_and_plans_round_trip_through_the_export(
    south: neo4j.Session, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    service.export_path(south, first, "json")
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert len(exported["sales"]) == 12
    assert exported["account_plans"][0]["objectives"] == [
        "Win the oncology tender",
        "Lower our dependency on Alpha",
    ]
    south.run("MATCH (n) DETACH DELETE n").consume()
    service.import_path(south, first)
    second = tmp_path / "second.json"
    service.export_path(south, second, "json")
    assert second.read_bytes() == first.read_bytes()
