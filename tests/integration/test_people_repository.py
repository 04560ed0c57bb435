"""The person repository on the real Neo4j: versions, conflicts, creates, deletes, merges."""

import threading
from dataclasses import replace
from datetime import date
from typing import Any

import neo4j
import pytest

from kamgraph import clock
from kamgraph.errors import Conflict, NotFound
from kamgraph.models import Birthday, Person
from kamgraph.repository import people

ADA = Person(
    id="p-ada",
    given_name="Ada",
    family_name="Rowan",
    titles=("Prof.", "Dr."),
    specialty="Cardiology",
    languages=("en", "de"),
    birthday=Birthday(3, 12, 1961),
    hobbies=("sailing", "opera"),
    family=("married to Tom",),
    values=("patient outcomes",),
    dmu_type="boss",
    notes="prefers mornings",
    retain_until=date(2030, 1, 1),
    collected_on=date(2026, 1, 5),
)


def test_a_person_comes_back_exactly_as_created(graph: neo4j.Session) -> None:
    ivan = Person(id="p-ivan", given_name="Иван", family_name="Петров", birthday=Birthday(2, 29))
    assert people.create(graph, ADA) == ADA
    # Created without a collection date: today's, the day we first recorded him (Art. 14).
    ivan_stored = replace(ivan, collected_on=clock.today())
    assert people.create(graph, ivan) == ivan_stored
    assert people.get(graph, "p-ada") == ADA
    assert people.get(graph, "p-ivan") == ivan_stored
    assert people.get(graph, "p-nobody") is None
    stored = graph.run("MATCH (p:Person {id: 'p-ada'}) RETURN p.name AS name").single()
    assert stored is not None
    assert stored["name"] == "Prof. Dr. Ada Rowan"


def test_create_is_idempotent_but_a_different_person_with_the_same_id_conflicts(
    graph: neo4j.Session,
) -> None:
    people.create(graph, ADA)
    assert people.create(graph, ADA) == ADA  # a retried or double-submitted create
    impostor = replace(ADA, given_name="Eve")
    with pytest.raises(Conflict, match="a different person with id 'p-ada' already exists"):
        people.create(graph, impostor)
    assert people.get(graph, "p-ada") == ADA


def test_a_stale_edit_conflicts_and_the_first_edit_survives(graph: neo4j.Session) -> None:
    people.create(graph, ADA)
    first = people.update(
        graph, replace(ADA, specialty="Interventional cardiology"), expected_version=1
    )
    assert first.version == 2
    with pytest.raises(Conflict, match="now version 2, your edit was based on version 1"):
        people.update(graph, replace(ADA, hobbies=("golf",)), expected_version=1)
    assert people.get(graph, "p-ada") == first


def test_updating_a_missing_person_is_not_found(graph: neo4j.Session) -> None:
    with pytest.raises(NotFound):
        people.update(graph, ADA, expected_version=1)


def test_concurrent_edits_from_the_same_version_exactly_one_wins(
    graph: neo4j.Session, driver: neo4j.Driver, neo4j_config: dict[str, Any]
) -> None:
    people.create(graph, ADA)
    editors = 6
    barrier = threading.Barrier(editors)
    outcomes: dict[int, Person | Conflict] = {}

    def edit(n: int) -> None:
        with driver.session(database=str(neo4j_config["NEO4J_DATABASE"])) as session:
            barrier.wait()
            try:
                outcomes[n] = people.update(
                    session, replace(ADA, notes=f"edit {n}"), expected_version=1
                )
            except Conflict as conflict:
                outcomes[n] = conflict

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, outcome in outcomes.items() if isinstance(outcome, Person)]
    assert len(outcomes) == editors
    assert len(winners) == 1
    stored = people.get(graph, "p-ada")
    assert stored is not None
    assert (stored.version, stored.notes) == (2, f"edit {winners[0]}")


def _relationship_count(graph: neo4j.Session) -> int:
    record = graph.run("MATCH ()-[r]->() RETURN count(r) AS n").single()
    assert record is not None
    return int(record["n"])


