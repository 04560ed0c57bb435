"""The synthetic region generator, without a database: determinism and shape."""

from collections import Counter

from kamgraph.seeding.generate import Shape, chunks


def _flatten(shape: Shape) -> dict[str, list[dict[str, object]]]:
    tables: dict[str, list[dict[str, object]]] = {}
    for bundle in chunks(shape):
        for name, rows in bundle.tables.items():
            tables.setdefault(name, []).extend(rows)
    return tables


def test_same_seed_same_region_and_another_seed_another() -> None:
    assert _flatten(Shape(people=600, seed=7)) == _flatten(Shape(people=600, seed=7))
    assert _flatten(Shape(people=600, seed=7)) != _flatten(Shape(people=600, seed=8))


def test_about_ten_relationships_per_person_with_one_job_each() -> None:
    tables = _flatten(Shape(people=2_000, seed=1))
    people = tables["people"]
    rels = tables["relationships"]
    assert len(people) == 2_000
    assert 9 <= len(rels) / len(people) <= 12
    types = Counter(str(r["type"]) for r in rels)
    assert types["WORKS_AT"] == 2_000
    assert {"KNOWS", "INFLUENCES", "REPORTS_TO", "COVERS", "ROLE_IN", "MEMBER_OF"} <= set(types)
    keys = [(r["type"], r["from_id"], r["to_id"]) for r in rels]
    assert len(keys) == len(set(keys))
