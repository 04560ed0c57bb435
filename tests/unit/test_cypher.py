"""Cypher by name: loading, caching, clear errors, and the files' own conventions."""

import re

import pytest

from kamgraph.cypher import UnknownQuery, q, q_with, query_names, statements


def test_query_is_loaded_by_name_and_cached() -> None:
    text = q("person/delete")
    assert "DETACH DELETE p" in text
    assert q("person/delete") is text


def test_unknown_query_names_the_file_and_suggests_close_names() -> None:
    with pytest.raises(
        UnknownQuery, match=r"cypher/person/delet\.cypher.*did you mean person/delete"
    ):
        q("person/delet")


@pytest.mark.parametrize("name", ["../pyproject", "person/../schema", "/etc/passwd", "Person/Get"])
def test_names_outside_the_cypher_folder_are_refused(name: str) -> None:
    with pytest.raises(UnknownQuery):
        q(name)


def test_every_query_file_starts_with_a_comment_saying_what_it_returns() -> None:
    for name in query_names():
        assert q(name).lstrip().startswith("//"), f"cypher/{name}.cypher has no header comment"


def test_no_query_formats_values_into_its_text() -> None:
    # Values are $parameters; a '{}' or '%s' placeholder means string formatting.
    for name in query_names():
        assert not re.search(r"\{\}|%s|\{\d+\}", q(name)), name


def test_schema_splits_into_idempotent_statements() -> None:
    parts = statements("schema")
    assert len(parts) >= 18
    # Creations only if missing; the only other statements drop replaced indexes, if there.
    assert all(
        "IF NOT EXISTS" in part or (part.startswith("DROP INDEX") and part.endswith("IF EXISTS"))
        for part in parts
    )
    assert not any(part.endswith(";") or part.startswith("//") for part in parts)


def test_schema_has_a_uniqueness_constraint_for_every_entity_label() -> None:
    schema = q("schema")
    for label in ("Person", "Organization", "Tender", "Product", "Event", "Interaction", "User"):
        assert re.search(rf"FOR \(n:{label}\) REQUIRE n\.id IS UNIQUE", schema), label


def test_labels_and_types_are_filled_in_only_as_plain_identifiers() -> None:
    text = q_with("entity/get", LABEL="Person")
    assert "MATCH (n:Person {id: $id})" in text
    with pytest.raises(ValueError, match="is not a label or relationship type"):
        q_with("entity/get", LABEL="Person) DETACH DELETE (n")
    with pytest.raises(ValueError, match="still needs LABEL="):
        q_with("entity/get")
