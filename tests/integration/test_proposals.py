"""Proposals on the real Neo4j: made by typing names, an argument per DMU member chosen by
their type, sending (its follow-up on My week the day after), the "not chased" state, won
and lost with a reason, a stale edit, the import's round trip and a bad row, and who reads
a proposal."""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import neo4j
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import clock, web_db
from kamgraph.services import data as bundle_service
from kamgraph.services import feeds

from .web_support import KAM, LEAD, csrf_token, sign_in

DEMO_SENT = "pr-aurel-lmwh-safety"  # sent, its next-day call overdue: not chased
# A Wednesday after the suite's day (a Monday), to send on; the call is due on Thursday.
SEND_DAY = date(2026, 12, 2)


def _client(app: Flask, email: str = KAM) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _text(response: Any) -> str:
    """A page's words, tags dropped and entities read, spaces squeezed."""
    words = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html.unescape(words).split())


def _new(client: FlaskClient, **typed: Any) -> Any:
    """Post the new-proposal form as a KAM types it (names, never ids)."""
    form = client.get("/proposals/new").get_data(as_text=True)
    found = re.search(r'name="id" value="([^"]+)"', form)
    assert found
    data = {"csrf_token": csrf_token(client, "/proposals/new"), "id": found.group(1), **typed}
    return client.post("/proposals/new", data=data)


def _version(client: FlaskClient, proposal_id: str) -> str:
    page = client.get(f"/proposals/{proposal_id}").get_data(as_text=True)
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found
    return found.group(1)


def _post(client: FlaskClient, proposal_id: str, action: str, **data: str) -> Any:
    token = csrf_token(client, f"/proposals/{proposal_id}")
    return client.post(f"/proposals/{proposal_id}/{action}", data={"csrf_token": token, **data})


def _make(client: FlaskClient, title: str) -> str:
    """A draft to St. Aurel for its LMWH tender, by Kira and Hana; its id."""
    made = _new(
        client,
        title=title,
        account="St. Aurel University Hospital",
        tender="LMWH anticoagulants 2028-2029",
        author=["Kira Lund", "Hana Vesterlund"],
        valid_until="2026-12-31",
        benefits="Fewer needle-stick injuries.",
    )
    assert made.status_code == 302, _text(made)[:2000]
    return made.headers["Location"].rsplit("/", 1)[1]


def test_the_demo_has_a_sent_proposal_nobody_chased(demo_web: Flask) -> None:
    kira = _client(demo_web)
    week = _text(kira.get("/"))
    assert "Call about Venorin safety syringes for St. Aurel 2028-2029" in week
    assert "not chased" in week
    page = _text(kira.get(f"/proposals/{DEMO_SENT}"))
    assert "not chased" in page
    assert "Gerd Hollis" in page
    assert "38,000 injections" in page


def test_the_calendar_feed_holds_my_proposals_follow_up(demo_web: Flask) -> None:
    with demo_web.app_context():
        token = feeds.new_token(web_db.get_session(), "u-kira")
    feed = demo_web.test_client().get(f"/calendar/{token}.ics").get_data(as_text=True)
    unfolded = feed.replace("\r\n ", "")
    assert "SUMMARY:Call about the proposal: Venorin safety syringes for St. Aurel 2028-2029" in (
        unfolded
    )
    assert f"UID:kamgraph-proposal-{DEMO_SENT}.call" in unfolded
    assert "Lipid-lowering therapy for Ostrant 2027" not in unfolded  # Tomas's


