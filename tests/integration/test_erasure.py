"""Erasure (GDPR Art. 17) and retention: after `kamgraph privacy erase`, nothing in the whole
database names the person, the search does not find them, and the audit trail still
verifies; `kamgraph privacy purge` erases whoever is past their retention date."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph import clock, web_db

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, KAM, demo_app_on, sign_in

ADA = "p-ada-rowan"  # covered by Kira, with dozens of ties and six meetings


@pytest.fixture
def viewed(graph: neo4j.Session, neo4j_config: dict[str, Any]) -> Flask:
    """The demo, Ada Rowan's dossier viewed and looked for by name, and mentioned in
    another person's notes, in a tie's evidence and in a meeting with someone else."""
    app = demo_app_on(graph, neo4j_config)
    kira = app.test_client()
    sign_in(kira, KAM)
    assert kira.get(f"/people/{ADA}").status_code == 200
    assert kira.get("/search?q=Ada+Rowan").status_code == 302  # one hit: audited, by name
    assert kira.get(f"/people/{ADA}/brief").status_code == 200
    graph.run(
        "MATCH (p:Person {id: 'p-irena-sokol'}) "
        "SET p.notes = 'Close to Dr. Ada Rowan; ask ROWAN about the trial.'"
    ).consume()
    graph.run(
        "MATCH (:Person {id: 'p-irena-sokol'})-[r:INFLUENCES|KNOWS]-() WITH r LIMIT 1 "
        "SET r.evidence = 'seen with ada rowan at the congress'"
    ).consume()
    return app


def _everything(graph: neo4j.Session) -> list[tuple[str, str, str]]:
    """Every property of every node and tie, as (what, key, text)."""
    found: list[tuple[str, str, str]] = []
    for labels, props in graph.run("MATCH (n) RETURN labels(n), properties(n)").values():
        found += [(str(labels), k, json.dumps(v, default=str)) for k, v in props.items()]
    for kind, props in graph.run("MATCH ()-[r]->() RETURN type(r), properties(r)").values():
        found += [(kind, k, json.dumps(v, default=str)) for k, v in props.items()]
    return found


def _naming(graph: neo4j.Session, *words: str) -> list[tuple[str, str, str]]:
    return [f for f in _everything(graph) if any(w in f[2].lower() for w in words)]


def test_after_an_erasure_nothing_in_the_database_names_the_person(
    viewed: Flask, graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    assert len(_naming(graph, "rowan", ADA)) > 10  # the dossier, the audit, the notes
    ties = graph.run("MATCH (:Person {id: $id})-[r]-() RETURN count(r)", id=ADA).single()
    assert ties is not None
    env = cli_env(neo4j_config)
    ran = kamgraph("privacy", "erase", ADA, "--yes", env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert f"erased p-ada-rowan: {ties[0]} ties" in ran.stdout
    assert _naming(graph, "rowan", ADA) == []
    # The search box, over the full-text indexes, finds nothing either.
    admin = viewed.test_client()
    sign_in(admin, ADMIN)
    page = admin.get("/search?q=Rowan&exact=0").get_data(as_text=True)
    assert "Nothing found for “Rowan”" in page
    assert admin.get(f"/people/{ADA}").status_code == 404
    # The colleague's notes and the tie's evidence keep everything but the name.
    notes = graph.run("MATCH (p:Person {id: 'p-irena-sokol'}) RETURN p.notes").single()
    assert notes == ["Close to Dr. [erased]; ask [erased] about the trial."]
    # The meetings she alone took part in keep their date and author, not their notes.
    blanked = graph.run("MATCH (i:Interaction {notes: '[erased]'}) RETURN count(i)").single()
    assert blanked is not None
    assert blanked[0] >= 1
    # The audit trail still verifies, and keeps a pseudonymous record of the erasure.
    verified = kamgraph("audit", "verify", env=env)
    assert verified.returncode == 0, verified.stdout
    erasure = graph.run(
        "MATCH (a:AuditEntry {action: 'erase'}) RETURN a.target_id, a.details"
    ).single()
    assert erasure is not None
    assert erasure[0].startswith("erased:")
    assert json.loads(erasure[1])["ties"] == [None, ties[0]]
    erased = graph.run(
        "MATCH (a:AuditEntry) WHERE a.erased_at IS NOT NULL RETURN count(a), count(a.salt)"
    ).single()
    assert erased is not None
    assert erased[0] >= 3
    assert erased[1] == 0
    web_db.close(viewed)


def test_an_erased_entry_changed_afterwards_is_still_found(
    viewed: Flask, graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    assert kamgraph("privacy", "erase", ADA, "--yes", env=env).returncode == 0
    graph.run(
        "MATCH (a:AuditEntry) WHERE a.erased_at IS NOT NULL WITH a LIMIT 1 "
        "SET a.target_id_digest = 'f00'"
    ).consume()
    verified = kamgraph("audit", "verify", env=env)
    assert verified.returncode == 1
    assert "was changed after it was written" in verified.stdout
    web_db.close(viewed)


def test_erasing_someone_unknown_is_an_error_and_changes_nothing(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    ran = kamgraph("privacy", "erase", "p-nobody", "--yes", env=cli_env(neo4j_config))
    assert ran.returncode == 1
    assert "no person with id 'p-nobody'" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert graph.run("MATCH (a:AuditEntry {action: 'erase'}) RETURN count(a)").single() == [0]


def test_a_purge_erases_whoever_is_past_their_retention_date(
    viewed: Flask, graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    today = clock.today()
    graph.run(
        "MATCH (p:Person) WHERE p.id IN ['p-ada-rowan', 'p-irena-sokol'] SET p.retain_until = $day",
        day=today - timedelta(days=1),
    ).consume()
    graph.run(
        "MATCH (p:Person {id: 'p-radomir-velk'}) SET p.retain_until = $day", day=today
    ).consume()
    env = cli_env(neo4j_config)
    people = graph.run("MATCH (p:Person) RETURN count(p)").single()
    assert people is not None
    dry = kamgraph("privacy", "purge", "--dry-run", env=env)
    assert dry.returncode == 0
    assert "2 people are past their retention date; nothing was erased" in dry.stdout
    assert "p-ada-rowan" in dry.stdout
    assert "p-radomir-velk" not in dry.stdout
    assert graph.run("MATCH (p:Person) RETURN count(p)").single() == [people[0]]
    ran = kamgraph("privacy", "purge", "--yes", env=env)
    assert ran.returncode == 0, ran.stderr
    assert "erased 2 people past their retention date" in ran.stdout
    left = graph.run(
        "MATCH (p:Person) WHERE p.id IN ['p-ada-rowan', 'p-irena-sokol', "
        "'p-radomir-velk'] RETURN collect(p.id)"
    ).single()
    assert left == [["p-radomir-velk"]]
    assert kamgraph("audit", "verify", env=env).returncode == 0
    web_db.close(viewed)
