"""The schema on the real Neo4j: constraints per entity, idempotent init, Conflict on duplicates."""

from typing import Any

import neo4j
import pytest
from neo4j.exceptions import ConstraintError

from kamgraph.errors import Conflict
from kamgraph.models import Person
from kamgraph.repository import people

from .helpers import cli_env, kamgraph

ENTITY_LABELS = {"Person", "Organization", "Tender", "Product", "Event", "Interaction", "User"}
PLAN_LABELS = {
    *("PersonPlan", "PersonPlanStep", "Sale", "AccountPlan"),
    *("Proposal", "ProposalArgument", "ProposalStep"),
}


def _schema(graph: neo4j.Session) -> tuple[list[Any], list[Any]]:
    constraints = graph.run("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties").data()
    indexes = graph.run("SHOW INDEXES YIELD name, type, labelsOrTypes, properties").data()
    return sorted(constraints, key=str), sorted(indexes, key=str)


def test_every_entity_label_has_a_uniqueness_constraint_on_id(graph: neo4j.Session) -> None:
    constraints, _ = _schema(graph)
    unique_on_id = {
        c["labelsOrTypes"][0]
        for c in constraints
        if c["type"] == "UNIQUENESS" and c["properties"] == ["id"]
    }
    # and the change counter, the transfers of value (not an import table), and the plans
    # and the ids merged away (MergedPerson, which leads to the person they became), and
    # deputyships during an absence, and API tokens
    assert unique_on_id == {
        *ENTITY_LABELS,
        *PLAN_LABELS,
        "GraphRevision",
        "Transfer",
        "MergedPerson",
        "Deputyship",
        "ApiToken",
    }


def test_fulltext_indexes_exist_for_names_jobs_and_products(graph: neo4j.Session) -> None:
    _, indexes = _schema(graph)
    fulltext = {i["labelsOrTypes"][0]: i["properties"] for i in indexes if i["type"] == "FULLTEXT"}
    assert fulltext == {
        "Person": ["name", "search_key", "specialty"],
        "Organization": ["name", "search_key", "short_name", "city"],
        "Tender": ["title", "search_key", "reference"],
        "Event": ["name", "search_key", "city"],
        "WORKS_AT": ["title", "department"],
        "Product": ["name", "inn"],
    }


def test_db_init_twice_is_a_no_op(graph: neo4j.Session, neo4j_config: dict[str, Any]) -> None:
    before = _schema(graph)
    result = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert result.returncode == 0, result.stderr
    assert "schema is up to date: nothing to create" in result.stdout
    assert _schema(graph) == before


def test_the_constraint_refuses_a_second_person_with_the_same_id(graph: neo4j.Session) -> None:
    graph.run("CREATE (:Person {id: 'p-1'})").consume()
    with pytest.raises(ConstraintError):
        graph.run("CREATE (:Person {id: 'p-1'})").consume()


def test_repository_turns_a_duplicate_id_into_conflict_and_keeps_the_first(
    graph: neo4j.Session,
) -> None:
    people.create(graph, Person(id="p-1", given_name="Ada", family_name="Rowan"))
    with pytest.raises(Conflict, match="p-1"):
        people.create(graph, Person(id="p-1", given_name="Someone", family_name="Else"))
    rows = graph.run("MATCH (p:Person {id: 'p-1'}) RETURN p.name AS name").data()
    assert rows == [{"name": "Ada Rowan"}]