def test_a_proposal_typed_by_names_is_sent_and_its_call_is_on_my_week_the_day_after(
    demo_web: Flask,
) -> None:
    kira = _client(demo_web)
    proposal_id = _make(kira, "Venorin syringes: the ward pilot")
    page = _text(kira.get(f"/proposals/{proposal_id}"))
    assert "St. Aurel University Hospital" in page
    assert "LMWH anticoagulants 2028-2029" in page
    assert "Hana Vesterlund, Kira Lund" in page
    # Each DMU member starts from the text for their type, which the KAM edits.
    raw = kira.get(f"/proposals/{proposal_id}").get_data(as_text=True)
    member = re.compile(r'data-member="([^"]+)".*?<textarea[^>]*>([^<]*)</textarea>', re.S)
    starts = {pid: html.unescape(text) for pid, text in member.findall(raw)}
    assert starts["p-gerd-hollis"].startswith("Numbers:")  # finance
    assert starts["p-elias-nordin"].startswith("Technical facts:")  # technical
    assert starts["p-marta-ilves"].startswith("Power and status:")  # boss
    assert starts["p-irena-sokol"].startswith("References:")  # people
    saved = _post(
        kira, proposal_id, "arguments/p-gerd-hollis", argument="Pays for itself in nurse time."
    )
    assert saved.status_code == 302
    assert "Pays for itself in nurse time." in _text(kira.get(f"/proposals/{proposal_id}"))
    assert "Call about Venorin syringes: the ward pilot" not in _text(kira.get("/"))

    # A signed-in session ends after idling: each day signs in afresh.
    with clock.fixed(SEND_DAY):
        kira = _client(demo_web)
        sent = _post(kira, proposal_id, "send", version=_version(kira, proposal_id))
        assert sent.status_code == 302
    with clock.fixed(SEND_DAY + timedelta(days=1)):
        kira = _client(demo_web)
        week = kira.get("/").get_data(as_text=True)
        line = re.search(
            r'<li[^>]*data-step="' + re.escape(proposal_id) + r'\.call".*?</li>', week, re.S
        )
        assert line, "the call is not on My week"
        assert "Call about Venorin syringes: the ward pilot" in _text_of(line.group(0))
        assert "not chased" not in line.group(0)
        # Hana wrote it too: it is on her week as well.
        hana = _client(demo_web, LEAD)
        assert "Call about Venorin syringes: the ward pilot" in _text(hana.get("/"))
    with clock.fixed(SEND_DAY + timedelta(days=2)):  # the call was not made
        kira = _client(demo_web)
        week = kira.get("/").get_data(as_text=True)
        line = re.search(
            r'<li[^>]*data-step="' + re.escape(proposal_id) + r'\.call".*?</li>', week, re.S
        )
        assert line
        assert "not chased" in line.group(0)
        assert "not chased" in _text(kira.get(f"/proposals/{proposal_id}"))
        done = _post(kira, proposal_id, f"follow-up/{proposal_id}.call", done="done", back="week")
        assert done.status_code == 302
        week = kira.get("/").get_data(as_text=True)
        assert f'data-step="{proposal_id}.call"' not in week
        assert "Agree the next steps of Venorin syringes: the ward pilot" in _text_of(week)
        assert "not chased" not in _text(kira.get(f"/proposals/{proposal_id}"))


def _text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_a_form_that_names_nobody_known_is_refused_beside_the_field(demo_web: Flask) -> None:
    kira = _client(demo_web)
    refused = _new(kira, title="Nowhere", account="Hospital of Nowhere", author=["Kira Lund"])
    assert refused.status_code == 400
    assert "No organization called “Hospital of Nowhere”" in _text(refused)


def test_lost_needs_a_reason_won_does_not(demo_web: Flask) -> None:
    kira = _client(demo_web)
    proposal_id = _make(kira, "Syringes: a lost cause")
    with clock.fixed(SEND_DAY):
        sender = _client(demo_web)
        sent = _post(sender, proposal_id, "send", version=_version(sender, proposal_id))
        assert sent.status_code == 302
    kira = _client(demo_web)
    version = _version(kira, proposal_id)
    fields = {"title": "Syringes: a lost cause", "valid_until": "2026-12-31"}
    fields["benefits"] = "Typed just now: the ward's feedback"
    refused = _post(kira, proposal_id, "edit", version=version, status="lost", reason="", **fields)
    assert refused.status_code == 400
    page = _text(refused)
    assert "Say why it was lost" in page
    assert "Typed just now: the ward's feedback" in page  # what was typed is still there
    assert (
        "lost"
        not in re.findall(
            r'data-testid="status">([^<]+)<',
            kira.get(f"/proposals/{proposal_id}").get_data(as_text=True),
        )[0]
    )
    lost = _post(
        kira, proposal_id, "edit", version=version, status="lost",
        reason="Rivalis undercut us by 12%.", **fields,
    )  # fmt: skip
    assert lost.status_code == 302
    page = kira.get(f"/proposals/{proposal_id}").get_data(as_text=True)
    assert 'data-testid="status">lost<' in page
    assert "Rivalis undercut us by 12%." in page
    # Its steps are off My week now that it is closed.
    with clock.fixed(SEND_DAY + timedelta(days=1)):
        assert "Syringes: a lost cause" not in _text(_client(demo_web).get("/"))

    kira = _client(demo_web)
    won_id = _make(kira, "Syringes: a win")
    with clock.fixed(SEND_DAY):
        sender = _client(demo_web)
        sent = _post(sender, won_id, "send", version=_version(sender, won_id))
        assert sent.status_code == 302
    kira = _client(demo_web)
    won = _post(
        kira, won_id, "edit", version=_version(kira, won_id), status="won", reason="",
        title="Syringes: a win",
    )  # fmt: skip
    assert won.status_code == 302
    assert 'data-testid="status">won<' in kira.get(f"/proposals/{won_id}").get_data(as_text=True)


def test_a_stale_edit_is_a_conflict_and_changes_nothing(demo_web: Flask) -> None:
    kira = _client(demo_web)
    proposal_id = _make(kira, "Syringes: two editors")
    stale = _version(kira, proposal_id)
    first = _post(
        kira, proposal_id, "edit", version=stale, status="draft", title="Syringes: first edit"
    )
    assert first.status_code == 302
    second = _post(
        kira, proposal_id, "edit", version=stale, status="draft", title="Syringes: second edit"
    )
    assert second.status_code == 409
    # the form keeps what was typed
    assert 'name="title" value="Syringes: second edit"' in second.get_data(as_text=True)
    page = _text(kira.get(f"/proposals/{proposal_id}"))
    assert "Syringes: first edit" in page
    assert "Syringes: second edit" not in page
    assert _post(kira, proposal_id, "send", version=stale).status_code == 409


