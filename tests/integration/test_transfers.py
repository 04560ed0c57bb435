"""Transfers of value on the real Neo4j: the rules' caps and blocks (nothing stored), what
needs approval, the compliance officer's decision (audited; a KAM may not), the yearly
disclosure report (totals, watermark, audited), and conflicts of interest from transfers."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import neo4j
import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from kamgraph import clock
from kamgraph.i18n import restored
from kamgraph.models import Transfer
from kamgraph.repository import transfers as transfers_repo

from .helpers import cli_env, kamgraph
from .web_support import (
    ADMIN,
    COMPLIANCE,
    KAM,
    add_compliance_officer,
    client_of,
    csrf_token,
)


@pytest.fixture(scope="module")
def setup(demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]) -> dict[str, Any]:
    """The demo, plus: Lumen Pharmacies is in Italy (its caps block), a compliance officer
    added through the CLI, and a distributor's manager with a role in an open tender."""
    database = str(neo4j_config["NEO4J_DATABASE"])
    driver.execute_query(
        "MATCH (o:Organization {id: 'org-pharm-lumen'}) SET o.country = 'IT'", database_=database
    )
    driver.execute_query(
        "MATCH (p:Person {id: 'p-yara-lenz'}), (t:Tender {id: 't-purch-antiinf-2027'}) "
        "MERGE (p)-[:ROLE_IN {role: 'gatekeeper', stance: 'neutral'}]->(t)",
        database_=database,
    )
    add_compliance_officer(neo4j_config)
    return {"database": database}


def _record(client: FlaskClient, **typed: str) -> tuple[int, str, str]:
    """Post the form as a user would type it; (status, page or flash text, the form's id)."""
    form = client.get("/transfers/new").get_data(as_text=True)
    found = re.search(r'name="id" type="hidden" value="([^"]+)"', form) or re.search(
        r'id="id" name="id" type="hidden" value="([^"]+)"', form
    )
    assert found, form[:2000]
    data = {
        "csrf_token": csrf_token(client, "/transfers/new"),
        "id": found.group(1),
        "kind": "meal",
        "currency": "EUR",
        "date": clock.today().isoformat(),
        "given_by": "",
        "event": "",
        "purpose": "",
        **typed,
    }
    response = client.post("/transfers/new", data=data, follow_redirects=True)
    return response.status_code, response.get_data(as_text=True), found.group(1)


def _stored(database: str, driver: neo4j.Driver, transfer_id: str) -> dict[str, Any] | None:
    records, _, _ = driver.execute_query(
        "MATCH (x:Transfer {id: $id}) RETURN properties(x) AS x",
        id=transfer_id,
        database_=database,
    )
    return dict(records[0]["x"]) if records else None


def _audit(driver: neo4j.Driver, database: str, target: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:AuditEntry {target_id: $t}) RETURN a {.action, .user_id, .details} AS a "
        "ORDER BY a.seq",
        t=target,
        database_=database,
    )
    return [dict(r["a"]) for r in records]


# --- caps and blocks ----------------------------------------------------------------------


def test_a_meal_above_the_italian_cap_is_refused_and_nothing_is_stored(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver
) -> None:
    kira = client_of(demo_web, KAM)
    status, page, form_id = _record(kira, person="Felix Arden", amount="85")
    assert status == 400
    assert "Meal of €85 is above the cap of €60 per meal in Italy." in page
    assert "Nothing was stored" in page
    assert _stored(setup["database"], driver, form_id) is None
    assert _audit(driver, setup["database"], form_id) == []  # a refused change leaves none


def test_a_meal_within_the_cap_to_a_private_person_is_recorded_as_it_is(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver
) -> None:
    kira = client_of(demo_web, KAM)
    status, page, form_id = _record(
        kira, person="Felix Arden", amount="55.50", purpose="Lunch: winter range review"
    )
    assert status == 200
    assert "The meal of €55.50 is recorded." in page
    stored = _stored(setup["database"], driver, form_id)
    assert stored is not None
    assert (stored["status"], stored["amount"], stored["amount_minor"]) == (
        "recorded",
        "55.50",
        5550,
    )
    assert stored["recorded_by"] == "u-kira"
    assert [e["action"] for e in _audit(driver, setup["database"], form_id)] == ["transfer"]
    # The dossier lists it, for anyone who opens it.
    dossier = kira.get("/people/p-felix-arden").get_data(as_text=True)
    assert "Lunch: winter range review" in dossier
    assert "€55.50" in dossier


