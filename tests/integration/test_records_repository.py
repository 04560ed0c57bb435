"""Organizations and tenders: versioned edits that also move their links, atomically."""

from dataclasses import replace
from datetime import date

import neo4j
import pytest

from kamgraph.errors import Conflict
from kamgraph.models import Organization, Tender
from kamgraph.repository import records

HOSPITAL = Organization(id="o-h", name="St. Aurel Hospital", kind="hospital", city="Velmora")
OTHER = Organization(id="o-h2", name="Ostrant Hospital", kind="hospital")
CARDIO = Organization(id="o-card", name="Cardiology", kind="department", parent_id="o-h")


def _parent_of(graph: neo4j.Session, org_id: str) -> list[str]:
    return graph.run(
        "MATCH (:Organization {id: $id})-[:PART_OF]->(p) RETURN p.id", id=org_id
    ).value()


def test_organization_with_parent_round_trips(graph: neo4j.Session) -> None:
    records.create(graph, HOSPITAL)
    assert records.create(graph, CARDIO) == CARDIO
    assert records.get(graph, Organization, "o-card") == CARDIO
    assert _parent_of(graph, "o-card") == ["o-h"]
    assert records.create(graph, CARDIO) == CARDIO  # idempotent
    with pytest.raises(Conflict, match="a different organization with id 'o-card'"):
        records.create(graph, replace(CARDIO, name="Oncology"))


def test_stale_edit_moves_nothing_and_a_current_one_moves_the_parent(
    graph: neo4j.Session,
) -> None:
    for org in (HOSPITAL, OTHER, CARDIO):
        records.create(graph, org)
    moved = records.update(graph, replace(CARDIO, parent_id="o-h2"), expected_version=1)
    assert (moved.parent_id, moved.version) == ("o-h2", 2)
    with pytest.raises(Conflict, match="now version 2"):
        records.update(graph, replace(CARDIO, parent_id=None, name="X"), expected_version=1)
    assert _parent_of(graph, "o-card") == ["o-h2"]
    assert records.get(graph, Organization, "o-card") == moved


def test_tender_keeps_its_buyer_and_dates(graph: neo4j.Session) -> None:
    records.create(graph, HOSPITAL)
    tender = Tender(
        id="t-1",
        title="Stents 2027",
        buyer_id="o-h",
        status="announced",
        submission_deadline=date(2027, 1, 15),
    )
    assert records.create(graph, tender) == tender
    edited = records.update(graph, replace(tender, status="submitted"), expected_version=1)
    assert (edited.status, edited.buyer_id, edited.version) == ("submitted", "o-h", 2)
