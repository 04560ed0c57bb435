"""`kamgraph seed demo` and `seed generate` against the real Neo4j."""

from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph.seeding import demo, generate

from .helpers import cli_env, kamgraph


def _counts(graph: neo4j.Session) -> tuple[int, int]:
    record = graph.run(
        "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels"
    ).single()
    assert record is not None
    return int(record["nodes"]), int(record["rels"])


def test_generate_writes_the_region_and_a_second_run_changes_nothing(
    graph: neo4j.Session,
) -> None:
    shape = generate.Shape(people=800, seed=5)
    first = generate.write_region(graph, shape)
    assert first.created["people"] == 800
    nodes, rels = _counts(graph)
    assert 9 * 800 <= rels <= 13 * 800
    again = generate.write_region(graph, shape)
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert _counts(graph) == (nodes, rels)


def test_seed_generate_cli_reports_throughput(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    result = kamgraph("seed", "generate", "--people", "300", "--seed", "2",
                      env=cli_env(neo4j_config))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "generated 300 people (seed 2)" in result.stdout
    assert "rows/s" in result.stdout
    assert _counts(graph)[0] > 300


def test_demo_dates_move_by_whole_weeks_and_never_backwards() -> None:
    assert demo.week_shift(demo.ANCHOR) == timedelta(0)
    assert demo.week_shift(demo.ANCHOR - timedelta(days=30)) == timedelta(0)
    assert demo.week_shift(demo.ANCHOR + timedelta(days=13)) == timedelta(weeks=1)
    assert demo.week_shift(date(2027, 11, 23)) == timedelta(weeks=52)