def test_a_meal_above_the_default_cap_warns_and_the_warning_is_stored(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver
) -> None:
    kira = client_of(demo_web, KAM)
    status, page, form_id = _record(kira, person="Carsten Hale", amount="70")
    assert status == 200
    warning = "Meal of €70 is above the default cap of €50 per meal."
    assert warning in page
    stored = _stored(setup["database"], driver, form_id)
    assert stored is not None
    assert stored["status"] == "recorded"
    assert [restored(f) for f in stored["findings"]] == [warning]


def test_the_annual_cap_adds_up_every_kind_through_the_year(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    # Felix Arden has €55.50 from the test before (tests in this module only add).
    with driver.session(database=setup["database"]) as session:
        before = transfers_repo.facts(session, "p-felix-arden", clock.today())
    assert before is not None
    already = sum((g.amount for g in before.given), Decimal(0))
    added = kamgraph(
        "transfers",
        "add",
        "--person",
        "Felix Arden",
        "--kind",
        "honorarium",
        "--amount",
        str(700 - already),
        "--given-by",
        "Kira Lund",
        "--purpose",
        "Advisory board fee",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert "recorded" in added.stdout
    refused = kamgraph(
        "transfers",
        "add",
        "--person",
        "Felix Arden",
        "--kind",
        "travel",
        "--amount",
        "100.01",
        "--given-by",
        "Kira Lund",
        env=env,
    )
    assert refused.returncode == 1
    year = clock.today().year
    said = (
        f"Felix Arden would have received €800.01 in {year}, above the cap of €800 a year "
        "per person in Italy"
    )
    assert said in refused.stderr
    assert "Nothing was stored" in refused.stderr
    exactly = kamgraph(
        "transfers",
        "add",
        "--person",
        "Felix Arden",
        "--kind",
        "travel",
        "--amount",
        "100",
        "--given-by",
        "Kira Lund",
        env=env,
    )
    assert exactly.returncode == 0, exactly.stderr  # at the cap is within it


def test_a_gift_is_blocked_and_bad_input_names_the_field(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver
) -> None:
    kira = client_of(demo_web, KAM)
    status, page, form_id = _record(kira, person="Carsten Hale", kind="gift", amount="20")
    assert status == 400
    assert "Gifts are not allowed by the default rules." in page
    assert _stored(setup["database"], driver, form_id) is None
    for typed, message in (
        ({"amount": "lots"}, "&#39;lots&#39; is not an amount"),
        ({"amount": "10", "currency": "EURO"}, "&#39;EURO&#39; is not an ISO 4217 currency code"),
        ({"amount": "10", "person": "Nobody Atall"}, "No person called “Nobody Atall”"),
        ({"amount": "10", "event": "Zzyzx Summit"}, "No event called “Zzyzx Summit”"),
    ):
        status, page, form_id = _record(kira, **{"person": "Carsten Hale", **typed})
        assert status == 400, typed
        assert message in page, typed
        assert _stored(setup["database"], driver, form_id) is None


# --- approvals ----------------------------------------------------------------------------


def test_an_official_and_an_open_tender_role_need_approval_and_compliance_decides(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver
) -> None:
    database = setup["database"]
    kira = client_of(demo_web, KAM)
    status, page, official = _record(
        kira, person="Carla Fenwick", amount="30", event="Velmora Diabetes Symposium 2026"
    )
    assert status == 200
    assert "waits for a compliance officer&#39;s approval" in page
    assert "is a public official: they work at a hospital (Caldris Internal Medicine)." in page
    stored = _stored(database, driver, official)
    assert stored is not None
    assert stored["status"] == "pending"
    status, page, tender_member = _record(kira, person="Yara Lenz", amount="25")
    assert status == 200
    stored = _stored(database, driver, tender_member)
    assert stored is not None
    assert stored["status"] == "pending"
    assert [restored(f) for f in stored["findings"]] == [
        "Yara Lenz has a role in an open tender: gatekeeper in “Carbapenems and "
        "anti-infectives 2027”."
    ]
    # A KAM sees neither the queue nor may decide.
    assert kira.get("/transfers/queue").status_code == 403
    token = csrf_token(kira, "/transfers/new")
    attempt = {"csrf_token": token, "decision": "approve", "note": "fine"}
    refused = kira.post(f"/transfers/{official}/decide", data=attempt)
    assert refused.status_code == 403
    assert _stored(database, driver, official)["status"] == "pending"  # type: ignore[index]
    # The compliance officer sees both in the queue and decides, with a note.
    clara = client_of(demo_web, COMPLIANCE)
    queue = clara.get("/transfers/queue").get_data(as_text=True)
    assert f'data-transfer="{official}"' in queue
    assert f'data-transfer="{tender_member}"' in queue
    # ... and reads the reasons the rules gave in her own language, whatever the KAM's.
    _reads_in_russian(
        clara, "/transfers/queue", "%(name)s has a role in an open tender: %(roles)s."
    )
    token = csrf_token(clara, "/transfers/queue")
    no_note = clara.post(
        f"/transfers/{official}/decide",
        data={"csrf_token": token, "decision": "approve", "note": " "},
        follow_redirects=True,
    )
    assert "Say in a sentence why" in no_note.get_data(as_text=True)
    assert _stored(database, driver, official)["status"] == "pending"  # type: ignore[index]
    approved = clara.post(
        f"/transfers/{official}/decide",
        data={"csrf_token": token, "decision": "approve", "note": "Coffee at a scientific meeting"},
        follow_redirects=True,
    )
    assert "Transfer approved." in approved.get_data(as_text=True)
    rejected = clara.post(
        f"/transfers/{tender_member}/decide",
        data={"csrf_token": token, "decision": "reject", "note": "Not during the tender"},
    )
    assert rejected.status_code == 302
    after = _stored(database, driver, official)
    assert after is not None
    clara_id, _, _ = driver.execute_query(
        "MATCH (u:User {email: $e}) RETURN u.id AS id", e=COMPLIANCE, database_=database
    )
    assert (after["status"], after["decided_by"], after["decision_note"]) == (
        "approved",
        clara_id[0]["id"],
        "Coffee at a scientific meeting",
    )
    assert _stored(database, driver, tender_member)["status"] == "rejected"  # type: ignore[index]
    entries = _audit(driver, database, official)
    assert [e["action"] for e in entries] == ["transfer", "transfer approve"]
    assert json.loads(entries[1]["details"])["status"] == ["pending", "approved"]
    # Deciding twice is a conflict; an unknown id is a 404; neither is audited.
    again = clara.post(
        f"/transfers/{official}/decide",
        data={"csrf_token": token, "decision": "reject", "note": "no"},
    )
    assert again.status_code == 409
    assert (
        clara.post(
            "/transfers/tv-nope/decide",
            data={"csrf_token": token, "decision": "approve", "note": "x"},
        ).status_code
        == 404
    )
    assert len(_audit(driver, database, official)) == 2
    # Compliance reads the ledger, never the sensitive fields of a dossier.
    assert official in clara.get("/transfers/").get_data(as_text=True)
    dossier = clara.get("/people/p-ada-rowan").get_data(as_text=True)
    assert "sailing" in dossier  # the dossier opens ...
    assert "married to Tom" not in dossier  # ... without its sensitive fields


def test_a_kam_sees_what_she_gave_and_the_demo_queue_is_not_empty(
    setup: dict[str, Any], demo_web: Flask
) -> None:
    kira = client_of(demo_web, KAM)
    ledger = kira.get("/transfers/").get_data(as_text=True)
    assert "tv-demo-06" in ledger  # hers: pending
    assert "tv-demo-03" not in ledger  # Lea's
    admin = client_of(demo_web, ADMIN)
    assert "tv-demo-03" in admin.get("/transfers/").get_data(as_text=True)
    assert 'data-transfer="tv-demo-06"' in admin.get("/transfers/queue").get_data(as_text=True)


# --- the disclosure report ----------------------------------------------------------------


def test_the_yearly_report_sums_per_person_and_category_with_a_watermark_and_is_audited(
    setup: dict[str, Any],
    demo_web: Flask,
    driver: neo4j.Driver,
    neo4j_config: dict[str, Any],
    tmp_path: Path,
) -> None:
    year = clock.today().year
    clara = client_of(demo_web, COMPLIANCE)
    response = clara.get(
        f"/transfers/export?year={year}&format=csv", headers={"Accept-Language": "it-IT,it;q=0.9"}
    )
    assert response.status_code == 200
    text = response.get_data().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))  # Italian: ';' and ','
    assert lines[0][0].startswith(f"Confidential: transfers of value {year}")
    assert f"exported by Clara Vogt <{COMPLIANCE}>" in lines[0][0]
    header, rows = lines[1], {r[3]: dict(zip(lines[1], r, strict=True)) for r in lines[2:]}
    fenwick = rows["p-carla-fenwick"]  # demo: registration 380 + travel 290, both approved;
    # and the €30 meal approved in the test above (hospitality goes with travel)
    assert fenwick["Contribution to costs of events: registration fees"] == "380,00"
    assert (
        fenwick["Contribution to costs of events: travel, accommodation and hospitality (meals)"]
        == "320,00"
    )
    assert (fenwick["Total"], fenwick["Currency"], fenwick["Transfers"]) == ("700,00", "EUR", "3")
    assert rows["p-helena-strand"]["Fee for service and consultancy: fees"] == "600,00"
    assert "p-samuel-keane" not in rows  # rejected
    assert "p-ada-rowan" not in rows  # pending
    assert "Donations and grants" in header
    entries = _audit(driver, setup["database"], f"transfers-{year}")
    assert entries[-1]["action"] == "transfers export"
    assert json.loads(entries[-1]["details"])["rows"] == [None, len(rows)]
    # A KAM may not download it.
    assert client_of(demo_web, KAM).get(f"/transfers/export?year={year}").status_code == 403
    # XLSX from the web, and CSV from the command line, watermarked too.
    book = clara.get(f"/transfers/export?year={year}&format=xlsx")
    sheet = load_workbook(io.BytesIO(book.get_data())).active
    assert sheet is not None
    assert str(sheet["A1"].value).startswith(f"Confidential: transfers of value {year}")
    assert sheet["A2"].value == "Person"
    out = tmp_path / "tov.csv"
    ran = kamgraph(
        "transfers",
        "export",
        "--year",
        str(year),
        "--format",
        "csv",
        "--out",
        str(out),
        env=cli_env(neo4j_config),
    )
    assert ran.returncode == 0, ran.stderr
    written = out.read_text(encoding="utf-8-sig").splitlines()
    assert "exported by cli:" in written[0]
    assert len(written) == 2 + len(rows)
    assert _audit(driver, setup["database"], f"transfers-{year}")[-1]["user_id"].startswith("cli:")


