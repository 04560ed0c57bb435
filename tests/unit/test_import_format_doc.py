"""docs/import-format.md documents every table, column and relationship type of the spec."""

from pathlib import Path

from kamgraph.schema import ALL_TABLES, RELATIONSHIP_RULES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "import-format.md").read_text()


def test_every_table_and_column_is_documented() -> None:
    for table in ALL_TABLES:
        section = DOC.split(f"### {table.name}.csv", 1)
        assert len(section) == 2, f"no section for {table.name}.csv"
        body = section[1].split("###", 1)[0]
        for column in table.columns:
            assert f"| `{column.name}` |" in body, f"{table.name}.{column.name} undocumented"


def test_every_relationship_type_is_documented() -> None:
    for rel_type in RELATIONSHIP_RULES:
        assert f"| `{rel_type}` |" in DOC, rel_type


def test_the_schema_and_the_model_mark_the_same_fields_sensitive() -> None:
    from kamgraph.models import Person, sensitive_fields
    from kamgraph.schema import PEOPLE, TABLES_BY_NAME

    assert {c.name for c in PEOPLE.columns if c.sensitive} == sensitive_fields(Person)
    others = [
        c.name for t in TABLES_BY_NAME.values() if t is not PEOPLE for c in t.columns if c.sensitive
    ]
    assert others == []  # only a person's own fields are sensitive for now
