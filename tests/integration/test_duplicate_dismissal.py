""" "Not the same person": a pair of possible duplicates dismissed on the page or with
`kamgraph people not-duplicates`, listed no more, restored, carried by a merge and removed
by an erasure, on the real Neo4j."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import neo4j
from flask import Flask

from kamgraph.models import Person, User
from kamgraph.repository import audit, people
from kamgraph.services import duplicates, merges, privacy
from kamgraph.services import scope as scopes

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, KAM, LEAD, client_of, csrf_token

TWIN, FIRST = "p-maria-kovaleva", "p-mariya-kovaleva"  # the demo's planted duplicate
DISMISSED = "MATCH (:Person)-[r:NOT_DUPLICATE]->(:Person) RETURN count(r) AS n"


def _pairs(html: str) -> set[str]:
    return set(re.findall(r'data-pair="([^"]+)"', html))


def test_a_lead_dismisses_a_pair_and_restores_it(demo_web: Flask) -> None:
    hana = client_of(demo_web, LEAD)
    listed = unescape(hana.get("/people/duplicates").get_data(as_text=True))
    assert f"{TWIN} {FIRST}" in _pairs(listed)
    # A score, labelled as one, with its reasons beside it; no percentage.
    assert "Match score" in listed
    assert "Likelihood" not in listed
    assert re.search(r'data-testid="score">[01]\.\d\d<', listed)
    token = csrf_token(hana, "/people/duplicates")
    done = hana.post(
        "/people/duplicates/dismiss", data={"a": TWIN, "b": FIRST, "csrf_token": token}
    )
    assert done.status_code == 302
    after = unescape(hana.get("/people/duplicates").get_data(as_text=True))
    assert "are marked as two people and are listed no more" in after
    assert f"{TWIN} {FIRST}" not in _pairs(after)
    # Nor does her dossier suggest the merge any more.
    assert "Possible duplicate" not in hana.get(f"/people/{FIRST}").get_data(as_text=True)
    shown = unescape(hana.get("/people/duplicates/dismissed").get_data(as_text=True))
    assert f"{TWIN} {FIRST}" in _pairs(shown)
    assert "Hana Vesterlund" in shown  # who dismissed it
    # The trail says who did it, on the record of the first of the two.
    trail = unescape(client_of(demo_web, ADMIN).get(f"/audit/people/{TWIN}").get_data(True))
    assert "marked two people as not the same person" in trail
    assert "not the same as: — → p-mariya-kovaleva" in trail
    # Restored: listed again, and the trail says so too.
    token = csrf_token(hana, "/people/duplicates/dismissed")
    back = hana.post(
        "/people/duplicates/restore", data={"a": FIRST, "b": TWIN, "csrf_token": token}
    )
    assert back.status_code == 302
    assert back.headers["Location"].endswith("/people/duplicates/dismissed")
    assert f"{TWIN} {FIRST}" in _pairs(hana.get("/people/duplicates").get_data(as_text=True))
    assert "Possible duplicate" in unescape(hana.get(f"/people/{FIRST}").get_data(as_text=True))
    trail = unescape(client_of(demo_web, ADMIN).get(f"/audit/people/{TWIN}").get_data(True))
    assert "restored a pair marked as two people" in trail


def test_the_merge_page_offers_not_the_same_person(demo_web: Flask) -> None:
    hana = client_of(demo_web, LEAD)
    page = unescape(hana.get(f"/people/merge?a={FIRST}&b={TWIN}").get_data(as_text=True))
    assert re.search(r"Match score [01]\.\d\d \(0 to 1\)", page)
    assert "Not the same person" in page
    token = csrf_token(hana, f"/people/merge?a={FIRST}&b={TWIN}")
    done = hana.post(
        "/people/duplicates/dismiss", data={"a": FIRST, "b": TWIN, "csrf_token": token}
    )
    assert done.status_code == 302
    assert f"{TWIN} {FIRST}" not in _pairs(hana.get("/people/duplicates").get_data(as_text=True))
    hana.post("/people/duplicates/restore", data={"a": FIRST, "b": TWIN, "csrf_token": token})
    assert f"{TWIN} {FIRST}" in _pairs(hana.get("/people/duplicates").get_data(as_text=True))


def test_who_may_not_merge_may_not_dismiss(demo_web: Flask, driver: neo4j.Driver) -> None:
    kira = client_of(demo_web, KAM)
    token = csrf_token(kira, "/")
    posted = kira.post(
        "/people/duplicates/dismiss", data={"a": TWIN, "b": FIRST, "csrf_token": token}
    )
    assert posted.status_code == 403
    assert kira.get("/people/duplicates/dismissed").status_code == 403
    restored = kira.post(
        "/people/duplicates/restore", data={"a": TWIN, "b": FIRST, "csrf_token": token}
    )
    assert restored.status_code == 403
    assert driver.execute_query(DISMISSED).records[0]["n"] == 0


def test_a_bad_pair_is_refused_naming_the_field_and_writes_nothing(
    demo_web: Flask, driver: neo4j.Driver
) -> None:
    hana = client_of(demo_web, LEAD)
    token = csrf_token(hana, "/people/duplicates")
    missing = hana.post("/people/duplicates/dismiss", data={"a": TWIN, "csrf_token": token})
    assert missing.status_code == 400
    assert "Name two people: one of them is missing." in unescape(missing.get_data(as_text=True))
    same = hana.post("/people/duplicates/dismiss", data={"a": TWIN, "b": TWIN, "csrf_token": token})
    assert same.status_code == 400
    assert "cannot be a duplicate of themselves" in unescape(same.get_data(as_text=True))
    unknown = hana.post(
        "/people/duplicates/dismiss", data={"a": TWIN, "b": "p-nobody", "csrf_token": token}
    )
    assert unknown.status_code == 404
    no_token = hana.post("/people/duplicates/dismiss", data={"a": TWIN, "b": FIRST})
    assert no_token.status_code == 400
    assert driver.execute_query(DISMISSED).records[0]["n"] == 0


def _twins(graph: neo4j.Session) -> None:
    """Pavel Orlov entered twice, and a namesake who is someone else."""
    for pid, given, phone in (
        ("p-orlov", "Pavel", "+00 55 123 4567"),
        ("p-orlov-again", "Pavel", "+00 55 123 4567"),
        ("p-orlov-other", "Pavel", None),
    ):
        people.create(graph, Person(id=pid, given_name=given, family_name="Orlov", phone=phone))


def _listed(graph: neo4j.Session) -> set[tuple[str, str]]:
    return {(p.a, p.b) for p in duplicates.likely(graph)}


def test_the_cli_dismisses_lists_and_restores(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    _twins(graph)
    env = cli_env(neo4j_config)
    before = kamgraph("people", "duplicates", env=env)
    assert "score 0." in before.stdout
    assert "p-orlov-again (p-orlov-again)" not in before.stdout  # names, then ids
    assert "match score 0.6 or more" in before.stdout
    ran = kamgraph("people", "not-duplicates", "p-orlov-other", "p-orlov", env=env)
    assert ran.returncode == 0, ran.stderr
    assert "marked as two people" in ran.stdout
    pairs = json.loads(kamgraph("people", "duplicates", "--json", env=env).stdout)
    listed = {(p["a"], p["b"]) for p in pairs}
    assert ("p-orlov", "p-orlov-other") not in listed
    assert ("p-orlov", "p-orlov-again") in listed
    shown = kamgraph("people", "duplicates", "--dismissed", env=env).stdout
    assert "(p-orlov)  !=  Pavel Orlov (p-orlov-other)" in shown
    assert "1 pairs marked as two people" in shown
    # Twice is once; the trail has the first.
    kamgraph("people", "not-duplicates", "p-orlov", "p-orlov-other", env=env)
    assert graph.run(DISMISSED).single(strict=True)["n"] == 1
    entries = [e for e in audit.recent(graph, limit=20) if e.action == "duplicate dismiss"]
    assert entries[-1].target_id == "p-orlov"
    assert entries[-1].changes == [("not_the_same_as", None, "p-orlov-other")]
    # Bad input: a clear line, nothing written.
    same = kamgraph("people", "not-duplicates", "p-orlov", "p-orlov", env=env)
    assert same.returncode == 1
    assert "cannot be a duplicate of themselves" in same.stderr
    gone = kamgraph("people", "not-duplicates", "p-orlov", "p-nobody", env=env)
    assert gone.returncode == 1
    assert graph.run(DISMISSED).single(strict=True)["n"] == 1
    back = kamgraph("people", "not-duplicates", "p-orlov", "p-orlov-other", "--restore", env=env)
    assert back.returncode == 0, back.stderr
    assert ("p-orlov", "p-orlov-other") in _listed(graph)
    again = kamgraph("people", "not-duplicates", "p-orlov", "p-orlov-other", "--restore", env=env)
    assert again.returncode == 1
    assert "not marked as two different people" in again.stderr


def test_an_erasure_removes_the_dismissal(graph: neo4j.Session) -> None:
    _twins(graph)
    duplicates.dismiss(graph, "p-orlov", "p-orlov-other", by="u-lead")
    privacy.erase(graph, "p-orlov-other", by="u-admin", path="cli")
    assert graph.run(DISMISSED).single(strict=True)["n"] == 0
    assert [d.b for d in duplicates.dismissed_page(graph, _everything()).pairs] == []


def test_a_merge_carries_the_dismissal_to_the_survivor(graph: neo4j.Session) -> None:
    _twins(graph)
    # Someone found the second entry and the namesake to be two people, and, wrongly,
    # the two entries of Pavel too; then they are merged after all.
    duplicates.dismiss(graph, "p-orlov-other", "p-orlov-again", by="u-lead")
    duplicates.dismiss(graph, "p-orlov-again", "p-orlov", by="u-lead")
    merges.merge(
        graph, "p-orlov", "p-orlov-again", keep="a", choices={}, versions=None, by="u-lead"
    )
    stored = graph.run(
        "MATCH (a:Person)-[r:NOT_DUPLICATE]->(b:Person) RETURN a.id AS a, b.id AS b, r.by AS by"
    ).data()
    assert stored == [{"a": "p-orlov", "b": "p-orlov-other", "by": "u-lead"}]
    assert ("p-orlov", "p-orlov-other") not in _listed(graph)


def _everything() -> scopes.Scope:
    return scopes.Scope(User("u-admin", "admin@example.org", "Ines", "admin"), everything=True)