# --- conflicts of interest ----------------------------------------------------------------


def test_a_dmu_member_who_received_transfers_in_the_last_12_months_is_flagged(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    kira = client_of(demo_web, KAM)
    tender = kira.get("/tenders/t-tcomm-onc-2027").get_data(as_text=True)
    row = re.search(
        r'<tr class="conflicted"><td><a href="/people/p-helena-strand">(.*?)</tr>',
        tender,
        re.DOTALL,
    )
    assert row, "Helena Strand's approved honorarium is not flagged"
    assert "received 1 transfer of value from us worth €600 in the last 12 months" in row.group(1)
    # Older than 12 months, pending or rejected: not counted.
    with driver.session(database=setup["database"]) as session:
        transfers_repo.create(
            session,
            Transfer(
                id="tv-old",
                person_id="p-anton-meyr",
                kind="honorarium",
                amount=Decimal(500),
                currency="EUR",
                date=clock.today() - timedelta(days=366),
                given_by="u-kira",
                status="approved",
            ),
        )
    ran = kamgraph(
        "analyze", "coverage", "--tender", "t-tcomm-onc-2027", "--json", env=cli_env(neo4j_config)
    )
    assert ran.returncode == 0, ran.stderr
    flagged = {r["id"]: r["conflicts"] for r in json.loads(ran.stdout)["rows"] if r["conflicts"]}
    transfers = {
        pid: [c for c in found if c["kind"] == "transfers"] for pid, found in flagged.items()
    }
    expected = {"kind": "transfers", "currency": "EUR", "minor": 60000, "count": 1, "total": "€600"}
    assert transfers["p-helena-strand"] == [expected]
    assert not transfers.get("p-anton-meyr")
    # The brief says it too.
    brief = kira.get("/people/p-helena-strand/brief").get_data(as_text=True)
    assert "worth €600 in the last 12 months" in brief
    # The demo's Castell/Rivalis case stays the only flag on the LMWH tender (Ada Rowan's
    # honorarium is pending, so it does not count yet).
    lmwh = kira.get("/tenders/t-aurel-lmwh-2027").get_data(as_text=True)
    assert lmwh.count('data-testid="conflict"') == 1
    assert "consultant for Rivalis Pharma, which bids Tromboval" in lmwh


# --- in the reader's language -------------------------------------------------------------


def _catalogue(lang: str, context: str | None = None) -> dict[str, str]:
    """The language's translations of the messages in `context` (None: none)."""
    path = Path(__file__).resolve().parents[2] / "kamgraph" / "translations" / lang
    with (path / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        found = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in found if m.id and m.context == context}


def _fixed_words(translation: str) -> list[str]:
    """The words of a translation between its placeholders (what a page must show)."""
    parts = (part.strip(" .,:;") for part in re.split(r"%\(\w+\)s", translation))
    return [part for part in parts if part]


def _reads_in_russian(client: FlaskClient, path: str, message: str) -> None:
    """The page at `path` says `message` in Russian, and not in English."""
    page = html.unescape(client.get(path, headers={"Accept-Language": "ru"}).get_data(as_text=True))
    assert all(words in page for words in _fixed_words(_catalogue("ru")[message]))
    assert all(words not in page for words in _fixed_words(message))


def test_a_refusal_and_a_typo_in_a_name_speak_the_reader_s_language(
    setup: dict[str, Any], demo_web: Flask, driver: neo4j.Driver
) -> None:
    """An Italian KAM is refused a meal in Italian, with the amount and the cap as Italians
    write money; a Russian KAM who mistypes a name is told so in Russian."""
    kira = client_of(demo_web, KAM)
    kira.environ_base["HTTP_ACCEPT_LANGUAGE"] = "it"
    status, page, form_id = _record(kira, person="Felix Arden", amount="85")
    page = html.unescape(page)
    italian = _catalogue("it")
    assert status == 400
    meal = italian["Meal of %(amount)s is above the cap of %(cap)s per meal in %(country)s."]
    for words in _fixed_words(meal):
        assert words in page
    assert "85\xa0€" in page
    assert "60\xa0€" in page
    assert "Italia" in page
    assert "Meal of" not in page
    assert _stored(setup["database"], driver, form_id) is None

    kira.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru"
    status, page, _ = _record(kira, person="Феликс Ардон Нет", amount="10")
    page = html.unescape(page)
    unknown = _catalogue("ru")[
        "No person called “%(text)s”. Check the spelling, or create them first."
    ]
    assert status == 400
    assert unknown % {"text": "Феликс Ардон Нет"} in page
    assert "No person called" not in page


def test_the_notice_letter_speaks_the_language_of_the_country_the_person_works_in(
    setup: dict[str, Any], demo_web: Flask
) -> None:
    """Felix Arden works at an Italian pharmacy chain: his letter is Italian unless the
    officer picks another language; the page around it stays in the officer's."""
    clara = client_of(demo_web, COMPLIANCE)
    italian = _catalogue("it")["Dear %(name)s,"] % {"name": "Felix Arden"}
    letter = html.unescape(clara.get("/privacy/notice/p-felix-arden").get_data(as_text=True))
    assert '<article class="brief letter" data-testid="notice" lang="it"' in letter
    assert italian in letter
    assert "Dear Felix Arden," not in letter
    assert '<html lang="en"' in letter  # the page around the letter: the officer's
    english = html.unescape(
        clara.get("/privacy/notice/p-felix-arden?lang=en").get_data(as_text=True)
    )
    assert "Dear Felix Arden," in english
    assert italian not in english


def test_the_audit_trail_says_what_was_done_in_the_reader_s_words(
    setup: dict[str, Any], demo_web: Flask
) -> None:
    client_of(demo_web, KAM).get("/people/p-felix-arden")
    clara = client_of(demo_web, COMPLIANCE)
    page = clara.get("/audit/people/p-felix-arden", headers={"Accept-Language": "fi"})
    finnish = _catalogue("fi", "audit action")
    text = html.unescape(page.get_data(as_text=True))
    assert f">{finnish['viewed']}<" in text
    assert ">view<" not in text
