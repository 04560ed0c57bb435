"""`kamgraph seed demo` and `seed generate` against the real Neo4j."""

from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph.seeding import demo, generate

from .helpers import cli_env, graph_counts, kamgraph, kamgraph_process


def test_generate_writes_the_region_and_a_second_run_changes_nothing(
    graph: neo4j.Session,
) -> None:
    shape = generate.Shape(people=800, seed=5)
    first = generate.write_region(graph, shape)
    assert first.created["people"] == 800
    nodes, rels = graph_counts(graph)
    assert 9 * 800 <= rels <= 13 * 800
    again = generate.write_region(graph, shape)
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert graph_counts(graph) == (nodes, rels)


def test_seed_generate_cli_reports_throughput(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    result = kamgraph(
        "seed", "generate", "--people", "300", "--seed", "2", env=cli_env(neo4j_config)
    )
    assert result.returncode == 0, result.stderr
    assert "generated 300 people (seed 2)" in result.stdout
    assert "rows/s" in result.stdout
    assert graph_counts(graph)[0] > 300


def test_demo_dates_move_by_whole_weeks_and_never_backwards() -> None:
    assert demo.week_shift(demo.ANCHOR) == timedelta(0)
    assert demo.week_shift(demo.ANCHOR - timedelta(days=30)) == timedelta(0)
    assert demo.week_shift(demo.ANCHOR + timedelta(days=13)) == timedelta(weeks=1)
    assert demo.week_shift(date(2027, 11, 23)) == timedelta(weeks=52)


def test_seed_demo_loads_the_region_once(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    # The installed entry point once, as a real process; everywhere else, in-process.
    first = kamgraph_process("seed", "demo", env=env)
    assert first.returncode == 0, first.stderr
    assert "demo region loaded:" in first.stdout
    # Audit entries aside: each run is recorded, even one that changes nothing.
    count_labels = "MATCH (n) WHERE NOT n:AuditEntry RETURN labels(n)[0] AS l, count(*) AS c"
    labels = dict(graph.run(count_labels).values())
    assert labels["Person"] == 251  # 250 and one entered twice (the duplicates list's)
    assert labels["Tender"] == 10
    assert labels["User"] == 11
    before = (labels, graph.run("MATCH ()-[r]->() RETURN count(r)").single())
    again = kamgraph("seed", "demo", env=env)
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 updated" in again.stdout
    after = dict(graph.run(count_labels).values())
    assert graph.run("MATCH (a:AuditEntry {action: 'import'}) RETURN count(a)").single() == [2]
    assert (after, graph.run("MATCH ()-[r]->() RETURN count(r)").single()) == before


def test_demo_plants_hidden_influencers_bridges_and_gaps(graph: neo4j.Session) -> None:
    demo.load_demo(graph, today=demo.ANCHOR)
    hidden = graph.run(
        """
        MATCH (p:Person) WHERE p.id IN ['p-johanna-berk', 'p-mirela-dascu', 'p-albrecht-quist']
        RETURN p.id AS id, EXISTS { (p)-[:ROLE_IN]->() } AS has_role,
               COUNT { (p)-[:INFLUENCES]->() } AS moves
        ORDER BY id
        """
    ).data()
    assert [(h["has_role"], h["moves"] >= 4) for h in hidden] == [(False, True)] * 3
    uncovered = graph.run(
        """
        MATCH (p:Person)-[:ROLE_IN]->(:Tender {id: $tender})
        WHERE NOT EXISTS { (:User)-[:COVERS]->(p) }
        RETURN p.id ORDER BY p.id
        """,
        tender="t-aurel-lmwh-2027",
    ).value()
    assert uncovered == ["p-bruno-castell"]


def test_demo_meetings_follow_the_calendar_birthdays_do_not_and_a_reload_is_a_no_op(
    graph: neo4j.Session,
) -> None:
    later = demo.ANCHOR + timedelta(weeks=3, days=2)
    demo.load_demo(graph, today=later)
    meetings = graph.run("MATCH (i:Interaction {id: 'i-106'}) RETURN i.date AS d").single()
    assert meetings is not None
    assert meetings["d"].to_native() == date(2026, 11, 25) + timedelta(weeks=3)
    birthday = graph.run(
        "MATCH (p:Person {id: 'p-elias-nordin'}) RETURN p.birthday_md AS md"
    ).single()
    assert birthday is not None
    assert birthday["md"] == "11-25"  # a birth date is a fact: it never moves with the demo
    again = demo.load_demo(graph, today=later + timedelta(days=1))
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