def _build_circle(graph: neo4j.Session) -> None:
    graph.run(
        """
        CREATE (a:Person {id: 'p-ada', given_name: 'Ada', family_name: 'Rowan', version: 1}),
               (b:Person {id: 'p-bo', given_name: 'Bo', family_name: 'Lind', version: 1}),
               (c:Person {id: 'p-cy', given_name: 'Cy', family_name: 'Moss', version: 1}),
               (u:User {id: 'u-kam', email: 'k@x.example', name: 'Kira', role: 'kam'}),
               (t:Tender {id: 't-1', title: 'Stents', status: 'announced'}),
               (alone:Interaction {id: 'i-alone', kind: 'visit'}),
               (shared:Interaction {id: 'i-shared', kind: 'visit'}),
               (a)-[:KNOWS {kind: 'colleague', strength: 0.8}]->(b),
               (c)-[:INFLUENCES {weight: 0.7}]->(a),
               (a)-[:ROLE_IN {role: 'decision_maker', stance: 'champion'}]->(t),
               (u)-[:COVERS {stage: 'loyalty'}]->(a),
               (alone)-[:WITH]->(a), (shared)-[:WITH]->(a), (shared)-[:WITH]->(b)
        """
    ).consume()


def test_deleting_a_person_leaves_nothing_orphaned(graph: neo4j.Session) -> None:
    _build_circle(graph)
    assert people.delete(graph, "p-ada") == 1
    left = graph.run("MATCH (n) WHERE NOT n:GraphRevision RETURN n.id AS id ORDER BY id").value()
    assert left == ["i-shared", "p-bo", "p-cy", "t-1", "u-kam"]
    assert _relationship_count(graph) == 1  # i-shared WITH p-bo
    with pytest.raises(NotFound):
        people.delete(graph, "p-ada")


def test_merging_duplicates_keeps_every_relationship_and_interaction(
    graph: neo4j.Session,
) -> None:
    _build_circle(graph)
    graph.run(
        """
        CREATE (d:Person {id: 'p-ada2', given_name: 'Ada', family_name: 'Rowan',
                          specialty: 'Cardiology', hobbies: ['chess'], version: 1})
        WITH d
        MATCH (b:Person {id: 'p-bo'}), (c:Person {id: 'p-cy'}), (a:Person {id: 'p-ada'})
        MATCH (u:User {id: 'u-kam'}), (shared:Interaction {id: 'i-shared'})
        CREATE (d)-[:KNOWS {kind: 'friend', strength: 0.3}]->(b),
               (d)-[:REPORTS_TO]->(c),
               (u)-[:COVERS {stage: 'contact'}]->(d),
               (shared)-[:WITH]->(d),
               (:Interaction {id: 'i-dup'})-[:WITH]->(d),
               (d)-[:KNOWS {kind: 'colleague'}]->(a)
        """
    ).consume()
    kept = people.merge(graph, "p-ada", "p-ada2")
    assert kept.specialty == "Cardiology"
    assert kept.hobbies == ("chess",)
    assert kept.version == 2
    assert people.get(graph, "p-ada2") is None
    ties = graph.run(
        """
        MATCH (a:Person {id: 'p-ada'})-[r]-(x) WHERE NOT x:Change  // the merge's own log entry
        RETURN type(r) + ' ' + x.id + ' ' + coalesce(r.kind, r.stage, '') AS tie ORDER BY tie
        """
    ).value()
    assert ties == [
        "COVERS u-kam loyalty",  # Ada's own tie wins over the duplicate's
        "INFLUENCES p-cy ",
        "KNOWS p-bo colleague",
        "MERGED_INTO p-ada2 ",  # the merged-away id leads here
        "REPORTS_TO p-cy ",
        "ROLE_IN t-1 ",
        "WITH i-alone ",
        "WITH i-dup ",
        "WITH i-shared ",
    ]
    merged_ids = graph.run("MATCH (p:Person {id: 'p-ada'}) RETURN p.merged_ids AS m").value()
    assert merged_ids == [["p-ada2"]]