def test_lists_on_the_organization_tender_and_my_proposals(demo_web: Flask) -> None:
    kira = _client(demo_web)
    title = "Venorin safety syringes for St. Aurel 2028-2029"
    assert title in _text(kira.get("/orgs/org-h-aurel"))
    assert title in _text(kira.get("/tenders/t-aurel-lmwh-2027"))
    mine = _text(kira.get("/proposals/"))
    assert title in mine
    assert "ICU sedation and anticoagulation for Caldris" in mine
    assert "Lipid-lowering therapy for Ostrant 2027" not in mine  # Tomas wrote it


NORTH = {
    "organizations.csv": "id,name,kind,region\n"
    "org-north-p,Quillane Northern Hospital,hospital,Northmark Region\n",
    "proposals.csv": "id,title,account_id,author_ids,status,reason,valid_until\n"
    "pr-north,Quillane dialysis offer,org-north-p,,sent,,2027-01-31\n"
    "pr-north-lost,Quillane kits,org-north-p,,lost,Too dear,2027-01-31\n",
    "proposal_steps.csv": "id,proposal_id,kind,due,done\n"
    "pr-north.call,pr-north,call,2026-11-20,false\n",
}


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_import_export_round_trip_and_who_reads_it(
    demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    database = str(neo4j_config["NEO4J_DATABASE"])
    with driver.session(database=database) as session:
        done = bundle_service.import_path(session, _folder(tmp_path / "in", NORTH))
        assert done.counts is not None
        assert done.counts.created["proposals"] == 2
        exported = tmp_path / "out.json"
        bundle_service.export_path(session, exported, "json")
        tables = json.loads(exported.read_text(encoding="utf-8"))
        north = next(r for r in tables["proposals"] if r["id"] == "pr-north")
        assert north["account_id"] == "org-north-p"
        assert north["status"] == "sent"
        demo = next(r for r in tables["proposals"] if r["id"] == DEMO_SENT)
        assert demo["author_ids"] == ["u-kira", "u-lead-hana"]
        assert any(r["id"] == f"{DEMO_SENT}.p-gerd-hollis" for r in tables["proposal_arguments"])
        assert any(r["id"] == "pr-north.call" for r in tables["proposal_steps"])
        again = bundle_service.import_path(session, exported, special_reason="the demo's choir")
        assert again.counts is not None
        assert sum(again.counts.updated.values()) == 0
        assert sum(again.counts.created.values()) == 0
    kira = _client(demo_web)
    assert kira.get("/proposals/pr-north").status_code == 404
    assert "Quillane" not in _text(kira.get("/proposals/"))
    token = csrf_token(kira, f"/proposals/{DEMO_SENT}")
    refused = kira.post(
        "/proposals/pr-north/follow-up/pr-north.call", data={"csrf_token": token, "done": "done"}
    )
    assert refused.status_code == 404


BAD = {
    "proposals.csv": "id,title,account_id,status,reason\n"
    "pr-bad-ok,Fine,org-h-aurel,draft,\n"
    "pr-bad-lost,Lost without a word,org-h-aurel,lost,\n"
    "pr-bad-org,Nobody's,org-nowhere,draft,\n",
    "proposal_arguments.csv": "id,proposal_id,person_id,argument\na-bad,pr-bad-ok,p-gerd-hollis,\n",
}


def test_a_bad_row_is_refused_naming_file_line_and_field_and_nothing_is_written(
    demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    database = str(neo4j_config["NEO4J_DATABASE"])
    with driver.session(database=database) as session:
        with pytest.raises(bundle_service.InvalidBundle) as refused:
            bundle_service.import_path(session, _folder(tmp_path, BAD))
        lines = bundle_service.problem_lines(refused.value)
    said = "\n".join(lines)
    assert "proposals.csv:3: reason: a lost proposal needs the reason it was lost" in said
    assert "proposals.csv:4: account_id:" in said
    assert "org-nowhere" in said
    assert "proposal_arguments.csv:2: argument:" in said
    found = driver.execute_query(
        "MATCH (x:Proposal) WHERE x.id STARTS WITH 'pr-bad' RETURN count(x) AS n",
        database_=database,
    ).records[0]["n"]
    assert found == 0


def test_erasing_a_person_deletes_the_arguments_made_to_them(
    demo_web: Flask, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    from kamgraph.repository import privacy as privacy_repo

    database = str(neo4j_config["NEO4J_DATABASE"])
    argument = f"{DEMO_SENT}.p-irena-sokol"
    with driver.session(database=database) as session:
        privacy_repo.erase(session, "p-irena-sokol", nodes=[], ties=[], alone=[], erased="(erased)")
    left = driver.execute_query(
        "MATCH (a:ProposalArgument {id: $id}) RETURN count(a) AS n", id=argument, database_=database
    ).records[0]["n"]
    assert left == 0
    assert "References: Caldris ICU" not in _text(_client(demo_web).get(f"/proposals/{DEMO_SENT}"))
