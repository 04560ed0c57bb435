"""The special-category screen on the real Neo4j: the dossier edit, the interaction log,
imports and the demo seed ask why, save nothing without a reason, and record it."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import neo4j
from flask import Flask
from flask.testing import FlaskClient

from kamgraph import web_db
from kamgraph.repository import audit
from kamgraph.screening.record import SpecialCategory

from .helpers import cli_env, graph_counts, kamgraph
from .web_support import ADMIN, csrf_token, edit_form, sign_in

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"
ADA = "/people/p-ada-rowan"  # Kira covers her: she sees and edits the sensitive fields


def _props(app: Flask, label: str, record_id: str) -> dict[str, Any]:
    with app.app_context():
        found = (
            web_db.get_session()
            .run(
                "MATCH (n {id: $id}) WHERE $label IN labels(n) RETURN properties(n) AS p",
                id=record_id,
                label=label,
            )
            .single()
        )
    assert found is not None
    return dict(found["p"])


def _entries(app: Flask, target: str) -> list[audit.AuditEntry]:
    with app.app_context():
        return audit.recent(web_db.get_session(), target_id=target)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_dossier_edit_asks_why_saves_nothing_then_records_the_reason(
    demo_web: Flask, kira: FlaskClient
) -> None:
    form = edit_form(kira, f"{ADA}/edit")
    version = _props(demo_web, "Person", "p-ada-rowan")["version"]
    asked = kira.post(f"{ADA}/edit", data={**form, "hobbies": "sailing; type 2 diabetic"})
    assert asked.status_code == 400
    page = _text(asked.get_data(as_text=True))
    assert "This looks like health data: 'diabetic'." in page
    assert "special-category data (GDPR Art. 9)" in page
    assert "Why is this needed?" in page
    stored = _props(demo_web, "Person", "p-ada-rowan")
    assert stored["version"] == version  # nothing saved
    assert "diabetic" not in " ".join(stored.get("hobbies") or ())

    why = "She asked us to avoid sugary catering at her department's meetings."
    saved = kira.post(
        f"{ADA}/edit",
        data={**form, "hobbies": "sailing; type 2 diabetic", "special_category_reason": why},
    )
    assert saved.status_code == 302
    stored = _props(demo_web, "Person", "p-ada-rowan")
    assert stored["hobbies"] == ["sailing", "type 2 diabetic"]
    record = SpecialCategory.from_json(stored["special_category"])
    assert record is not None
    assert record.fields == {"hobbies": ("health",)}
    [justified] = record.justifications
    assert (justified.why, justified.categories) == (why, ("health",))
    assert justified.by.startswith("u-")
    assert stored["special_category_words"] == ["hobbies:health:diabetic"]

    entry = next(e for e in _entries(demo_web, "p-ada-rowan") if e.action == "edit")
    details = json.loads(entry.details or "{}")
    assert details["hobbies"][1] == ["sailing", "type 2 diabetic"]
    before, after = details["special_category"]
    assert before is None
    assert json.loads(after)["justifications"][0]["why"] == why
    assert "special_category_words" not in details  # the words stay out of the trail
    assert "diabetic" not in after

    dossier = _text(kira.get(ADA).get_data(as_text=True))
    assert "Special-category data" in dossier
    assert f"Recorded: health (in hobbies). Why: “{why}”" in dossier

    # The same text again (with another change) does not ask again; a new word does.
    form = edit_form(kira, f"{ADA}/edit")
    again = kira.post(f"{ADA}/edit", data={**form, "hobbies": "sailing; type 2 diabetic; chess"})
    assert again.status_code == 302
    new_word = kira.post(
        f"{ADA}/edit", data={**edit_form(kira, f"{ADA}/edit"), "notes": "Wife is pregnant"}
    )
    assert new_word.status_code == 400
    assert "This looks like health data: 'pregnant'." in _text(new_word.get_data(as_text=True))


def test_an_interaction_note_asks_why_and_keeps_the_reason(
    demo_web: Flask, kira: FlaskClient
) -> None:
    form = kira.get("/interactions/new?person=p-ada-rowan").get_data(as_text=True)
    form_id = re.search(r'id="id" name="id" type="hidden" value="([^"]+)"', form)
    participant = re.search(r'name="participant" value="([^"]*)"', form)
    assert form_id
    assert participant
    data = {
        "csrf_token": csrf_token(kira, "/interactions/new"),
        "id": form_id.group(1),
        "date": "2026-11-20",
        "kind": "visit",
        "participant": unescape(participant.group(1)),
        "notes": "Lunch: he mentioned his diabetes, so no dessert next time.",
        "commitments": "Send the titration guide",
    }
    # Talk about the physician's work is not about his health.
    ordinary = kira.post(
        "/interactions/new",
        data={
            **data,
            "id": form_id.group(1) + "w",
            "notes": "Discussed insulin titration on the diabetes ward.",
        },
    )
    assert ordinary.status_code == 302
    asked = kira.post("/interactions/new", data=data)
    assert asked.status_code == 400
    page = _text(asked.get_data(as_text=True))
    assert "This looks like health data: 'his diabetes'." in page
    assert not _entries(demo_web, form_id.group(1))  # nothing saved, nothing audited

    why = "Catering for our next meeting."
    saved = kira.post("/interactions/new", data={**data, "special_category_reason": why})
    assert saved.status_code == 302
    stored = _props(demo_web, "Interaction", form_id.group(1))
    record = SpecialCategory.from_json(stored["special_category"])
    assert record is not None
    assert record.fields == {"notes": ("health",)}
    assert record.justifications[0].why == why
    [entry] = _entries(demo_web, form_id.group(1))
    assert entry.action == "log"
    _, after = json.loads(entry.details or "{}")["special_category"]
    assert json.loads(after)["justifications"][0]["why"] == why
    shown = _text(kira.get(ADA).get_data(as_text=True))
    assert f"Special-category data recorded: health. Why: “{why}”" in shown


def test_a_new_person_form_asks_why_before_it_saves_special_category_text(
    demo_web: Flask, kira: FlaskClient
) -> None:
    form = kira.get("/new/people").get_data(as_text=True)
    new_id = re.search(r'name="id" value="([^"]+)"', form)
    assert new_id
    data = {
        "csrf_token": csrf_token(kira, "/new/people"),
        "id": new_id.group(1),
        "given_name": "Olli",
        "family_name": "Saari",
        "hobbies": "choir; he is a devout Catholic",
    }
    asked = kira.post("/new/people", data=data)
    assert asked.status_code == 400
    assert "This looks like data about religion" in _text(asked.get_data(as_text=True))
    with demo_web.app_context():
        none = (
            web_db.get_session()
            .run("MATCH (p:Person {id: $id}) RETURN count(p)", id=new_id.group(1))
            .single()
        )
    assert none == [0]
    why = "He asked us to avoid Sunday meetings."
    saved = kira.post("/new/people", data={**data, "special_category_reason": why})
    assert saved.status_code == 302
    record = SpecialCategory.from_json(
        _props(demo_web, "Person", new_id.group(1))["special_category"]
    )
    assert record is not None
    assert record.fields == {"hobbies": ("religion",)}
    assert record.justifications[0].why == why
    [entry] = _entries(demo_web, new_id.group(1))
    assert entry.action == "create"
    assert "special_category" in json.loads(entry.details or "{}")


def test_the_demo_records_why_its_choir_singers_are_kept(
    demo_web: Flask, kira: FlaskClient
) -> None:
    stored = _props(demo_web, "Person", "p-mirela-dascu")
    record = SpecialCategory.from_json(stored["special_category"])
    assert record is not None
    assert record.fields == {"hobbies": ("religion",)}
    assert "fictional" in record.justifications[0].why
    assert _props(demo_web, "Person", "p-greta-holm").get("special_category") is None
    # Her hobbies saved again, with the choir, do not ask again.
    admin = demo_web.test_client()
    sign_in(admin, ADMIN)
    path = "/people/p-mirela-dascu/edit"
    hobbies = "gardening; church choir; baking; chess"
    saved = admin.post(path, data={**edit_form(admin, path), "hobbies": hobbies})
    assert saved.status_code == 302


def _bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(MINIMAL, folder)
    people = (folder / "people.csv").read_text(encoding="utf-8")
    people = people.replace("married to Tom,patient outcomes", "married to Tom,devout Catholic")
    people = people.replace(
        "Иван,Петров,Dr.,Pharmacy,29.02.,chess",
        "Иван,Петров,Dr.,Pharmacy,29.02.,шахматы; член партии КПРФ",
    )
    (folder / "people.csv").write_text(people, encoding="utf-8")
    return folder


def test_an_import_is_refused_without_a_reason_and_kept_with_one(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    folder = _bundle(tmp_path)
    refused = kamgraph("import", str(folder), env=cli_env(neo4j_config))
    assert refused.returncode == 1
    hits = [line for line in refused.stderr.splitlines() if not line.startswith("Error:")]
    assert hits == [
        "people.csv:2: values: looks like special-category data (religion: 'devout', 'Catholic')",
        "people.csv:3: hobbies: looks like special-category data (politics: 'член партии', 'КПРФ')",
    ]
    assert "--special-category-reason" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert graph_counts(graph) == (0, 0)  # nothing written, not even an audit entry
    dry = kamgraph("import", "--dry-run", str(folder), env=cli_env(neo4j_config))
    assert dry.returncode == 1

    why = "Migrated from the 2025 CRM; reviewed by the DPO, ticket DPO-114."
    kept = kamgraph(
        "import", str(folder), "--special-category-reason", why, env=cli_env(neo4j_config)
    )
    assert kept.returncode == 0, kept.stderr
    assert "2 field(s) look like special-category data" in kept.stdout
    ada = graph.run("MATCH (p:Person {id: 'p-ada'}) RETURN p.special_category AS s").single()
    assert ada is not None
    record = SpecialCategory.from_json(ada["s"])
    assert record is not None
    assert record.fields == {"values": ("religion",)}
    assert record.justifications[0].why == why
    assert record.justifications[0].by.startswith("cli:")
    clean = graph.run("MATCH (p:Person {id: 'p-eleni'}) RETURN p.special_category AS s").single()
    assert clean is not None
    assert clean["s"] is None
    [entry] = audit.recent(graph, target_id=str(folder.resolve()))
    assert entry.action == "import"
    summary = json.loads(json.loads(entry.details or "{}")["special_category"][1])
    assert summary == {
        "categories": ["religion", "politics"],
        "why": why,
        "records": 2,
        "fields": ["people.hobbies", "people.values"],
    }
